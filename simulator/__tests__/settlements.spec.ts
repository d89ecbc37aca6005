// Settlement reports and Finances transactions of the simulator: behaviour, and every exchange against Amazon's
// models (reports_2021-06-30.json, finances_2024-06-19.json).
import { gunzipSync } from "node:zlib"
import { describeConformance, expectConformantExchanges } from "../../test-utils/conformance"
import { DOCUMENT_LINK_LIFETIME_MS, startSimulator, type Simulator } from "../index"
import { DE, isoMinutesAgo, JP, SimClient, US } from "./helpers"
import { shippedOrders } from "./settlement-seeds"

const SETTLEMENT = "GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2"

describeConformance("simulator settlements and finances", () => {
  let sim: Simulator
  let client: SimClient

  beforeAll(async () => {
    sim = await startSimulator({ timeScale: 1000, financesPageSize: 2 })
    client = new SimClient(sim)
  })
  afterAll(() => sim.close())

  beforeEach(() => {
    sim.reset()
    sim.seedOrders(shippedOrders(sim.now()))
  })

  afterEach(() => {
    expectConformantExchanges(sim.requests())
  })

  async function download(reportDocumentId: string): Promise<{ text: string; status: number; compression?: string }> {
    const document = await client.get(`/reports/2021-06-30/documents/${reportDocumentId}`)
    expect(document.status).toBe(200)
    const response = await fetch(document.body.url)
    const bytes = Buffer.from(await response.arrayBuffer())
    const text = document.body.compressionAlgorithm === "GZIP" ? gunzipSync(bytes).toString("utf8") : bytes.toString("utf8")
    return { text, status: response.status, compression: document.body.compressionAlgorithm }
  }

  it("lists no settlement before one closes, then one report per marketplace, newest first", async () => {
    const before = await client.get("/reports/2021-06-30/reports", { reportTypes: SETTLEMENT, processingStatuses: "DONE" })
    expect(before.body).toEqual({ reports: [] })
    const closed = sim.closeSettlement()
    expect(closed.map((entry) => [entry.marketplaceId, entry.currency]).sort()).toEqual([[DE, "EUR"], [JP, "JPY"], [US, "USD"]])
    const listed = await client.get("/reports/2021-06-30/reports", { reportTypes: SETTLEMENT, processingStatuses: "DONE", createdSince: isoMinutesAgo(sim, 60) })
    expect(listed.body.reports).toHaveLength(3)
    expect(listed.body.reports[0]).toMatchObject({ reportType: SETTLEMENT, processingStatus: "DONE" })
    const deOnly = await client.get("/reports/2021-06-30/reports", { reportTypes: SETTLEMENT, marketplaceIds: DE })
    expect(deOnly.body.reports.map((report: { marketplaceIds: string[] }) => report.marketplaceIds)).toEqual([[DE]])
    // A second close has nothing new to settle.
    expect(sim.closeSettlement()).toEqual([])
  })

  it("pages with a nextToken that must be the only parameter", async () => {
    sim.closeSettlement({ marketplaceId: US })
    sim.closeSettlement({ marketplaceId: DE })
    sim.closeSettlement({ marketplaceId: JP })
    const first = await client.get("/reports/2021-06-30/reports", { reportTypes: SETTLEMENT, pageSize: 2 })
    expect(first.body.reports).toHaveLength(2)
    expect(typeof first.body.nextToken).toBe("string")
    const refused = await client.get("/reports/2021-06-30/reports", { reportTypes: SETTLEMENT, nextToken: first.body.nextToken })
    expect(refused.status).toBe(400)
    const second = await client.get("/reports/2021-06-30/reports", { nextToken: first.body.nextToken })
    expect(second.body.reports).toHaveLength(1)
    expect(second.body.nextToken).toBeUndefined()
    const ids = [...first.body.reports, ...second.body.reports].map((report: { reportId: string }) => report.reportId)
    expect(new Set(ids).size).toBe(3)
    expect((await client.get("/reports/2021-06-30/reports", { nextToken: "forged" })).status).toBe(400)
    expect((await client.get("/reports/2021-06-30/reports", {})).status).toBe(400)
  })

  it("writes a US file with dot decimals and ISO dates; its amounts add up to the total", async () => {
    const [closed] = sim.closeSettlement({ marketplaceId: US, compression: "NONE" })
    const { text, compression } = await download(closed.reportDocumentId)
    expect(compression).toBeUndefined()
    const [header, summary, ...lines] = text.trimEnd().split("\n").map((line) => line.split("\t"))
    const column = (name: string) => header.indexOf(name)
    expect(summary[column("settlement-id")]).toBe(closed.settlementId)
    expect(summary[column("currency")]).toBe("USD")
    expect(summary[column("settlement-start-date")]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/)
    const rows = lines.map((line) => [line[column("transaction-type")], line[column("order-id")], line[column("amount-type")], line[column("amount-description")], line[column("amount")]])
    expect(rows.filter((row) => row[1] === "111-7770001-0000001")).toEqual([
      ["Order", "111-7770001-0000001", "ItemPrice", "Principal", "25.98"],
      ["Order", "111-7770001-0000001", "ItemPrice", "Tax", "2.14"],
      ["Order", "111-7770001-0000001", "ItemPrice", "Shipping", "4.99"],
      ["Order", "111-7770001-0000001", "ItemWithheldTax", "MarketplaceFacilitatorTax-Principal", "-2.14"],
      ["Order", "111-7770001-0000001", "Promotion", "Principal", "-2.00"],
      ["Order", "111-7770001-0000001", "ItemFees", "Commission", "-3.60"],
    ])
    expect(rows.filter((row) => row[1] === "111-7770002-0000002").map((row) => row[3])).toContain("FBAPerUnitFulfillmentFee")
    expect(rows.some((row) => row[1] === "111-7770003-0000003")).toBe(false)
    expect(rows.at(-1)).toEqual(["other-transaction", "", "other-transaction", "Subscription Fee", "-39.99"])
    const sum = lines.reduce((total, line) => total + Math.round(Number(line[column("amount")]) * 100), 0)
    expect(Math.round(Number(summary[column("total-amount")]) * 100)).toBe(sum)
    expect(lines[0][column("posted-date-time")]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/)
  })

  it("writes a DE file gzipped with comma decimals, thousands dots and dotted dates", async () => {
    const [closed] = sim.closeSettlement({ marketplaceId: DE })
    const { text, compression } = await download(closed.reportDocumentId)
    expect(compression).toBe("GZIP")
    const [header, summary, ...lines] = text.trimEnd().split("\n").map((line) => line.split("\t"))
    const column = (name: string) => header.indexOf(name)
    expect(summary[column("currency")]).toBe("EUR")
    expect(summary[column("deposit-date")]).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2} UTC$/)
    expect(lines.map((line) => line[column("amount")])).toContain("1.037,45")
    expect(lines.every((line) => /^-?\d{1,3}(\.\d{3})*,\d{2}$/.test(line[column("amount")]))).toBe(true)
  })

  it("puts an Amazon-side refund into Finances now and into the next settlement", async () => {
    sim.closeSettlement({ marketplaceId: US })
    sim.refundOrder("111-7770001-0000001")
    const [closed] = sim.closeSettlement({ marketplaceId: US, compression: "NONE" })
    const { text } = await download(closed.reportDocumentId)
    const refundLines = text.split("\n").filter((line) => line.includes("\tRefund\t"))
    expect(refundLines.map((line) => line.split("\t").slice(12, 15))).toEqual([
      ["ItemPrice", "Principal", "-25.98"],
      ["ItemPrice", "Tax", "-2.14"],
      ["ItemWithheldTax", "MarketplaceFacilitatorTax-Principal", "2.14"],
      ["ItemFees", "Commission", "3.90"],
      ["ItemFees", "RefundCommission", "-0.78"],
    ])
    sim.advanceTime(3 * 60_000)
    const byOrder = await client.get("/finances/2024-06-19/transactions", { relatedIdentifierName: "ORDER_ID", relatedIdentifierValue: "111-7770001-0000001" })
    expect(byOrder.body.payload.transactions.map((transaction: { transactionType: string }) => transaction.transactionType)).toEqual(["Shipment", "Refund"])
  })

  it("lists transactions of shipped orders, paged, with Amazon's rules on dates", async () => {
    sim.advanceTime(3 * 60_000)
    const seen: Array<{ transactionType: string; totalAmount: { currencyCode: string; currencyAmount: number }; relatedIdentifiers: Array<{ relatedIdentifierName: string; relatedIdentifierValue: string }> }> = []
    const postedAfter = isoMinutesAgo(sim, 3 * 24 * 60)
    let nextToken: string | undefined
    let pages = 0
    do {
      const page = await client.get("/finances/2024-06-19/transactions", { postedAfter, nextToken })
      expect(page.status).toBe(200)
      seen.push(...page.body.payload.transactions)
      nextToken = page.body.payload.nextToken
      pages++
    } while (nextToken)
    expect(pages).toBe(2)
    expect(seen.map((transaction) => transaction.relatedIdentifiers[0].relatedIdentifierValue).sort()).toEqual([
      "111-7770001-0000001",
      "111-7770002-0000002",
      "302-7770004-0000004",
      "503-7770005-0000005",
    ])
    const jp = seen.find((transaction) => transaction.totalAmount.currencyCode === "JPY")!
    expect(Number.isInteger(jp.totalAmount.currencyAmount)).toBe(true)

    expect((await client.get("/finances/2024-06-19/transactions", {})).status).toBe(400)
    expect((await client.get("/finances/2024-06-19/transactions", { postedAfter: isoMinutesAgo(sim, 1) })).status).toBe(400)
    expect((await client.get("/finances/2024-06-19/transactions", { postedAfter, nextToken: "forged" })).status).toBe(400)
    const first = await client.get("/finances/2024-06-19/transactions", { postedAfter })
    // The token belongs to the arguments it was issued with.
    expect((await client.get("/finances/2024-06-19/transactions", { postedAfter: isoMinutesAgo(sim, 100), nextToken: first.body.payload.nextToken })).status).toBe(400)
    const deOnly = await client.get("/finances/2024-06-19/transactions", { postedAfter, marketplaceId: DE })
    expect(deOnly.body.payload.transactions).toHaveLength(1)
    expect((await client.get("/finances/2024-06-19/transactions", { relatedIdentifierName: "SHIPMENT_ID", relatedIdentifierValue: "x" })).status).toBe(400)
  })

  it("serves a document only through its link, for five minutes", async () => {
    const [closed] = sim.closeSettlement({ marketplaceId: US })
    const document = await client.get(`/reports/2021-06-30/documents/${closed.reportDocumentId}`)
    const link = new URL(document.body.url)
    link.searchParams.set("X-Amz-Signature", "0".repeat(64))
    expect((await fetch(link)).status).toBe(403)
    sim.advanceTime(DOCUMENT_LINK_LIFETIME_MS + 1000)
    expect((await fetch(document.body.url)).status).toBe(403)
    expect((await client.get("/reports/2021-06-30/documents/amzn1.spdoc.1.4.na.unknown")).status).toBe(404)
  })

  it("closes a settlement on its own once its period has passed", async () => {
    sim.advanceTime(15 * 24 * 3_600_000)
    // The access token of an hour ago has expired as well.
    const listed = await new SimClient(sim).get("/reports/2021-06-30/reports", { reportTypes: SETTLEMENT })
    expect(listed.body.reports).toHaveLength(3)
  })

  it("rate-limits getReports with Amazon's usage plan", async () => {
    const slow = await startSimulator({ timeScale: 1 })
    try {
      const slowClient = new SimClient(slow)
      const results: number[] = []
      for (let index = 0; index < 11; index++) results.push((await slowClient.get("/reports/2021-06-30/reports", { reportTypes: SETTLEMENT })).status)
      expect(results.slice(0, 10).every((status) => status === 200)).toBe(true)
      expect(results[10]).toBe(429)
      expectConformantExchanges(slow.requests())
    } finally {
      await slow.close()
    }
  })
})
