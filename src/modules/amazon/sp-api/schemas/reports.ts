/**
 * Reports API 2021-06-30 answers (reports_2021-06-30.json): getReports and getReportDocument, loose on what
 * we do not read.
 */
import { z } from "@medusajs/framework/zod"
import { isoDateTime } from "./common"

export const ReportProcessingStatusSchema = z.enum(["CANCELLED", "DONE", "FATAL", "IN_PROGRESS", "IN_QUEUE"])

export const ReportSchema = z.looseObject({
  reportId: z.string().min(1),
  reportType: z.string().min(1),
  processingStatus: ReportProcessingStatusSchema,
  createdTime: isoDateTime,
  marketplaceIds: z.array(z.string()).nullish(),
  dataStartTime: isoDateTime.nullish(),
  dataEndTime: isoDateTime.nullish(),
  reportScheduleId: z.string().nullish(),
  processingStartTime: isoDateTime.nullish(),
  processingEndTime: isoDateTime.nullish(),
  /** Present once the report is DONE. */
  reportDocumentId: z.string().min(1).nullish(),
})

export const GetReportsResponseSchema = z.looseObject({
  reports: z.array(ReportSchema),
  nextToken: z.string().nullish(),
})

export const ReportDocumentSchema = z.looseObject({
  reportDocumentId: z.string().min(1),
  url: z.string().min(1),
  compressionAlgorithm: z.enum(["GZIP"]).nullish(),
})

export type ReportProcessingStatus = z.infer<typeof ReportProcessingStatusSchema>
export type Report = z.infer<typeof ReportSchema>
export type ReportDocument = z.infer<typeof ReportDocumentSchema>
