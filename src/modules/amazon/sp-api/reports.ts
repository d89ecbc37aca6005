/**
 * Reports API 2021-06-30 (reports_2021-06-30.json), for the reports Amazon generates on its own: settlement
 * reports cannot be requested or scheduled, only found with getReports and read with getReportDocument. The
 * document itself is downloaded through documents.ts within the five minutes its link lives.
 */
import { defineOperations, isoOrUndefined, nonEmpty, splitByShape, textField, type DateInput } from "./operation"
import {
  GetReportsResponseSchema,
  ReportDocumentSchema,
  ReportSchema,
  type Report,
  type ReportDocument,
  type ReportProcessingStatus,
} from "./schemas/reports"
import type { SpApiTransport } from "./transport"

export const REPORTS_OPERATIONS = defineOperations("reports", "2021-06-30", {
  getReports: { amazonName: "getReports", usagePlan: { ratePerSecond: 0.0222, burst: 10 } },
  getReportDocument: { amazonName: "getReportDocument", usagePlan: { ratePerSecond: 0.0167, burst: 15 } },
})

/** The one settlement report Amazon still generates (the V1 flat file and the XML one are gone). */
export const SETTLEMENT_REPORT_TYPE = "GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2"

export type GetReportsParams =
  | {
      reportTypes: string[]
      processingStatuses?: ReportProcessingStatus[]
      marketplaceIds?: string[]
      /** 1 to 100; Amazon's default is 10. */
      pageSize?: number
      /** Amazon keeps reports 90 days; its default is 90 days ago. */
      createdSince?: DateInput
      createdUntil?: DateInput
      nextToken?: undefined
    }
  | {
      /** Amazon wants the token as the ONLY parameter of a next page: the filters stay with it. */
      nextToken: string
    }

/** A report of the list that does not have Amazon's documented shape; kept so it can be reported. */
export type UnreadableReport = { raw: unknown; reportId: string | null; problem: string }

export type GetReportsResult = {
  reports: Report[]
  unreadableReports: UnreadableReport[]
  nextToken: string | null
}

export interface ReportsApi {
  getReports(params: GetReportsParams): Promise<GetReportsResult>
  getReportDocument(reportDocumentId: string): Promise<ReportDocument>
}

export function reportsApi(transport: SpApiTransport): ReportsApi {
  const specs = REPORTS_OPERATIONS
  return {
    async getReports(params) {
      const spec = specs.getReports
      let query: Record<string, string | number | string[] | undefined>
      if (params.nextToken !== undefined) {
        if (!params.nextToken.trim()) throw transport.invalidRequest(spec, "nextToken is empty")
        query = { nextToken: params.nextToken }
      } else {
        const reportTypes = nonEmpty(params.reportTypes)
        if (!reportTypes) throw transport.invalidRequest(spec, "reportTypes or nextToken is required")
        if (reportTypes.length > 10) throw transport.invalidRequest(spec, "at most 10 reportTypes can be asked for at once")
        if (params.marketplaceIds && params.marketplaceIds.length > 10) {
          throw transport.invalidRequest(spec, "at most 10 marketplaceIds can be asked for at once")
        }
        transport.assertPageSize(spec, params.pageSize)
        query = {
          reportTypes,
          processingStatuses: nonEmpty(params.processingStatuses),
          marketplaceIds: nonEmpty(params.marketplaceIds),
          pageSize: params.pageSize,
          createdSince: isoOrUndefined(params.createdSince),
          createdUntil: isoOrUndefined(params.createdUntil),
        }
      }
      const response = await transport.call(spec, { query }, GetReportsResponseSchema)
      const { valid, invalid } = splitByShape(response.reports, ReportSchema)
      return {
        reports: valid,
        unreadableReports: invalid.map(({ raw, fields, problem }) => ({ raw, reportId: textField(fields.reportId), problem })),
        nextToken: response.nextToken || null,
      }
    },

    async getReportDocument(reportDocumentId) {
      const spec = specs.getReportDocument
      if (typeof reportDocumentId !== "string" || !reportDocumentId.trim()) {
        throw transport.invalidRequest(spec, "the report document ID is empty")
      }
      // The link is pre-signed for five minutes; documents.ts names it without its signing query in messages.
      return transport.call(spec, { path: { reportDocumentId: reportDocumentId.trim() } }, ReportDocumentSchema)
    },
  }
}
