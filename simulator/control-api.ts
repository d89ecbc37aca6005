// HTTP control API under /_sim/... so that a demo (or a browser test) can drive the simulator
// from outside the process. Each endpoint mirrors a method of the programmatic Simulator API.
import { customizationZip } from "./customization-zip"
import { demoOrders } from "./demo-orders"
import type { ClosedSettlement, CloseSettlementOptions, SimRefund } from "./settlements"
import type { SimAddress, SimFaultSpec, SimFeedSnapshot, SimOrderSeed, SimOrderSnapshot, SimOrderStatus, SimRequestLogEntry, SimSeller } from "./types"

/** The part of the Simulator that the control API drives. */
export interface SimulatorControls {
  seedOrders(orders: SimOrderSeed[]): void
  listOrders(): SimOrderSnapshot[]
  getOrderSnapshot(id: string): SimOrderSnapshot | undefined
  setOrderStatus(id: string, status: SimOrderStatus): void
  updateAddress(id: string, address: Partial<SimAddress>): void
  requestBuyerCancel(id: string, reason: string): void
  reset(): void
  requests(): SimRequestLogEntry[]
  clearRequests(): void
  injectFault(fault: SimFaultSpec): void
  clearFaults(): void
  pendingFaults(): Array<SimFaultSpec & { remaining: number }>
  addSeller(seller: SimSeller): void
  advanceTime(ms: number): void
  now(): Date
  customizationText(orderItemId: string): string | undefined
  /** Every feed received, with its status now, its uploaded document and, once processed, its report. */
  listFeeds(): SimFeedSnapshot[]
  getFeedSnapshot(feedId: string): SimFeedSnapshot | undefined
  /** Closes the open settlement(s) now: their events become a settlement report getReports lists. */
  closeSettlement(options?: CloseSettlementOptions): ClosedSettlement[]
  /** A refund Amazon makes on its own side (not through the seller), in Finances now and in the next settlement. */
  refundOrder(orderId: string, items?: Array<{ orderItemId: string; quantity: number }>): SimRefund
}

export interface ControlResponse {
  status: number
  json?: unknown
  raw?: { contentType: string; data: Buffer }
}

/** One line per endpoint; GET /_sim answers with this list. */
export const CONTROL_ENDPOINTS = [
  "GET    /_sim/health",
  "POST   /_sim/reset",
  "GET    /_sim/orders",
  "POST   /_sim/orders                      body: SimOrderSeed | SimOrderSeed[] | { orders: SimOrderSeed[] }",
  "POST   /_sim/seed/demo                   seeds demoOrders()",
  "GET    /_sim/orders/{id}",
  "POST   /_sim/orders/{id}/status          body: { status }",
  "POST   /_sim/orders/{id}/address         body: Partial<SimAddress>",
  "POST   /_sim/orders/{id}/buyer-cancel    body: { reason }",
  "POST   /_sim/orders/{id}/refund          body: { items?: [{ orderItemId, quantity }] } (a refund made on Amazon's side)",
  "POST   /_sim/settlements/close           body: { marketplaceId?, sellerId?, compression?: GZIP|NONE, bulkLines?, shortPay?: [{ orderId, amountMinor }], withhold?: [orderId], damage?: { kind: non-numeric-amount, line? } | { kind: truncated } }",
  "GET    /_sim/requests",
  "DELETE /_sim/requests",
  "GET    /_sim/faults",
  "POST   /_sim/faults                      body: SimFaultSpec",
  "DELETE /_sim/faults",
  "POST   /_sim/sellers                     body: SimSeller",
  "GET    /_sim/clock",
  "POST   /_sim/clock/advance               body: { ms }",
  "GET    /_sim/customizations/{orderItemId}.zip",
  "GET    /_sim/feeds                       feeds received, with status, document and processing report",
  "GET    /_sim/feeds/{feedId}",
]

function asObject(body: unknown): Record<string, unknown> {
  return typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {}
}

export function handleControl(sim: SimulatorControls, method: string, path: string, body: unknown): ControlResponse {
  // "/_sim/orders/111-1/status" -> parts ["orders", "111-1", "status"], route "POST /orders/:id/status"
  const parts = path.split("/").filter(Boolean).slice(1).map(decodeURIComponent)
  const hasId = (parts[0] === "orders" || parts[0] === "customizations" || parts[0] === "feeds") && parts.length >= 2
  const route = `${method} /${(hasId ? [parts[0], ":id", ...parts.slice(2)] : parts).join("/")}`
  const ok = (json: unknown = { ok: true }): ControlResponse => ({ status: 200, json })
  try {
    switch (route) {
      case "GET /":
        return ok({ endpoints: CONTROL_ENDPOINTS })
      case "GET /health":
        return ok({ ok: true, now: sim.now().toISOString() })
      case "POST /reset":
        sim.reset()
        return ok()
      case "GET /orders":
        return ok({ orders: sim.listOrders() })
      case "POST /orders": {
        const seeds = Array.isArray(body) ? body : Array.isArray(asObject(body).orders) ? (asObject(body).orders as unknown[]) : [body]
        sim.seedOrders(seeds as SimOrderSeed[])
        return ok({ ids: (seeds as SimOrderSeed[]).map((seed) => seed.id) })
      }
      case "POST /seed/demo": {
        const seeds = demoOrders({ now: sim.now() })
        sim.seedOrders(seeds)
        return ok({ ids: seeds.map((seed) => seed.id) })
      }
      case "GET /orders/:id": {
        const order = sim.getOrderSnapshot(parts[1])
        return order ? ok(order) : { status: 404, json: { error: `Unknown order ${parts[1]}` } }
      }
      case "POST /orders/:id/status":
        sim.setOrderStatus(parts[1], asObject(body).status as SimOrderStatus)
        return ok(sim.getOrderSnapshot(parts[1]))
      case "POST /orders/:id/address":
        sim.updateAddress(parts[1], asObject(body) as Partial<SimAddress>)
        return ok(sim.getOrderSnapshot(parts[1]))
      case "POST /orders/:id/buyer-cancel":
        sim.requestBuyerCancel(parts[1], String(asObject(body).reason ?? "Buyer requested cancellation"))
        return ok(sim.getOrderSnapshot(parts[1]))
      case "POST /orders/:id/refund": {
        const items = asObject(body).items
        return ok(sim.refundOrder(parts[1], Array.isArray(items) ? (items as Array<{ orderItemId: string; quantity: number }>) : undefined))
      }
      case "POST /settlements/close":
        return ok({ settlements: sim.closeSettlement(asObject(body) as CloseSettlementOptions) })
      case "GET /requests":
        return ok({ requests: sim.requests() })
      case "DELETE /requests":
        sim.clearRequests()
        return ok()
      case "GET /faults":
        return ok({ faults: sim.pendingFaults() })
      case "POST /faults":
        sim.injectFault(asObject(body) as unknown as SimFaultSpec)
        return ok({ faults: sim.pendingFaults() })
      case "DELETE /faults":
        sim.clearFaults()
        return ok()
      case "POST /sellers":
        sim.addSeller(asObject(body) as unknown as SimSeller)
        return ok()
      case "GET /clock":
        return ok({ now: sim.now().toISOString() })
      case "POST /clock/advance":
        sim.advanceTime(Number(asObject(body).ms))
        return ok({ now: sim.now().toISOString() })
      case "GET /feeds":
        return ok({ feeds: sim.listFeeds() })
      case "GET /feeds/:id": {
        const feed = sim.getFeedSnapshot(parts[1])
        return feed ? ok(feed) : { status: 404, json: { error: `Unknown feed ${parts[1]}` } }
      }
      case "GET /customizations/:id": {
        const orderItemId = parts[1].replace(/\.zip$/, "")
        const text = sim.customizationText(orderItemId)
        if (text === undefined) return { status: 404, json: { error: `No customization for order item ${orderItemId}` } }
        return { status: 200, raw: { contentType: "application/zip", data: customizationZip(orderItemId, text) } }
      }
      default:
        return { status: 404, json: { error: `Unknown control endpoint ${method} ${path}`, endpoints: CONTROL_ENDPOINTS } }
    }
  } catch (error) {
    return { status: 400, json: { error: (error as Error).message } }
  }
}
