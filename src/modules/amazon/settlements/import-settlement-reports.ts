import { createHash } from "node:crypto"
import { Transform, type Readable } from "node:stream"
import type { SpApiClient } from "../sp-api"
import { isSpApiError } from "../sp-api/errors"
import { financesAmountText } from "../sp-api/finances"
import { SETTLEMENT_REPORT_TYPE } from "../sp-api/reports"
import type { Report } from "../sp-api/schemas/reports"
import type { Transaction } from "../sp-api/schemas/finances"
import type { SqlRunner } from "../services/tracking-outbox"
import type { storeSettlement } from "./store-settlement"
import { readSettlementReport, SettlementFileError, type SettlementReportReader } from "./parse-settlement-report"
import { rawNumeric } from "./raw-numeric"

/** Amazon keeps reports 90 days. */
const REPORT_RETENTION_MS = 90 * 24 * 60 * 60 * 1000
/** Reports listed again before the newest one seen, in case Amazon lists one late. */
const RELIST_OVERLAP_MS = 24 * 60 * 60 * 1000
/** How far back Finances is read for orders not settled yet (a settlement closes every 14 days). */
export const PROVISIONAL_WINDOW_MS = 30 * 24 * 60 * 60 * 1000

export type ReportOutcome =
  | { report_id: string; state: "imported"; settlement_id: string; settlement_row_id: string; lines: number; orders: number }
  | { report_id: string; state: "unchanged"; settlement_id: string; settlement_row_id: string }
  | { report_id: string; state: "rejected"; settlement_id: string | null; message: string }

export type SettlementListing = { reports: Report[]; unreadable: string[]; apiCalls: number }

/** The date to list settlement reports from: the oldest still-rejected one, else a day before the newest seen. */
export function reportsCreatedSince(known: Array<{ created_time: Date | string; state: string }>, now: Date): Date {
  const floor = now.getTime() - REPORT_RETENTION_MS + 60_000
  const rejected = known.filter((row) => row.state === "rejected").map((row) => new Date(row.created_time).getTime())
  const newest = Math.max(...known.map((row) => new Date(row.created_time).getTime()), -Infinity)
  const since = rejected.length ? Math.min(...rejected) : Number.isFinite(newest) ? newest - RELIST_OVERLAP_MS : floor
  return new Date(Math.max(since, floor))
}

export async function listSettlementReports(client: SpApiClient, createdSince: Date): Promise<SettlementListing> {
  const reports: Report[] = []
  const unreadable: string[] = []
  let apiCalls = 0
  let nextToken: string | null = null
  do {
    const page = await client.getReports(
      nextToken ? { nextToken } : { reportTypes: [SETTLEMENT_REPORT_TYPE], processingStatuses: ["DONE"], createdSince, pageSize: 100 }
    )
    apiCalls++
    reports.push(...page.reports.filter((report) => report.reportDocumentId))
    unreadable.push(...page.unreadableReports.map((entry) => `Amazon listed the settlement report ${entry.reportId ?? "(no id)"} in an unreadable shape: ${entry.problem}.`))
    nextToken = page.nextToken
  } while (nextToken)
  // Oldest first, so that settlements are stored in the order Amazon closed them.
  reports.sort((a, b) => Date.parse(String(a.createdTime)) - Date.parse(String(b.createdTime)))
  return { reports, unreadable, apiCalls }
}

/** The report document's bytes as they arrive, and the sha256 of them once read to the end. */
export async function openSettlementDocument(client: SpApiClient, report: Report): Promise<{ reader: SettlementReportReader; hash: () => string }> {
  const document = await client.getReportDocument(report.reportDocumentId!)
  const source: Readable = await client.streamDocument(document.url, { compressionAlgorithm: document.compressionAlgorithm ?? null })
  const digest = createHash("sha256")
  let hex: string | null = null
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      digest.update(chunk)
      callback(null, chunk)
    },
    flush(callback) {
      hex = digest.digest("hex")
      callback()
    },
  })
  source.on("error", (error) => hashing.destroy(error))
  const reader = await readSettlementReport(source.pipe(hashing))
  return {
    reader,
    hash: () => {
      if (hex === null) throw new Error("The settlement report was not read to its end.")
      return hex
    },
  }
}

/** A sentence for the merchant about a report that could not be imported. */
export function rejectionMessage(report: Report, error: unknown): string {
  if (error instanceof SettlementFileError) return `Settlement report ${report.reportId}: ${error.message} Nothing of it was stored; the next run tries again.`
  if (isSpApiError(error)) return `Settlement report ${report.reportId} could not be downloaded: ${error.message} The next run tries again.`
  return `Settlement report ${report.reportId} could not be imported: ${(error as Error)?.message ?? String(error)} Nothing of it was stored; the next run tries again.`
}

export async function recordReportOutcome(sql: SqlRunner, accountId: string, report: Report, outcome: ReportOutcome) {
  const state = outcome.state === "rejected" ? "rejected" : "imported"
  const message = outcome.state === "rejected" ? outcome.message : null
  await sql.execute(
    `INSERT INTO amazon_settlement_report (id, account_id, report_id, report_document_id, created_time, state, settlement_id, message, attempts)
     VALUES ('amzsetr_' || md5(? || ?), ?, ?, ?, ?, ?, ?, ?, 1)
     ON CONFLICT (account_id, report_id) WHERE deleted_at IS NULL DO UPDATE SET state = EXCLUDED.state, settlement_id = EXCLUDED.settlement_id,
       message = EXCLUDED.message, attempts = amazon_settlement_report.attempts + 1, updated_at = now()`,
    [accountId, report.reportId, accountId, report.reportId, report.reportDocumentId, report.createdTime, state, outcome.settlement_id, message]
  )
}

function sumBreakdown(transaction: Transaction, type: string): string {
  const total = (transaction.breakdowns ?? [])
    .filter((entry) => entry.breakdownType === type)
    .reduce((sum, entry) => sum + (entry.breakdownAmount?.currencyAmount ?? 0), 0)
  return financesAmountText(Math.round(total * 1e6) / 1e6)
}

/** Finances transactions of orders not settled yet, stored as provisional payouts (one row per transaction). */
export async function storeProvisionalPayouts(sql: SqlRunner, accountId: string, transactions: Transaction[]): Promise<number> {
  let stored = 0
  for (const transaction of transactions) {
    const orderId = transaction.relatedIdentifiers?.find((entry) => entry.relatedIdentifierName === "ORDER_ID")?.relatedIdentifierValue
    const amount = transaction.totalAmount?.currencyAmount
    if (!orderId || !transaction.transactionId || amount === null || amount === undefined || !transaction.postedDate) continue
    const group = transaction.relatedIdentifiers?.find((entry) => entry.relatedIdentifierName === "FINANCIAL_EVENT_GROUP_ID")?.relatedIdentifierValue ?? null
    const total = financesAmountText(amount)
    const fees = sumBreakdown(transaction, "AmazonFees")
    const rows = await sql.execute(
      `INSERT INTO amazon_provisional_payout (id, account_id, transaction_id, transaction_type, amazon_order_id, posted_date, currency_code,
         total_amount, raw_total_amount, fees_total, raw_fees_total, financial_event_group_id)
       SELECT 'amzpay_' || md5(? || ?), ?, ?, ?, ?, ?, ?, ?::numeric, ${rawNumeric("?::text")},
         ?::numeric, ${rawNumeric("?::text")}, ?
       WHERE NOT EXISTS (SELECT 1 FROM amazon_settlement_order s WHERE s.account_id = ? AND s.amazon_order_id = ? AND s.deleted_at IS NULL)
       ON CONFLICT (account_id, transaction_id) WHERE deleted_at IS NULL DO UPDATE SET total_amount = EXCLUDED.total_amount,
         raw_total_amount = EXCLUDED.raw_total_amount, fees_total = EXCLUDED.fees_total, raw_fees_total = EXCLUDED.raw_fees_total, updated_at = now()
       RETURNING id`,
      [
        accountId, transaction.transactionId, accountId, transaction.transactionId, transaction.transactionType ?? "Unknown", orderId,
        transaction.postedDate, transaction.totalAmount?.currencyCode ?? "", total, total, fees, fees, group, accountId, orderId,
      ]
    )
    stored += rows.length
  }
  return stored
}

/** What importSettlementReports needs of the module service. */
export type SettlementStore = {
  clientForAccount(accountId: string): Promise<SpApiClient>
  listAmazonSettlementReports(filters: Record<string, unknown>, config?: Record<string, unknown>): Promise<Array<{ report_id: string; state: string; created_time: Date | string }>>
  listAmazonSettlements(filters: Record<string, unknown>, config?: Record<string, unknown>): Promise<Array<{ id: string; content_hash: string; report_id: string }>>
  storeSettlementReport(input: Parameters<typeof storeSettlement>[1]): Promise<{ id: string; lineCount: number; orderCount: number }>
  recordSettlementReportOutcome(accountId: string, report: Report, outcome: ReportOutcome): Promise<void>
}

export type SettlementImportResult = { outcomes: ReportOutcome[]; problems: string[]; apiCalls: number }

/**
 * Lists the account's settlement reports Amazon has made since the last ones seen and imports each new one: the
 * file is streamed into one transaction (stored whole or not at all). A settlement id already stored is read
 * again only to compare: the same content changes nothing, different content stops that report with a message.
 * One report's failure never stops the others.
 */
export async function importSettlementReports(store: SettlementStore, accountId: string, now = new Date()): Promise<SettlementImportResult> {
  const client = await store.clientForAccount(accountId)
  const known = await store.listAmazonSettlementReports({ account_id: accountId }, { select: ["report_id", "state", "created_time"], take: null })
  const imported = new Set(known.filter((row) => row.state === "imported").map((row) => row.report_id))
  const listing = await listSettlementReports(client, reportsCreatedSince(known, now))
  let apiCalls = listing.apiCalls
  const outcomes: ReportOutcome[] = []
  for (const report of listing.reports) {
    if (imported.has(report.reportId)) continue
    let settlementId: string | null = null
    let outcome: ReportOutcome
    try {
      apiCalls++
      const { reader, hash } = await openSettlementDocument(client, report)
      settlementId = reader.summary.settlementId
      const [existing] = await store.listAmazonSettlements({ account_id: accountId, settlement_id: settlementId }, { select: ["id", "content_hash", "report_id"] })
      if (existing) {
        // Read to the end (and so checked) before the comparison: the hash is of the whole document.
        for await (const _line of reader.lines());
        if (hash() !== existing.content_hash) {
          throw new Error(
            `Settlement ${settlementId} was imported before from report ${existing.report_id}, and this report carries different content for it. The stored settlement is kept as it is; check both reports in Seller Central.`
          )
        }
        outcome = { report_id: report.reportId, state: "unchanged", settlement_id: settlementId, settlement_row_id: existing.id }
      } else {
        const stored = await store.storeSettlementReport({ accountId, reportId: report.reportId, summary: reader.summary, lines: reader.lines(), contentHash: hash })
        outcome = { report_id: report.reportId, state: "imported", settlement_id: settlementId, settlement_row_id: stored.id, lines: stored.lineCount, orders: stored.orderCount }
      }
    } catch (error) {
      outcome = { report_id: report.reportId, state: "rejected", settlement_id: settlementId, message: rejectionMessage(report, error) }
    }
    await store.recordSettlementReportOutcome(accountId, report, outcome)
    outcomes.push(outcome)
  }
  return { outcomes, problems: listing.unreadable, apiCalls }
}

/** Reads Finances for the recent window and keeps what it shows for orders no settlement paid yet. */
export async function fetchRecentTransactions(client: SpApiClient, now = new Date()): Promise<{ transactions: Transaction[]; apiCalls: number }> {
  const transactions: Transaction[] = []
  let apiCalls = 0
  let nextToken: string | null = null
  const postedAfter = new Date(now.getTime() - PROVISIONAL_WINDOW_MS)
  do {
    const page = await client.listTransactions({ postedAfter, ...(nextToken ? { nextToken } : {}) })
    apiCalls++
    transactions.push(...page.transactions)
    nextToken = page.nextToken
  } while (nextToken)
  return { transactions, apiCalls }
}
