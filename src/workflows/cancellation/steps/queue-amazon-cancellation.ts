import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"
import { cancellationMessage, isCancelReason, CANCELLATION_FEED_TYPE } from "../../../modules/amazon/services/cancellations"
import { cancellationRefusal } from "../mapping/cancellation-rules"

export type QueueAmazonCancellationInput = {
  order_id: string
  /** One of Amazon's ten CancelReason codes; the account's setting when absent and origin is medusa_cancel. */
  reason?: string | null
  zero_stock?: boolean
  origin: "admin" | "medusa_cancel" | "buyer_request"
}

export type QueuedAmazonCancellation = {
  id: string
  amazon_order_id: string
  cancel_reason: string
  zero_stock: boolean
  status: string
} | null

function isUniqueViolation(error: unknown): boolean {
  const text = `${(error as { name?: string })?.name ?? ""} ${(error as { message?: string })?.message ?? ""}`
  return /unique|duplicate|already exists/i.test(text)
}

/**
 * Checks that Amazon may still cancel the order (nothing shipped, no fulfillment in Medusa, not cancelled, not
 * FBA) and queues the cancellation for the next acknowledgement feed. Returns null for a Medusa order that is not
 * an Amazon order (Medusa's own Cancel button on any order reaches this step).
 */
export const queueAmazonCancellationStep = createStep(
  "queue-amazon-cancellation",
  async (input: QueueAmazonCancellationInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    const { data } = await query.graph({
      entity: "order",
      fields: [
        "id",
        "status",
        "fulfillments.canceled_at",
        "amazon_order.id",
        "amazon_order.amazon_order_id",
        "amazon_order.account_id",
        "amazon_order.status",
        "amazon_order.fulfillment_channel",
        "amazon_order.items.order_item_id",
        "amazon_order.items.quantity_shipped",
        "amazon_order.tracking_pushes.state",
      ],
      filters: { id: input.order_id },
    })
    const order = data[0] as any
    if (!order) throw new MedusaError(MedusaError.Types.NOT_FOUND, `The order ${input.order_id} was not found.`)
    const amazonOrder = order.amazon_order
    if (!amazonOrder) {
      if (input.origin === "medusa_cancel") return new StepResponse<QueuedAmazonCancellation, string | null>(null, null)
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `The order ${input.order_id} did not come from Amazon, so there is nothing to cancel at Amazon.`)
    }
    const account = await amazon.retrieveAmazonAccount(amazonOrder.account_id)
    const reason = input.reason ?? (input.origin === "medusa_cancel" ? account.medusa_cancel_reason : null)
    if (!isCancelReason(reason)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `"${reason ?? ""}" is not one of Amazon's cancellation reasons. Choose one of the reasons offered.`)
    }
    const [pending] = await amazon.listAmazonFeedMessages(
      { amazon_order_row_id: amazonOrder.id, feed_type: CANCELLATION_FEED_TYPE, status: ["queued", "batched", "accepted"] },
      { take: 1 }
    )
    const refusal = cancellationRefusal(
      { ...amazonOrder, items: amazonOrder.items ?? [], tracking_pushes: amazonOrder.tracking_pushes ?? [] },
      { status: order.status, fulfillments: order.fulfillments ?? [] },
      pending ? { status: pending.status } : null,
      input.origin
    )
    if (refusal) {
      // Medusa's Cancel already happened: Amazon is told nothing, and the order widget says why (no silent disagreement).
      if (input.origin === "medusa_cancel") return new StepResponse<QueuedAmazonCancellation, string | null>(null, null)
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, refusal)
    }
    if (!account.seller_id?.trim()) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Amazon order ${amazonOrder.amazon_order_id} cannot be cancelled yet: the Amazon account "${account.name}" has no seller ID, which Amazon's cancellation feed must name. Enter it in Settings → Amazon.`
      )
    }
    const zeroStock = input.zero_stock ?? account.zero_stock_on_no_inventory_cancel
    const message = cancellationMessage({
      account_id: amazonOrder.account_id,
      order_id: order.id,
      amazon_order_row_id: amazonOrder.id,
      amazon_order_id: amazonOrder.amazon_order_id,
      order_item_ids: (amazonOrder.items ?? []).map((item: any) => item.order_item_id),
      reason,
      zero_stock: !!zeroStock,
      origin: input.origin,
    })
    try {
      const created = await amazon.createAmazonFeedMessages(message)
      const summary = { id: created.id, amazon_order_id: created.amazon_order_id, cancel_reason: reason, zero_stock: created.zero_stock, status: created.status }
      return new StepResponse<QueuedAmazonCancellation, string | null>(summary, created.id)
    } catch (error) {
      if (!isUniqueViolation(error)) throw error
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `A cancellation of Amazon order ${amazonOrder.amazon_order_id} is already waiting for Amazon's answer.`)
    }
  },
  async (messageId, { container }) => {
    if (!messageId) return
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    // Only a message no feed has taken yet may be withdrawn; a batched one is Amazon's already.
    const [message] = await amazon.listAmazonFeedMessages({ id: messageId, status: "queued" }, { take: 1 })
    if (message) await amazon.deleteAmazonFeedMessages(message.id)
  }
)
