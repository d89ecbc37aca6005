import { randomUUID } from "node:crypto"
import { z } from "@medusajs/framework/zod"
import type { SpApiClient } from "../sp-api"

/**
 * The shipment-confirmation outbox's state changes, each ONE conditional SQL statement, so that any number of
 * processes (each with its own in-memory locks) can claim and settle rows without ever sending one twice: the
 * database decides which claimer wins a row, not timing.
 */

/** What the module's entity manager offers for raw SQL (MikroORM's SqlEntityManager.execute). */
export type SqlRunner = { execute(sql: string, params?: unknown[]): Promise<any[]> }

export type ClaimTrackingPushesInput = {
  /** Only these rows (the push just recorded, an admin retry); all due rows of pushing accounts when absent. */
  ids?: string[]
  /** Claim even if next_attempt_at is still ahead (the merchant pressed "Retry"). */
  ignore_schedule?: boolean
  limit?: number
}

export type ClaimedTrackingPush = {
  id: string
  claim_token: string
  account_id: string
  amazon_order_row_id: string
  amazon_order_id: string
  package_reference_id: string
  tracking_number: string | null
  package: Record<string, unknown>
  items: Array<{ order_item_id: string; quantity: number }> | null
  attempts: number
  verify_with_amazon: boolean
}

export type TrackingPushOutcome =
  | { state: "confirmed"; amazon_response: Record<string, unknown> }
  | {
      state: "waiting" | "failed"
      next_attempt_at: Date | null
      last_error_code: string
      last_error: string
      amazon_response: Record<string, unknown> | null
      /** Amazon may have applied this attempt: check its packages before the next one. */
      verify_with_amazon?: boolean
    }

const DEFAULT_CLAIM_LIMIT = 50

export async function claimTrackingPushes(sql: SqlRunner, input: ClaimTrackingPushesInput): Promise<ClaimedTrackingPush[]> {
  if (input.ids && input.ids.length === 0) return []
  const token = randomUUID()
  const conditions = [`p.deleted_at IS NULL`, `p.state = 'waiting'`, `p.package IS NOT NULL`]
  const params: unknown[] = [token]
  if (!input.ignore_schedule) conditions.push(`(p.next_attempt_at IS NULL OR p.next_attempt_at <= now())`)
  if (input.ids) {
    conditions.push(`p.id IN (?)`)
    params.push(input.ids)
  } else {
    // Rows of accounts with "push tracking" off wait untouched until it is switched on again.
    conditions.push(`p.account_id IN (SELECT a.id FROM amazon_account a WHERE a.push_tracking AND a.deleted_at IS NULL)`)
  }
  params.push(input.limit ?? (input.ids ? input.ids.length : DEFAULT_CLAIM_LIMIT))
  // SKIP LOCKED lets a second claimer take other rows instead of waiting; the outer state check is what makes a
  // row claimable once only, whatever the isolation level.
  const rows = await sql.execute(
    `UPDATE amazon_tracking_push SET state = 'sent', claimed_at = now(), last_attempt_at = now(), claim_token = ?,
       attempts = attempts + 1, updated_at = now()
     WHERE state = 'waiting' AND id IN (
       SELECT p.id FROM amazon_tracking_push p WHERE ${conditions.join(" AND ")}
       ORDER BY p.created_at ASC LIMIT ? FOR UPDATE SKIP LOCKED)
     RETURNING id, claim_token, account_id, amazon_order_row_id, amazon_order_id, package_reference_id, tracking_number,
       package, items, attempts, verify_with_amazon`,
    params
  )
  return rows.map((row) => ({ ...row, attempts: Number(row.attempts), verify_with_amazon: !!row.verify_with_amazon }))
}

/** Records Amazon's answer; false when the claim is no longer this sender's (the row was released meanwhile). */
export async function recordTrackingPushOutcome(sql: SqlRunner, id: string, claimToken: string, outcome: TrackingPushOutcome): Promise<boolean> {
  const confirmed = outcome.state === "confirmed"
  const rows = await sql.execute(
    `UPDATE amazon_tracking_push SET state = ?, confirmed_at = ${confirmed ? "now()" : "NULL"}, next_attempt_at = ?,
       last_error_code = ?, last_error = ?, amazon_response = ?::jsonb, verify_with_amazon = ?,
       claimed_at = NULL, claim_token = NULL, updated_at = now()
     WHERE id = ? AND claim_token = ? AND state = 'sent' RETURNING id`,
    [
      outcome.state,
      confirmed ? null : outcome.next_attempt_at,
      confirmed ? null : outcome.last_error_code,
      confirmed ? null : outcome.last_error,
      outcome.amazon_response === null ? null : JSON.stringify(outcome.amazon_response),
      confirmed ? false : outcome.verify_with_amazon === true,
      id,
      claimToken,
    ]
  )
  return rows.length === 1
}

/**
 * "sent" rows claimed before `claimedBefore` belong to a sender that died mid-request: back to waiting, marked so
 * that Amazon's own record decides before they are sent again (Amazon may have applied the lost request).
 */
export async function releaseStaleClaims(sql: SqlRunner, claimedBefore: Date, ids?: string[]): Promise<string[]> {
  const params: unknown[] = [claimedBefore]
  if (ids) params.push(ids)
  const rows = await sql.execute(
    `UPDATE amazon_tracking_push SET state = 'waiting', claimed_at = NULL, claim_token = NULL, next_attempt_at = NULL,
       verify_with_amazon = true, updated_at = now()
     WHERE deleted_at IS NULL AND state = 'sent' AND claimed_at < ?${ids ? " AND id IN (?)" : ""} RETURNING id`,
    params
  )
  return rows.map((row) => row.id as string)
}

export type ClaimShipmentCapturesInput = {
  /** Only these rows (just confirmed); with `due`, every confirmed row still owing its capture instead. */
  ids: string[]
  due?: boolean
  /** Claims taken before this instant belong to a capturer that died: they may be taken over. */
  staleBefore: Date
  limit?: number
}

/**
 * Claims confirmed rows whose payment capture is still owed (never tried, or failed), each for one capturer, so no
 * two processes capture the same package. A claim is released when the outcome is recorded.
 */
export async function claimShipmentCaptures(sql: SqlRunner, input: ClaimShipmentCapturesInput): Promise<string[]> {
  if (!input.ids.length && !input.due) return []
  const owed = `p.deleted_at IS NULL AND p.state = 'confirmed' AND p.payment_captured_at IS NULL
    AND (p.payment_capture_state IS NULL OR p.payment_capture_state = 'failed')
    AND (p.payment_capture_claimed_at IS NULL OR p.payment_capture_claimed_at < ?)`
  const params: unknown[] = [input.staleBefore]
  // With `due` the given rows are owed too, so the owed condition alone covers them; a failed capture waits for
  // its next attempt time there. Rows named by id (just confirmed, or the merchant's retry) are taken at once.
  const which = input.due ? "(p.payment_capture_next_attempt_at IS NULL OR p.payment_capture_next_attempt_at <= now())" : "p.id IN (?)"
  if (!input.due) params.push(input.ids)
  params.push(input.limit ?? (input.due ? DEFAULT_CLAIM_LIMIT : input.ids.length))
  params.push(input.staleBefore)
  const rows = await sql.execute(
    `UPDATE amazon_tracking_push SET payment_capture_claimed_at = now(), updated_at = now()
     WHERE id IN (
       SELECT p.id FROM amazon_tracking_push p WHERE ${owed} AND ${which}
       ORDER BY p.confirmed_at ASC NULLS FIRST, p.id ASC LIMIT ? FOR UPDATE SKIP LOCKED)
     AND payment_captured_at IS NULL AND (payment_capture_state IS NULL OR payment_capture_state = 'failed')
     AND (payment_capture_claimed_at IS NULL OR payment_capture_claimed_at < ?)
     RETURNING id`,
    params
  )
  return rows.map((row) => row.id as string)
}

/** Gives claims back without an outcome (the capture workflow is being undone). */
export async function releaseShipmentCaptureClaims(sql: SqlRunner, ids: string[]): Promise<void> {
  if (!ids.length) return
  await sql.execute(`UPDATE amazon_tracking_push SET payment_capture_claimed_at = NULL, updated_at = now() WHERE id IN (?)`, [ids])
}

/** Amazon's packages of an order (Orders 2026-01-01 `includedData=PACKAGES`), the fields we compare. */
const AmazonPackagesSchema = z.array(
  z.looseObject({
    packageReferenceId: z.string(),
    trackingNumber: z.string().nullish(),
    packageStatus: z.looseObject({ status: z.string() }).nullish(),
    packageItems: z.array(z.looseObject({ orderItemId: z.string(), quantity: z.number().int() })).nullish(),
  })
)

export type AmazonPackageCheck = { found: boolean; packageReferenceId: string | null }

/**
 * Whether Amazon already holds this push's package: same tracking number and the same items and quantities. A
 * package Amazon cancelled does not count.
 */
export async function findPackageOnAmazon(client: SpApiClient, push: Pick<ClaimedTrackingPush, "amazon_order_id" | "tracking_number" | "package">): Promise<AmazonPackageCheck> {
  const order = await client.getOrder2026(push.amazon_order_id, ["PACKAGES"])
  const parsed = AmazonPackagesSchema.safeParse((order as Record<string, unknown>).packages ?? [])
  if (!parsed.success) throw new Error(`Amazon's packages of order ${push.amazon_order_id} have an unexpected shape: ${parsed.error.issues[0]?.message}`)
  const detail = (push.package as { packageDetail?: { trackingNumber?: string; orderItems?: Array<{ orderItemId: string; quantity: number }> } }).packageDetail
  const tracking = (detail?.trackingNumber ?? push.tracking_number ?? "").trim()
  const ours = itemKey(detail?.orderItems ?? [])
  const match = parsed.data.find(
    (pkg) =>
      pkg.packageStatus?.status !== "CANCELLED" &&
      (pkg.trackingNumber ?? "").trim() === tracking &&
      itemKey((pkg.packageItems ?? []).map((item) => ({ orderItemId: item.orderItemId, quantity: item.quantity }))) === ours
  )
  return { found: !!match, packageReferenceId: match?.packageReferenceId ?? null }
}

function itemKey(items: Array<{ orderItemId: string; quantity: number }>): string {
  const units = new Map<string, number>()
  for (const item of items) units.set(item.orderItemId, (units.get(item.orderItemId) ?? 0) + Number(item.quantity))
  return [...units.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([id, quantity]) => `${id}×${quantity}`).join(",")
}
