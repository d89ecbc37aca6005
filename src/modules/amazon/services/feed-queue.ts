import { randomUUID } from "node:crypto"
import { generateEntityId } from "@medusajs/framework/utils"
import type { SqlRunner } from "./tracking-outbox"

export type SqlRunnerLike = SqlRunner

/**
 * The feed queue's state changes, each one conditional SQL statement (or one transaction), so that any number of
 * processes can batch, send and record feeds without a message ever reaching Amazon in two feeds: the database
 * decides who wins a row, not timing.
 */

export const ACTIVE_SUBMISSION_STATUSES = ["claimed", "uploaded", "creating", "submitted"] as const
export type SubmissionStatus = (typeof ACTIVE_SUBMISSION_STATUSES)[number] | "done" | "fatal" | "cancelled"

export type QueuedFeedMessage = {
  id: string
  account_id: string
  feed_type: string
  amazon_order_id: string
  payload: Record<string, unknown>
}

export type BuiltBatch = {
  content: string
  /** In the order of `messages` given to the builder: the MessageID each one got. */
  message_ids: number[]
  refs: unknown[]
}

export type ClaimBatchInput = {
  account_id: string
  feed_type: string
  marketplace_ids: string[]
  /** At most one feed per account in this window (createFeed's rate). */
  interval_ms: number
  /** Builds the feed document from the claimed messages; throwing rolls the claim back. */
  build(messages: QueuedFeedMessage[]): BuiltBatch
}

export type ClaimBatchResult =
  | { claimed: true; submission_id: string; message_count: number }
  | { claimed: false; wait_ms: number | null }

const MAX_MESSAGES_PER_FEED = 1000

/**
 * Whether queued message `m` may go to Amazon now. A refund's adjustment waits until Medusa's refundPaymentWorkflow
 * has written the refund's order transaction, which it does only after the provider call returned: until then
 * Medusa may still delete the refund (a provider that fails after queueing), and Amazon must never refund what
 * Medusa does not show. A refund whose workflow died before the transaction gets it from the feed sweep.
 */
const SENDABLE_NOW = `(m.refund_id IS NULL OR EXISTS (
  SELECT 1 FROM refund r JOIN order_transaction t ON t.reference = 'refund' AND t.reference_id = r.id AND t.deleted_at IS NULL
  WHERE r.id = m.refund_id AND r.deleted_at IS NULL))`

/** Accounts and feed types with messages waiting for a feed. */
export async function listQueuedFeedKeys(sql: SqlRunner): Promise<Array<{ account_id: string; feed_type: string }>> {
  return await sql.execute(
    `SELECT DISTINCT m.account_id, m.feed_type FROM amazon_feed_message m
     WHERE m.status = 'queued' AND m.deleted_at IS NULL AND ${SENDABLE_NOW} ORDER BY m.account_id, m.feed_type`
  )
}

/**
 * Must run inside one transaction: takes the account's feed lock, checks that no feed of the account was started
 * within the interval, creates the submission and claims every queued message of the account and feed type into
 * it with the feed document already built. Either all of that commits or none of it does.
 */
export async function claimFeedBatch(sql: SqlRunner, input: ClaimBatchInput): Promise<ClaimBatchResult> {
  await sql.execute(`SELECT pg_advisory_xact_lock(hashtext(?))`, [`amazon-feed:${input.account_id}`])
  const [recent] = await sql.execute(
    `SELECT EXTRACT(EPOCH FROM (max(created_at) + (? * interval '1 millisecond') - now())) * 1000 AS wait_ms
     FROM amazon_feed_submission WHERE account_id = ? AND deleted_at IS NULL AND created_at > now() - (? * interval '1 millisecond')`,
    [input.interval_ms, input.account_id, input.interval_ms]
  )
  if (recent?.wait_ms !== null && recent?.wait_ms !== undefined) return { claimed: false, wait_ms: Math.max(0, Math.ceil(Number(recent.wait_ms))) }

  const submissionId = generateEntityId("", "amzfeed")
  const messages: QueuedFeedMessage[] = await sql.execute(
    `UPDATE amazon_feed_message SET status = 'batched', submission_id = ?, updated_at = now()
     WHERE status = 'queued' AND id IN (
       SELECT m.id FROM amazon_feed_message m
       WHERE m.status = 'queued' AND m.deleted_at IS NULL AND m.account_id = ? AND m.feed_type = ? AND ${SENDABLE_NOW}
       ORDER BY m.created_at ASC, m.id ASC LIMIT ? FOR UPDATE SKIP LOCKED)
     RETURNING id, account_id, feed_type, amazon_order_id, payload, created_at`,
    [submissionId, input.account_id, input.feed_type, MAX_MESSAGES_PER_FEED]
  )
  if (!messages.length) return { claimed: false, wait_ms: null }
  // Oldest first, so MessageIDs follow the order the merchant asked in.
  messages.sort((a: any, b: any) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime() || a.id.localeCompare(b.id))
  const built = input.build(messages)
  await sql.execute(
    `INSERT INTO amazon_feed_submission (id, account_id, feed_type, marketplace_ids, status, content, messages, message_count, attempts, created_at, updated_at)
     VALUES (?, ?, ?, string_to_array(?, ','), 'claimed', ?, ?::jsonb, ?, 0, now(), now())`,
    [submissionId, input.account_id, input.feed_type, input.marketplace_ids.join(","), built.content, JSON.stringify(built.refs), messages.length]
  )
  for (const [index, message] of messages.entries()) {
    await sql.execute(`UPDATE amazon_feed_message SET message_id = ? WHERE id = ?`, [built.message_ids[index], message.id])
  }
  return { claimed: true, submission_id: submissionId, message_count: messages.length }
}

export type LeasedSubmission = {
  id: string
  claim_token: string
  account_id: string
  feed_type: string
  marketplace_ids: string[]
  status: SubmissionStatus
  content: string
  messages: unknown[]
  feed_document_id: string | null
  amazon_feed_id: string | null
  create_requested_at: Date | null
  attempts: number
}

/**
 * Leases active submissions that are due (or the given ones): a lease held by a live worker is never taken; one
 * older than `lease_ms` belongs to a worker that died and is taken over.
 */
export async function leaseSubmissions(sql: SqlRunner, input: { lease_ms: number; ids?: string[]; limit?: number }): Promise<LeasedSubmission[]> {
  if (input.ids && !input.ids.length) return []
  const token = randomUUID()
  const params: unknown[] = [token, input.lease_ms]
  let which = "TRUE"
  if (input.ids) {
    which = "s.id IN (?)"
    params.push(input.ids)
  }
  params.push(input.limit ?? 20, input.lease_ms)
  return await sql.execute(
    `UPDATE amazon_feed_submission SET claim_token = ?, claimed_at = now(), updated_at = now()
     WHERE id IN (
       SELECT s.id FROM amazon_feed_submission s
       WHERE s.deleted_at IS NULL AND s.status IN ('claimed', 'uploaded', 'creating', 'submitted')
         AND (s.claimed_at IS NULL OR s.claimed_at < now() - (? * interval '1 millisecond'))
         AND (s.next_attempt_at IS NULL OR s.next_attempt_at <= now()) AND ${which}
       ORDER BY s.created_at ASC LIMIT ? FOR UPDATE SKIP LOCKED)
     AND (claimed_at IS NULL OR claimed_at < now() - (? * interval '1 millisecond'))
     RETURNING id, claim_token, account_id, feed_type, marketplace_ids, status, content, messages, feed_document_id,
       amazon_feed_id, create_requested_at, attempts`,
    params
  )
}

const UPDATABLE = new Set([
  "status",
  "feed_document_id",
  "amazon_feed_id",
  "processing_status",
  "create_requested_at",
  "submitted_at",
  "completed_at",
  "next_attempt_at",
  "attempts",
  "result_feed_document_id",
  "messages_processed",
  "messages_successful",
  "messages_with_error",
  "messages_with_warning",
  "document_errors",
  "last_error_code",
  "last_error",
])

/**
 * Writes what the lease holder learnt; false when the lease was taken over meanwhile (the write is dropped).
 * `release` gives the lease back so that the next worker tick may continue.
 */
export async function updateLeasedSubmission(
  sql: SqlRunner,
  id: string,
  token: string,
  fields: Record<string, unknown>,
  options: { release?: boolean } = {}
): Promise<boolean> {
  const sets: string[] = []
  const params: unknown[] = []
  for (const [column, value] of Object.entries(fields)) {
    if (!UPDATABLE.has(column)) throw new Error(`amazon_feed_submission.${column} is not written by the feed worker`)
    sets.push(column === "document_errors" ? `${column} = ?::jsonb` : `${column} = ?`)
    params.push(column === "document_errors" && value !== null ? JSON.stringify(value) : value)
  }
  if (options.release) sets.push("claim_token = NULL", "claimed_at = NULL")
  sets.push("updated_at = now()")
  const rows = await sql.execute(`UPDATE amazon_feed_submission SET ${sets.join(", ")} WHERE id = ? AND claim_token = ? RETURNING id`, [...params, id, token])
  return rows.length === 1
}

/** Amazon feed ids already recorded on some submission of the account (so a found feed is not taken twice). */
export async function knownAmazonFeedIds(sql: SqlRunner, accountId: string, feedIds: string[]): Promise<Set<string>> {
  if (!feedIds.length) return new Set()
  const rows = await sql.execute(`SELECT amazon_feed_id FROM amazon_feed_submission WHERE account_id = ? AND amazon_feed_id IN (?)`, [accountId, feedIds])
  return new Set(rows.map((row) => row.amazon_feed_id as string))
}

export type MessageVerdict = {
  feed_message_id: string
  status: "accepted" | "rejected"
  result: Record<string, unknown>
  error: string | null
}

/** Must run inside one transaction with the submission's final update: each message gets Amazon's verdict once. */
export async function recordMessageVerdicts(sql: SqlRunner, submissionId: string, verdicts: MessageVerdict[]): Promise<void> {
  for (const verdict of verdicts) {
    await sql.execute(
      `UPDATE amazon_feed_message SET status = ?, result = ?::jsonb, error = ?, completed_at = now(),
         updated_at = now()
       WHERE id = ? AND submission_id = ? AND status = 'batched'`,
      [verdict.status, JSON.stringify(verdict.result), verdict.error, verdict.feed_message_id, submissionId]
    )
  }
}

/** A feed Amazon cancelled processed nothing: its messages go back to the queue for the next feed. */
export async function requeueSubmissionMessages(sql: SqlRunner, submissionId: string): Promise<void> {
  await sql.execute(
    `UPDATE amazon_feed_message SET status = 'queued', submission_id = NULL, message_id = NULL, updated_at = now()
     WHERE submission_id = ? AND status = 'batched'`,
    [submissionId]
  )
}

export type AcceptedCancellation = {
  id: string
  account_id: string
  order_id: string | null
  amazon_order_row_id: string
  amazon_order_id: string
  cancel_reason: string | null
  zero_stock: boolean
}

/** Claims accepted messages whose Medusa side is still owed (a claim older than `stale_ms` is taken over). */
export async function claimAcceptedCancellations(sql: SqlRunner, input: { stale_ms: number; limit?: number; ids?: string[] }): Promise<AcceptedCancellation[]> {
  const params: unknown[] = [input.stale_ms]
  let which = "TRUE"
  if (input.ids) {
    if (!input.ids.length) return []
    which = "m.id IN (?)"
    params.push(input.ids)
  }
  params.push(input.limit ?? 50)
  return await sql.execute(
    `UPDATE amazon_feed_message SET medusa_apply_claimed_at = now(), updated_at = now()
     WHERE id IN (
       SELECT m.id FROM amazon_feed_message m
       WHERE m.deleted_at IS NULL AND m.status = 'accepted' AND m.medusa_applied_at IS NULL
         AND m.feed_type = 'POST_ORDER_ACKNOWLEDGEMENT_DATA'
         AND (m.medusa_apply_claimed_at IS NULL OR m.medusa_apply_claimed_at < now() - (? * interval '1 millisecond'))
         AND ${which}
       ORDER BY m.completed_at ASC LIMIT ? FOR UPDATE SKIP LOCKED)
     RETURNING id, account_id, order_id, amazon_order_row_id, amazon_order_id, cancel_reason, zero_stock`,
    params
  )
}

/** The Medusa side of an accepted message: done (once), or why not (retried by the next tick). */
export async function recordCancellationApplied(sql: SqlRunner, id: string, error: string | null): Promise<void> {
  await sql.execute(
    error === null
      ? `UPDATE amazon_feed_message SET medusa_applied_at = now(), medusa_apply_error = NULL, medusa_apply_claimed_at = NULL, updated_at = now() WHERE id = ? AND medusa_applied_at IS NULL`
      : `UPDATE amazon_feed_message SET medusa_apply_error = ?, medusa_apply_claimed_at = NULL, updated_at = now() WHERE id = ? AND medusa_applied_at IS NULL`,
    error === null ? [id] : [error, id]
  )
}

export type RejectedRefund = { id: string; order_id: string | null; amazon_order_id: string; refund_id: string; error: string | null }

/** Claims refunds Amazon rejected whose Medusa refund is not marked yet (a claim older than `stale_ms` is taken over). */
export async function claimRejectedRefunds(sql: SqlRunner, input: { stale_ms: number; limit?: number }): Promise<RejectedRefund[]> {
  return await sql.execute(
    `UPDATE amazon_feed_message SET medusa_apply_claimed_at = now(), updated_at = now()
     WHERE id IN (
       SELECT m.id FROM amazon_feed_message m
       WHERE m.deleted_at IS NULL AND m.status = 'rejected' AND m.medusa_applied_at IS NULL AND m.refund_id IS NOT NULL
         AND m.feed_type = 'POST_PAYMENT_ADJUSTMENT_DATA'
         AND (m.medusa_apply_claimed_at IS NULL OR m.medusa_apply_claimed_at < now() - (? * interval '1 millisecond'))
       ORDER BY m.completed_at ASC LIMIT ? FOR UPDATE SKIP LOCKED)
     RETURNING id, order_id, amazon_order_id, refund_id, error`,
    [input.stale_ms, input.limit ?? 50]
  )
}

/** When there is feed work next (ms from now), for an in-process wake-up; null when nothing is pending. */
export async function nextFeedWorkInMs(sql: SqlRunner, intervalMs: number, leaseMs: number): Promise<number | null> {
  const [row] = await sql.execute(
    `SELECT least(
       (SELECT min(greatest(0, EXTRACT(EPOCH FROM (coalesce(
          (SELECT max(s.created_at) FROM amazon_feed_submission s WHERE s.account_id = m.account_id AND s.deleted_at IS NULL), now() - interval '1 day')
          + (? * interval '1 millisecond') - now())) * 1000))
        FROM amazon_feed_message m WHERE m.status = 'queued' AND m.deleted_at IS NULL AND ${SENDABLE_NOW}),
       (SELECT min(greatest(0, EXTRACT(EPOCH FROM (greatest(coalesce(s.next_attempt_at, now()),
          CASE WHEN s.claimed_at IS NULL THEN now() ELSE s.claimed_at + (? * interval '1 millisecond') END) - now())) * 1000))
        FROM amazon_feed_submission s WHERE s.deleted_at IS NULL AND s.status IN ('claimed', 'uploaded', 'creating', 'submitted')),
       (SELECT 0 FROM amazon_feed_message m WHERE m.medusa_applied_at IS NULL AND m.medusa_apply_claimed_at IS NULL
          AND m.medusa_apply_error IS NULL AND m.deleted_at IS NULL
          AND ((m.status = 'accepted' AND m.feed_type = 'POST_ORDER_ACKNOWLEDGEMENT_DATA')
            OR (m.status = 'rejected' AND m.feed_type = 'POST_PAYMENT_ADJUSTMENT_DATA' AND m.refund_id IS NOT NULL)) LIMIT 1)
     ) AS wait_ms`,
    [intervalMs, leaseMs]
  )
  return row?.wait_ms === null || row?.wait_ms === undefined ? null : Math.ceil(Number(row.wait_ms))
}
