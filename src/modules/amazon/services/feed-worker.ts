import { MEDUSA_ADJUSTMENT_ITEM_ID_PREFIX } from "../settlements/store-settlement"
import { buildOrderAcknowledgementFeed, buildPaymentAdjustmentFeed, mapReportToMessages, parseProcessingReport, type FeedMessageRef, type ProcessingReport } from "../feeds"
import { amazonCertainlyDidNotAct } from "../sp-api/feeds"
import { FINAL_FEED_STATUSES, XML_FEED_CONTENT_TYPE, type SpApiClient } from "../sp-api"
import { isSpApiError } from "../sp-api/errors"
import { crashPoint } from "../../../utils/crash-point"
import type { BuiltBatch, ClaimBatchInput, ClaimBatchResult, LeasedSubmission, MessageVerdict, QueuedFeedMessage } from "./feed-queue"

/**
 * Drives queued feed messages to Amazon and Amazon's verdicts back: batch → upload → createFeed → getFeed until
 * final → processing report → a verdict per message. Every step is recorded on the submission before the next
 * one starts, so a worker that dies anywhere leaves work the next one finishes, and createFeed is never called
 * twice for one submission without first asking Amazon whether the first call created the feed.
 */

/** Amazon's createFeed rate (0.0083/s): one feed per account per two minutes, divided by the rate-limit time scale. */
export const FEED_INTERVAL_MS = 120_000
/** How often a submitted feed is looked at (getFeed) until Amazon finishes it. */
export const FEED_POLL_MS = 30_000
/** A worker's lease on a submission; older leases belong to a dead worker. Longer than any one step takes. */
export const FEED_LEASE_MS = 10 * 60_000
/** After a failed step (Amazon unreachable, throttled), the next attempt. */
export const FEED_RETRY_MS = 60_000
/** createFeed's answer was lost: feeds created this long before the first call are searched too (clock skew). */
const LOST_FEED_SKEW_MS = 5 * 60_000

export type FeedTimings = { interval_ms: number; poll_ms: number; lease_ms: number; retry_ms: number }

export function feedTimings(timeScale: number, intervalSeconds?: number): FeedTimings {
  const scale = timeScale > 0 ? timeScale : 1
  return {
    interval_ms: ((intervalSeconds ?? FEED_INTERVAL_MS / 1000) * 1000) / scale,
    poll_ms: FEED_POLL_MS / scale,
    lease_ms: FEED_LEASE_MS / scale,
    retry_ms: FEED_RETRY_MS / scale,
  }
}

/** What the worker needs from the module: its SQL operations and an SP-API client per account. */
export interface FeedWorkerStore {
  timings: FeedTimings
  listQueuedFeedKeys(): Promise<Array<{ account_id: string; feed_type: string }>>
  feedAccount(accountId: string): Promise<{ seller_id: string | null; marketplace_ids: string[]; name: string }>
  claimFeedBatch(input: ClaimBatchInput): Promise<ClaimBatchResult>
  leaseFeedSubmissions(input: { lease_ms: number; ids?: string[] }): Promise<LeasedSubmission[]>
  updateLeasedFeedSubmission(id: string, token: string, fields: Record<string, unknown>, options?: { release?: boolean }): Promise<boolean>
  recordFeedVerdicts(id: string, token: string, fields: Record<string, unknown>, verdicts: MessageVerdict[]): Promise<boolean>
  requeueFeedSubmission(id: string, token: string, fields: Record<string, unknown>): Promise<boolean>
  knownAmazonFeedIds(accountId: string, feedIds: string[]): Promise<Set<string>>
  clientForAccount(accountId: string): Promise<SpApiClient>
}

export type StoredMessageRef = FeedMessageRef & { feed_message_id: string }

export type AdvanceFeedsResult = { batched: string[]; submitted: string[]; completed: string[] }

/**
 * Names each refunded item after its queued message (MDR + the message's id + the item's place), so the settlement
 * that later shows the refund says it was the plugin's own: the settlement import records only Amazon's.
 */
function withMerchantAdjustmentItemIds(message: QueuedFeedMessage) {
  const payload = message.payload as any
  const base = `${MEDUSA_ADJUSTMENT_ITEM_ID_PREFIX}${message.id.replace(/^[a-z]+_/, "")}`
  return { ...payload, items: (payload.items ?? []).map((item: any, index: number) => ({ ...item, merchantAdjustmentItemId: `${base}-${index + 1}` })) }
}

/** Builds the feed document of a batch: cancellations (acknowledgements) or refunds (payment adjustments). */
export function buildBatch(feedType: string, merchantIdentifier: string, messages: QueuedFeedMessage[]): BuiltBatch {
  let built
  if (feedType === "POST_ORDER_ACKNOWLEDGEMENT_DATA") {
    built = buildOrderAcknowledgementFeed({ merchantIdentifier, cancellations: messages.map((message) => message.payload as any) })
  } else if (feedType === "POST_PAYMENT_ADJUSTMENT_DATA") {
    built = buildPaymentAdjustmentFeed({ merchantIdentifier, refunds: messages.map((message) => withMerchantAdjustmentItemIds(message)) })
  } else {
    throw new Error(`The plugin does not send ${feedType} feeds.`)
  }
  const refs: StoredMessageRef[] = built.messages.map((ref, index) => ({ ...ref, feed_message_id: messages[index].id }))
  return { content: built.xml, message_ids: built.messages.map((ref) => ref.messageId), refs }
}

/** One worker tick: batch what is due, then move every due submission as far as it can go now. */
export async function advanceFeeds(store: FeedWorkerStore, options: { submission_ids?: string[] } = {}): Promise<AdvanceFeedsResult> {
  const result: AdvanceFeedsResult = { batched: [], submitted: [], completed: [] }
  if (!options.submission_ids) {
    for (const key of await store.listQueuedFeedKeys()) {
      const account = await store.feedAccount(key.account_id)
      if (!account.seller_id) continue
      const claim = await store.claimFeedBatch({
        account_id: key.account_id,
        feed_type: key.feed_type,
        marketplace_ids: account.marketplace_ids,
        interval_ms: store.timings.interval_ms,
        build: (messages) => buildBatch(key.feed_type, account.seller_id!, messages),
      })
      if (claim.claimed) {
        result.batched.push(claim.submission_id)
        crashPoint("after-claim")
      }
    }
  }
  const leased = await store.leaseFeedSubmissions({ lease_ms: store.timings.lease_ms, ids: options.submission_ids })
  for (const submission of leased) {
    const reached = await advanceSubmission(store, submission)
    if (reached === "submitted") result.submitted.push(submission.id)
    if (reached === "completed") result.completed.push(submission.id)
  }
  return result
}

type Reached = "waiting" | "submitted" | "completed" | "lost_lease"

function errorText(error: unknown): { code: string; message: string } {
  if (isSpApiError(error)) return { code: error.code, message: error.merchantMessage }
  return { code: "UNEXPECTED", message: (error as Error)?.message ?? String(error) }
}

async function advanceSubmission(store: FeedWorkerStore, submission: LeasedSubmission): Promise<Reached> {
  const { timings } = store
  const later = (ms: number) => new Date(Date.now() + ms)
  const update = (fields: Record<string, unknown>, release = false) => store.updateLeasedFeedSubmission(submission.id, submission.claim_token, fields, { release })
  let status = submission.status
  try {
    const client = await store.clientForAccount(submission.account_id)

    if (status === "claimed") {
      const document = await client.createFeedDocument(XML_FEED_CONTENT_TYPE)
      crashPoint("after-create-feed-document")
      await client.uploadDocument(document.url, submission.content, XML_FEED_CONTENT_TYPE)
      crashPoint("after-upload")
      if (!(await update({ status: "uploaded", feed_document_id: document.feedDocumentId, last_error: null, last_error_code: null }))) return "lost_lease"
      submission.feed_document_id = document.feedDocumentId
      status = "uploaded"
    }

    if (status === "creating") {
      const found = await findLostFeed(store, client, submission)
      if (found) {
        const saved = await update(
          { status: "submitted", amazon_feed_id: found, submitted_at: new Date(), next_attempt_at: later(timings.poll_ms), last_error: null, last_error_code: null },
          true
        )
        return saved ? "submitted" : "lost_lease"
      }
      // Amazon holds no feed from the earlier call: it never arrived, so calling createFeed again sends it once.
      status = "uploaded"
    }

    if (status === "uploaded") {
      // Recorded before the call: a worker finding "creating" knows Amazon may have the feed already.
      if (!(await update({ status: "creating", create_requested_at: submission.create_requested_at ?? new Date() }))) return "lost_lease"
      let feedId: string
      try {
        ;({ feedId } = await client.createFeed({
          feedType: submission.feed_type as any,
          marketplaceIds: submission.marketplace_ids,
          inputFeedDocumentId: submission.feed_document_id!,
        }))
      } catch (error) {
        const { code, message } = errorText(error)
        // Amazon certainly did not create it: back to "uploaded". Otherwise it stays "creating" and is looked for first.
        await update({ ...(amazonCertainlyDidNotAct(error) ? { status: "uploaded" } : {}), next_attempt_at: later(timings.retry_ms), last_error_code: code, last_error: message }, true)
        return "waiting"
      }
      crashPoint("after-create-feed")
      const saved = await update(
        { status: "submitted", amazon_feed_id: feedId, submitted_at: new Date(), processing_status: "IN_QUEUE", next_attempt_at: later(timings.poll_ms), last_error: null, last_error_code: null },
        true
      )
      return saved ? "submitted" : "lost_lease"
    }

    if (status === "submitted") {
      const feed = await client.getFeed(submission.amazon_feed_id!)
      if (!FINAL_FEED_STATUSES.has(feed.processingStatus)) {
        await update({ processing_status: feed.processingStatus, next_attempt_at: later(timings.poll_ms) }, true)
        return "waiting"
      }
      if (feed.processingStatus === "CANCELLED") {
        const saved = await store.requeueFeedSubmission(submission.id, submission.claim_token, {
          status: "cancelled",
          processing_status: "CANCELLED",
          completed_at: new Date(),
          last_error: "Amazon cancelled this feed before processing it; its messages go out again in the next feed.",
        })
        return saved ? "completed" : "lost_lease"
      }
      let report: ProcessingReport | null = null
      if (feed.resultFeedDocumentId) report = parseProcessingReport(await client.downloadFeedResult(feed.resultFeedDocumentId))
      crashPoint("after-result")
      const saved = await recordReport(store, submission, feed.processingStatus as "DONE" | "FATAL", feed.resultFeedDocumentId ?? null, report)
      return saved ? "completed" : "lost_lease"
    }
    return "waiting"
  } catch (error) {
    const { code, message } = errorText(error)
    await update({ next_attempt_at: later(timings.retry_ms), last_error_code: code, last_error: message }, true)
    return "waiting"
  }
}

/**
 * A feed of this type that Amazon created since the first createFeed call of this submission and that no other
 * submission recorded: the lost answer's feed. Feeds of an account are started one at a time (the account's feed
 * lock and interval), so at most one such feed can be ours.
 */
async function findLostFeed(store: FeedWorkerStore, client: SpApiClient, submission: LeasedSubmission): Promise<string | null> {
  const since = new Date((submission.create_requested_at ? new Date(submission.create_requested_at).getTime() : Date.now()) - LOST_FEED_SKEW_MS)
  const feeds = await client.listFeeds({ feedTypes: [submission.feed_type], createdSince: since })
  const known = await store.knownAmazonFeedIds(submission.account_id, feeds.map((feed) => feed.feedId))
  const unclaimed = feeds.filter((feed) => !known.has(feed.feedId)).sort((a, b) => String(a.createdTime).localeCompare(String(b.createdTime)))
  return unclaimed[0]?.feedId ?? null
}

/** A sentence per rejected message, in Amazon's words. */
export function rejectionSentence(errors: Array<{ resultMessageCode: string; resultDescription: string | null }>, documentLevel: boolean): string {
  if (!errors.length) {
    return documentLevel
      ? "Amazon did not process the feed document this message was in."
      : "Amazon did not process this message and gave no reason."
  }
  const reasons = errors.map((error) => `${error.resultDescription ?? "no description"} (Amazon code ${error.resultMessageCode})`).join("; ")
  return `Amazon refused this: ${reasons}`
}

async function recordReport(store: FeedWorkerStore, submission: LeasedSubmission, status: "DONE" | "FATAL", resultDocumentId: string | null, report: ProcessingReport | null) {
  const refs = submission.messages as StoredMessageRef[]
  const verdicts: MessageVerdict[] = []
  let documentErrors: unknown[] = []
  if (report) {
    const outcome = mapReportToMessages(report, refs)
    documentErrors = outcome.documentErrors
    for (const message of outcome.messages) {
      const ref = refs.find((candidate) => candidate.messageId === message.messageId)!
      const errors = message.errors.length ? message.errors : outcome.documentErrors
      verdicts.push({
        feed_message_id: ref.feed_message_id,
        status: message.outcome,
        result: { errors: message.errors, warnings: message.warnings, document_errors: outcome.documentErrors },
        error: message.outcome === "rejected" ? rejectionSentence(errors, !message.errors.length) : null,
      })
    }
  } else {
    for (const ref of refs) {
      verdicts.push({
        feed_message_id: ref.feed_message_id,
        status: "rejected",
        result: { errors: [], warnings: [] },
        error: `Amazon ended the feed with status ${status} and no processing report; nothing in it was applied.`,
      })
    }
  }
  return await store.recordFeedVerdicts(
    submission.id,
    submission.claim_token,
    {
      status: status === "DONE" ? "done" : "fatal",
      processing_status: status,
      completed_at: new Date(),
      next_attempt_at: null,
      result_feed_document_id: resultDocumentId,
      messages_processed: report?.summary.processed ?? null,
      messages_successful: report?.summary.successful ?? null,
      messages_with_error: report?.summary.withError ?? null,
      messages_with_warning: report?.summary.withWarning ?? null,
      document_errors: documentErrors.length ? documentErrors : null,
      last_error: null,
      last_error_code: null,
    },
    verdicts
  )
}
