// The simulator's conformance test: every request these scenarios send and every response the
// simulator answers must match Amazon's official models exactly (strict: no extra properties).
import { describeConformance, expectConformantExchanges, findOperationById, usagePlanOf } from "../../test-utils/conformance"
import { bulkOrders, demoOrders, startSimulator, USAGE_PLANS, type Simulator } from "../index"
import { DE, isoMinutesAgo, JP, SimClient, US } from "./helpers"

const ALL_INCLUDED_DATA = "BUYER,RECIPIENT,PROCEEDS,EXPENSE,PROMOTION,CANCELLATION,FULFILLMENT,PACKAGES,TAX,PAYMENT,FULFILLMENT_ORDERS"

describeConformance("simulator conforms to Amazon's SP-API models", () => {
  let sim: Simulator
  let client: SimClient

  beforeAll(async () => {
    sim = await startSimulator({ timeScale: 100, orderItemsPageSize: 2 })
    client = new SimClient(sim)
  })
  afterAll(() => sim.close())

  beforeEach(() => {
    sim.reset()
    sim.seedOrders(demoOrders({ now: sim.now() }))
  })

  afterEach(() => {
    // Both halves of every exchange: what the tests sent and what the simulator answered.
    expectConformantExchanges(sim.requests().filter((entry) => entry.fault !== "malformed"))
  })

  it("logs every request so that the sweep has something to check", async () => {
    await client.get("/orders/2026-01-01/orders", { createdAfter: isoMinutesAgo(sim, 24 * 60 * 7) })
    expect(sim.requests().map((entry) => entry.path)).toEqual(["/auth/o2/token", "/orders/2026-01-01/orders"])
  })

  it("2026-01-01 searchOrders and getOrder, with and without every includedData block", async () => {
    for (const includedData of [undefined, ALL_INCLUDED_DATA, "BUYER", "PROCEEDS,FULFILLMENT"]) {
      const page = await client.get("/orders/2026-01-01/orders", { createdAfter: isoMinutesAgo(sim, 7 * 24 * 60), includedData })
      expect(page.status).toBe(200)
      expect(page.body.orders).toHaveLength(demoOrders().length)
    }
    await client.get("/orders/2026-01-01/orders", {
      lastUpdatedAfter: isoMinutesAgo(sim, 7 * 24 * 60),
      lastUpdatedBefore: isoMinutesAgo(sim, 3),
      marketplaceIds: [US, DE, JP],
      fulfillmentStatuses: ["UNSHIPPED", "PARTIALLY_SHIPPED"],
      fulfilledBy: ["MERCHANT"],
      maxResultsPerPage: 3,
      includedData: ALL_INCLUDED_DATA,
    })
    for (const order of demoOrders()) {
      expect((await client.get(`/orders/2026-01-01/orders/${order.id}`, { includedData: ALL_INCLUDED_DATA })).status).toBe(200)
      expect((await client.get(`/orders/2026-01-01/orders/${order.id}`)).status).toBe(200)
    }
  })

  it("v0 order, items, address and buyer info, with and without a Restricted Data Token", async () => {
    const rdt = await client.rdt([
      { method: "GET", path: "/orders/v0/orders", dataElements: ["buyerInfo", "shippingAddress"] },
      { method: "GET", path: "/orders/v0/orders/{orderId}", dataElements: ["buyerInfo", "shippingAddress"] },
      { method: "GET", path: "/orders/v0/orders/{orderId}/orderItems", dataElements: ["buyerInfo"] },
      { method: "GET", path: "/orders/v0/orders/{orderId}/address" },
      { method: "GET", path: "/orders/v0/orders/{orderId}/buyerInfo" },
      { method: "GET", path: "/orders/v0/orders/{orderId}/orderItems/buyerInfo" },
    ])
    for (const token of [undefined, rdt]) {
      const list = await client.get("/orders/v0/orders", { MarketplaceIds: [US, DE, JP], CreatedAfter: isoMinutesAgo(sim, 7 * 24 * 60), MaxResultsPerPage: 5 }, { token })
      expect(list.status).toBe(200)
      await client.get("/orders/v0/orders", { MarketplaceIds: US, NextToken: list.body.payload.NextToken }, { token })
      for (const order of demoOrders()) {
        for (const suffix of ["", "/orderItems", "/address", "/buyerInfo", "/orderItems/buyerInfo"]) {
          const result = await client.get(`/orders/v0/orders/${order.id}${suffix}`, undefined, { token })
          expect(result.status).toBe(200)
          if (result.body.payload.NextToken) {
            await client.get(`/orders/v0/orders/${order.id}${suffix}`, { NextToken: result.body.payload.NextToken }, { token })
          }
        }
      }
    }
  })

  it("confirmShipment success (204), Amazon's errors, and the orders afterwards", async () => {
    const order = demoOrders()[1]
    const items = (await client.get(`/orders/v0/orders/${order.id}/orderItems`)).body.payload.OrderItems
    const shipment = (orderItems: Array<{ orderItemId: string; quantity: number }>, packageReferenceId: string) => ({
      marketplaceId: US,
      packageDetail: { packageReferenceId, carrierCode: "UPS", shippingMethod: "Ground", trackingNumber: "1Z999AA10123456784", shipDate: isoMinutesAgo(sim, 5), orderItems },
    })
    expect((await client.post(`/orders/v0/orders/${order.id}/shipmentConfirmation`, shipment([{ orderItemId: items[0].OrderItemId, quantity: 1 }], "1"))).status).toBe(204)
    expect((await client.post(`/orders/v0/orders/${order.id}/shipmentConfirmation`, shipment([{ orderItemId: items[0].OrderItemId, quantity: 5 }], "2"))).status).toBe(400)
    expect((await client.post(`/orders/v0/orders/111-0000000-0000000/shipmentConfirmation`, shipment([{ orderItemId: "1", quantity: 1 }], "3"))).status).toBe(404)
    sim.advanceTime(3 * 60_000)
    await client.get(`/orders/2026-01-01/orders/${order.id}`, { includedData: ALL_INCLUDED_DATA })
    await client.get(`/orders/v0/orders/${order.id}`)
    await client.get("/orders/2026-01-01/orders", { lastUpdatedAfter: isoMinutesAgo(sim, 10), includedData: ALL_INCLUDED_DATA })
  })

  it("error answers: 400, 403, 404, 429 and 500 all use Amazon's error shape", async () => {
    expect((await client.get("/orders/2026-01-01/orders", { createdAfter: isoMinutesAgo(sim, 60), createdBefore: isoMinutesAgo(sim, 1) })).status).toBe(400)
    expect((await client.get("/orders/v0/orders", { MarketplaceIds: US, CreatedAfter: "2025-13-45" })).status).toBe(400)
    expect((await client.get("/orders/2026-01-01/orders/111-0000000-0000000")).status).toBe(404)
    expect((await client.get("/orders/v0/orders/111-0000000-0000000")).status).toBe(404)
    expect((await client.get("/orders/v0/orders/111-0000000-0000000/orderItems", undefined, { token: null })).status).toBe(403)
    expect((await client.get("/orders/2026-01-01/orders/111-0000000-0000000", undefined, { token: "Atza|forged" })).status).toBe(403)
    expect((await client.post("/tokens/2021-03-01/restrictedDataToken", { restrictedResources: [{ method: "GET", path: "/orders/v0/orders" }] })).status).toBe(400)
    sim.injectFault({ operation: "searchOrders", kind: "429" })
    sim.injectFault({ operation: "getOrders", kind: "500" })
    sim.injectFault({ operation: "confirmShipment", kind: "429" })
    expect((await client.get("/orders/2026-01-01/orders", { createdAfter: isoMinutesAgo(sim, 60) })).status).toBe(429)
    expect((await client.get("/orders/v0/orders", { MarketplaceIds: US, CreatedAfter: isoMinutesAgo(sim, 60) })).status).toBe(500)
    const order = demoOrders()[2]
    const body = {
      marketplaceId: US,
      packageDetail: { packageReferenceId: "1", carrierCode: "USPS", trackingNumber: "9400", shipDate: isoMinutesAgo(sim, 5), orderItems: [{ orderItemId: "1", quantity: 1 }] },
    }
    expect((await client.post(`/orders/v0/orders/${order.id}/shipmentConfirmation`, body)).status).toBe(429)
  })

  it("Feeds: documents, feeds in every status, result documents, and their errors", async () => {
    const order = demoOrders()[1]
    const items = (await client.get(`/orders/v0/orders/${order.id}/orderItems`)).body.payload.OrderItems
    const xml = `<?xml version="1.0" encoding="UTF-8"?><AmazonEnvelope><Header><DocumentVersion>1.01</DocumentVersion><MerchantIdentifier>A1SIMSELLER0001</MerchantIdentifier></Header><MessageType>OrderAcknowledgement</MessageType><Message><MessageID>1</MessageID><OrderAcknowledgement><AmazonOrderID>${order.id}</AmazonOrderID><StatusCode>Failure</StatusCode><Item><AmazonOrderItemCode>${items[0].OrderItemId}</AmazonOrderItemCode><CancelReason>NoInventory</CancelReason></Item></OrderAcknowledgement></Message></AmazonEnvelope>`
    const document = await client.post("/feeds/2021-06-30/documents", { contentType: "text/xml; charset=UTF-8" })
    expect(document.status).toBe(201)
    expect((await fetch(document.body.url, { method: "PUT", headers: { "content-type": "text/xml; charset=UTF-8" }, body: xml })).status).toBe(200)
    const created = await client.post("/feeds/2021-06-30/feeds", { feedType: "POST_ORDER_ACKNOWLEDGEMENT_DATA", marketplaceIds: [US], inputFeedDocumentId: document.body.feedDocumentId })
    expect(created.status).toBe(202)
    const queued = await client.post("/feeds/2021-06-30/feeds", { feedType: "POST_PAYMENT_ADJUSTMENT_DATA", marketplaceIds: [US], inputFeedDocumentId: document.body.feedDocumentId, feedOptions: {} })
    expect((await client.get(`/feeds/2021-06-30/feeds/${queued.body.feedId}`)).body.processingStatus).toBe("IN_QUEUE")
    expect((await client.call("DELETE", `/feeds/2021-06-30/feeds/${queued.body.feedId}`, undefined, undefined)).status).toBe(200)
    expect((await client.get(`/feeds/2021-06-30/feeds/${queued.body.feedId}`)).body.processingStatus).toBe("CANCELLED")
    sim.advanceTime(10 * 60_000)
    const feed = (await client.get(`/feeds/2021-06-30/feeds/${created.body.feedId}`)).body
    expect(feed.processingStatus).toBe("DONE")
    expect((await client.call("DELETE", `/feeds/2021-06-30/feeds/${created.body.feedId}`, undefined, undefined)).status).toBe(400)
    expect((await client.get(`/feeds/2021-06-30/documents/${feed.resultFeedDocumentId}`)).body.compressionAlgorithm).toBe("GZIP")
    expect((await client.get(`/feeds/2021-06-30/documents/${feed.resultFeedDocumentId}`, { enableContentEncodingUrlHeader: "true" })).status).toBe(200)
    expect((await client.get(`/feeds/2021-06-30/documents/${document.body.feedDocumentId}`)).status).toBe(200)
    expect((await client.get("/feeds/2021-06-30/feeds/0")).status).toBe(404)
    expect((await client.get("/feeds/2021-06-30/documents/none")).status).toBe(404)
    expect((await client.post("/feeds/2021-06-30/feeds", { feedType: "POST_ORDER_ACKNOWLEDGEMENT_DATA", marketplaceIds: [US], inputFeedDocumentId: "unknown" })).status).toBe(400)
    expect((await client.post("/feeds/2021-06-30/documents", { contentType: "" })).status).toBe(400)
    expect((await client.get(`/feeds/2021-06-30/feeds/${created.body.feedId}`, undefined, { token: null })).status).toBe(403)
    sim.injectFault({ operation: "getFeed", kind: "429" })
    sim.injectFault({ operation: "createFeedDocument", kind: "500" })
    expect((await client.get(`/feeds/2021-06-30/feeds/${created.body.feedId}`)).status).toBe(429)
    expect((await client.post("/feeds/2021-06-30/documents", { contentType: "text/xml" })).status).toBe(500)
  })

  it("pagination over many orders stays conformant", async () => {
    sim.seedOrders(bulkOrders({ count: 120, newest: new Date(sim.now().getTime() - 10 * 60_000) }))
    let token: string | undefined
    do {
      const page = await client.get("/orders/2026-01-01/orders", { createdAfter: isoMinutesAgo(sim, 7 * 24 * 60), maxResultsPerPage: 50, paginationToken: token, includedData: "BUYER,RECIPIENT" })
      token = page.body.pagination?.nextToken
    } while (token)
  })

  it("the simulator's usage plans are the ones stated in Amazon's models", () => {
    const modelFile: Record<string, string> = {
      "orders-2026-01-01": "orders_2026-01-01",
      "orders-v0": "ordersV0",
      "tokens-2021-03-01": "tokens_2021-03-01",
      "feeds-2021-06-30": "feeds_2021-06-30",
      "reports-2021-06-30": "reports_2021-06-30",
      "finances-2024-06-19": "finances_2024-06-19",
      "vendor-orders-v1": "vendorOrders",
      "vendor-transactions-v1": "vendorTransactionStatus",
      "vendor-shipments-v1": "vendorShipments",
    }
    for (const [key, plan] of Object.entries(USAGE_PLANS)) {
      const [api, operationId] = key.split(":")
      const operation = findOperationById(modelFile[api], operationId)
      expect(operation).not.toBeNull()
      expect({ key, ...usagePlanOf(operation!) }).toEqual({ key, ...plan })
    }
  })
})
