/**
 * Sending vendor acknowledgements exactly once. Each state change is ONE conditional SQL statement, so any number
 * of processes can claim and settle rows without a second submitAcknowledgement: the database decides who owns a
 * row. A claim whose sender died ("sending" for too long) is settled by asking Amazon, never by resending blindly.
 */
import { randomUUID } from "node:crypto"
import { crashPoint } from "../../../utils/crash-point"
import { isSpApiError, type OrderAcknowledgement, type SpApiClient } from "../sp-api"
import type { SqlRunner } from "../services/tracking-outbox"

/** Amazon refused the request itself: it did not act, and sending it unchanged will not help. */
const REFUSED = new Set(["AMAZON_REJECTED", "INVALID_REQUEST", "AUTH_FAILED", "ACCESS_DENIED", "INVALID_CONFIGURATION"])
/** Amazon does not emit Success for acknowledgements in every region: Processing without Failure this long counts as accepted. */
export const PROCESSING_COUNTS_AS_ACCEPTED_MS = 15 * 60 * 1000
const POLL_INTERVAL_MS = 30 * 1000

export type ClaimedAcknowledgement = { id: string; claim_token: string; account_id: string; payload: OrderAcknowledgement; purchase_order_id: string }

export async function claimPendingAcknowledgements(sql: SqlRunner, ids?: string[]): Promise<ClaimedAcknowledgement[]> {
  const token = randomUUID()
  const rows = await sql.execute(
    `UPDATE amazon_vendor_acknowledgement SET status = 'sending', claim_token = ?, claimed_at = now(), updated_at = now()
     WHERE id IN (SELECT id FROM amazon_vendor_acknowledgement WHERE deleted_at IS NULL AND status = 'pending'${ids ? " AND id IN (?)" : ""}
       ORDER BY created_at ASC LIMIT 50 FOR UPDATE SKIP LOCKED) AND status = 'pending'
     RETURNING id, claim_token, account_id, payload, purchase_order_id`,
    ids ? [token, ids] : [token]
  )
  return rows.map((row) => ({ ...row, payload: typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload }))
}

async function settle(sql: SqlRunner, id: string, claimToken: string, fields: Record<string, unknown>): Promise<boolean> {
  const keys = Object.keys(fields)
  const rows = await sql.execute(
    `UPDATE amazon_vendor_acknowledgement SET ${keys.map((key) => `${key} = ?`).join(", ")}, claim_token = NULL, claimed_at = NULL, updated_at = now()
     WHERE id = ? AND claim_token = ? AND status = 'sending' RETURNING id`,
    [...keys.map((key) => fields[key]), id, claimToken]
  )
  return rows.length === 1
}

/** Sends one claimed acknowledgement; returns the status it ends in. */
export async function sendClaimedAcknowledgement(sql: SqlRunner, client: SpApiClient, claimed: ClaimedAcknowledgement) {
  crashPoint("before-submit-acknowledgement")
  let transactionId: string
  try {
    transactionId = (await client.submitAcknowledgement([claimed.payload])).transactionId
  } catch (error) {
    const code = isSpApiError(error) ? error.code : "UNEXPECTED"
    const message = isSpApiError(error) ? error.merchantMessage : `Sending failed unexpectedly: ${(error as Error)?.message ?? error}`
    if (code === "THROTTLED") {
      await settle(sql, claimed.id, claimed.claim_token, { status: "pending", message: `Amazon was busy; the acknowledgement is sent again shortly. ${message}` })
      return "pending"
    }
    if (REFUSED.has(code)) {
      await settle(sql, claimed.id, claimed.claim_token, { status: "failed", message, result_at: new Date() })
      return "failed"
    }
    // Amazon may have taken it (the answer was lost): it stays claimed until Amazon's PO says whether it arrived.
    await sql.execute(`UPDATE amazon_vendor_acknowledgement SET message = ?, updated_at = now() WHERE id = ? AND claim_token = ?`, [
      `Amazon's answer did not arrive (${message}); Amazon's purchase order is checked before anything is sent again.`,
      claimed.id,
      claimed.claim_token,
    ])
    return "sending"
  }
  crashPoint("after-submit-acknowledgement")
  const now = new Date()
  await settle(sql, claimed.id, claimed.claim_token, {
    status: "processing",
    transaction_id: transactionId,
    transaction_status: "Processing",
    submitted_at: now,
    next_poll_at: now,
    message: "Amazon took the acknowledgement and is processing it.",
  })
  return "processing"
}

/**
 * Claims left "sending" by a sender that is gone: if Amazon's PO shows an answer (it left New), Amazon has the
 * acknowledgement; if it is still New, nothing arrived and the row goes back to pending to be sent. An update of
 * a PO that was already acknowledged cannot be told apart this way and is never resent: the merchant is told to
 * check Vendor Central.
 */
export async function resolveStaleSendingAcknowledgements(sql: SqlRunner, clientFor: (accountId: string) => Promise<SpApiClient>, claimedBefore: Date) {
  const stale = await sql.execute(
    `SELECT a.id, a.claim_token, a.account_id, a.payload, po.purchase_order_number,
       (SELECT count(*) FROM amazon_vendor_acknowledgement other WHERE other.purchase_order_id = a.purchase_order_id AND other.id <> a.id
          AND other.status IN ('processing', 'accepted') AND other.deleted_at IS NULL) AS earlier
     FROM amazon_vendor_acknowledgement a JOIN amazon_vendor_purchase_order po ON po.id = a.purchase_order_id
     WHERE a.deleted_at IS NULL AND a.status = 'sending' AND a.claimed_at < ?`,
    [claimedBefore]
  )
  const outcomes: Array<{ id: string; status: string }> = []
  for (const row of stale) {
    let state: string
    try {
      state = (await (await clientFor(row.account_id)).getPurchaseOrder(row.purchase_order_number)).purchaseOrderState
    } catch {
      continue
    }
    const now = new Date()
    if (state === "New") {
      await settle(sql, row.id, row.claim_token, { status: "pending", message: "The process sending this acknowledgement stopped before Amazon got it; it is sent again." })
      outcomes.push({ id: row.id, status: "pending" })
    } else if (Number(row.earlier) === 0) {
      await settle(sql, row.id, row.claim_token, {
        status: "accepted",
        result_at: now,
        message: "Amazon shows the purchase order acknowledged. The process that sent it stopped before recording Amazon's transaction, so its result is read from the purchase order.",
      })
      outcomes.push({ id: row.id, status: "accepted" })
    } else {
      await settle(sql, row.id, row.claim_token, {
        status: "failed",
        result_at: now,
        message: "The process sending this update stopped before Amazon answered; whether Amazon has it cannot be told from here. Check the purchase order in Vendor Central before answering again.",
      })
      outcomes.push({ id: row.id, status: "failed" })
    }
  }
  return outcomes
}

/** Acknowledgements whose transaction result is due to be read. */
export async function dueTransactionPolls(sql: SqlRunner, ids?: string[]): Promise<Array<{ id: string; account_id: string; transaction_id: string; submitted_at: Date }>> {
  return await sql.execute(
    `SELECT id, account_id, transaction_id, submitted_at FROM amazon_vendor_acknowledgement
     WHERE deleted_at IS NULL AND status = 'processing' AND transaction_id IS NOT NULL${ids ? " AND id IN (?)" : " AND (next_poll_at IS NULL OR next_poll_at <= now())"}`,
    ids ? [ids] : []
  )
}

export type TransactionOutcome = { status: "processing" | "accepted" | "failed"; transaction_status: string; message: string; errors: Array<{ code: string; message: string; details?: string | null }> | null }

/** What a transaction status means for the acknowledgement. */
export function transactionOutcome(status: "Processing" | "Success" | "Failure", errors: Array<{ code: string; message?: string | null; details?: string | null }> | null | undefined, submittedAt: Date, now: Date): TransactionOutcome {
  if (status === "Success") return { status: "accepted", transaction_status: status, message: "Amazon accepted the acknowledgement.", errors: null }
  if (status === "Failure") {
    const list = (errors ?? []).map((error) => ({ code: error.code, message: error.message ?? error.code, details: error.details ?? null }))
    const sentences = list.map((error) => error.message).join(" ")
    return { status: "failed", transaction_status: status, message: `Amazon refused the acknowledgement: ${sentences || "no reason given"} Correct the answers and send them again.`, errors: list }
  }
  if (now.getTime() - submittedAt.getTime() >= PROCESSING_COUNTS_AS_ACCEPTED_MS) {
    return { status: "accepted", transaction_status: status, message: "Amazon reported no failure within 15 minutes, which Amazon counts as accepted (it does not report success for acknowledgements in every region).", errors: null }
  }
  return { status: "processing", transaction_status: status, message: "Amazon is processing the acknowledgement.", errors: null }
}

export async function recordTransactionOutcome(sql: SqlRunner, id: string, outcome: TransactionOutcome): Promise<boolean> {
  const final = outcome.status !== "processing"
  const rows = await sql.execute(
    `UPDATE amazon_vendor_acknowledgement SET status = ?, transaction_status = ?, message = ?, errors = ?::jsonb,
       result_at = ${final ? "now()" : "NULL"}, next_poll_at = ${final ? "NULL" : `now() + interval '${POLL_INTERVAL_MS / 1000} seconds'`}, updated_at = now()
     WHERE id = ? AND status = 'processing' RETURNING id`,
    [outcome.status, outcome.transaction_status, outcome.message, outcome.errors ? JSON.stringify(outcome.errors) : null, id]
  )
  return rows.length === 1
}
