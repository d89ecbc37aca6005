import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, MathBN, Modules } from "@medusajs/framework/utils"
import { refundPaymentWorkflow } from "@medusajs/medusa/core-flows"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"
import { AMAZON_MADE_REFUNDS_KEY, type AmazonMadeRefund } from "../../../providers/amazon-payment/service"
import { AMAZON_MADE_REFUND_METADATA_KEY } from "../../../modules/amazon/services/refund-adjustments"
import { capturedByAmazonOrder } from "./reconcile-settlement-orders"

export const recordAmazonMadeRefundsStepId = "record-amazon-made-refunds"

const PAGE = 500

/** The note Medusa shows on a refund Amazon made on its own side. */
export function refundedOnAmazonNote(settlementId: string, adjustmentId: string): string {
  return `Refunded on Amazon (settlement ${settlementId}${adjustmentId ? `, adjustment ${adjustmentId}` : ""}); recorded from Amazon's settlement, nothing was sent to Amazon.`
}

/**
 * Records on the Medusa order each refund a settlement shows that Amazon made itself (A-to-z claims, customer
 * service): first the refund is listed in the Amazon payment's data, which is what lets the payment provider
 * accept it without calling Amazon; then Medusa's refundPaymentWorkflow records it (one run per refund, as their
 * number varies) with the settlement and adjustment in the refund's metadata. The provider marks the listed refund
 * recorded right after Medusa commits the refund; a crash between the two leaves the marked refund, which the next
 * run finds and takes as the record, so it never records a refund twice.
 * No compensation: a recorded refund is money Amazon has paid back.
 */
export const recordAmazonMadeRefundsStep = createStep(recordAmazonMadeRefundsStepId, async (input: { account_id: string }, { container }) => {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  const payments = container.resolve(Modules.PAYMENT)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const problems: Array<{ message: string; amazon_order_id: string }> = []
  let recorded = 0
  await amazon.closeSettlementRowsWithoutRefunds(input.account_id)
  let afterId: string | null = null
  for (;;) {
    const rows = await amazon.listSettlementRowsWithRefundsToRecord(input.account_id, afterId, PAGE)
    if (!rows.length) break
    afterId = rows[rows.length - 1].id
    const medusa = await capturedByAmazonOrder(query, input.account_id, [...new Set(rows.map((row) => row.amazon_order_id))])
    for (const row of rows) {
      const payment = medusa.get(row.amazon_order_id)?.payments[0]
      if (!payment) {
        problems.push({ amazon_order_id: row.amazon_order_id, message: `Amazon refunded order ${row.amazon_order_id} in settlement ${row.settlement_id}, but its Medusa order has no Amazon payment to record the refund on.` })
        continue
      }
      const refunds = await amazon.listSettlementRefunds(row.settlement_row_id, row.amazon_order_id)
      const results: Array<AmazonMadeRefund & { refund_id: string | null }> = []
      try {
        for (const refund of refunds) {
          const current = await payments.retrievePayment(payment.id, { select: ["id", "data"] })
          const data = (current.data ?? {}) as Record<string, unknown>
          const listed = (Array.isArray(data[AMAZON_MADE_REFUNDS_KEY]) ? data[AMAZON_MADE_REFUNDS_KEY] : []) as AmazonMadeRefund[]
          let entry = listed.find((candidate) => candidate.settlement_id === row.settlement_id && candidate.adjustment_id === refund.adjustment_id)
          if (!entry) {
            entry = { adjustment_id: refund.adjustment_id, amount: refund.amount, settlement_id: row.settlement_id }
            await payments.updatePayment({ id: payment.id, data: { ...data, [AMAZON_MADE_REFUNDS_KEY]: [...listed, entry] } } as any)
          }
          const madeBy = { settlement_id: row.settlement_id, adjustment_id: refund.adjustment_id }
          // A process that died after Medusa committed the refund but before the provider marked the entry left the
          // refund with this mark: it is the record, and is not made a second time.
          const alreadyRecorded = entry.recorded_refund_id
            ? null
            : ((await payments.listRefunds({ payment_id: payment.id } as any, { select: ["id", "metadata"] })) as any[]).find(
                (candidate) =>
                  candidate.metadata?.[AMAZON_MADE_REFUND_METADATA_KEY]?.settlement_id === madeBy.settlement_id &&
                  candidate.metadata?.[AMAZON_MADE_REFUND_METADATA_KEY]?.adjustment_id === madeBy.adjustment_id
              )
          if (alreadyRecorded) {
            const current = await payments.retrievePayment(payment.id, { select: ["id", "data"] })
            const currentData = (current.data ?? {}) as Record<string, unknown>
            const marked = ((currentData[AMAZON_MADE_REFUNDS_KEY] ?? []) as AmazonMadeRefund[]).map((candidate) =>
              candidate.settlement_id === row.settlement_id && candidate.adjustment_id === refund.adjustment_id ? { ...candidate, recorded_refund_id: alreadyRecorded.id } : candidate
            )
            await payments.updatePayment({ id: payment.id, data: { ...currentData, [AMAZON_MADE_REFUNDS_KEY]: marked } } as any)
            entry = { ...entry, recorded_refund_id: alreadyRecorded.id }
          }
          if (!entry.recorded_refund_id) {
            await refundPaymentWorkflow(container).run({
              input: {
                payment_id: payment.id,
                amount: MathBN.convert(refund.amount).toNumber(),
                note: refundedOnAmazonNote(row.settlement_id, refund.adjustment_id),
                // Kept on the refund by the payment module: marks it as Amazon's own, so nothing is ever sent for it.
                metadata: { [AMAZON_MADE_REFUND_METADATA_KEY]: madeBy },
              } as any,
            })
            recorded++
            const after = await payments.retrievePayment(payment.id, { select: ["id", "data"] })
            entry = ((after.data as any)?.[AMAZON_MADE_REFUNDS_KEY] as AmazonMadeRefund[]).find(
              (candidate) => candidate.settlement_id === row.settlement_id && candidate.adjustment_id === refund.adjustment_id
            )!
          }
          results.push({ ...entry, refund_id: entry.recorded_refund_id ?? null })
        }
        await amazon.updateAmazonSettlementOrders({ id: row.id, amazon_refunds: results as any })
      } catch (error) {
        problems.push({
          amazon_order_id: row.amazon_order_id,
          message: `Amazon's refund of order ${row.amazon_order_id} (settlement ${row.settlement_id}) could not be recorded in Medusa: ${(error as Error)?.message ?? error} The next run tries again.`,
        })
      }
    }
    if (rows.length < PAGE) break
  }
  return new StepResponse({ recorded, problems })
})
