import { ContainerRegistrationKeys, MathBN, MedusaError, Modules, PaymentEvents } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"
import type { Knex } from "../../../modules/amazon/services/refund-ledger"
import {
  planOfRefund,
  queueAdjustmentOfRefund,
  refundsWithoutAdjustment,
  refundsWithoutCreditLine,
  refundsWithoutOrderTransaction,
  withdrawOrphanedRefundMessages,
  type AmazonRefundPlan,
} from "../../../modules/amazon/services/refund-adjustments"
import { AMAZON_PAYMENT_PROVIDER_ID, AMAZON_REFUND_PLANS_KEY } from "../../../providers/amazon-payment/service"
import { AMAZON_REFUND_REJECTED_METADATA_KEY, rejectedRefundNote } from "./mark-rejected-amazon-refunds"

export type RefundSweepResult = {
  refund_adjustments_queued: string[]
  refunds_not_made: string[]
  refund_messages_withdrawn: string[]
  refund_transactions_added: string[]
  refund_credit_lines_added: string[]
}

/**
 * Medusa's refundPaymentWorkflow commits the refund row, then calls the Amazon payment provider, then writes the
 * order transaction: a process that dies in between leaves a refund Medusa shows and Amazon never hears of, or one
 * the order's summary does not count. Before each tick sends what is queued, this finds such refunds (older than a
 * feed lease, so a live call is never raced) and finishes them the way the live call would have:
 *  - the adjustment is planned and queued as the provider does (the dialog's stored breakdown, else the rule),
 *    keyed by the refund id, so a sweep racing the provider or another sweep queues it once; a refund Amazon
 *    cannot make (more than is left, no seller ID) is marked "NOT REFUNDED BY AMAZON" with the reason, as a
 *    refund Amazon rejects is, since Medusa cannot take a refund back;
 *  - a queued message whose refund Medusa deleted (its provider call failed afterwards) is withdrawn unsent;
 *  - the refund's credit line (Medusa's own credit-line workflow, after canceling a credit-line change a killed
 *    process left pending), then the missing order transaction (addOrderTransactions, one per refund id), the
 *    payment collection's status and payment.refunded, as Medusa's workflow would have made them;
 *  - the credit line alone where Medusa's workflow wrote the transaction and died before its credit-line step.
 * No compensation: each change is the completion of a refund Medusa already holds, and the next tick redoes none.
 */
export const queueMissingAmazonRefundAdjustmentsStep = createStep(
  "queue-missing-amazon-refund-adjustments",
  async (_input: Record<string, unknown>, { container }) => {
    const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as unknown as Knex
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    const payments = container.resolve(Modules.PAYMENT) as any
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    const graceMs = amazon.feedTimings.lease_ms
    const result: RefundSweepResult = { refund_adjustments_queued: [], refunds_not_made: [], refund_messages_withdrawn: [], refund_transactions_added: [], refund_credit_lines_added: [] }

    result.refund_messages_withdrawn = await withdrawOrphanedRefundMessages(knex)

    for (const refund of await refundsWithoutAdjustment(knex, AMAZON_PAYMENT_PROVIDER_ID, graceMs)) {
      try {
        const payment = await payments.retrievePayment(refund.payment_id, { select: ["id", "data"] })
        const data = (payment.data ?? {}) as Record<string, unknown>
        const plans = Array.isArray(data[AMAZON_REFUND_PLANS_KEY]) ? (data[AMAZON_REFUND_PLANS_KEY] as AmazonRefundPlan[]) : []
        const plan = planOfRefund(plans, refund)
        const queued = await queueAdjustmentOfRefund(knex, refund, plan)
        if (queued.created) result.refund_adjustments_queued.push(refund.id)
        if (plan) {
          await payments.updatePayment({ id: payment.id, data: { ...data, [AMAZON_REFUND_PLANS_KEY]: plans.filter((candidate) => candidate.id !== plan.id) } })
        }
      } catch (error) {
        if (!(error instanceof MedusaError)) {
          logger.error(`Amazon refunds: the refund ${refund.id} could not be queued for Amazon (${(error as Error).message}); the next run tries again.`)
          continue
        }
        await payments.updateRefunds({
          id: refund.id,
          note: rejectedRefundNote(refund.note ?? null, error.message),
          metadata: { ...(refund.metadata ?? {}), [AMAZON_REFUND_REJECTED_METADATA_KEY]: { feed_message_id: null, reason: error.message } },
        })
        result.refunds_not_made.push(refund.id)
      }
    }

    const untracked = await refundsWithoutOrderTransaction(knex, AMAZON_PAYMENT_PROVIDER_ID, graceMs)
    if (untracked.length) {
      // Medusa's workflow died before its order transaction, so also before the refund's credit line and its
      // payment.refunded: those are made here too, one refund after the other as Medusa's workflow would (each
      // credit line is worked out from the order as the refunds before it left it). The credit line first, named
      // by the refund id, so a sweep that dies before the transaction finds it and does not add a second one.
      const orders = container.resolve(Modules.ORDER)
      const completed: typeof untracked = []
      for (const refund of untracked) {
        try {
          if (await addRefundCreditLineIfMissing(container, knex, refund, graceMs, "before-transaction")) result.refund_credit_lines_added.push(refund.refund_id)
        } catch (error) {
          // The transaction waits with it: added alone, it would make the refund look finished and its credit line
          // would never be retried.
          logger.error(`Amazon refunds: the credit line of refund ${refund.refund_id} could not be added (${(error as Error).message}); the next run tries again.`)
          continue
        }
        await orders.addOrderTransactions([
          {
            order_id: refund.order_id,
            amount: MathBN.mult(refund.amount, -1).toNumber(),
            currency_code: refund.currency_code,
            reference: "refund",
            reference_id: refund.refund_id,
          },
        ])
        completed.push(refund)
      }
      // The payment module recomputes a collection's status only inside its own capture and refund calls; this is
      // the method those calls end with.
      for (const collectionId of new Set(completed.map((refund) => refund.payment_collection_id))) {
        await payments.maybeUpdatePaymentCollection_(collectionId)
      }
      result.refund_transactions_added = completed.map((refund) => refund.refund_id)
      if (completed.length) {
        await container
          .resolve(Modules.EVENT_BUS)
          .emit(completed.map((refund) => ({ name: PaymentEvents.REFUNDED, data: { id: refund.payment_id } })))
      }
    }

    // Medusa's workflow died after its transaction step, before its credit-line step: only the credit line is missing.
    for (const refund of await refundsWithoutCreditLine(knex, AMAZON_PAYMENT_PROVIDER_ID, graceMs)) {
      try {
        if (await addRefundCreditLineIfMissing(container, knex, refund, graceMs, "after-transaction")) result.refund_credit_lines_added.push(refund.refund_id)
      } catch (error) {
        logger.error(`Amazon refunds: the credit line of refund ${refund.refund_id} could not be added (${(error as Error).message}); the next run tries again.`)
      }
    }
    return new StepResponse(result)
  }
)

const CREATE_ORDER_REFUND_CREDIT_LINES_WORKFLOW_ID = "create-order-refund-credit-lines"

type RefundOfOrder = { refund_id: string; order_id: string; amount: string }

/**
 * The credit line Medusa's refundPaymentWorkflow gives a refund, worked out as it does, through Medusa's own
 * createOrderRefundCreditLinesWorkflow, unless a credit line of this refund exists. Medusa credits the refund less
 * what the order owed the buyer before the refund's transaction; once the transaction is written (`after-transaction`)
 * the order's pending difference has grown by the refund, so the same amount is the smaller of the refund and what the
 * buyer now appears to owe. Returns whether a credit line was made.
 */
async function addRefundCreditLineIfMissing(
  container: { resolve: (key: string) => any },
  knex: Knex,
  refund: RefundOfOrder,
  graceMs: number,
  when: "before-transaction" | "after-transaction"
): Promise<boolean> {
  const { rows } = await knex.raw(`SELECT 1 FROM order_credit_line WHERE order_id = ? AND reference_id = ? AND deleted_at IS NULL LIMIT 1`, [
    refund.order_id,
    refund.refund_id,
  ])
  if (rows.length) return false
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order", fields: ["id", "status", "summary.*"], filters: { id: refund.order_id } })
  const order = data[0]
  if (!order || order.status === "canceled") return false
  const pendingDifference = MathBN.convert(order.summary?.raw_pending_difference ?? order.summary?.pending_difference ?? 0)
  const refunded = MathBN.convert(refund.amount)
  let amount: ReturnType<typeof MathBN.convert>
  if (when === "after-transaction") {
    amount = MathBN.lt(pendingDifference, refunded) ? pendingDifference : refunded
  } else {
    const owed = MathBN.lt(pendingDifference, 0) ? MathBN.mult(pendingDifference, -1) : MathBN.convert(0)
    amount = MathBN.gt(refunded, owed) ? MathBN.sub(refunded, owed) : MathBN.convert(0)
  }
  if (!MathBN.gt(amount, 0)) return false
  // A process killed inside a refund's credit-line workflow (Medusa's or this sweep's) leaves its order change
  // pending, and Medusa refuses any new order change while one is: such a change, older than a feed lease so no live
  // workflow owns it, is canceled so the refund's credit line can be made.
  const { rows: abandoned } = await knex.raw(
    `SELECT DISTINCT oc.id FROM order_change oc LEFT JOIN order_change_action a ON a.order_change_id = oc.id AND a.deleted_at IS NULL
     WHERE oc.order_id = ? AND oc.change_type = 'credit_line' AND oc.status = 'pending' AND oc.deleted_at IS NULL
       AND (a.id IS NULL OR a.reference = 'refund') AND oc.created_at < now() - make_interval(secs => ?)`,
    [refund.order_id, graceMs / 1000]
  )
  if (abandoned.length) await container.resolve(Modules.ORDER).cancelOrderChange(abandoned.map((row: { id: string }) => row.id))
  // Run by id: core-flows registers the workflow but does not export it.
  await container.resolve(Modules.WORKFLOW_ENGINE).run(CREATE_ORDER_REFUND_CREDIT_LINES_WORKFLOW_ID, {
    input: { order_id: refund.order_id, amount: amount.toNumber(), reference: "refund", referenceId: refund.refund_id },
    throwOnError: true,
  })
  return true
}
