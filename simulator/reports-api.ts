// Reports API 2021-06-30: getReports and getReportDocument for the settlement reports the simulator generates
// (settlement reports cannot be requested: Amazon makes them when a settlement closes).
import { DAY_MS, formatAmazonDate, parseIsoDate } from "./dates"
import { enumList, integerParam, invalidInput, notFound, type SimResponse } from "./http"
import { decodeOpaque, encodeOpaque, hashQuery, invalidToken } from "./pagination"
import type { RouteContext, RouteDefinition } from "./route"
import type { SettlementReportState } from "./settlements"

const PROCESSING_STATUSES = ["CANCELLED", "DONE", "FATAL", "IN_PROGRESS", "IN_QUEUE"] as const
/** Amazon keeps reports 90 days. */
const RETENTION_MS = 90 * DAY_MS
const FILTERS = ["reportTypes", "processingStatuses", "marketplaceIds", "pageSize", "createdSince", "createdUntil"]

function reportJson(report: SettlementReportState): Record<string, unknown> {
  const created = formatAmazonDate(report.createdTime)
  return {
    reportType: "GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2",
    processingEndTime: created,
    processingStatus: "DONE",
    marketplaceIds: [report.marketplace.id],
    reportDocumentId: report.reportDocumentId,
    reportId: report.reportId,
    dataEndTime: formatAmazonDate(report.end),
    createdTime: created,
    processingStartTime: created,
    dataStartTime: formatAmazonDate(report.start),
  }
}

function dateParam(context: RouteContext, name: string): Date | undefined {
  const raw = context.query.get(name)
  if (raw === undefined) return undefined
  const date = parseIsoDate(raw)
  if (!date) throw invalidInput(`Invalid ${name}: '${raw}' is not an ISO 8601 date-time.`)
  return date
}

type Filters = { reportTypes: string[]; statuses?: string[]; marketplaceIds?: string[]; pageSize: number; since: number; until: number }

function getReports(context: RouteContext): SimResponse {
  const { query, now } = context
  const ledger = context.state.ledger
  ledger.closeDuePeriods(now)
  let filters: Filters
  let offset = 0
  const token = query.get("nextToken")
  if (token !== undefined) {
    // Amazon: "Specifying nextToken with any other parameters will cause the request to fail."
    const others = FILTERS.filter((name) => query.has(name))
    if (others.length > 0) throw invalidInput(`nextToken must be the only parameter; got also ${others.join(", ")}.`)
    const parts = decodeOpaque(token)
    if (!parts || parts[0] !== "r" || parts[1] !== context.auth.sellerId) throw invalidToken("nextToken")
    filters = parts[2] as Filters
    offset = parts[3] as number
  } else {
    const reportTypes = query.list("reportTypes")
    if (!reportTypes) throw invalidInput("Either reportTypes or nextToken is required.")
    if (reportTypes.length > 10) throw invalidInput("reportTypes may contain at most 10 values.")
    const marketplaceIds = query.list("marketplaceIds")
    if (marketplaceIds && marketplaceIds.length > 10) throw invalidInput("marketplaceIds may contain at most 10 values.")
    const since = dateParam(context, "createdSince")?.getTime() ?? now.getTime() - RETENTION_MS
    const until = dateParam(context, "createdUntil")?.getTime() ?? now.getTime()
    if (since > until) throw invalidInput("createdSince must be before createdUntil.")
    filters = {
      reportTypes,
      statuses: enumList(query, "processingStatuses", PROCESSING_STATUSES),
      marketplaceIds,
      pageSize: integerParam(query, "pageSize", 1, 100, 10),
      since,
      until,
    }
  }
  const matching = ledger.reports
    .filter((report) => report.sellerId === context.auth.sellerId)
    .filter((report) => filters.reportTypes.includes("GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2"))
    .filter((report) => !filters.statuses || filters.statuses.includes("DONE"))
    .filter((report) => !filters.marketplaceIds || filters.marketplaceIds.includes(report.marketplace.id))
    .filter((report) => report.createdTime.getTime() >= Math.max(filters.since, now.getTime() - RETENTION_MS) && report.createdTime.getTime() <= filters.until)
    // Newest first, as Amazon lists them.
    .sort((a, b) => b.createdTime.getTime() - a.createdTime.getTime() || (a.reportId < b.reportId ? 1 : -1))
  const page = matching.slice(offset, offset + filters.pageSize)
  const body: Record<string, unknown> = { reports: page.map(reportJson) }
  if (offset + filters.pageSize < matching.length) {
    body.nextToken = encodeOpaque(["r", context.auth.sellerId, filters, offset + filters.pageSize, hashQuery(filters)])
  }
  return { status: 200, body }
}

function getReportDocument(context: RouteContext): SimResponse {
  const id = context.params.reportDocumentId
  const report = context.state.ledger.reports.find((candidate) => candidate.reportDocumentId === id && candidate.sellerId === context.auth.sellerId)
  if (!report) throw notFound(`Report document ${id} not found.`)
  const body: Record<string, unknown> = { reportDocumentId: report.reportDocumentId, url: context.state.ledger.documentUrl(context.baseUrl, report) }
  if (report.compression) body.compressionAlgorithm = report.compression
  return { status: 200, body }
}

export const REPORTS_ROUTES: RouteDefinition[] = [
  { api: "reports-2021-06-30", operationId: "getReports", method: "GET", pathTemplate: "/reports/2021-06-30/reports", handle: getReports },
  { api: "reports-2021-06-30", operationId: "getReportDocument", method: "GET", pathTemplate: "/reports/2021-06-30/documents/{reportDocumentId}", handle: getReportDocument },
]
