// Orders API v0 behaviour: PII only with a Restricted Data Token, Amazon's v0 field shapes,
// getOrders/getOrderItems paging, and confirmShipment validation and status moves.
import { demoOrders, startSimulator, type SimOrderSeed, type Simulator } from "../index"
import { DE, expectResponsesConform, isoMinutesAgo, JP, MINUTE, SimClient, US } from "./helpers"

const ORDERS = "/orders/v0/orders"
const WEEK_MINUTES = 7 * 24 * 60
const FROZEN_NOW = Date.parse("2026-03-10T12:00:00.000Z")

describe("Orders API v0", () => {
  let sim: Simulator
  let client: SimClient

  beforeAll(async () => {
    // A frozen clock: time moves only through advanceTime, so "two minutes ago" is exact.
    sim = await startSimulator({ timeScale: 100, clock: () => new Date(FROZEN_NOW) })
    client = new SimClient(sim)
  })
  afterAll(() => sim.close())
  beforeEach(() => {
    sim.reset()
    sim.seedOrders(demoOrders({ now: sim.now() }))
  })
  afterEach(() => expectResponsesConform(sim))

  describe("PII and Restricted Data Tokens", () => {
    const id = "111-5550102-0000002"

    it("without an RDT, buyer name/email and street address are withheld", async () => {
      const order = (await client.get(`${ORDERS}/${id}`)).body.payload
      expect(order.BuyerInfo).toBeUndefined()
      expect(order.ShippingAddress).toEqual({ City: "Seattle", StateOrRegion: "WA", PostalCode: "98101", CountryCode: "US" })

      expect((await client.get(`${ORDERS}/${id}/address`)).body.payload).toEqual({
        AmazonOrderId: id,
        ShippingAddress: { City: "Seattle", StateOrRegion: "WA", PostalCode: "98101", CountryCode: "US" },
      })
      expect((await client.get(`${ORDERS}/${id}/buyerInfo`)).body.payload).toEqual({ AmazonOrderId: id })

      const list = (await client.get(ORDERS, { MarketplaceIds: US, CreatedAfter: isoMinutesAgo(sim, WEEK_MINUTES) })).body.payload.Orders
      expect(list.some((o: any) => o.BuyerInfo?.BuyerEmail || o.ShippingAddress?.AddressLine1 || o.ShippingAddress?.Name)).toBe(false)
      // The business order's PO number is not PII and stays visible.
      expect(list.find((o: any) => o.AmazonOrderId === "111-5550104-0000004").BuyerInfo).toEqual({ PurchaseOrderNumber: "PO-2024-0815" })
    })

    it("with an RDT, PII is returned for the data elements it was created with", async () => {
      const full = await client.rdt([{ method: "GET", path: `${ORDERS}/${id}`, dataElements: ["buyerInfo", "shippingAddress"] }])
      const order = (await client.get(`${ORDERS}/${id}`, undefined, { token: full })).body.payload
      expect(order.BuyerInfo).toEqual({ BuyerEmail: "mocon9q1v@marketplace.amazon.com", BuyerName: "Michael O'Connor" })
      expect(order.ShippingAddress).toEqual({
        Name: "Michael O'Connor",
        AddressLine1: "1200 2nd Ave",
        AddressLine2: "Apt 804",
        City: "Seattle",
        StateOrRegion: "WA",
        PostalCode: "98101",
        CountryCode: "US",
        Phone: "+1 206-555-0142",
        AddressType: "Residential",
      })

      const addressOnly = await client.rdt([{ method: "GET", path: `${ORDERS}/{orderId}`, dataElements: ["shippingAddress"] }])
      const partial = (await client.get(`${ORDERS}/${id}`, undefined, { token: addressOnly })).body.payload
      expect(partial.BuyerInfo).toBeUndefined()
      expect(partial.ShippingAddress.AddressLine1).toBe("1200 2nd Ave")

      const bulk = await client.rdt([{ method: "GET", path: ORDERS, dataElements: ["buyerInfo"] }])
      const list = (await client.get(ORDERS, { MarketplaceIds: DE, CreatedAfter: isoMinutesAgo(sim, WEEK_MINUTES) }, { token: bulk })).body.payload.Orders
      expect(list.map((o: any) => o.BuyerInfo.BuyerName).sort()).toEqual(["Jürgen Groß", "Zoë Ångström-Łukasiewicz"])
    })

    it("an RDT only opens the resources it names, and not for long", async () => {
      const forOne = await client.rdt([{ method: "GET", path: `${ORDERS}/${id}/address` }])
      expect((await client.get(`${ORDERS}/${id}/address`, undefined, { token: forOne })).body.payload.ShippingAddress.Name).toBe("Michael O'Connor")
      const other = await client.get(`${ORDERS}/111-5550103-0000003/address`, undefined, { token: forOne })
      expect(other.status).toBe(403)
      expect(other.body).toEqual({ errors: [{ code: "Unauthorized", message: "Access to requested resource is denied.", details: "" }] })
      expect((await client.get("/orders/2026-01-01/orders", { createdAfter: "2025-01-01T00:00:00Z" }, { token: forOne })).status).toBe(403)

      sim.advanceTime(61 * MINUTE)
      const expired = await client.get(`${ORDERS}/${id}/address`, undefined, { token: forOne })
      expect(expired.status).toBe(403)
      expect(expired.body.errors[0].details).toMatch(/expired/)
    })

    it("createRestrictedDataToken validates resources and data elements like Amazon", async () => {
      const cases: Array<[unknown, RegExp]> = [
        [{}, /restrictedResources/],
        [{ restrictedResources: [{ method: "GET", path: ORDERS }] }, /dataElements is required/],
        [{ restrictedResources: [{ method: "GET", path: `${ORDERS}/1/orderItems`, dataElements: ["shippingAddress"] }] }, /Invalid data element 'shippingAddress'/],
        [{ restrictedResources: [{ method: "GET", path: "/catalog/2022-04-01/items" }] }, /not a restricted resource/],
        [{ restrictedResources: [{ method: "FETCH", path: ORDERS }] }, /method must be one of/],
      ]
      for (const [body, message] of cases) {
        const result = await client.post("/tokens/2021-03-01/restrictedDataToken", body)
        expect(result.status).toBe(400)
        expect(result.body.errors[0].message).toMatch(message)
      }
      const ok = await client.post("/tokens/2021-03-01/restrictedDataToken", { restrictedResources: [{ method: "GET", path: `${ORDERS}/${id}/buyerInfo` }] })
      expect(ok.body).toEqual({ restrictedDataToken: expect.stringMatching(/^Atz\.sprdt\|/), expiresIn: 3600 })
    })

    it("Amazon Custom data is served as a ZIP at BuyerCustomizedInfo.CustomizedURL (RDT only)", async () => {
      const customId = "111-5550107-0000007"
      expect((await client.get(`${ORDERS}/${customId}/orderItems`)).body.payload.OrderItems[0].BuyerInfo).toBeUndefined()
      const rdt = await client.rdt([{ method: "GET", path: `${ORDERS}/${customId}/orderItems`, dataElements: ["buyerInfo"] }])
      const item = (await client.get(`${ORDERS}/${customId}/orderItems`, undefined, { token: rdt })).body.payload.OrderItems[0]
      expect(item.BuyerInfo.GiftMessageText).toBe("Happy birthday! Can't wait to celebrate.")
      const zip = Buffer.from(await (await fetch(item.BuyerInfo.BuyerCustomizedInfo.CustomizedURL)).arrayBuffer())
      // A ZIP with one stored (uncompressed) JSON file: read it straight from the local header.
      expect(zip.readUInt32LE(0)).toBe(0x04034b50)
      const nameLength = zip.readUInt16LE(26)
      const size = zip.readUInt32LE(18)
      const json = JSON.parse(zip.subarray(30 + nameLength, 30 + nameLength + size).toString("utf8"))
      expect(JSON.stringify(json)).toContain("Happy 30th, Sam! ☕ — love, Alex")
    })
  })

  describe("v0 shapes", () => {
    const items = async (id: string) => (await client.get(`${ORDERS}/${id}/orderItems`)).body.payload.OrderItems
    const order = async (id: string) => (await client.get(`${ORDERS}/${id}`)).body.payload

    it("ItemPrice/ItemTax are Money for the whole line; US tax is added to OrderTotal", async () => {
      const lines = await items("111-5550102-0000002")
      expect(lines[0]).toMatchObject({
        SellerSKU: "AMZ-TSHIRT-S",
        QuantityOrdered: 2,
        QuantityShipped: 0,
        ItemPrice: { CurrencyCode: "USD", Amount: "39.98" },
        ItemTax: { CurrencyCode: "USD", Amount: "3.30" },
        ShippingPrice: { CurrencyCode: "USD", Amount: "4.99" },
        ShippingTax: { CurrencyCode: "USD", Amount: "0.41" },
        TaxCollection: { Model: "MarketplaceFacilitator", ResponsibleParty: "Amazon Services, Inc." },
        IsGift: "false",
      })
      expect(lines[1]).toMatchObject({ PromotionDiscount: { CurrencyCode: "USD", Amount: "2.00" }, PromotionIds: ["PLM-SUMMER-MUG-2"] })
      expect((await order("111-5550102-0000002")).OrderTotal).toEqual({ CurrencyCode: "USD", Amount: "76.97" })
    })

    it("EU prices include VAT (ItemPrice 24.99 contains ItemTax 3.99); JPY has no decimals", async () => {
      const [line] = await items("302-5550111-0000011")
      expect(line.ItemPrice).toEqual({ CurrencyCode: "EUR", Amount: "24.99" })
      expect(line.ItemTax).toEqual({ CurrencyCode: "EUR", Amount: "3.99" })
      expect(line.TaxCollection).toBeUndefined()
      expect((await order("302-5550111-0000011")).OrderTotal).toEqual({ CurrencyCode: "EUR", Amount: "29.98" })
      expect((await items("503-5550113-0000013"))[0].ItemPrice).toEqual({ CurrencyCode: "JPY", Amount: "1980" })
      expect((await order("503-5550113-0000013")).OrderTotal).toEqual({ CurrencyCode: "JPY", Amount: "2530" })
    })

    it("statuses, flags, service levels and the STRING IsBuyerRequestedCancel", async () => {
      expect((await order("111-5550101-0000001")).OrderStatus).toBe("Pending")
      expect((await order("302-5550112-0000012")).OrderStatus).toBe("PartiallyShipped")
      expect((await order("111-5550110-0000010")).OrderStatus).toBe("Canceled")
      expect((await order("111-5550110-0000010")).OrderTotal).toBeUndefined()
      expect(await order("111-5550105-0000005")).toMatchObject({ IsBusinessOrder: true, IsPrime: true, IsPremiumOrder: false })
      expect(await order("111-5550106-0000006")).toMatchObject({ IsPremiumOrder: true, ShipServiceLevel: "SecondDay", ShipmentServiceLevelCategory: "SecondDay" })
      expect(await order("111-5550102-0000002")).toMatchObject({ ShipServiceLevel: "Std US D2D Dom", ShipmentServiceLevelCategory: "Standard", FulfillmentChannel: "MFN" })
      expect(await order("111-5550108-0000008")).toMatchObject({ FulfillmentChannel: "AFN", OrderStatus: "Shipped", NumberOfItemsShipped: 1 })
      expect((await order("111-5550108-0000008")).EarliestShipDate).toBeUndefined()

      expect((await items("111-5550109-0000009"))[0].BuyerRequestedCancel).toEqual({ IsBuyerRequestedCancel: "true", BuyerCancelReason: "Order created by mistake" })
      expect((await items("111-5550102-0000002"))[0].BuyerRequestedCancel).toEqual({ IsBuyerRequestedCancel: "false" })
      sim.requestBuyerCancel("111-5550102-0000002", "Changed my mind")
      expect((await items("111-5550102-0000002"))[0].BuyerRequestedCancel).toEqual({ IsBuyerRequestedCancel: "true", BuyerCancelReason: "Changed my mind" })
    })

    it("Pending orders carry neither item prices nor a shipping address", async () => {
      const pending = await order("111-5550101-0000001")
      expect(pending.ShippingAddress).toBeUndefined()
      const [line] = await items("111-5550101-0000001")
      expect(line.ItemPrice).toBeUndefined()
      expect(line.IsGift).toBeUndefined()
      sim.setOrderStatus("111-5550101-0000001", "UNSHIPPED")
      expect((await items("111-5550101-0000001"))[0].ItemPrice).toEqual({ CurrencyCode: "USD", Amount: "19.99" })
    })

    it("updateAddress changes what Amazon returns and bumps LastUpdateDate", async () => {
      const before = (await order("111-5550103-0000003")).LastUpdateDate
      sim.advanceTime(5 * MINUTE)
      sim.updateAddress("111-5550103-0000003", { city: "Round Rock", postalCode: "78664" })
      const after = await order("111-5550103-0000003")
      expect(after.ShippingAddress).toMatchObject({ City: "Round Rock", PostalCode: "78664", StateOrRegion: "TX" })
      expect(after.LastUpdateDate > before).toBe(true)
    })
  })

  describe("getOrders", () => {
    it("requires MarketplaceIds and CreatedAfter or LastUpdatedAfter", async () => {
      expect((await client.get(ORDERS, { CreatedAfter: isoMinutesAgo(sim, 60) })).body.errors[0].message).toMatch(/MarketplaceIds/)
      expect((await client.get(ORDERS, { MarketplaceIds: US })).body.errors[0].message).toMatch(/Either CreatedAfter or LastUpdatedAfter/)
      const tooRecent = await client.get(ORDERS, { MarketplaceIds: US, LastUpdatedAfter: isoMinutesAgo(sim, 60), LastUpdatedBefore: isoMinutesAgo(sim, 1) })
      expect(tooRecent.status).toBe(400)
      expect(tooRecent.body.errors[0]).toMatchObject({ code: "InvalidInput", message: "LastUpdatedBefore must be at least 2 minutes before the time of the request." })
      expect((await client.get(ORDERS, { MarketplaceIds: US, CreatedAfter: "03/15/2025" })).status).toBe(400)
      expect((await client.get(ORDERS, { MarketplaceIds: US, CreatedAfter: isoMinutesAgo(sim, 60), MaxResultsPerPage: 101 })).status).toBe(400)
    })

    it("pages with NextToken alone (plus MarketplaceIds) and echoes LastUpdatedBefore", async () => {
      const first = await client.get(ORDERS, { MarketplaceIds: [US, DE, JP], LastUpdatedAfter: isoMinutesAgo(sim, WEEK_MINUTES), MaxResultsPerPage: 5 })
      const ids: string[] = first.body.payload.Orders.map((o: any) => o.AmazonOrderId)
      let token: string | undefined = first.body.payload.NextToken
      expect(first.body.payload.LastUpdatedBefore).toBe(new Date(sim.now().getTime() - 2 * MINUTE).toISOString().replace(/\.\d{3}Z$/, "Z"))
      while (token) {
        const page = await client.get(ORDERS, { MarketplaceIds: US, NextToken: token })
        expect(page.status).toBe(200)
        ids.push(...page.body.payload.Orders.map((o: any) => o.AmazonOrderId))
        token = page.body.payload.NextToken
      }
      expect(ids.sort()).toEqual(demoOrders().map((o) => o.id).sort())
      expect((await client.get(ORDERS, { MarketplaceIds: US, NextToken: "bogus-token-value" })).status).toBe(400)
    })

    it("filters by OrderStatuses, FulfillmentChannels and AmazonOrderIds", async () => {
      const ids = async (query: Record<string, string>) =>
        (await client.get(ORDERS, { MarketplaceIds: [US, DE, JP].join(","), ...query })).body.payload.Orders.map((o: any) => o.AmazonOrderId).sort()
      const after = { CreatedAfter: isoMinutesAgo(sim, WEEK_MINUTES) }
      expect(await ids({ ...after, OrderStatuses: "Pending,Canceled" })).toEqual(["111-5550101-0000001", "111-5550110-0000010"])
      expect(await ids({ ...after, FulfillmentChannels: "AFN" })).toEqual(["111-5550108-0000008"])
      expect(await ids({ AmazonOrderIds: "302-5550111-0000011,503-5550113-0000013" })).toEqual(["302-5550111-0000011", "503-5550113-0000013"])
    })
  })

  it("getOrderItems pages long orders with NextToken", async () => {
    const many: SimOrderSeed = {
      ...demoOrders()[1],
      id: "111-5550199-0000099",
      items: Array.from({ length: 25 }, (_, i) => ({ sku: `AMZ-BULK-${i}`, asin: `B0BULK${String(i).padStart(4, "0")}`, title: `Line ${i}`, quantity: 1, unitPrice: 1 })),
    }
    sim.seedOrders([many])
    const first = (await client.get(`${ORDERS}/${many.id}/orderItems`)).body.payload
    expect(first.OrderItems).toHaveLength(20)
    const second = (await client.get(`${ORDERS}/${many.id}/orderItems`, { NextToken: first.NextToken })).body.payload
    expect(second.OrderItems).toHaveLength(5)
    expect(second.NextToken).toBeUndefined()
    expect(new Set([...first.OrderItems, ...second.OrderItems].map((i: any) => i.SellerSKU)).size).toBe(25)
    expect((await client.get(`${ORDERS}/111-5550102-0000002/orderItems`, { NextToken: first.NextToken })).status).toBe(400)
  })

  describe("confirmShipment", () => {
    const id = "111-5550102-0000002"
    let lines: Array<{ OrderItemId: string; QuantityOrdered: number }>

    beforeEach(async () => {
      lines = (await client.get(`${ORDERS}/${id}/orderItems`)).body.payload.OrderItems
    })

    function shipment(orderItems: Array<{ orderItemId: string; quantity: number }>, overrides: Record<string, unknown> = {}, packageReferenceId = "PKG-1") {
      return {
        marketplaceId: US,
        packageDetail: { packageReferenceId, carrierCode: "UPS", trackingNumber: "1Z999AA10123456784", shipDate: isoMinutesAgo(sim, 10), orderItems, ...overrides },
      }
    }
    const confirm = (orderId: string, body: unknown) => client.post(`${ORDERS}/${orderId}/shipmentConfirmation`, body)

    it("rejects invalid confirmations with Amazon's error shape and 400", async () => {
      const cases: Array<[string, unknown, RegExp]> = [
        [id, shipment([{ orderItemId: "99999999999999", quantity: 1 }]), /does not belong to order/],
        [id, shipment([{ orderItemId: lines[0].OrderItemId, quantity: 3 }]), /exceeds the 2 unit\(s\) left to ship/],
        [id, shipment([{ orderItemId: lines[0].OrderItemId, quantity: 1 }], { carrierCode: undefined }), /carrierCode/],
        [id, shipment([{ orderItemId: lines[0].OrderItemId, quantity: 1 }], { carrierCode: "Other" }), /carrierName is required when carrierCode is "Other"/],
        [id, shipment([{ orderItemId: lines[0].OrderItemId, quantity: 1 }], { shipDate: "21/02/2025" }), /ISO 8601/],
        [id, { ...shipment([{ orderItemId: lines[0].OrderItemId, quantity: 1 }]), marketplaceId: DE }, /does not match the marketplace/],
        [id, shipment([]), /at least one order item/],
        ["111-5550110-0000010", shipment([{ orderItemId: "1", quantity: 1 }]), /canceled/],
        ["111-5550108-0000008", shipment([{ orderItemId: "1", quantity: 1 }]), /fulfilled by Amazon/],
        ["111-5550101-0000001", shipment([{ orderItemId: "1", quantity: 1 }]), /pending/],
      ]
      for (const [orderId, body, message] of cases) {
        const result = await confirm(orderId, body)
        expect({ message: String(message), status: result.status }).toEqual({ message: String(message), status: 400 })
        expect(result.body.errors[0].code).toBe("InvalidInput")
        expect(result.body.errors[0].message).toMatch(message)
      }
      expect((await confirm("111-0000000-0000000", shipment([{ orderItemId: "1", quantity: 1 }]))).status).toBe(404)
      expect((await client.get(`${ORDERS}/${id}`)).body.payload.OrderStatus).toBe("Unshipped")
    })

    it("moves Unshipped -> PartiallyShipped -> Shipped and records the packages", async () => {
      const before = sim.getOrderSnapshot(id)!.lastUpdated
      sim.advanceTime(MINUTE)
      expect((await confirm(id, shipment([{ orderItemId: lines[0].OrderItemId, quantity: 1 }]))).status).toBe(204)
      let order = (await client.get(`${ORDERS}/${id}`)).body.payload
      expect(order).toMatchObject({ OrderStatus: "PartiallyShipped", NumberOfItemsShipped: 1, NumberOfItemsUnshipped: 3 })
      expect(sim.getOrderSnapshot(id)!.lastUpdated > before).toBe(true)

      expect((await confirm(id, shipment([{ orderItemId: lines[0].OrderItemId, quantity: 1 }], {}, "PKG-1"))).body.errors[0].message).toMatch(/already used/)
      const rest = [
        { orderItemId: lines[0].OrderItemId, quantity: 1 },
        { orderItemId: lines[1].OrderItemId, quantity: 1 },
        { orderItemId: lines[2].OrderItemId, quantity: 1 },
      ]
      expect((await confirm(id, shipment(rest, { carrierCode: "Other", carrierName: "Local Courier" }, "PKG-2"))).status).toBe(204)
      order = (await client.get(`${ORDERS}/${id}`)).body.payload
      expect(order).toMatchObject({ OrderStatus: "Shipped", NumberOfItemsShipped: 4, NumberOfItemsUnshipped: 0 })
      expect(sim.getOrderSnapshot(id)!.packages.map((p) => [p.packageReferenceId, p.carrierCode, p.items.length])).toEqual([
        ["PKG-1", "UPS", 1],
        ["PKG-2", "Other", 3],
      ])
      const again = await confirm(id, shipment([{ orderItemId: lines[0].OrderItemId, quantity: 1 }], {}, "PKG-3"))
      expect(again.body.errors[0].message).toMatch(/already shipped/)
    })
  })
})
