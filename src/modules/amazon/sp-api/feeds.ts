/**
 * Feeds API 2021-06-30 (feeds_2021-06-30.json): the only way Amazon takes a seller's cancellations and refunds
 * (the XML order feeds). A feed goes: createFeedDocument → PUT the bytes to its link → createFeed → getFeed until
 * DONE / FATAL / CANCELLED → getFeedDocument of the result → download (gunzip) the processing report.
 */
import { isSpApiError } from "./errors"
import type { DocumentsApi } from "./documents"
import { defineOperations, summarizeIssues } from "./operation"
import {
  CreateFeedDocumentRequestSchema,
  CreateFeedDocumentResponseSchema,
  CreateFeedRequestSchema,
  CreateFeedResponseSchema,
  FeedDocumentSchema,
  FeedSchema,
  GetFeedsResponseSchema,
  XML_FEED_CONTENT_TYPE,
  type CreateFeedRequest,
  type Feed,
  type FeedDocument,
} from "./schemas/feeds"
import type { SpApiTransport } from "./transport"

export const FEEDS_OPERATIONS = defineOperations("feeds", "2021-06-30", {
  createFeedDocument: { amazonName: "createFeedDocument", usagePlan: { ratePerSecond: 0.5, burst: 15 } },
  createFeed: { amazonName: "createFeed", usagePlan: { ratePerSecond: 0.0083, burst: 15 } },
  getFeeds: { amazonName: "getFeeds", usagePlan: { ratePerSecond: 0.0222, burst: 10 } },
  getFeed: { amazonName: "getFeed", usagePlan: { ratePerSecond: 2, burst: 15 } },
  cancelFeed: { amazonName: "cancelFeed", usagePlan: { ratePerSecond: 2, burst: 15 } },
  getFeedDocument: { amazonName: "getFeedDocument", usagePlan: { ratePerSecond: 0.0222, burst: 10 } },
})

/** Statuses after which a feed no longer changes. */
export const FINAL_FEED_STATUSES: ReadonlySet<Feed["processingStatus"]> = new Set(["DONE", "FATAL", "CANCELLED"])

export type UploadedFeedDocument = { feedDocumentId: string }

export interface FeedsApi {
  /** A document to upload a feed's contents to; `url` is pre-signed and expires after five minutes. */
  createFeedDocument(contentType?: string): Promise<{ feedDocumentId: string; url: string }>
  /**
   * createFeedDocument + the PUT of `content` with the same content type. Nothing is submitted yet: a document
   * that no feed names is simply dropped by Amazon, so this step may be repeated freely.
   */
  uploadFeedDocument(content: Buffer | string, contentType?: string): Promise<UploadedFeedDocument>
  /**
   * Submits an uploaded document as a feed. Not idempotent: only a 429 or a connection that never opened is
   * retried here. Any other failure
   * (SERVER_ERROR, TIMEOUT, UNREACHABLE, MALFORMED_RESPONSE) may mean Amazon created the feed all the same,
   * so the caller must not resend a refund on its own after one of those.
   */
  createFeed(request: CreateFeedRequest): Promise<{ feedId: string }>
  getFeed(feedId: string): Promise<Feed>
  /**
   * Feeds of these types created in the window, newest first (one page of up to 100). Used to find out whether a
   * createFeed whose answer was lost created a feed after all.
   */
  listFeeds(request: { feedTypes: string[]; createdSince: Date; createdUntil?: Date }): Promise<Feed[]>
  /** Only a feed still IN_QUEUE can be cancelled; Amazon answers 400 otherwise. */
  cancelFeed(feedId: string): Promise<void>
  getFeedDocument(feedDocumentId: string): Promise<FeedDocument>
  /** getFeedDocument + download, unpacked when Amazon announces GZIP: the processing report's bytes. */
  downloadFeedResult(resultFeedDocumentId: string): Promise<Buffer>
}

/** Connection failures that happen before a request is sent: the request cannot have been received. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"])

/** A 429 (Amazon refuses before acting) or a connection that never opened. */
export function amazonCertainlyDidNotAct(error: unknown): boolean {
  if (!isSpApiError(error)) return false
  return error.code === "THROTTLED" || (error.code === "UNREACHABLE" && NOT_SENT_CODES.has(error.detail ?? ""))
}

export function feedsApi(transport: SpApiTransport, documents: DocumentsApi): FeedsApi {
  const specs = FEEDS_OPERATIONS

  function requireFeedId(spec: (typeof specs)[keyof typeof specs], value: string, what: string): string {
    if (typeof value !== "string" || value.trim() === "") throw transport.invalidRequest(spec, `the ${what} is empty`)
    return value.trim()
  }

  const api: FeedsApi = {
    async createFeedDocument(contentType = XML_FEED_CONTENT_TYPE) {
      const spec = specs.createFeedDocument
      const body = CreateFeedDocumentRequestSchema.safeParse({ contentType })
      if (!body.success) throw transport.invalidRequest(spec, summarizeIssues(body.error.issues))
      // The link's query string is its authorisation; documents.ts names links without it in every message.
      const answer = await transport.call(spec, { body: body.data }, CreateFeedDocumentResponseSchema)
      return { feedDocumentId: answer.feedDocumentId, url: answer.url }
    },

    async uploadFeedDocument(content, contentType = XML_FEED_CONTENT_TYPE) {
      const document = await api.createFeedDocument(contentType)
      await documents.uploadDocument(document.url, content, contentType)
      return { feedDocumentId: document.feedDocumentId }
    },

    async createFeed(request) {
      const spec = specs.createFeed
      const body = CreateFeedRequestSchema.safeParse(request)
      if (!body.success) throw transport.invalidRequest(spec, summarizeIssues(body.error.issues))
      const answer = await transport.call(spec, { body: body.data }, CreateFeedResponseSchema, { retryWhen: amazonCertainlyDidNotAct })
      return { feedId: answer.feedId }
    },

    async getFeed(feedId) {
      const spec = specs.getFeed
      return transport.call(spec, { path: { feedId: requireFeedId(spec, feedId, "feed ID") } }, FeedSchema)
    },

    async listFeeds(request) {
      const spec = specs.getFeeds
      if (!request.feedTypes.length) throw transport.invalidRequest(spec, "no feed type is named")
      const query: Record<string, string | number> = {
        feedTypes: request.feedTypes.join(","),
        pageSize: 100,
        createdSince: request.createdSince.toISOString(),
        ...(request.createdUntil ? { createdUntil: request.createdUntil.toISOString() } : {}),
      }
      const answer = await transport.call(spec, { query }, GetFeedsResponseSchema)
      return answer.feeds
    },

    async cancelFeed(feedId) {
      const spec = specs.cancelFeed
      await transport.call(spec, { path: { feedId: requireFeedId(spec, feedId, "feed ID") } }, null)
    },

    async getFeedDocument(feedDocumentId) {
      const spec = specs.getFeedDocument
      return transport.call(spec, { path: { feedDocumentId: requireFeedId(spec, feedDocumentId, "feed document ID") } }, FeedDocumentSchema)
    },

    async downloadFeedResult(resultFeedDocumentId) {
      const document = await api.getFeedDocument(resultFeedDocumentId)
      return documents.downloadDocument(document.url, { compressionAlgorithm: document.compressionAlgorithm ?? null })
    },
  }
  return api
}
