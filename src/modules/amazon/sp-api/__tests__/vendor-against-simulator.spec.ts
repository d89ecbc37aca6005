/**
 * Vendor Orders and Vendor Transaction Status through the real client against the simulator: PO pages by
 * nextToken, the change filters, an acknowledgement answered asynchronously (Processing → Success / Failure with
 * Amazon's errors), the status API's cancelled quantities, and every exchange checked against Amazon's models.
 */
import { DEFAULT_SELLER, DEFAULT_VENDOR_CODE, startSimulator, type Simulator } from "../../../../../simulator"
import { expectConformantExchanges, modelsDir } from "../../../../../test-utils/conformance"
import { createSpApiClient, type SpApiClient } from "../client"
import { closeIdleSpApiConnections } from "../endpoint-agent"
import { RateLimiter } from "../rate-limiter"
import { splitVendorOrderWindow } from "../vendor-orders"
import type { OrderAcknowledgement } from "../schemas/vendor-orders"

const HOUR_MS = 60 * 60 * 1000
const DAY_MS = 24 * HOUR_MS

describe("vendor orders through the client against the simulator", () => {
  let simulator: Simulator
  let client: SpApiClient

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, timeScale: 1000 })
    client = createSpApiClient(
      {
        region: "na",
        clientId: DEFAULT_SELLER.clientId,
        clientSecret: DEFAULT_SELLER.clientSecret,
        refreshToken: DEFAULT_SELLER.refreshToken,
        endpoint: simulator.url,
        tokenEndpoint: `${simulator.url}/auth/o2/token`,
        accountKey: "simulator-vendor",
      },
      { timeScale: 1000, maxRetries: 1, rateLimiter: new RateLimiter({ timeScale: 1000 }) }
    )
  })

  afterAll(async () => {
    closeIdleSpApiConnections()
    await simulator.close()
  })

  beforeEach(() => simulator.reset())

  afterEach(() => {
    if (modelsDir()) expectConformantExchanges(simulator.requests())
  })

  const lastDay = () => ({ by: "created" as const, after: new Date(simulator.now().getTime() - DAY_MS), before: simulator.now() })

  it("pages purchase orders by nextToken and reads cost, quantities and windows", async () => {
    simulator.vendor.seedPurchaseOrders([
      { purchaseOrderNumber: "PO000001", items: [{ asin: "B000000001", vendorProductId: "SKU-1", quantity: 10, netCost: "12.50", backOrderAllowed: true }] },
      { purchaseOrderNumber: "PO000002", items: [{ asin: "B000000002", quantity: 2, unitOfMeasure: "Cases", unitSize: 6, listPrice: "3.10" }] },
      { purchaseOrderNumber: "PO000003", items: [{ asin: "B000000003", quantity: 1, netCost: "1.00" }] },
    ])
    const numbers: string[] = []
    let page = await client.getPurchaseOrders({ window: lastDay(), limit: 2 })
    numbers.push(...page.purchaseOrders.map((po) => po.purchaseOrderNumber))
    expect(page.nextToken).toBeTruthy()
    page = await client.getPurchaseOrders({ window: lastDay(), limit: 2, nextToken: page.nextToken! })
    numbers.push(...page.purchaseOrders.map((po) => po.purchaseOrderNumber))
    expect(page.nextToken).toBeNull()
    expect(numbers.sort()).toEqual(["PO000001", "PO000002", "PO000003"])
    const po = await client.getPurchaseOrder("PO000002")
    expect(po.orderDetails?.items[0]).toMatchObject({ orderedQuantity: { amount: 2, unitOfMeasure: "Cases", unitSize: 6 }, listPrice: { amount: "3.10" } })
    expect(po.orderDetails?.items[0].netCost).toBeUndefined()
    expect(po.orderDetails?.shipWindow).toMatch(/^.+Z--.+Z$/)
  })

  it("refuses windows Amazon refuses, before sending them", async () => {
    const now = simulator.now()
    await expect(client.getPurchaseOrders({ window: { by: "created", after: new Date(now.getTime() - 8 * DAY_MS), before: now } })).rejects.toThrow(/7 days/)
    await expect(client.getPurchaseOrders({ window: { by: "changed", after: new Date(now.getTime() - 200 * DAY_MS), before: new Date(now.getTime() - 195 * DAY_MS) } })).rejects.toThrow(/6 months/)
    expect(simulator.requests().filter((entry) => entry.path.startsWith("/vendor"))).toHaveLength(0)
  })

  it("finds POs Amazon changed, with the cancelled quantity in the status API", async () => {
    simulator.vendor.seedPurchaseOrders([
      { purchaseOrderNumber: "PO000010", items: [{ asin: "B1", quantity: 10, netCost: "2.00" }, { asin: "B2", quantity: 5, netCost: "1.00" }] },
      { purchaseOrderNumber: "PO000011", items: [{ asin: "B3", quantity: 1, netCost: "2.00" }] },
    ])
    simulator.vendor.changeQuantities("PO000010", { "1": 6, "2": 0 })
    const changed = await client.getPurchaseOrders({ window: { by: "changed", after: new Date(simulator.now().getTime() - HOUR_MS), before: simulator.now() }, isPOChanged: true })
    expect(changed.purchaseOrders.map((po) => po.purchaseOrderNumber)).toEqual(["PO000010"])
    expect(changed.purchaseOrders[0].orderDetails?.purchaseOrderChangedDate).toBeTruthy()
    const cancelled = await client.getPurchaseOrders({ window: lastDay(), poItemState: "Cancelled" })
    expect(cancelled.purchaseOrders.map((po) => po.purchaseOrderNumber)).toEqual(["PO000010"])
    const status = await client.getPurchaseOrdersStatus({ purchaseOrderNumber: "PO000010" })
    expect(status.ordersStatus[0].itemStatus[1].orderedQuantity?.orderedQuantityDetails?.[0].cancelledQuantity?.amount).toBe(5)
  })

  function acknowledgement(overrides: Partial<OrderAcknowledgement["items"][number]> = {}): OrderAcknowledgement {
    return {
      purchaseOrderNumber: "PO000020",
      sellingParty: { partyId: DEFAULT_VENDOR_CODE },
      acknowledgementDate: simulator.now().toISOString(),
      items: [
        {
          itemSequenceNumber: "1",
          amazonProductIdentifier: "B1",
          orderedQuantity: { amount: 100, unitOfMeasure: "Eaches" },
          netCost: { currencyCode: "USD", amount: "4.00" },
          itemAcknowledgements: [
            { acknowledgementCode: "Accepted", acknowledgedQuantity: { amount: 80, unitOfMeasure: "Eaches" } },
            { acknowledgementCode: "Backordered", acknowledgedQuantity: { amount: 20, unitOfMeasure: "Eaches" }, scheduledShipDate: simulator.now().toISOString() },
          ],
          ...overrides,
        },
      ],
    }
  }

  it("answers an acknowledgement with a transaction that goes Processing → Success and acknowledges the PO", async () => {
    simulator.vendor.seedPurchaseOrders([{ purchaseOrderNumber: "PO000020", items: [{ asin: "B1", quantity: 100, netCost: "4.00", backOrderAllowed: true }] }])
    const { transactionId } = await client.submitAcknowledgement([acknowledgement()])
    expect((await client.getVendorTransaction(transactionId)).status).toBe("Processing")
    simulator.advanceTime(2000)
    expect(await client.getVendorTransaction(transactionId)).toMatchObject({ transactionId, status: "Success" })
    expect((await client.getPurchaseOrder("PO000020")).purchaseOrderState).toBe("Acknowledged")
  })

  it("fails a transaction with Amazon's errors when a line may not be backordered", async () => {
    simulator.vendor.seedPurchaseOrders([{ purchaseOrderNumber: "PO000020", items: [{ asin: "B1", quantity: 100, netCost: "4.00", backOrderAllowed: false }] }])
    const { transactionId } = await client.submitAcknowledgement([acknowledgement()])
    simulator.advanceTime(2000)
    const transaction = await client.getVendorTransaction(transactionId)
    expect(transaction.status).toBe("Failure")
    expect(transaction.errors?.[0].message).toMatch(/does not allow backorders/)
    expect((await client.getPurchaseOrder("PO000020")).purchaseOrderState).toBe("New")
  })

  it("refuses an acknowledgement without netCost before sending it", async () => {
    const bad = acknowledgement({ itemAcknowledgements: [{ acknowledgementCode: "Rejected" as any, acknowledgedQuantity: { amount: 100, unitOfMeasure: "Eaches" }, rejectionReason: "Nope" as any }] })
    await expect(client.submitAcknowledgement([bad])).rejects.toThrow(/rejectionReason/)
    expect(simulator.requests().filter((entry) => entry.path.startsWith("/vendor"))).toHaveLength(0)
  })
})

describe("splitVendorOrderWindow", () => {
  const now = new Date("2026-12-01T00:00:00Z")
  it("cuts a long span into windows of at most 7 days, oldest first, ending at now", () => {
    const { windows, clamped } = splitVendorOrderWindow(new Date("2026-11-10T00:00:00Z"), new Date("2027-01-01T00:00:00Z"), now)
    expect(clamped).toBe(false)
    expect(windows.map((w) => [w.after.toISOString().slice(0, 10), w.before.toISOString().slice(0, 10)])).toEqual([
      ["2026-11-10", "2026-11-17"],
      ["2026-11-17", "2026-11-24"],
      ["2026-11-24", "2026-12-01"],
    ])
  })
  it("starts no earlier than 6 months back and says so", () => {
    const { windows, clamped } = splitVendorOrderWindow(new Date("2025-01-01T00:00:00Z"), now, now)
    expect(clamped).toBe(true)
    expect(now.getTime() - windows[0].after.getTime()).toBe(180 * DAY_MS)
    expect(windows.every((w) => w.before.getTime() - w.after.getTime() <= 7 * DAY_MS)).toBe(true)
    expect(windows[windows.length - 1].before).toEqual(now)
  })
  it("gives nothing for an empty span", () => {
    expect(splitVendorOrderWindow(now, now, now).windows).toEqual([])
  })
})
