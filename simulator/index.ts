// Local Amazon Selling Partner API simulator: Login with Amazon, Orders API v0 and 2026-01-01,
// Tokens API, Feeds API (XML order feeds), Reports (settlements) and Finances, in Amazon's exact shapes, with a control API for tests and demos.
import { SpApiSimulator, type Simulator, type SimulatorOptions } from "./server"

export type { Simulator, SimulatorOptions } from "./server"
export type { SimulatorControls } from "./control-api"
export { CONTROL_ENDPOINTS } from "./control-api"
export { bulkOrders, demoOrders, DEMO_SKUS } from "./demo-orders"
export type { BulkOrdersOptions, DemoOrdersOptions } from "./demo-orders"
export { DEFAULT_SELLER } from "./state"
export { USAGE_PLANS } from "./rate-limits"
export type { UsagePlan } from "./rate-limits"
export { MARKETPLACES } from "./marketplaces"
export { SETTLEMENT_COLUMNS, SETTLEMENT_REPORT_TYPE, DOCUMENT_LINK_LIFETIME_MS } from "./settlements"
export type { ClosedSettlement, CloseSettlementOptions, SimRefund } from "./settlements"
export * from "./types"
export { DEFAULT_VENDOR_CODE } from "./vendor-store"
export type { SimPurchaseOrderSeed, SimPurchaseOrderItemSeed, SimPurchaseOrder } from "./vendor-store"

/** Starts a simulator; resolves once it listens (well under a second). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const simulator = new SpApiSimulator(options)
  await simulator.listen()
  return simulator
}
