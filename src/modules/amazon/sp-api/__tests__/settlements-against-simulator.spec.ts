/**
 * Settlements through the real client against the simulator: getReports (paged by nextToken alone) →
 * getReportDocument → streamed download (plain and GZIP) → streamed parse, for a US and a DE file; Finances
 * listTransactions paged; and every request the client sent checked against Amazon's models.
 */
import { DEFAULT_SELLER, startSimulator, type ClosedSettlement, type Simulator } from "../../../../../simulator"
import { shippedOrders } from "../../../../../simulator/__tests__/settlement-seeds"
import { expectConformantExchanges, modelsDir } from "../../../../../test-utils/conformance"
import { readSettlementReport, SettlementFileError, type SettlementLine } from "../../settlements"
import { createSpApiClient, type SpApiClient } from "../client"
import { closeIdleSpApiConnections } from "../endpoint-agent"
import { financesAmountText } from "../finances"
import { RateLimiter } from "../rate-limiter"
import { SETTLEMENT_REPORT_TYPE } from "../reports"

const US = "ATVPDKIKX0DER"
const DE = "A1PA6795UKMFR9"
const DAY_MS = 24 * 60 * 60 * 1000

describe("settlements and finances through the client against the simulator", () => {
  let simulator: Simulator
  let client: SpApiClient

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, timeScale: 1000, financesPageSize: 2 })
    client = createSpApiClient(
      {
        region: "na",
        clientId: DEFAULT_SELLER.clientId,
        clientSecret: DEFAULT_SELLER.clientSecret,
        refreshToken: DEFAULT_SELLER.refreshToken,
        endpoint: simulator.url,
        tokenEndpoint: `${simulator.url}/auth/o2/token`,
        accountKey: "simulator-settlements",
      },
      { timeScale: 1000, maxRetries: 1, rateLimiter: new RateLimiter({ timeScale: 1000 }) }
    )
  })

  afterAll(async () => {
    closeIdleSpApiConnections()
    await simulator.close()
  })

  beforeEach(() => {
    simulator.reset()
    simulator.seedOrders(shippedOrders(simulator.now()))
  })

  afterEach(() => {
    // The client's half of every exchange (and the simulator's answers) as Amazon's models describe them.
    if (modelsDir()) expectConformantExchanges(simulator.requests())
  })

  async function allSettlementReports() {
    const createdSince = new Date(simulator.now().getTime() - 30 * DAY_MS)
    let page = await client.getReports({ reportTypes: [SETTLEMENT_REPORT_TYPE], processingStatuses: ["DONE"], createdSince, pageSize: 1 })
    const reports = [...page.reports]
    while (page.nextToken) {
      page = await client.getReports({ nextToken: page.nextToken })
      reports.push(...page.reports)
    }
    return reports
  }

  async function readReport(reportDocumentId: string) {
    const document = await client.getReportDocument(reportDocumentId)
    const bytes = await client.streamDocument(document.url, { compressionAlgorithm: document.compressionAlgorithm ?? null })
    const reader = await readSettlementReport(bytes)
    const lines: SettlementLine[] = []
    for await (const line of reader.lines()) lines.push(line)
    return { document, summary: reader.summary, lines }
  }

  it.each([
    [US, "NONE"],
    [US, "GZIP"],
    [DE, "NONE"],
    [DE, "GZIP"],
  ] as const)("finds, downloads and parses the %s settlement (%s)", async (marketplaceId, compression) => {
    const [closed] = simulator.closeSettlement({ marketplaceId, compression })
    const reports = await allSettlementReports()
    expect(reports.map((report) => report.reportId)).toEqual([closed.reportId])
    const { document, summary, lines } = await readReport(reports[0].reportDocumentId!)
    expect(document.compressionAlgorithm ?? "NONE").toBe(compression)
    expect(summary).toMatchObject({ settlementId: closed.settlementId, currency: closed.currency, totalAmount: closed.totalAmount })
    expect(lines).toHaveLength(closed.lines)

    const byOrder = new Map<string, SettlementLine[]>()
    for (const line of lines) if (line.orderId) byOrder.set(line.orderId, [...(byOrder.get(line.orderId) ?? []), line])
    if (marketplaceId === US) {
      expect([...byOrder.keys()].sort()).toEqual(["111-7770001-0000001", "111-7770002-0000002"])
      const mug = byOrder.get("111-7770001-0000001")!
      expect(mug.find((line) => line.amountDescription === "Principal" && line.amountType === "ItemPrice")).toMatchObject({ amount: "25.98", sku: "AMZ-MUG-01", quantityPurchased: 2, fulfillmentId: "MFN" })
      expect(mug.find((line) => line.amountType === "Promotion")).toMatchObject({ amount: "-2.00", promotionId: "PLM-MUG-2" })
      expect(byOrder.get("111-7770002-0000002")!.find((line) => line.amountDescription === "FBAPerUnitFulfillmentFee")?.amount).toBe("-3.22")
    } else {
      const poster = byOrder.get("302-7770004-0000004")!
      // 1.234,56 € gross with 197,11 € VAT: principal 1.037,45 €, read exactly.
      expect(poster.find((line) => line.sku === "AMZ-POSTER-A2" && line.amountDescription === "Principal")).toMatchObject({ amount: "1037.45", amountMinor: 103745 })
      expect(poster.every((line) => line.marketplaceName === "Amazon.de")).toBe(true)
    }
    expect(lines.at(-1)).toMatchObject({ transactionType: "other-transaction", amountDescription: "Subscription Fee" })
  })

  it("streams a large gzipped settlement to the parser", async () => {
    const [closed] = simulator.closeSettlement({ marketplaceId: DE, compression: "GZIP", bulkLines: 20_000 })
    const { summary, lines } = await readReport(closed.reportDocumentId)
    expect(lines).toHaveLength(closed.lines)
    expect(summary.totalAmount).toBe(closed.totalAmount)
  }, 60_000)

  it("reports a link that expired, and a document cut off in transit, as sentences", async () => {
    const [closed] = simulator.closeSettlement({ marketplaceId: US, compression: "GZIP" })
    const document = await client.getReportDocument(closed.reportDocumentId)
    simulator.advanceTime(6 * 60_000)
    await expect(client.streamDocument(document.url, { compressionAlgorithm: "GZIP" })).rejects.toMatchObject({
      code: "AMAZON_REJECTED",
      merchantMessage: expect.stringMatching(/answered HTTP 403 for http:\/\/127\.0\.0\.1:\d+\/_sim\/documents\/.+; links to Amazon documents expire, the next sync asks Amazon for a fresh one\.$/),
    })

    const fresh = await client.getReportDocument(closed.reportDocumentId)
    simulator.injectFault({ operation: "documentDownload", kind: "malformed" })
    const bytes = await client.streamDocument(fresh.url, { compressionAlgorithm: "GZIP" })
    const failure = (async () => {
      const reader = await readSettlementReport(bytes)
      for await (const _ of reader.lines());
    })()
    await expect(failure).rejects.toMatchObject({ code: "MALFORMED_RESPONSE", merchantMessage: expect.stringMatching(/is not the GZIP file Amazon announced\.$/) })
  })

  it("a plain document cut off in transit fails the parser's total check, naming the line", async () => {
    const [closed] = simulator.closeSettlement({ marketplaceId: US, compression: "NONE" })
    simulator.injectFault({ operation: "documentDownload", kind: "malformed" })
    await expect(readReport(closed.reportDocumentId)).rejects.toBeInstanceOf(SettlementFileError)
  })

  it("retries a document host answering 500 and refuses a document over the size limit", async () => {
    const [closed] = simulator.closeSettlement({ marketplaceId: US, compression: "NONE" })
    simulator.injectFault({ operation: "documentDownload", kind: "500" })
    expect((await readReport(closed.reportDocumentId)).lines).toHaveLength(closed.lines)
    const document = await client.getReportDocument(closed.reportDocumentId)
    await expect(client.streamDocument(document.url, { maxBytes: 100 })).rejects.toMatchObject({ code: "AMAZON_REJECTED", merchantMessage: expect.stringMatching(/is larger than 100 bytes and was not downloaded\.$/) })
  })

  it("lists Finances transactions of shipped orders page by page, with the same arguments each page", async () => {
    simulator.advanceTime(3 * 60_000)
    simulator.refundOrder("111-7770001-0000001")
    simulator.advanceTime(3 * 60_000)
    const postedAfter = new Date(simulator.now().getTime() - 3 * DAY_MS)
    const seen: string[] = []
    let nextToken: string | undefined
    let pages = 0
    do {
      const page = await client.listTransactions({ postedAfter, nextToken })
      expect(page.unreadableTransactions).toEqual([])
      seen.push(...page.transactions.map((transaction) => `${transaction.transactionType}:${transaction.relatedIdentifiers?.find((entry) => entry.relatedIdentifierName === "ORDER_ID")?.relatedIdentifierValue}`))
      nextToken = page.nextToken ?? undefined
      pages++
    } while (nextToken)
    expect(pages).toBe(3)
    expect(seen.sort()).toEqual([
      "Refund:111-7770001-0000001",
      "Shipment:111-7770001-0000001",
      "Shipment:111-7770002-0000002",
      "Shipment:302-7770004-0000004",
      "Shipment:503-7770005-0000005",
    ])
    const byOrder = await client.listTransactions({ relatedIdentifierName: "ORDER_ID", relatedIdentifierValue: "302-7770004-0000004" })
    expect(byOrder.transactions).toHaveLength(1)
    expect(byOrder.transactions[0].totalAmount).toEqual({ currencyCode: "EUR", currencyAmount: expect.any(Number) })
    await expect(client.listTransactions({})).rejects.toMatchObject({ code: "INVALID_REQUEST" })
  })

  it("refuses requests Amazon would refuse before sending them", async () => {
    simulator.clearRequests()
    await expect(client.getReports({ reportTypes: [] })).rejects.toMatchObject({ code: "INVALID_REQUEST" })
    await expect(client.getReports({ reportTypes: Array(11).fill(SETTLEMENT_REPORT_TYPE) })).rejects.toMatchObject({ code: "INVALID_REQUEST" })
    await expect(client.getReports({ reportTypes: [SETTLEMENT_REPORT_TYPE], pageSize: 101 })).rejects.toMatchObject({ code: "INVALID_REQUEST" })
    await expect(client.getReports({ nextToken: " " })).rejects.toMatchObject({ code: "INVALID_REQUEST" })
    await expect(client.getReportDocument("")).rejects.toMatchObject({ code: "INVALID_REQUEST" })
    await expect(client.listTransactions({ relatedIdentifierName: "ORDER_ID" })).rejects.toMatchObject({ code: "INVALID_REQUEST" })
    const now = simulator.now()
    await expect(client.listTransactions({ postedAfter: now, postedBefore: new Date(now.getTime() - 1000) })).rejects.toMatchObject({ code: "INVALID_REQUEST" })
    await expect(client.streamDocument("file:///etc/passwd")).rejects.toMatchObject({ code: "INVALID_REQUEST" })
    expect(simulator.requests()).toEqual([])
  })

  it("reads Finances amounts as the decimals Amazon wrote", () => {
    expect([12.34, -0.1, 1980, 0.07, 1e-7, -1234567.89].map(financesAmountText)).toEqual(["12.34", "-0.1", "1980", "0.07", "0.0000001", "-1234567.89"])
  })
})
