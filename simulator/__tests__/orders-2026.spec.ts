// Orders API 2026-01-01 behaviour: pagination, time windows, Amazon's 2-minute rule, includedData.
import { bulkOrders, demoOrders, startSimulator, type SimOrderSeed, type Simulator } from "../index"
import { DE, expectResponsesConform, isoMinutesAgo, MINUTE, SimClient, US } from "./helpers"

const SEARCH = "/orders/2026-01-01/orders"
const WEEK_MINUTES = 7 * 24 * 60
const FROZEN_NOW = Date.parse("2026-03-10T12:00:00.000Z")

function order(id: string, overrides: Partial<SimOrderSeed> = {}): SimOrderSeed {
  return {
    id,
    marketplaceId: US,
    status: "UNSHIPPED",
    fulfilledBy: "MERCHANT",
    purchaseDate: "2025-06-01T10:00:00Z",
    items: [{ sku: "AMZ-MUG-01", asin: "B0CSIMMUG1", title: "Mug", quantity: 1, unitPrice: 12.99, unitTax: 1.07 }],
    ...overrides,
  }
}

describe("Orders API 2026-01-01", () => {
  let sim: Simulator
  let client: SimClient

  beforeAll(async () => {
    // A frozen clock: time moves only through advanceTime, so "two minutes ago" is exact.
    sim = await startSimulator({ timeScale: 100, clock: () => new Date(FROZEN_NOW) })
    client = new SimClient(sim)
  })
  afterAll(() => sim.close())
  beforeEach(() => sim.reset())
  afterEach(() => expectResponsesConform(sim))

  describe("pagination", () => {
    beforeEach(() => sim.seedOrders(bulkOrders({ count: 250, newest: new Date(sim.now().getTime() - 10 * MINUTE) })))

    it("returns all 250 orders in pages of at most 100, oldest update first, each exactly once", async () => {
      const seen: string[] = []
      const pageSizes: number[] = []
      const echoed = new Set<string>()
      let previousUpdate = ""
      let token: string | undefined
      // Amazon requires the same parameter values on every page, so the window start is fixed once.
      const lastUpdatedAfter = isoMinutesAgo(sim, WEEK_MINUTES)
      do {
        const page = await client.get(SEARCH, { lastUpdatedAfter, paginationToken: token })
        expect(page.status).toBe(200)
        pageSizes.push(page.body.orders.length)
        for (const entry of page.body.orders) {
          expect(entry.lastUpdatedTime >= previousUpdate).toBe(true)
          previousUpdate = entry.lastUpdatedTime
          seen.push(entry.orderId)
        }
        echoed.add(page.body.lastUpdatedBefore)
        token = page.body.pagination?.nextToken
      } while (token)
      expect(pageSizes).toEqual([100, 100, 50])
      expect(new Set(seen).size).toBe(250)
      // Every page reports the same upper bound: the one fixed by the first page.
      expect(echoed.size).toBe(1)
    })

    it("tokens are opaque and stable; maxResultsPerPage and includedData may change between pages", async () => {
      const query = { createdAfter: isoMinutesAgo(sim, WEEK_MINUTES), createdBefore: isoMinutesAgo(sim, 3), maxResultsPerPage: 30 }
      const first = await client.get(SEARCH, query)
      const again = await client.get(SEARCH, query)
      const token: string = first.body.pagination.nextToken
      expect(again.body.pagination.nextToken).toBe(token)
      expect(token).toMatch(/^[A-Za-z0-9_-]+$/)
      expect(token).not.toMatch(/\d{3}-\d{7}-\d{7}/)
      expect(first.body.createdBefore).toBe(new Date(query.createdBefore).toISOString().replace(/\.\d{3}Z$/, "Z"))

      const second = await client.get(SEARCH, { ...query, maxResultsPerPage: 70, includedData: "BUYER", paginationToken: token })
      expect(second.status).toBe(200)
      expect(second.body.orders).toHaveLength(70)
      expect(second.body.orders[0].buyer).toBeDefined()
      expect(second.body.orders[0].orderId).not.toBe(first.body.orders[29].orderId)
    })

    it("rejects a token used with different filters, or an edited token", async () => {
      const query = { createdAfter: isoMinutesAgo(sim, WEEK_MINUTES), maxResultsPerPage: 10 }
      const token: string = (await client.get(SEARCH, query)).body.pagination.nextToken
      const otherFilter = await client.get(SEARCH, { ...query, fulfilledBy: "AMAZON", paginationToken: token })
      expect(otherFilter.status).toBe(400)
      expect(otherFilter.body.errors[0].code).toBe("InvalidInput")
      const edited = await client.get(SEARCH, { ...query, paginationToken: `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}` })
      expect(edited.status).toBe(400)
    })
  })

  describe("time windows", () => {
    it("lastUpdatedAfter is inclusive, ordered by lastUpdated, and hides the last 2 minutes", async () => {
      const now = sim.now().getTime()
      const at = (minutesAgo: number) => new Date(now - minutesAgo * MINUTE).toISOString()
      sim.seedOrders([
        order("111-0000001-0000001", { purchaseDate: at(300), lastUpdated: at(30) }),
        order("111-0000001-0000002", { purchaseDate: at(300), lastUpdated: at(60) }),
        order("111-0000001-0000003", { purchaseDate: at(300), lastUpdated: at(200) }),
        order("111-0000001-0000004", { purchaseDate: at(300), lastUpdated: at(1) }),
      ])
      const page = await client.get(SEARCH, { lastUpdatedAfter: at(60) })
      expect(page.body.orders.map((o: { orderId: string }) => o.orderId)).toEqual(["111-0000001-0000002", "111-0000001-0000001"])
      // Without lastUpdatedBefore Amazon serves data up to two minutes ago and says so.
      expect(page.body.lastUpdatedBefore).toBe(new Date(now - 2 * MINUTE).toISOString().replace(/\.\d{3}Z$/, "Z"))
      expect(page.body.createdBefore).toBeUndefined()
    })

    it("an update (setOrderStatus) shows up in the next incremental poll once 2 minutes have passed", async () => {
      sim.seedOrders(demoOrders({ now: sim.now() }))
      const first = await client.get(SEARCH, { lastUpdatedAfter: isoMinutesAgo(sim, WEEK_MINUTES) })
      const cursor: string = first.body.lastUpdatedBefore
      sim.setOrderStatus("111-5550101-0000001", "UNSHIPPED")

      const tooSoon = await client.get(SEARCH, { lastUpdatedAfter: cursor })
      expect(tooSoon.body.orders).toEqual([])
      sim.advanceTime(2 * MINUTE + 1000)
      const later = await client.get(SEARCH, { lastUpdatedAfter: cursor, includedData: "FULFILLMENT" })
      expect(later.body.orders.map((o: any) => [o.orderId, o.fulfillment.fulfillmentStatus])).toEqual([["111-5550101-0000001", "UNSHIPPED"]])
    })

    it("createdBefore/lastUpdatedBefore must be at least 2 minutes before now", async () => {
      for (const [after, before] of [
        ["createdAfter", "createdBefore"],
        ["lastUpdatedAfter", "lastUpdatedBefore"],
      ]) {
        const tooRecent = await client.get(SEARCH, { [after]: isoMinutesAgo(sim, 60), [before]: isoMinutesAgo(sim, 1) })
        expect(tooRecent.status).toBe(400)
        expect(tooRecent.body.errors[0]).toMatchObject({ code: "InvalidInput", message: `${before} must be at least 2 minutes before the time of the request.` })
        expect((await client.get(SEARCH, { [after]: isoMinutesAgo(sim, 60), [before]: isoMinutesAgo(sim, 2.5) })).status).toBe(200)
      }
    })

    it("enforces Amazon's parameter combinations and formats", async () => {
      const cases: Array<[Record<string, string | number>, RegExp]> = [
        [{}, /Either createdAfter or lastUpdatedAfter must be provided/],
        [{ createdAfter: isoMinutesAgo(sim, 60), lastUpdatedAfter: isoMinutesAgo(sim, 60) }, /Only one of/],
        [{ createdAfter: isoMinutesAgo(sim, 60), lastUpdatedBefore: isoMinutesAgo(sim, 10) }, /cannot be provided together/],
        [{ createdAfter: "last tuesday" }, /ISO 8601/],
        [{ createdAfter: isoMinutesAgo(sim, 10), createdBefore: isoMinutesAgo(sim, 20) }, /must be equal to or after createdAfter/],
        [{ createdAfter: isoMinutesAgo(sim, 60), maxResultsPerPage: 101 }, /between 1 and 100/],
        [{ createdAfter: isoMinutesAgo(sim, 60), marketplaceIds: "NOT_A_MARKETPLACE" }, /Invalid marketplaceIds/],
        [{ createdAfter: isoMinutesAgo(sim, 60), fulfillmentStatuses: "SHIPPED,LOST" }, /Invalid fulfillmentStatuses value 'LOST'/],
      ]
      for (const [query, message] of cases) {
        const result = await client.get(SEARCH, query)
        expect({ query, status: result.status }).toEqual({ query, status: 400 })
        expect(result.body.errors[0].message).toMatch(message)
      }
    })
  })

  describe("filters and ownership", () => {
    it("filters by marketplace, fulfillment status and fulfilledBy", async () => {
      sim.seedOrders(demoOrders({ now: sim.now() }))
      const ids = async (query: Record<string, string>) =>
        (await client.get(SEARCH, { createdAfter: isoMinutesAgo(sim, WEEK_MINUTES), ...query })).body.orders.map((o: { orderId: string }) => o.orderId).sort()
      expect(await ids({ marketplaceIds: DE })).toEqual(["302-5550111-0000011", "302-5550112-0000012"])
      expect(await ids({ fulfilledBy: "AMAZON" })).toEqual(["111-5550108-0000008"])
      expect(await ids({ fulfillmentStatuses: "PENDING,CANCELLED" })).toEqual(["111-5550101-0000001", "111-5550110-0000010"])
    })

    it("another seller's orders are invisible", async () => {
      sim.addSeller({ clientId: "amzn1.application-oa2-client.sim", clientSecret: "sim-secret", refreshToken: "Atzr|other", sellerId: "A2OTHERSELLER", marketplaceIds: [US] })
      sim.seedOrders([order("111-0000002-0000001", { sellerId: "A2OTHERSELLER" })])
      expect((await client.get(`${SEARCH}/111-0000002-0000001`)).status).toBe(404)
      expect((await client.get(SEARCH, { createdAfter: "2025-01-01T00:00:00Z" })).body.orders).toEqual([])
    })
  })

  describe("includedData", () => {
    beforeEach(() => sim.seedOrders(demoOrders({ now: sim.now() })))
    const get = async (id: string, includedData?: string) => (await client.get(`${SEARCH}/${id}`, { includedData })).body.order

    it("returns only the core order without includedData", async () => {
      const core = await get("111-5550102-0000002")
      expect(Object.keys(core).sort()).toEqual(["createdTime", "lastUpdatedTime", "orderId", "orderItems", "salesChannel"])
      expect(Object.keys(core.orderItems[0]).sort()).toEqual(["orderItemId", "product", "quantityOrdered"])
      expect(core.orderItems[0].product).toEqual({
        asin: "B0CSIMTS01",
        title: "Organic Cotton T-Shirt – Size S",
        sellerSku: "AMZ-TSHIRT-S",
        condition: { conditionType: "NEW", conditionSubtype: "NEW" },
        price: { unitPrice: { amount: "19.99", currencyCode: "USD" } },
      })
      expect(core.salesChannel).toEqual({ channelName: "AMAZON", marketplaceId: US, marketplaceName: "Amazon.com" })
    })

    it("adds each block only when asked for", async () => {
      const buyerOnly = await get("111-5550104-0000004", "BUYER")
      expect(buyerOnly.buyer).toEqual({
        buyerName: "Dana Whitfield",
        buyerEmail: "dwhitf2p0a@marketplace.amazon.com",
        buyerCompanyName: "Acme Robotics LLC",
        buyerPurchaseOrderNumber: "PO-2024-0815",
      })
      expect(buyerOnly.recipient).toBeUndefined()
      expect(buyerOnly.fulfillment).toBeUndefined()

      const recipient = await get("111-5550104-0000004", "RECIPIENT")
      expect(recipient.buyer).toBeUndefined()
      expect(recipient.recipient.deliveryAddress).toMatchObject({ name: "Dana Whitfield", companyName: "Acme Robotics LLC", addressType: "COMMERCIAL", countryCode: "US" })

      const fulfillment = await get("111-5550106-0000006", "FULFILLMENT")
      expect(fulfillment.fulfillment).toMatchObject({ fulfillmentStatus: "UNSHIPPED", fulfilledBy: "MERCHANT", fulfillmentServiceLevel: "SECOND_DAY" })
      expect(fulfillment.orderItems[0].fulfillment).toEqual({ quantityFulfilled: 0, quantityUnfulfilled: 1 })
    })

    it("PROCEEDS: breakdowns add up; EU prices contain the VAT", async () => {
      const de = await get("302-5550111-0000011", "PROCEEDS")
      expect(de.orderItems[0].product.price.unitPrice).toEqual({ amount: "24.99", currencyCode: "EUR" })
      expect(de.orderItems[0].proceeds).toEqual({
        proceedsTotal: { amount: "29.98", currencyCode: "EUR" },
        breakdowns: [
          { type: "ITEM", subtotal: { amount: "21.00", currencyCode: "EUR" } },
          { type: "SHIPPING", subtotal: { amount: "4.19", currencyCode: "EUR" } },
          {
            type: "TAX",
            subtotal: { amount: "4.79", currencyCode: "EUR" },
            detailedBreakdowns: [
              { subtype: "ITEM", value: { amount: "3.99", currencyCode: "EUR" } },
              { subtype: "SHIPPING", value: { amount: "0.80", currencyCode: "EUR" } },
            ],
          },
        ],
      })
      expect(de.proceeds.grandTotal).toEqual({ amount: "29.98", currencyCode: "EUR" })

      const us = await get("111-5550102-0000002", "PROCEEDS")
      // 2 x 19.99 + 4.99 shipping + 12.99 - 2.00 promotion + 14.99 = 70.95, plus sales tax 3.30 + 0.41 + 1.07 + 1.24 = 6.02.
      expect(us.proceeds.grandTotal).toEqual({ amount: "76.97", currencyCode: "USD" })
      const jp = await get("503-5550113-0000013", "PROCEEDS")
      expect(jp.proceeds.grandTotal).toEqual({ amount: "2530", currencyCode: "JPY" })
    })

    it("programs, cancellation requests, customization and packages", async () => {
      expect((await get("111-5550103-0000003")).programs).toEqual(["PRIME"])
      expect((await get("111-5550105-0000005")).programs).toEqual(["AMAZON_BUSINESS", "PRIME"])
      expect((await get("111-5550106-0000006")).programs).toEqual(["PREMIUM"])
      expect((await get("111-5550102-0000002")).programs).toBeUndefined()

      const cancelRequest = await get("111-5550109-0000009", "CANCELLATION")
      expect(cancelRequest.orderItems[0].cancellation).toEqual({ cancellationRequest: { requester: "BUYER", cancelReason: "Order created by mistake" } })
      expect((await get("111-5550102-0000002", "CANCELLATION")).orderItems[0].cancellation).toBeUndefined()

      const custom = await get("111-5550107-0000007")
      expect(custom.orderItems[0].product.customization.customizedUrl).toMatch(new RegExp(`^${sim.url}/_sim/customizations/\\d{14}\\.zip$`))

      const orderId = "111-5550103-0000003"
      const item = (await get(orderId)).orderItems[0]
      const shipped = await client.post(`/orders/v0/orders/${orderId}/shipmentConfirmation`, {
        marketplaceId: US,
        packageDetail: { packageReferenceId: "PKG-1", carrierCode: "UPS", shippingMethod: "Ground", trackingNumber: "1Z1", shipDate: isoMinutesAgo(sim, 30), orderItems: [{ orderItemId: item.orderItemId, quantity: 2 }] },
      })
      expect(shipped.status).toBe(204)
      const withPackages = await get(orderId, "PACKAGES,FULFILLMENT")
      expect(withPackages.fulfillment.fulfillmentStatus).toBe("SHIPPED")
      expect(withPackages.packages).toEqual([
        {
          packageReferenceId: "PKG-1",
          createdTime: expect.any(String),
          packageStatus: { status: "SHIPPED" },
          carrier: "UPS",
          shipTime: expect.any(String),
          shippingService: "Ground",
          trackingNumber: "1Z1",
          packageItems: [{ orderItemId: item.orderItemId, quantity: 2 }],
        },
      ])
      expect((await get(orderId)).packages).toBeUndefined()
    })

    it("Amazon withholds what it does not share: pending prices/addresses, FBA buyer", async () => {
      const pending = await get("111-5550101-0000001", "RECIPIENT,PROCEEDS,BUYER")
      expect(pending.recipient).toBeUndefined()
      expect(pending.proceeds).toBeUndefined()
      expect(pending.orderItems[0].product.price).toBeUndefined()
      expect(pending.buyer.buyerName).toBe("Jane Doe")

      const fba = await get("111-5550108-0000008", "BUYER,RECIPIENT")
      expect(fba.buyer).toBeUndefined()
      expect(fba.recipient.deliveryAddress).toEqual({ city: "Denver", stateOrRegion: "CO", postalCode: "80202", countryCode: "US" })
    })
  })
})
