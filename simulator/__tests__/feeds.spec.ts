// The simulator's Feeds API on its own: document links, the processing timeline, what it validates in an
// order feed and the processing report it answers with. Every SP-API answer must match Amazon's model.
import { gunzipSync } from "node:zlib"
import { XMLParser } from "fast-xml-parser"
import { FEED_PROCESSING_MS, FEED_QUEUE_MS } from "../feeds-api"
import { startSimulator, type SimOrderSeed, type Simulator } from "../index"
import { expectResponsesConform, SimClient, sleep, US } from "./helpers"

// Slow enough that a test sees each status of the timeline, fast enough that it waits about a second.
const TIME_SCALE = 100
const XML = "text/xml; charset=UTF-8"
const UNSHIPPED = "111-0000001-0000001"
const SHIPPED = "111-0000002-0000002"
const FBA = "111-0000004-0000004"
const JPY_ORDER = "503-0000005-0000005"

function seeds(now: Date): SimOrderSeed[] {
  const purchaseDate = new Date(now.getTime() - 24 * 3600_000)
  const item = (orderItemId: string, extra: Partial<SimOrderSeed["items"][number]> = {}) => ({ orderItemId, sku: "SKU", asin: "B000000001", title: "Thing", quantity: 1, unitPrice: 10, ...extra })
  return [
    { id: UNSHIPPED, marketplaceId: US, status: "UNSHIPPED", fulfilledBy: "MERCHANT", purchaseDate, items: [item("10000000000001", { unitTax: 0.8, shippingPrice: 4 })] },
    { id: SHIPPED, marketplaceId: US, status: "SHIPPED", fulfilledBy: "MERCHANT", purchaseDate, items: [item("20000000000001")] },
    { id: FBA, marketplaceId: US, status: "UNSHIPPED", fulfilledBy: "AMAZON", purchaseDate, items: [item("40000000000001")] },
    { id: JPY_ORDER, marketplaceId: "A1VC38T7YXB528", status: "SHIPPED", fulfilledBy: "MERCHANT", purchaseDate, items: [item("50000000000001", { unitPrice: 1980 })] },
  ]
}

const envelope = (messageType: string, messages: string, header = "<Header><DocumentVersion>1.01</DocumentVersion><MerchantIdentifier>A1SIMSELLER0001</MerchantIdentifier></Header>") =>
  `<?xml version="1.0" encoding="UTF-8"?><AmazonEnvelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="amzn-envelope.xsd">${header}<MessageType>${messageType}</MessageType>${messages}</AmazonEnvelope>`

const cancel = (id: number, orderId: string, items: Array<[string, string]>, status = "Failure") =>
  `<Message><MessageID>${id}</MessageID><OrderAcknowledgement><AmazonOrderID>${orderId}</AmazonOrderID><StatusCode>${status}</StatusCode>${items
    .map(([code, reason]) => `<Item><AmazonOrderItemCode>${code}</AmazonOrderItemCode>${reason ? `<CancelReason>${reason}</CancelReason>` : ""}</Item>`)
    .join("")}</OrderAcknowledgement></Message>`

const refund = (id: number, orderId: string, itemCode: string, components: Array<[string, string, string?]>, reason = "CustomerReturn", action = "Refund") =>
  `<Message><MessageID>${id}</MessageID><OrderAdjustment><AmazonOrderID>${orderId}</AmazonOrderID><ActionType>${action}</ActionType><AdjustedItem><AmazonOrderItemCode>${itemCode}</AmazonOrderItemCode><AdjustmentReason>${reason}</AdjustmentReason><ItemPriceAdjustments>${components
    .map(([type, amount, currency = "USD"]) => `<Component><Type>${type}</Type><Amount currency="${currency}">${amount}</Amount></Component>`)
    .join("")}</ItemPriceAdjustments></AdjustedItem></OrderAdjustment></Message>`

const readReport = (xml: string) =>
  new XMLParser({ parseTagValue: false, isArray: (name) => name === "Result" }).parse(xml).AmazonEnvelope.Message.ProcessingReport

describe("simulator Feeds API", () => {
  let sim: Simulator
  let client: SimClient

  beforeAll(async () => {
    sim = await startSimulator({ timeScale: TIME_SCALE })
    client = new SimClient(sim)
  })
  afterAll(() => sim.close())
  beforeEach(() => {
    sim.reset()
    sim.seedOrders(seeds(sim.now()))
  })
  afterEach(() => expectResponsesConform(sim))

  async function upload(content: string, contentType = XML) {
    const document = await client.post("/feeds/2021-06-30/documents", { contentType })
    expect(document.status).toBe(201)
    const put = await fetch(document.body.url, { method: "PUT", headers: { "content-type": contentType }, body: content })
    expect(put.status).toBe(200)
    return document.body.feedDocumentId as string
  }

  async function processed(feedType: string, content: string, contentType = XML) {
    const inputFeedDocumentId = await upload(content, contentType)
    const created = await client.post("/feeds/2021-06-30/feeds", { feedType, marketplaceIds: [US], inputFeedDocumentId })
    expect(created.status).toBe(202)
    sim.advanceTime(FEED_QUEUE_MS + FEED_PROCESSING_MS)
    const feed = (await client.get(`/feeds/2021-06-30/feeds/${created.body.feedId}`)).body
    const document = await client.get(`/feeds/2021-06-30/documents/${feed.resultFeedDocumentId}`)
    expect(document.body.compressionAlgorithm).toBe("GZIP")
    const download = await fetch(document.body.url)
    expect(download.status).toBe(200)
    const report = readReport(gunzipSync(Buffer.from(await download.arrayBuffer())).toString("utf8"))
    return { feed, report }
  }

  it("moves a feed from IN_QUEUE through IN_PROGRESS to DONE after the scaled delay, with Amazon's timestamps", async () => {
    const inputFeedDocumentId = await upload(envelope("OrderAcknowledgement", cancel(1, UNSHIPPED, [["10000000000001", "NoInventory"]])))
    const { feedId } = (await client.post("/feeds/2021-06-30/feeds", { feedType: "POST_ORDER_ACKNOWLEDGEMENT_DATA", marketplaceIds: [US], inputFeedDocumentId })).body
    const status = async () => (await client.get(`/feeds/2021-06-30/feeds/${feedId}`)).body
    expect(await status()).toEqual({ feedId, feedType: "POST_ORDER_ACKNOWLEDGEMENT_DATA", marketplaceIds: [US], createdTime: expect.any(String), processingStatus: "IN_QUEUE" })
    expect(sim.getOrderSnapshot(UNSHIPPED)?.status).toBe("UNSHIPPED")
    await sleep(FEED_QUEUE_MS / TIME_SCALE + 50)
    expect((await status()).processingStatus).toBe("IN_PROGRESS")
    expect(sim.getOrderSnapshot(UNSHIPPED)?.status).toBe("UNSHIPPED")
    await sleep(FEED_PROCESSING_MS / TIME_SCALE)
    const done = await status()
    expect(done).toMatchObject({ processingStatus: "DONE", processingStartTime: expect.any(String), processingEndTime: expect.any(String), resultFeedDocumentId: expect.any(String) })
    expect(Date.parse(done.processingEndTime) - Date.parse(done.createdTime)).toBe((FEED_QUEUE_MS + FEED_PROCESSING_MS) / TIME_SCALE)
    expect(sim.getOrderSnapshot(UNSHIPPED)?.status).toBe("CANCELLED")
  })

  it("lists feeds by type and creation window (getFeeds), newest first, and asks for feedTypes", async () => {
    const before = new Date(sim.now().getTime() - 1000).toISOString()
    const ids: string[] = []
    for (const orderId of [UNSHIPPED, SHIPPED]) {
      const inputFeedDocumentId = await upload(envelope("OrderAcknowledgement", cancel(1, orderId, [["10000000000001", "NoInventory"]])))
      ids.push((await client.post("/feeds/2021-06-30/feeds", { feedType: "POST_ORDER_ACKNOWLEDGEMENT_DATA", marketplaceIds: [US], inputFeedDocumentId })).body.feedId)
      sim.advanceTime(1000)
    }
    const listed = await client.get("/feeds/2021-06-30/feeds", { feedTypes: "POST_ORDER_ACKNOWLEDGEMENT_DATA", createdSince: before })
    expect(listed.status).toBe(200)
    expect(listed.body.feeds.map((feed: any) => feed.feedId)).toEqual([...ids].reverse())
    const otherType = await client.get("/feeds/2021-06-30/feeds", { feedTypes: "POST_PAYMENT_ADJUSTMENT_DATA", createdSince: before })
    expect(otherType.body.feeds).toEqual([])
    const later = await client.get("/feeds/2021-06-30/feeds", { feedTypes: "POST_ORDER_ACKNOWLEDGEMENT_DATA", createdSince: sim.now().toISOString() })
    expect(later.body.feeds).toEqual([])
    const noType = await client.get("/feeds/2021-06-30/feeds", {})
    expect(noType.status).toBe(400)
  })

  it("answers with one Result per refused message, and applies the messages that pass", async () => {
    const { report } = await processed(
      "POST_ORDER_ACKNOWLEDGEMENT_DATA",
      envelope(
        "OrderAcknowledgement",
        [
          cancel(1, SHIPPED, [["20000000000001", "NoInventory"]]),
          cancel(2, "111-9999999-9999999", [["1", "NoInventory"]]),
          cancel(3, UNSHIPPED, [["99999999999999", "NoInventory"]]),
          cancel(4, UNSHIPPED, [["10000000000001", "OutOfStock"]]),
          cancel(5, UNSHIPPED, [["10000000000001", ""]]),
          cancel(6, FBA, [["40000000000001", "NoInventory"]]),
          cancel(7, UNSHIPPED, [["10000000000001", "ShippingAddressUndeliverable"]]),
          cancel(8, UNSHIPPED, [["10000000000001", "ShippingAddressUndeliverable"]]),
        ].join("")
      )
    )
    expect(report.ProcessingSummary).toEqual({ MessagesProcessed: "8", MessagesSuccessful: "1", MessagesWithError: "7", MessagesWithWarning: "0" })
    const byMessage = Object.fromEntries(report.Result.map((result: any) => [result.MessageID, [result.ResultMessageCode, result.ResultDescription]]))
    expect(byMessage["1"]).toEqual(["18102", expect.stringMatching(/already been shipped/)])
    expect(byMessage["2"]).toEqual(["18100", expect.stringMatching(/not found/)])
    expect(byMessage["3"]).toEqual(["18101", expect.stringMatching(/does not belong to order/)])
    expect(byMessage["4"]).toEqual(["5001", expect.stringMatching(/not valid for CancelReason/)])
    expect(byMessage["5"]).toEqual(["5001", expect.stringMatching(/CancelReason is missing/)])
    expect(byMessage["6"]).toEqual(["18106", expect.stringMatching(/fulfilled by Amazon/)])
    expect(byMessage["7"]).toBeUndefined()
    expect(byMessage["8"]).toEqual(["18103", expect.stringMatching(/already been cancelled/)])
    expect(report.Result.find((result: any) => result.MessageID === "1").AdditionalInfo).toEqual({ AmazonOrderID: SHIPPED })
    expect(sim.getOrderSnapshot(UNSHIPPED)?.status).toBe("CANCELLED")
    expect(sim.getOrderSnapshot(SHIPPED)?.status).toBe("SHIPPED")
  })

  it("checks refunds against what was paid per component and in total, and records the ones it applies", async () => {
    const { report } = await processed(
      "POST_PAYMENT_ADJUSTMENT_DATA",
      envelope(
        "OrderAdjustment",
        [
          refund(1, UNSHIPPED, "10000000000001", [["Principal", "10.01"]]),
          refund(2, UNSHIPPED, "10000000000001", [["Principal", "5.00", "EUR"]]),
          refund(3, UNSHIPPED, "10000000000001", [["Principal", "-5.00"]]),
          refund(4, UNSHIPPED, "10000000000001", [["RestockingFee", "1.00"], ["Principal", "2.00"]]),
          refund(5, UNSHIPPED, "10000000000001", [["Principal", "5.00"]], "Whatever"),
          refund(6, UNSHIPPED, "10000000000001", [["Principal", "5.00"]], "CustomerReturn", "Charge"),
          refund(7, UNSHIPPED, "10000000000001", [["Principal", "1.234"]]),
          refund(8, UNSHIPPED, "10000000000001", [["Principal", "10.00"], ["Tax", "0.80"], ["Shipping", "4.00"], ["RestockingFee", "-1.00"]]),
          refund(9, UNSHIPPED, "10000000000001", [["Shipping", "0.01"]]),
          refund(10, JPY_ORDER, "50000000000001", [["Principal", "1980", "JPY"]]),
          refund(11, JPY_ORDER, "50000000000001", [["Principal", "1.5", "JPY"]]),
        ].join("")
      )
    )
    const byMessage = Object.fromEntries(report.Result.map((result: any) => [result.MessageID, [result.ResultMessageCode, result.ResultDescription]]))
    expect(byMessage["1"]).toEqual(["18104", expect.stringMatching(/Principal .*\(10\.01\) exceeds the amount that can be refunded \(10\.00\)/)])
    expect(byMessage["2"]).toEqual(["18105", expect.stringMatching(/not the order's currency USD/)])
    expect(byMessage["3"]).toEqual(["5001", expect.stringMatching(/greater than zero/)])
    expect(byMessage["4"]).toEqual(["5001", expect.stringMatching(/must be negative/)])
    expect(byMessage["5"]).toEqual(["5001", expect.stringMatching(/AdjustmentReason/)])
    expect(byMessage["6"]).toEqual(["5001", expect.stringMatching(/ActionType/)])
    expect(byMessage["7"]).toEqual(["5001", expect.stringMatching(/not a valid amount/)])
    expect(byMessage["8"]).toBeUndefined()
    expect(byMessage["9"]).toEqual(["18104", expect.stringMatching(/Shipping .*exceeds the amount that can be refunded \(0\.00\)/)])
    expect(byMessage["10"]).toBeUndefined()
    expect(byMessage["11"]).toEqual(["5001", expect.stringMatching(/not a valid amount in JPY/)])
    expect(report.ProcessingSummary).toEqual({ MessagesProcessed: "11", MessagesSuccessful: "2", MessagesWithError: "9", MessagesWithWarning: "0" })
    expect(sim.getOrderSnapshot(UNSHIPPED)?.items[0].refunded).toEqual({ Principal: "10.00", Tax: "0.80", Shipping: "4.00", RestockingFee: "-1.00" })
    expect(sim.getOrderSnapshot(JPY_ORDER)?.items[0].refunded).toEqual({ Principal: "1980" })
  })

  it("rejects the document as a whole for a wrong envelope, and goes FATAL for what it cannot read", async () => {
    const wrongType = await processed("POST_PAYMENT_ADJUSTMENT_DATA", envelope("OrderAcknowledgement", cancel(1, UNSHIPPED, [["10000000000001", "NoInventory"]])))
    expect(wrongType.feed.processingStatus).toBe("DONE")
    expect(wrongType.report.Result).toEqual([expect.objectContaining({ MessageID: "0", ResultCode: "Error", ResultMessageCode: "5000", ResultDescription: expect.stringMatching(/MessageType/) })])
    const noHeader = await processed("POST_ORDER_ACKNOWLEDGEMENT_DATA", envelope("OrderAcknowledgement", cancel(1, UNSHIPPED, [["10000000000001", "NoInventory"]]), ""))
    expect(noHeader.report.Result[0].ResultDescription).toMatch(/Header/)
    const duplicate = await processed("POST_ORDER_ACKNOWLEDGEMENT_DATA", envelope("OrderAcknowledgement", cancel(1, SHIPPED, [["20000000000001", "NoInventory"]], "Success") + cancel(1, UNSHIPPED, [["10000000000001", "NoInventory"]])))
    expect(duplicate.report.Result.map((result: any) => result.ResultMessageCode)).toEqual(["18107"])
    expect(sim.getOrderSnapshot(UNSHIPPED)?.status).toBe("UNSHIPPED")

    const broken = await processed("POST_ORDER_ACKNOWLEDGEMENT_DATA", "<AmazonEnvelope><Message>")
    expect(broken.feed.processingStatus).toBe("FATAL")
    expect(broken.report.ProcessingSummary.MessagesProcessed).toBe("0")
    expect(broken.report.Result[0]).toMatchObject({ MessageID: "0", ResultMessageCode: "5000", ResultDescription: expect.stringMatching(/XML Parsing Error at Line/) })
    const tsv = await processed("POST_ORDER_ACKNOWLEDGEMENT_DATA", "order-id\tcancel-reason\n", "text/tab-separated-values; charset=UTF-8")
    expect(tsv.feed.processingStatus).toBe("FATAL")
  })

  it("goes FATAL when nothing was uploaded before createFeed", async () => {
    const document = (await client.post("/feeds/2021-06-30/documents", { contentType: XML })).body
    const { feedId } = (await client.post("/feeds/2021-06-30/feeds", { feedType: "POST_ORDER_ACKNOWLEDGEMENT_DATA", marketplaceIds: [US], inputFeedDocumentId: document.feedDocumentId })).body
    sim.advanceTime(FEED_QUEUE_MS + FEED_PROCESSING_MS)
    expect((await client.get(`/feeds/2021-06-30/feeds/${feedId}`)).body.processingStatus).toBe("FATAL")
    expect(sim.listFeeds()[0].results?.[0].resultDescription).toMatch(/no content was uploaded/)
  })

  it("accepts an upload only with the link's method, signature and content type, within five minutes", async () => {
    const document = (await client.post("/feeds/2021-06-30/documents", { contentType: XML })).body
    const put = (url: string, contentType: string) => fetch(url, { method: "PUT", headers: { "content-type": contentType }, body: "<AmazonEnvelope/>" })
    expect((await put(document.url, "text/xml")).status).toBe(403)
    expect((await put(document.url.replace(/X-Amz-Signature=[0-9a-f]+/, "X-Amz-Signature=forged"), XML)).status).toBe(403)
    expect((await fetch(document.url)).status).toBe(403)
    const wrong = await put(document.url, "text/plain")
    expect(await wrong.text()).toMatch(/<Code>SignatureDoesNotMatch<\/Code>/)
    expect((await put(document.url, XML)).status).toBe(200)
    sim.advanceTime(5 * 60_000 + 1)
    const late = await put(document.url, XML)
    expect([late.status, await late.text()]).toEqual([403, expect.stringMatching(/Request has expired/)])
    const uploads = sim.requests().filter((entry) => entry.method === "PUT")
    expect(uploads.every((entry) => entry.query["X-Amz-Signature"] === "[redacted]")).toBe(true)
  })

  it("refuses bad createFeed and createFeedDocument requests with Amazon's error shape, and unknown feeds with 404", async () => {
    const inputFeedDocumentId = await upload(envelope("OrderAcknowledgement", cancel(1, UNSHIPPED, [["10000000000001", "NoInventory"]])))
    const create = (body: unknown) => client.post("/feeds/2021-06-30/feeds", body)
    expect((await create({ feedType: "POST_PRODUCT_DATA", marketplaceIds: [US], inputFeedDocumentId })).status).toBe(400)
    expect((await create({ feedType: "POST_ORDER_ACKNOWLEDGEMENT_DATA", marketplaceIds: [], inputFeedDocumentId })).status).toBe(400)
    expect((await create({ feedType: "POST_ORDER_ACKNOWLEDGEMENT_DATA", marketplaceIds: ["NOPE"], inputFeedDocumentId })).status).toBe(400)
    expect((await create({ feedType: "POST_ORDER_ACKNOWLEDGEMENT_DATA", marketplaceIds: [US], inputFeedDocumentId: "amzn1.tortuga.4.na.unknown" })).body.errors[0].code).toBe("InvalidInput")
    expect((await client.post("/feeds/2021-06-30/documents", {})).status).toBe(400)
    expect((await client.get("/feeds/2021-06-30/feeds/123")).status).toBe(404)
    expect((await client.get("/feeds/2021-06-30/documents/unknown")).status).toBe(404)
    expect((await client.call("DELETE", "/feeds/2021-06-30/feeds/123", undefined, undefined)).status).toBe(404)
    expect((await client.get("/feeds/2021-06-30/feeds/123", undefined, { token: null })).status).toBe(403)
  })

  it("limits createFeed to Amazon's burst of 15, then answers 429 until the bucket refills", async () => {
    const inputFeedDocumentId = await upload(envelope("OrderAcknowledgement", cancel(1, UNSHIPPED, [["10000000000001", "NoInventory"]])))
    const statuses: number[] = []
    for (let i = 0; i < 16; i++) {
      const answer = await client.post("/feeds/2021-06-30/feeds", { feedType: "POST_ORDER_ACKNOWLEDGEMENT_DATA", marketplaceIds: [US], inputFeedDocumentId })
      statuses.push(answer.status)
      if (i === 0) expect(Number(answer.headers.get("x-amzn-ratelimit-limit"))).toBeCloseTo(0.0083 * TIME_SCALE, 6)
    }
    expect(statuses).toEqual([...Array(15).fill(202), 429])
    expect(sim.listFeeds()).toHaveLength(15)
  })
})
