// Feeds API 2021-06-30: feed documents with pre-signed upload and download links served by the simulator
// itself (Amazon serves them from S3), feeds that move IN_QUEUE -> IN_PROGRESS -> DONE / FATAL after a
// realistic delay divided by the time scale, and processing reports delivered gzip-compressed.
import { randomBytes, randomUUID } from "node:crypto"
import { gzipSync } from "node:zlib"
import { processFeed, SIM_FEED_TYPES, type SimFeedType, type SimResult } from "./feed-processing"
import { invalidInput, notFound, SpApiError, type SimResponse } from "./http"
import { marketplaceOf } from "./marketplaces"
import type { RouteContext, RouteDefinition } from "./route"
import type { SimState } from "./state"
import type { SimFeedSnapshot } from "./types"

/** Time a feed waits before processing starts, and processing takes, at time scale 1 (order feeds take minutes). */
export const FEED_QUEUE_MS = 30_000
export const FEED_PROCESSING_MS = 90_000
/** Amazon's document links expire after five minutes. */
export const DOCUMENT_LINK_LIFETIME_MS = 5 * 60_000
/** Path of the pre-signed links; outside the SP-API models, like Amazon's S3 links. */
export const DOCUMENT_LINK_PREFIX = "/s3/feed-documents/"

interface FeedDocumentState {
  id: string
  sellerId: string
  kind: "input" | "result"
  contentType: string
  content?: Buffer
  /** Stored bytes are gzip (result documents). */
  gzip: boolean
}

interface DocumentLink {
  documentId: string
  method: "PUT" | "GET"
  expiresAt: number
}

interface FeedState {
  id: string
  sellerId: string
  feedType: SimFeedType
  marketplaceIds: string[]
  inputFeedDocumentId: string
  createdAt: number
  startsAt: number
  endsAt: number
  cancelled: boolean
  outcome?: { status: "DONE" | "FATAL"; resultFeedDocumentId: string; report: string; processed: number; successful: number; results: SimResult[] }
}

export class FeedStore {
  readonly documents = new Map<string, FeedDocumentState>()
  readonly links = new Map<string, DocumentLink>()
  readonly feeds = new Map<string, FeedState>()
  private nextFeedNumber = 50_001_000_000

  constructor(private readonly timeScale: number) {}

  clear(): void {
    this.documents.clear()
    this.links.clear()
    this.feeds.clear()
  }

  link(state: SimState, baseUrl: string, documentId: string, method: "PUT" | "GET"): string {
    const signature = randomBytes(24).toString("hex")
    this.links.set(signature, { documentId, method, expiresAt: state.now().getTime() + DOCUMENT_LINK_LIFETIME_MS })
    return `${baseUrl}${DOCUMENT_LINK_PREFIX}${encodeURIComponent(documentId)}?X-Amz-Expires=300&X-Amz-Signature=${signature}`
  }

  newFeedId(): string {
    return String(this.nextFeedNumber++)
  }

  delays(): { queue: number; processing: number } {
    return { queue: FEED_QUEUE_MS / this.timeScale, processing: FEED_PROCESSING_MS / this.timeScale }
  }

  /** Processes, in the order they were created, every feed whose processing time has come. */
  settle(state: SimState): void {
    const now = state.now().getTime()
    for (const feed of this.feeds.values()) {
      if (feed.cancelled || feed.outcome || now < feed.endsAt) continue
      const input = this.documents.get(feed.inputFeedDocumentId)
      const transactionId = feed.id
      const processed = processFeed(state, feed.sellerId, feed.feedType, input?.content, input?.contentType ?? "", transactionId)
      const result: FeedDocumentState = {
        id: `amzn1.tortuga.4.na.${randomUUID()}`,
        sellerId: feed.sellerId,
        kind: "result",
        contentType: "text/xml; charset=UTF-8",
        content: gzipSync(Buffer.from(processed.reportXml, "utf8")),
        gzip: true,
      }
      this.documents.set(result.id, result)
      feed.outcome = {
        status: processed.status,
        resultFeedDocumentId: result.id,
        report: processed.reportXml,
        processed: processed.processed,
        successful: processed.successful,
        results: processed.results,
      }
    }
  }

  status(feed: FeedState, now: number): SimFeedSnapshot["processingStatus"] {
    if (feed.cancelled) return "CANCELLED"
    if (feed.outcome) return feed.outcome.status
    if (now < feed.startsAt) return "IN_QUEUE"
    return "IN_PROGRESS"
  }

  snapshot(state: SimState, feed: FeedState): SimFeedSnapshot {
    const input = this.documents.get(feed.inputFeedDocumentId)
    return {
      feedId: feed.id,
      sellerId: feed.sellerId,
      feedType: feed.feedType,
      marketplaceIds: [...feed.marketplaceIds],
      inputFeedDocumentId: feed.inputFeedDocumentId,
      processingStatus: this.status(feed, state.now().getTime()),
      createdTime: new Date(feed.createdAt).toISOString(),
      contentType: input?.contentType ?? "",
      content: input?.content?.toString("utf8"),
      resultFeedDocumentId: feed.outcome?.resultFeedDocumentId,
      report: feed.outcome?.report,
      summary: feed.outcome
        ? { processed: feed.outcome.processed, successful: feed.outcome.successful, withError: new Set(feed.outcome.results.filter((r) => r.resultCode === "Error").map((r) => r.messageId)).size }
        : undefined,
      results: feed.outcome?.results.map((result) => ({ ...result })),
    }
  }
}

function bodyObject(context: RouteContext): Record<string, unknown> {
  const body = context.body
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw invalidInput("The request body must be a JSON object.")
  return body as Record<string, unknown>
}

function feedOf(context: RouteContext): FeedState {
  const feed = context.state.feedStore.feeds.get(context.params.feedId)
  if (!feed || feed.sellerId !== context.auth.sellerId) throw notFound(`The feed ${context.params.feedId} was not found.`)
  return feed
}

function createFeedDocument(context: RouteContext): SimResponse {
  const body = bodyObject(context)
  const extra = Object.keys(body).filter((key) => key !== "contentType")
  if (extra.length > 0) throw invalidInput(`Unknown field ${extra[0]} in the request body.`)
  if (typeof body.contentType !== "string" || body.contentType.trim() === "") throw invalidInput("contentType is required.")
  const store = context.state.feedStore
  const document: FeedDocumentState = { id: `amzn1.tortuga.4.na.${randomUUID()}`, sellerId: context.auth.sellerId, kind: "input", contentType: body.contentType, gzip: false }
  store.documents.set(document.id, document)
  return { status: 201, body: { feedDocumentId: document.id, url: store.link(context.state, context.baseUrl, document.id, "PUT") } }
}

function createFeed(context: RouteContext): SimResponse {
  const body = bodyObject(context)
  const allowed = new Set(["feedType", "marketplaceIds", "inputFeedDocumentId", "feedOptions"])
  const extra = Object.keys(body).filter((key) => !allowed.has(key))
  if (extra.length > 0) throw invalidInput(`Unknown field ${extra[0]} in the request body.`)
  const { feedType, marketplaceIds, inputFeedDocumentId } = body
  if (typeof feedType !== "string" || feedType === "") throw invalidInput("feedType is required.")
  if (!(SIM_FEED_TYPES as readonly string[]).includes(feedType)) {
    throw invalidInput(`Invalid feedType '${feedType}'.`, `The simulator processes ${SIM_FEED_TYPES.join(" and ")}.`)
  }
  if (!Array.isArray(marketplaceIds) || marketplaceIds.length < 1 || marketplaceIds.length > 25) throw invalidInput("marketplaceIds must name 1 to 25 marketplaces.")
  for (const id of marketplaceIds) {
    if (typeof id !== "string" || !marketplaceOf(id)) throw invalidInput(`Invalid marketplaceId '${String(id)}'.`)
  }
  if (typeof inputFeedDocumentId !== "string" || inputFeedDocumentId === "") throw invalidInput("inputFeedDocumentId is required.")
  const store = context.state.feedStore
  const document = store.documents.get(inputFeedDocumentId)
  if (!document || document.sellerId !== context.auth.sellerId || document.kind !== "input") {
    throw invalidInput(`The inputFeedDocumentId '${inputFeedDocumentId}' is not a feed document of this selling partner.`)
  }
  const createdAt = context.now.getTime()
  const { queue, processing } = store.delays()
  const feed: FeedState = {
    id: store.newFeedId(),
    sellerId: context.auth.sellerId,
    feedType: feedType as SimFeedType,
    marketplaceIds: [...(marketplaceIds as string[])],
    inputFeedDocumentId,
    createdAt,
    startsAt: createdAt + queue,
    endsAt: createdAt + queue + processing,
    cancelled: false,
  }
  store.feeds.set(feed.id, feed)
  return { status: 202, body: { feedId: feed.id } }
}

function getFeed(context: RouteContext): SimResponse {
  return { status: 200, body: feedBody(context.state.feedStore, feedOf(context), context.now.getTime()) }
}

function feedBody(store: FeedStore, feed: FeedState, now: number): Record<string, unknown> {
  const status = store.status(feed, now)
  const body: Record<string, unknown> = {
    feedId: feed.id,
    feedType: feed.feedType,
    marketplaceIds: feed.marketplaceIds,
    createdTime: new Date(feed.createdAt).toISOString(),
    processingStatus: status,
  }
  if (status !== "IN_QUEUE" && status !== "CANCELLED") body.processingStartTime = new Date(feed.startsAt).toISOString()
  if (feed.outcome) {
    body.processingEndTime = new Date(feed.endsAt).toISOString()
    body.resultFeedDocumentId = feed.outcome.resultFeedDocumentId
  }
  return body
}

/** getFeeds: Amazon requires feedTypes unless nextToken is given; the default window is the last 90 days. */
function getFeeds(context: RouteContext): SimResponse {
  const store = context.state.feedStore
  const now = context.now.getTime()
  const feedTypes = context.query.list("feedTypes")
  if (!feedTypes?.length) throw invalidInput("feedTypes is required when nextToken is not given.")
  if (feedTypes.length > 10) throw invalidInput("feedTypes names at most 10 feed types.")
  const statuses = context.query.list("processingStatuses")
  const pageSize = Number(context.query.get("pageSize") ?? 10)
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) throw invalidInput("pageSize must be a whole number from 1 to 100.")
  const since = context.query.get("createdSince")
  const until = context.query.get("createdUntil")
  const sinceMs = since ? Date.parse(since) : now - 90 * 24 * 3600_000
  const untilMs = until ? Date.parse(until) : now
  if (Number.isNaN(sinceMs) || Number.isNaN(untilMs)) throw invalidInput("createdSince and createdUntil must be ISO 8601 date-times.")
  const feeds = [...store.feeds.values()]
    .filter((feed) => feed.sellerId === context.auth.sellerId && feedTypes.includes(feed.feedType))
    .filter((feed) => feed.createdAt >= sinceMs && feed.createdAt <= untilMs)
    .filter((feed) => !statuses || statuses.includes(store.status(feed, now)))
    .sort((a, b) => b.createdAt - a.createdAt)
    .slice(0, pageSize)
  return { status: 200, body: { feeds: feeds.map((feed) => feedBody(store, feed, now)) } }
}

function cancelFeed(context: RouteContext): SimResponse {
  const store = context.state.feedStore
  const feed = feedOf(context)
  const status = store.status(feed, context.now.getTime())
  if (status !== "IN_QUEUE") throw new SpApiError(400, "InvalidInput", `The feed ${feed.id} cannot be cancelled: its processingStatus is ${status}, and only IN_QUEUE feeds can be cancelled.`)
  feed.cancelled = true
  return { status: 200 }
}

function getFeedDocument(context: RouteContext): SimResponse {
  const store = context.state.feedStore
  const document = store.documents.get(context.params.feedDocumentId)
  if (!document || document.sellerId !== context.auth.sellerId) throw notFound(`The feed document ${context.params.feedDocumentId} was not found.`)
  const enable = context.query.get("enableContentEncodingUrlHeader")
  if (enable !== undefined && enable !== "true" && enable !== "false") throw invalidInput("enableContentEncodingUrlHeader must be true or false.")
  const body: Record<string, unknown> = { feedDocumentId: document.id, url: store.link(context.state, context.baseUrl, document.id, "GET") }
  if (document.gzip) {
    body.compressionAlgorithm = "GZIP"
    if (enable === "true") body.url = `${body.url as string}&response-content-encoding=gzip`
  }
  return { status: 200, body }
}

const API = "feeds-2021-06-30" as const

export const FEEDS_ROUTES: RouteDefinition[] = [
  { api: API, operationId: "createFeedDocument", method: "POST", pathTemplate: "/feeds/2021-06-30/documents", handle: createFeedDocument },
  { api: API, operationId: "getFeedDocument", method: "GET", pathTemplate: "/feeds/2021-06-30/documents/{feedDocumentId}", handle: getFeedDocument },
  { api: API, operationId: "getFeeds", method: "GET", pathTemplate: "/feeds/2021-06-30/feeds", handle: getFeeds },
  { api: API, operationId: "createFeed", method: "POST", pathTemplate: "/feeds/2021-06-30/feeds", handle: createFeed },
  { api: API, operationId: "getFeed", method: "GET", pathTemplate: "/feeds/2021-06-30/feeds/{feedId}", handle: getFeed },
  { api: API, operationId: "cancelFeed", method: "DELETE", pathTemplate: "/feeds/2021-06-30/feeds/{feedId}", handle: cancelFeed },
]

export interface DocumentAnswer {
  status: number
  headers: Record<string, string>
  body: Buffer
}

function s3Error(status: number, code: string, message: string): DocumentAnswer {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`
  return { status, headers: { "content-type": "application/xml" }, body: Buffer.from(xml, "utf8") }
}

/**
 * The pre-signed links: PUT stores an input document (the Content-Type must be the one the document was
 * created with, as S3's signature covers it), GET serves a document as stored (result documents gzip).
 */
export function handleDocumentLink(state: SimState, method: string, url: URL, contentType: string | undefined, body: Buffer): DocumentAnswer {
  const store = state.feedStore
  const documentId = decodeURIComponent(url.pathname.slice(DOCUMENT_LINK_PREFIX.length))
  const link = store.links.get(url.searchParams.get("X-Amz-Signature") ?? "")
  if (!link || link.documentId !== documentId || link.method !== method) {
    return s3Error(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.")
  }
  if (state.now().getTime() > link.expiresAt) return s3Error(403, "AccessDenied", "Request has expired")
  const document = store.documents.get(documentId)
  if (!document) return s3Error(404, "NoSuchKey", "The specified key does not exist.")
  if (method === "PUT") {
    if (contentType !== document.contentType) {
      return s3Error(403, "SignatureDoesNotMatch", `The Content-Type '${contentType ?? ""}' is not the one the document was created with ('${document.contentType}').`)
    }
    document.content = Buffer.from(body)
    return { status: 200, headers: {}, body: Buffer.alloc(0) }
  }
  const headers: Record<string, string> = { "content-type": document.contentType }
  if (document.gzip && url.searchParams.get("response-content-encoding") === "gzip") headers["content-encoding"] = "gzip"
  return { status: 200, headers, body: document.content ?? Buffer.alloc(0) }
}
