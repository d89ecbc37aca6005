/**
 * Cancellations and refunds through the real client (library + EndpointAgent + rate limiter + zod + our document
 * upload and download) against the simulator's Feeds API: create document → PUT → createFeed → getFeed until a
 * final status → download (gunzip) and parse the processing report, mapped back to orders and lines. Every
 * request the client sent and every answer it got is checked against Amazon's model.
 */
import * as net from "node:net"
import { DEFAULT_SELLER, startSimulator, type SimOrderSeed, type Simulator } from "../../../../../simulator"
import { expectConformantExchanges, findOperationById, modelsDir, usagePlanOf } from "../../../../../test-utils/conformance"
import { buildOrderAcknowledgementFeed, buildPaymentAdjustmentFeed, mapReportToMessages, parseProcessingReport, type BuiltFeed } from "../../feeds"
import { createSpApiClient, type SpApiClient } from "../client"
import { closeIdleSpApiConnections } from "../endpoint-agent"
import { FEEDS_OPERATIONS, FINAL_FEED_STATUSES } from "../feeds"
import { RateLimiter } from "../rate-limiter"
import { XML_FEED_CONTENT_TYPE } from "../schemas/feeds"

const US = "ATVPDKIKX0DER"
const SELLER = DEFAULT_SELLER.sellerId
// Slow enough that the polls see the queue, fast enough that a feed takes about a second.
const TIME_SCALE = 100

const UNSHIPPED = "111-0000001-0000001"
const SHIPPED = "111-0000002-0000002"
const PAID = "111-0000003-0000003"

function seeds(now: Date): SimOrderSeed[] {
  const purchaseDate = new Date(now.getTime() - 2 * 24 * 3600_000)
  const base = { marketplaceId: US, fulfilledBy: "MERCHANT" as const, purchaseDate }
  return [
    {
      ...base,
      id: UNSHIPPED,
      status: "UNSHIPPED",
      items: [
        { orderItemId: "10000000000001", sku: "MUG-1", asin: "B000000001", title: "Mug", quantity: 2, unitPrice: 12.5, unitTax: 1 },
        { orderItemId: "10000000000002", sku: "CUP-1", asin: "B000000002", title: "Cup", quantity: 1, unitPrice: 8, unitTax: 0.64 },
      ],
    },
    { ...base, id: SHIPPED, status: "SHIPPED", items: [{ orderItemId: "20000000000001", sku: "MUG-1", asin: "B000000001", title: "Mug", quantity: 1, unitPrice: 12.5 }] },
    {
      ...base,
      id: PAID,
      status: "SHIPPED",
      items: [{ orderItemId: "30000000000001", sku: "LAMP-1", asin: "B000000003", title: "Lamp", quantity: 2, unitPrice: 20, unitTax: 1.6, shippingPrice: 5, shippingTax: 0.4 }],
    },
  ]
}

describe("Feeds API through the client against the simulator", () => {
  let simulator: Simulator
  let client: SpApiClient
  const logLines: string[] = []

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, timeScale: TIME_SCALE })
    const record = (message: string) => logLines.push(message)
    client = createSpApiClient(
      {
        region: "na",
        clientId: DEFAULT_SELLER.clientId,
        clientSecret: DEFAULT_SELLER.clientSecret,
        refreshToken: DEFAULT_SELLER.refreshToken,
        endpoint: simulator.url,
        tokenEndpoint: `${simulator.url}/auth/o2/token`,
        accountKey: "simulator-seller-feeds",
      },
      { timeScale: TIME_SCALE, rateLimiter: new RateLimiter({ timeScale: TIME_SCALE }), logger: { info: record, warn: record, error: record } }
    )
  })

  beforeEach(() => {
    simulator.reset()
    simulator.seedOrders(seeds(simulator.now()))
  })

  afterEach(() => {
    if (modelsDir()) expectConformantExchanges(simulator.requests().filter((entry) => entry.fault !== "malformed"))
  })

  afterAll(async () => {
    closeIdleSpApiConnections()
    await simulator.close()
  })

  async function untilFinal(feedId: string) {
    const seen: string[] = []
    for (let polls = 0; polls < 200; polls++) {
      const feed = await client.getFeed(feedId)
      if (seen[seen.length - 1] !== feed.processingStatus) seen.push(feed.processingStatus)
      if (FINAL_FEED_STATUSES.has(feed.processingStatus)) return { feed, seen }
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    throw new Error(`feed ${feedId} did not finish`)
  }

  async function submit(feedType: BuiltFeed["feedType"], xml: string) {
    const { feedDocumentId } = await client.uploadFeedDocument(xml)
    const { feedId } = await client.createFeed({ feedType, marketplaceIds: [US], inputFeedDocumentId: feedDocumentId })
    const { feed, seen } = await untilFinal(feedId)
    const report = parseProcessingReport(await client.downloadFeedResult(feed.resultFeedDocumentId!))
    return { feedId, feed, seen, report }
  }

  async function run(built: BuiltFeed) {
    const submitted = await submit(built.feedType, built.xml)
    return { ...submitted, outcome: mapReportToMessages(submitted.report, built.messages) }
  }

  it("cancels an unshipped order: the upload carries the document's content type, the feed goes through the queue, the order is cancelled", async () => {
    const built = buildOrderAcknowledgementFeed({
      merchantIdentifier: SELLER,
      cancellations: [
        { amazonOrderId: UNSHIPPED, items: ["10000000000001", "10000000000002"].map((orderItemId) => ({ orderItemId, cancelReason: "NoInventory" as const })) },
      ],
    })
    const { feed, seen, report, outcome } = await run(built)
    expect(seen[0]).toBe("IN_QUEUE")
    expect(seen).toContain("IN_PROGRESS")
    expect(feed.processingStatus).toBe("DONE")
    expect(report.summary).toEqual({ processed: 1, successful: 1, withError: 0, withWarning: 0 })
    expect(outcome.messages.map((message) => [message.amazonOrderId, message.outcome])).toEqual([[UNSHIPPED, "accepted"]])
    expect(simulator.getOrderSnapshot(UNSHIPPED)?.status).toBe("CANCELLED")
    expect(simulator.getOrderSnapshot(UNSHIPPED)?.sellerCancellation?.reasons).toEqual({ "10000000000001": "NoInventory", "10000000000002": "NoInventory" })

    const upload = simulator.requests().find((entry) => entry.method === "PUT")!
    expect(upload.headers["content-type"]).toBe(XML_FEED_CONTENT_TYPE)
    expect(upload.status).toBe(200)
    expect(upload.body).toBe(built.xml)
    const received = simulator.listFeeds()
    expect(received.map((entry) => [entry.feedType, entry.processingStatus, entry.content])).toEqual([["POST_ORDER_ACKNOWLEDGEMENT_DATA", "DONE", built.xml]])
  })

  it("maps Amazon's refusal to cancel a shipped order to its message, order and lines; the other order of the feed is cancelled", async () => {
    const built = buildOrderAcknowledgementFeed({
      merchantIdentifier: SELLER,
      cancellations: [
        { amazonOrderId: SHIPPED, items: [{ orderItemId: "20000000000001", cancelReason: "BuyerCanceled" }] },
        { amazonOrderId: UNSHIPPED, items: ["10000000000001", "10000000000002"].map((orderItemId) => ({ orderItemId, cancelReason: "BuyerCanceled" as const })) },
      ],
    })
    const { report, outcome } = await run(built)
    expect(report.summary).toEqual({ processed: 2, successful: 1, withError: 1, withWarning: 0 })
    const [refused, accepted] = outcome.messages
    expect([refused.messageId, refused.amazonOrderId, refused.orderItemIds, refused.outcome]).toEqual([1, SHIPPED, ["20000000000001"], "rejected"])
    expect(refused.errors[0]).toMatchObject({ resultCode: "Error", amazonOrderId: SHIPPED, resultDescription: expect.stringMatching(/already been shipped/) })
    expect(accepted.outcome).toBe("accepted")
    expect(simulator.getOrderSnapshot(SHIPPED)?.status).toBe("SHIPPED")
    expect(simulator.getOrderSnapshot(UNSHIPPED)?.status).toBe("CANCELLED")
  })

  it("refunds a line by component, and rejects a second refund beyond what is left", async () => {
    const refund = (principal: string) =>
      buildPaymentAdjustmentFeed({
        merchantIdentifier: SELLER,
        refunds: [
          {
            amazonOrderId: PAID,
            currency: "USD",
            items: [{ orderItemId: "30000000000001", adjustmentReason: "CustomerReturn", components: [{ type: "Principal", amount: principal }, { type: "Tax", amount: "1.60" }], quantity: 1 }],
          },
        ],
      })
    const first = await run(refund("20.00"))
    expect(first.outcome.messages[0].outcome).toBe("accepted")
    expect(simulator.getOrderSnapshot(PAID)?.items[0].refunded).toEqual({ Principal: "20.00", Tax: "1.60" })

    // 40.00 of principal was paid, 20.00 is refunded: 20.01 more is too much.
    const second = await run(refund("20.01"))
    expect(second.report.summary).toEqual({ processed: 1, successful: 0, withError: 1, withWarning: 0 })
    expect(second.outcome.messages[0]).toMatchObject({ outcome: "rejected", amazonOrderId: PAID, orderItemIds: ["30000000000001"] })
    expect(second.outcome.messages[0].errors[0].resultDescription).toMatch(/exceeds the amount that can be refunded \(20\.00\)/)
    expect(simulator.getOrderSnapshot(PAID)?.items[0].refunded).toEqual({ Principal: "20.00", Tax: "1.60" })

    const rest = await run(refund("20.00"))
    expect(rest.outcome.messages[0].outcome).toBe("accepted")
    expect(simulator.getOrderSnapshot(PAID)?.items[0].refunded).toEqual({ Principal: "40.00", Tax: "3.20" })
  })

  it("gets FATAL and a document-level error for XML Amazon cannot read", async () => {
    const { feed, report } = await submit("POST_PAYMENT_ADJUSTMENT_DATA", "<AmazonEnvelope><Message><MessageID>1</Message></AmazonEnvelope>")
    expect(feed.processingStatus).toBe("FATAL")
    expect(report.summary.processed).toBe(0)
    expect(report.results).toEqual([expect.objectContaining({ messageId: 0, resultCode: "Error", resultMessageCode: "5000", resultDescription: expect.stringMatching(/XML Parsing Error/) })])
    const outcome = mapReportToMessages(report, [{ messageId: 1, amazonOrderId: PAID, orderItemIds: ["30000000000001"] }])
    expect(outcome.messages[0].outcome).toBe("rejected")
  })

  it("cancels a feed that is still in the queue", async () => {
    const built = buildOrderAcknowledgementFeed({ merchantIdentifier: SELLER, cancellations: [{ amazonOrderId: UNSHIPPED, items: [{ orderItemId: "10000000000001", cancelReason: "GeneralAdjustment" }] }] })
    const { feedDocumentId } = await client.uploadFeedDocument(built.xml)
    const { feedId } = await client.createFeed({ feedType: built.feedType, marketplaceIds: [US], inputFeedDocumentId: feedDocumentId })
    await client.cancelFeed(feedId)
    const { feed } = await untilFinal(feedId)
    expect(feed.processingStatus).toBe("CANCELLED")
    await expect(client.cancelFeed(feedId)).rejects.toMatchObject({ code: "AMAZON_REJECTED", operation: "cancelFeed" })
    expect(simulator.getOrderSnapshot(UNSHIPPED)?.status).toBe("UNSHIPPED")
  })

  it("retries createFeed after a 429 but not after a 500, which may have created the feed", async () => {
    const { feedDocumentId } = await client.uploadFeedDocument("<AmazonEnvelope/>")
    simulator.injectFault({ operation: "createFeed", kind: "429", times: 1 })
    await expect(client.createFeed({ feedType: "POST_PAYMENT_ADJUSTMENT_DATA", marketplaceIds: [US], inputFeedDocumentId: feedDocumentId })).resolves.toEqual({ feedId: expect.any(String) })
    simulator.injectFault({ operation: "createFeed", kind: "500", times: 1 })
    await expect(client.createFeed({ feedType: "POST_PAYMENT_ADJUSTMENT_DATA", marketplaceIds: [US], inputFeedDocumentId: feedDocumentId })).rejects.toMatchObject({ code: "SERVER_ERROR", attempts: 1 })
    expect(simulator.requests().filter((entry) => entry.operation?.operationId === "createFeed").map((entry) => entry.status)).toEqual([429, 202, 500])
  })

  it("retries createFeed when the connection never opened, since Amazon cannot have received it", async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as net.AddressInfo
        server.close(() => resolve(port))
      })
    })
    const offline = createSpApiClient(
      { region: "na", clientId: "id", clientSecret: "secret", refreshToken: "Atzr|x", endpoint: `http://127.0.0.1:${closed}`, tokenEndpoint: `http://127.0.0.1:${closed}/auth/o2/token` },
      { timeScale: TIME_SCALE, maxRetries: 2, rateLimiter: new RateLimiter({ timeScale: TIME_SCALE }) }
    )
    await expect(offline.createFeed({ feedType: "POST_ORDER_ACKNOWLEDGEMENT_DATA", marketplaceIds: [US], inputFeedDocumentId: "doc" })).rejects.toMatchObject({ code: "UNREACHABLE", attempts: 3 })
  })

  it("paces each Feeds operation by the usage plan stated in Amazon's model", () => {
    if (!modelsDir()) return
    for (const spec of Object.values(FEEDS_OPERATIONS)) {
      const operation = findOperationById("feeds_2021-06-30", spec.amazonName)
      expect({ operation: spec.amazonName, ...usagePlanOf(operation!) }).toEqual({ operation: spec.amazonName, rate: spec.usagePlan.ratePerSecond, burst: spec.usagePlan.burst })
    }
  })

  it("refuses upload links Amazon would not give and reports the document host's refusal of a wrong content type", async () => {
    await expect(client.uploadDocument("file:///etc/passwd", "<x/>", XML_FEED_CONTENT_TYPE)).rejects.toMatchObject({ code: "INVALID_REQUEST" })
    await expect(client.uploadDocument("ftp://example.com/doc", "<x/>", XML_FEED_CONTENT_TYPE)).rejects.toMatchObject({ code: "INVALID_REQUEST" })
    const { url } = await client.createFeedDocument(XML_FEED_CONTENT_TYPE)
    await expect(client.uploadDocument(url, "<x/>", "text/plain")).rejects.toMatchObject({ code: "AMAZON_REJECTED", httpStatus: 403 })
    await expect(client.uploadDocument(url, "<x/>", XML_FEED_CONTENT_TYPE)).resolves.toBeUndefined()
    expect(logLines.join("\n")).not.toMatch(/X-Amz-Signature=[0-9a-f]/)
  })
})
