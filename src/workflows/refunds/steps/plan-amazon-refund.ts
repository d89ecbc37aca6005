import { ContainerRegistrationKeys, MathBN, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { AdjustmentReason } from "../../../modules/amazon/feeds/order-feeds"
import { refundContextOfOrder, type Knex } from "../../../modules/amazon/services/refund-ledger"
import {
  ADJUSTMENT_REASON_LABELS,
  centsToAmount,
  netCents,
  planLines,
  planProportional,
  planWholeOrder,
  REFUND_REASON_CODE_PREFIX,
  toCents,
  type LineRequest,
  type PlannedItem,
} from "../../../modules/amazon/services/refunds"
import { AMAZON_PAYMENT_PROVIDER_ID, AMAZON_REFUND_PLANS_KEY, type AmazonRefundPlan } from "../../../providers/amazon-payment/service"

export type PlanAmazonRefundInput = {
  order_id: string
  whole_order?: boolean
  amount?: string
  lines?: LineRequest[]
  reason: AdjustmentReason
  note?: string | null
}

export type PlannedAmazonRefund = {
  payment_id: string
  amount: number
  refund_reason_id: string
  note: string
  plan: AmazonRefundPlan
}

function refuse(sentence: string): never {
  throw new MedusaError(MedusaError.Types.NOT_ALLOWED, sentence)
}

/**
 * Works out the lines and components the merchant's refund covers, refuses anything Amazon cannot refund any more
 * (with the sentence, before Medusa records anything), finds the Amazon payment and the Medusa refund reason for
 * Amazon's reason (created once), and leaves the breakdown in the payment's data, where the Amazon payment
 * provider takes it when Medusa's refundPaymentWorkflow calls it. Compensation takes the breakdown back out.
 */
export const planAmazonRefundStep = createStep(
  "plan-amazon-refund",
  async (input: PlanAmazonRefundInput, { container }) => {
    const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as unknown as Knex
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const payments = container.resolve(Modules.PAYMENT)
    const context = await refundContextOfOrder(knex, input.order_id)
    if (!context) refuse(`The order ${input.order_id} did not come from Amazon, so there is nothing to refund at Amazon. Use Medusa's Refund button on its payment.`)

    const { data } = await query.graph({
      entity: "order",
      fields: ["id", "payment_collections.payments.id", "payment_collections.payments.provider_id", "payment_collections.payments.data", "payment_collections.payments.captures.amount", "payment_collections.payments.refunds.amount"],
      filters: { id: input.order_id },
    })
    const payment = ((data[0] as any)?.payment_collections ?? []).flatMap((collection: any) => collection?.payments ?? []).find((candidate: any) => candidate?.provider_id === AMAZON_PAYMENT_PROVIDER_ID)
    if (!payment) refuse(`Amazon order ${context.amazon_order_id} has no Amazon payment in Medusa to refund. Re-import the order or refund it in Seller Central.`)
    const captured = (payment.captures ?? []).reduce((sum: number, capture: any) => sum + toCents(MathBN.convert(capture.amount).toNumber()), 0)
    const refunded = (payment.refunds ?? []).reduce((sum: number, refund: any) => sum + toCents(MathBN.convert(refund.amount).toNumber()), 0)
    if (!captured) {
      refuse(`Amazon order ${context.amazon_order_id} has not been charged yet (Amazon charges the buyer when the order ships): cancel it at Amazon instead of refunding it.`)
    }

    let items: PlannedItem[]
    if (input.lines?.length) items = planLines(context.lines, input.lines, context.tax_inclusive)
    else if (input.amount !== undefined) items = planProportional(context.lines, toCents(input.amount), context.tax_inclusive)
    else items = planWholeOrder(context.lines)
    if (!items.length) refuse(`Nothing is left to refund on Amazon order ${context.amazon_order_id}: everything the buyer paid is refunded or waiting for Amazon.`)
    const net = items.reduce((sum, item) => sum + netCents(item.components, context.tax_inclusive), 0)
    if (net > captured - refunded) {
      refuse(
        `Medusa holds ${centsToAmount(captured - refunded)} of Amazon order ${context.amazon_order_id} that is not refunded yet; a refund of ${centsToAmount(net)} is more. Refund less.`
      )
    }

    const code = `${REFUND_REASON_CODE_PREFIX}${input.reason}`
    const [existingReason] = await payments.listRefundReasons({ code } as any)
    const reason = existingReason ?? (await payments.createRefundReasons({ code, label: `Amazon: ${ADJUSTMENT_REASON_LABELS[input.reason]}` } as any))
    const amount = centsToAmount(net)
    const plan: AmazonRefundPlan = { id: `amzrefplan_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`, amount, reason: input.reason, origin: "admin", items }
    const current = (payment.data ?? {}) as Record<string, unknown>
    const plans = Array.isArray(current[AMAZON_REFUND_PLANS_KEY]) ? (current[AMAZON_REFUND_PLANS_KEY] as AmazonRefundPlan[]) : []
    await payments.updatePayment({ id: payment.id, data: { ...current, [AMAZON_REFUND_PLANS_KEY]: [...plans, plan] } } as any)
    const note = input.note?.trim() || `Refunded to the buyer through Amazon (${ADJUSTMENT_REASON_LABELS[input.reason]}).`
    return new StepResponse<PlannedAmazonRefund, { payment_id: string; plan_id: string }>(
      { payment_id: payment.id, amount: Number(amount), refund_reason_id: reason.id, note, plan },
      { payment_id: payment.id, plan_id: plan.id }
    )
  },
  async (undo, { container }) => {
    if (!undo) return
    const payments = container.resolve(Modules.PAYMENT)
    const payment = await payments.retrievePayment(undo.payment_id, { select: ["id", "data"] })
    const current = (payment.data ?? {}) as Record<string, unknown>
    const plans = Array.isArray(current[AMAZON_REFUND_PLANS_KEY]) ? (current[AMAZON_REFUND_PLANS_KEY] as AmazonRefundPlan[]) : []
    if (!plans.some((plan) => plan.id === undo.plan_id)) return
    await payments.updatePayment({ id: payment.id, data: { ...current, [AMAZON_REFUND_PLANS_KEY]: plans.filter((plan) => plan.id !== undo.plan_id) } } as any)
  }
)
