import { MathBN, MedusaError } from "@medusajs/framework/utils"
import { ADJUSTMENT_REASONS, type AdjustmentReason } from "../feeds/order-feeds"
import { queueRefundMessage, refundContextOfPayment, refundMessageOf, type Knex } from "./refund-ledger"
import { adjustmentReasonOfCode, checkPlanned, netCents, planProportional, planWithReturn, refundPayload, toCents, type PlannedItem } from "./refunds"

/**
 * The one Amazon adjustment of a Medusa refund, worked out and queued by whoever gets there first: the Amazon
 * payment provider when Medusa's refundPaymentWorkflow calls it, or the feed job's sweep for a refund whose process
 * died between Medusa committing the refund and the provider queueing its message. Both go through here, so both
 * plan the same lines and components, and the unique refund_id lets only one message exist.
 */

export const AMAZON_REFUND_REFUSED_MESSAGE =
  "This Amazon payment cannot be refunded from Medusa: its Amazon order was not found in the store (was it imported by the plugin?). Refund it in Seller Central instead."

/** The metadata key on a Medusa refund made by the plugin's refund dialog: which stored breakdown it refunds. */
export const AMAZON_REFUND_PLAN_METADATA_KEY = "amazon_refund_plan_id"

/** The metadata key on the Medusa record of a refund Amazon made itself: nothing is ever sent to Amazon for it. */
export const AMAZON_MADE_REFUND_METADATA_KEY = "amazon_made_refund"

export type AmazonRefundPlan = { id: string; amount: string; reason: AdjustmentReason; origin: string; items: PlannedItem[] }

export type MedusaRefund = {
  id: string
  payment_id: string
  amount: string
  note: string | null
  reason_code: string | null
  metadata: Record<string, unknown> | null
}

/** The Medusa refund with its reason's code, read by id (the provider is given only the id). */
export async function medusaRefund(knex: Knex, refundId: string): Promise<MedusaRefund | null> {
  const { rows } = await knex.raw(
    `SELECT r.id, r.payment_id, r.raw_amount->>'value' AS amount, r.note, r.metadata, rr.code AS reason_code
     FROM refund r LEFT JOIN refund_reason rr ON rr.id = r.refund_reason_id
     WHERE r.id = ? AND r.deleted_at IS NULL`,
    [refundId]
  )
  return rows[0] ?? null
}

/**
 * The dialog's breakdown a refund was made for, named in the refund's metadata. Never matched by amount: a dead
 * process can leave a breakdown whose refund was never made, and a Refund-button refund of the same amount is not it.
 */
export function planOfRefund(plans: AmazonRefundPlan[], refund: Pick<MedusaRefund, "metadata">): AmazonRefundPlan | null {
  const planId = refund.metadata?.[AMAZON_REFUND_PLAN_METADATA_KEY]
  return typeof planId === "string" ? (plans.find((candidate) => candidate.id === planId) ?? null) : null
}

/**
 * Queues the adjustment of `refund` unless one exists. Refunds of one payment are worked out one at a time (an
 * advisory lock on the payment), so two at once cannot both claim the same remainder, and the provider and the
 * sweep cannot both plan the same refund. Throws the merchant's sentence when Amazon cannot make the refund.
 */
export async function queueAdjustmentOfRefund(
  knex: Knex,
  refund: MedusaRefund,
  plan: AmazonRefundPlan | null
): Promise<{ id: string; created: boolean }> {
  return await knex.transaction(async (trx) => {
    await trx.raw(`SELECT pg_advisory_xact_lock(hashtext(?))`, [`amazon-refund:${refund.payment_id}`])
    const existing = await refundMessageOf(trx, refund.id)
    if (existing) return { id: existing.id, created: false }
    const context = await refundContextOfPayment(trx, refund.payment_id)
    if (!context) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, AMAZON_REFUND_REFUSED_MESSAGE)
    if (!context.seller_id?.trim()) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Amazon order ${context.amazon_order_id} cannot be refunded yet: the Amazon account "${context.account_name}" has no seller ID, which Amazon's refund feed must name. Enter it in Settings → Amazon.`
      )
    }
    const amountCents = toCents(MathBN.convert(refund.amount as any).toNumber())
    let items: PlannedItem[]
    let reason: AdjustmentReason
    let origin: string
    if (plan) {
      items = checkPlanned(context.lines, plan.items)
      reason = plan.reason
      origin = plan.origin
    } else {
      const returned = context.returned_unrefunded
      items = returned.length
        ? planWithReturn(context.lines, returned, amountCents, context.tax_inclusive)
        : planProportional(context.lines, amountCents, context.tax_inclusive)
      reason = adjustmentReasonOfCode(refund.reason_code) ?? (returned.length ? "CustomerReturn" : "GeneralAdjustment")
      origin = returned.length ? "medusa_return" : "medusa_refund"
    }
    const itemsNet = items.reduce((sum, item) => sum + netCents(item.components, context.tax_inclusive), 0)
    if (itemsNet !== amountCents) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `The refund of ${MathBN.convert(refund.amount as any).toString()} does not match the lines it was planned for (${(itemsNet / 100).toFixed(2)}): open the refund dialog again and refund once more.`
      )
    }
    if (!(ADJUSTMENT_REASONS as readonly string[]).includes(reason)) reason = "GeneralAdjustment"
    const payload = refundPayload({ amazon_order_id: context.amazon_order_id, currency: context.currency, reason, items })
    return await queueRefundMessage(trx, { context, refund_id: refund.id, origin, payload: payload as unknown as Record<string, unknown>, reason })
  })
}

/**
 * Medusa refunds of Amazon payments that have no adjustment message although their process had `graceMs` to queue
 * one: the process died after Medusa committed the refund. Records of refunds Amazon made itself, and refunds
 * already marked as not made, are not Medusa's to send. Only the last 30 days are looked at: every tick (and every
 * start) runs this, so a dead process's refund is found within minutes, and the table is not read whole each time.
 */
export async function refundsWithoutAdjustment(knex: Knex, providerId: string, graceMs: number, limit = 100): Promise<MedusaRefund[]> {
  const { rows } = await knex.raw(
    `SELECT r.id, r.payment_id, r.raw_amount->>'value' AS amount, r.note, r.metadata, rr.code AS reason_code
     FROM refund r
     JOIN payment p ON p.id = r.payment_id AND p.provider_id = ?
     LEFT JOIN refund_reason rr ON rr.id = r.refund_reason_id
     WHERE r.deleted_at IS NULL
       AND r.created_at < now() - (? * interval '1 millisecond') AND r.created_at > now() - interval '30 days'
       AND NOT EXISTS (SELECT 1 FROM amazon_feed_message m WHERE m.refund_id = r.id AND m.deleted_at IS NULL)
       AND r.metadata -> ? IS NULL AND r.metadata -> 'amazon_refund_rejected' IS NULL
       AND coalesce(r.note, '') NOT LIKE 'Refunded on Amazon (settlement %'
       AND NOT coalesce(p.data->'refunds_made_by_amazon', '[]'::jsonb) @> jsonb_build_array(jsonb_build_object('recorded_refund_id', r.id))
     ORDER BY r.created_at
     LIMIT ?`,
    [providerId, graceMs, AMAZON_MADE_REFUND_METADATA_KEY, limit]
  )
  return rows
}

/**
 * Refund messages still waiting in the queue whose Medusa refund is gone: Medusa deletes its refund when the
 * provider call fails after the message was queued, and Amazon must not refund what Medusa does not show. A
 * message is only ever queued for a refund that was read first, so a missing refund was deleted, never "not yet
 * committed". Withdrawn with one conditional update, so a message the sender has already batched is left to it.
 */
export async function withdrawOrphanedRefundMessages(knex: Knex): Promise<string[]> {
  const { rows } = await knex.raw(
    `UPDATE amazon_feed_message m SET deleted_at = now(), updated_at = now(), error = 'Withdrawn: Medusa removed the refund before it was sent to Amazon.'
     WHERE m.refund_id IS NOT NULL AND m.status = 'queued' AND m.deleted_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM refund r WHERE r.id = m.refund_id AND r.deleted_at IS NULL)
     RETURNING m.refund_id`
  )
  return rows.map((row) => row.refund_id)
}

/**
 * Medusa refunds of Amazon payments whose order transaction is missing although their process had `graceMs` to
 * write it: Medusa's refundPaymentWorkflow died after its refund step, so the order's summary does not count them.
 */
export async function refundsWithoutOrderTransaction(
  knex: Knex,
  providerId: string,
  graceMs: number,
  limit = 100
): Promise<Array<{ refund_id: string; payment_id: string; order_id: string; amount: string; currency_code: string; payment_collection_id: string }>> {
  const { rows } = await knex.raw(
    `SELECT r.id AS refund_id, r.payment_id, opc.order_id, r.raw_amount->>'value' AS amount, p.currency_code, p.payment_collection_id
     FROM refund r
     JOIN payment p ON p.id = r.payment_id AND p.provider_id = ?
     JOIN order_payment_collection opc ON opc.payment_collection_id = p.payment_collection_id AND opc.deleted_at IS NULL
     WHERE r.deleted_at IS NULL
       AND r.created_at < now() - (? * interval '1 millisecond') AND r.created_at > now() - interval '30 days'
       AND NOT EXISTS (SELECT 1 FROM order_transaction t WHERE t.reference = 'refund' AND t.reference_id = r.id AND t.deleted_at IS NULL)
     ORDER BY r.created_at
     LIMIT ?`,
    [providerId, graceMs, limit]
  )
  return rows
}

/**
 * Medusa refunds of Amazon payments that have their order transaction but no credit line although their process had
 * `graceMs` to make it, on an order whose summary now shows the buyer owing money: Medusa's refundPaymentWorkflow
 * died between its transaction step and its credit-line step (a refund that needed no credit line leaves the order
 * owing nothing, so it is not listed). Cancelled orders are left out: Medusa's cancel flow refunds through
 * refundPaymentsWorkflow, which writes transactions and, by design, no credit lines. Only the last 30 days, as above.
 */
export async function refundsWithoutCreditLine(
  knex: Knex,
  providerId: string,
  graceMs: number,
  limit = 100
): Promise<Array<{ refund_id: string; order_id: string; amount: string }>> {
  const { rows } = await knex.raw(
    `SELECT r.id AS refund_id, opc.order_id, r.raw_amount->>'value' AS amount
     FROM refund r
     JOIN payment p ON p.id = r.payment_id AND p.provider_id = ?
     JOIN order_payment_collection opc ON opc.payment_collection_id = p.payment_collection_id AND opc.deleted_at IS NULL
     JOIN "order" o ON o.id = opc.order_id AND o.deleted_at IS NULL AND o.status <> 'canceled'
     JOIN order_summary s ON s.order_id = o.id AND s.version = o.version AND s.deleted_at IS NULL
     WHERE r.deleted_at IS NULL
       AND r.created_at < now() - (? * interval '1 millisecond') AND r.created_at > now() - interval '30 days'
       AND EXISTS (SELECT 1 FROM order_transaction t WHERE t.reference = 'refund' AND t.reference_id = r.id AND t.deleted_at IS NULL)
       AND NOT EXISTS (SELECT 1 FROM order_credit_line cl WHERE cl.order_id = o.id AND cl.reference_id = r.id AND cl.deleted_at IS NULL)
       AND (s.totals->>'pending_difference')::numeric > 0
     ORDER BY r.created_at
     LIMIT ?`,
    [providerId, graceMs, limit]
  )
  return rows
}
