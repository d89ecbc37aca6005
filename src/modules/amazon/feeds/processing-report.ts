/**
 * Amazon's feed processing report (the result document of an XML feed), parsed with fast-xml-parser and checked
 * with zod: the summary counts and one Result per message that failed or drew a warning. Messages without a
 * Result were processed successfully; a Result with MessageID 0 is about the document as a whole.
 */
import { z } from "@medusajs/framework/zod"
import { XMLParser, XMLValidator } from "fast-xml-parser"
import type { FeedMessageRef } from "./order-feeds"

const count = z
  .string()
  .regex(/^\d+$/, "expected a whole number")
  .transform((value) => Number(value))

const text = z
  .union([z.string(), z.number()])
  .transform((value) => String(value).trim())

const ResultSchema = z.looseObject({
  MessageID: count,
  ResultCode: z.enum(["Error", "Warning"]),
  ResultMessageCode: text,
  ResultDescription: text.optional(),
  // An empty <AdditionalInfo/> parses as "".
  AdditionalInfo: z
    .union([
      z.looseObject({
        AmazonOrderID: text.optional(),
        AmazonOrderItemCode: text.optional(),
        SKU: text.optional(),
      }),
      z.literal("").transform(() => undefined),
    ])
    .optional(),
})

const ReportSchema = z.looseObject({
  AmazonEnvelope: z.looseObject({
    MessageType: z.literal("ProcessingReport"),
    Message: z
      .array(
        z.looseObject({
          ProcessingReport: z.looseObject({
            DocumentTransactionID: text.optional(),
            StatusCode: text,
            ProcessingSummary: z.looseObject({
              MessagesProcessed: count,
              MessagesSuccessful: count,
              MessagesWithError: count,
              MessagesWithWarning: count,
            }),
            Result: z.array(ResultSchema).default([]),
          }),
        })
      )
      .min(1),
  }),
})

export type ProcessingResult = {
  messageId: number
  resultCode: "Error" | "Warning"
  resultMessageCode: string
  resultDescription: string | null
  amazonOrderId: string | null
  amazonOrderItemCode: string | null
}

export type ProcessingReport = {
  documentTransactionId: string | null
  statusCode: string
  summary: { processed: number; successful: number; withError: number; withWarning: number }
  results: ProcessingResult[]
}

export class ProcessingReportError extends Error {
  constructor(readonly problem: string) {
    super(`Amazon's feed processing report could not be read: ${problem}.`)
    this.name = "ProcessingReportError"
  }
}

const parser = new XMLParser({
  ignoreAttributes: true,
  // Amounts, IDs and codes stay text: "00123" order item codes and "1.10" must not become numbers.
  parseTagValue: false,
  trimValues: true,
  isArray: (name, jpath) => jpath === "AmazonEnvelope.Message" || jpath === "AmazonEnvelope.Message.ProcessingReport.Result",
  // A report is Amazon's, but entity expansion is never needed for it.
  processEntities: true,
  htmlEntities: false,
})

export function parseProcessingReport(document: Buffer | string): ProcessingReport {
  const xml = typeof document === "string" ? document : document.toString("utf8")
  const valid = XMLValidator.validate(xml)
  if (valid !== true) throw new ProcessingReportError(`it is not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`)
  const parsed = ReportSchema.safeParse(parser.parse(xml))
  if (!parsed.success) {
    throw new ProcessingReportError(
      parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.map(String).join(".")}: ${issue.message}`)
        .join("; ")
    )
  }
  // One feed has one ProcessingReport; it sits in the first (only) Message.
  const report = parsed.data.AmazonEnvelope.Message[0].ProcessingReport
  return {
    documentTransactionId: report.DocumentTransactionID ?? null,
    statusCode: report.StatusCode,
    summary: {
      processed: report.ProcessingSummary.MessagesProcessed,
      successful: report.ProcessingSummary.MessagesSuccessful,
      withError: report.ProcessingSummary.MessagesWithError,
      withWarning: report.ProcessingSummary.MessagesWithWarning,
    },
    results: report.Result.map((result) => ({
      messageId: result.MessageID,
      resultCode: result.ResultCode,
      resultMessageCode: result.ResultMessageCode,
      resultDescription: result.ResultDescription || null,
      amazonOrderId: result.AdditionalInfo?.AmazonOrderID || null,
      amazonOrderItemCode: result.AdditionalInfo?.AmazonOrderItemCode || null,
    })),
  }
}

export type MessageOutcome = FeedMessageRef & {
  /** "accepted": no error (warnings may be attached); "rejected": Amazon did not apply this message. */
  outcome: "accepted" | "rejected"
  errors: ProcessingResult[]
  warnings: ProcessingResult[]
}

export type FeedOutcome = {
  messages: MessageOutcome[]
  /** Results with MessageID 0 or one that names no message of the feed: about the document as a whole. */
  documentErrors: ProcessingResult[]
}

/**
 * Maps each Result back to the message (order and lines) it concerns. A document-level error means Amazon did
 * not process the document, so every message counts as rejected.
 */
export function mapReportToMessages(report: ProcessingReport, messages: readonly FeedMessageRef[]): FeedOutcome {
  const known = new Set(messages.map((message) => message.messageId))
  const documentErrors = report.results.filter((result) => result.resultCode === "Error" && !known.has(result.messageId))
  const documentRejected = documentErrors.length > 0 || (report.summary.processed === 0 && messages.length > 0)
  return {
    documentErrors,
    messages: messages.map((message) => {
      const own = report.results.filter((result) => result.messageId === message.messageId)
      const errors = own.filter((result) => result.resultCode === "Error")
      return {
        ...message,
        outcome: errors.length > 0 || documentRejected ? "rejected" : "accepted",
        errors,
        warnings: own.filter((result) => result.resultCode === "Warning"),
      }
    }),
  }
}
