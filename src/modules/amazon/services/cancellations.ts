import { MedusaError } from "@medusajs/framework/utils"
import { CANCEL_REASONS, OrderCancellationSchema, type CancelReason } from "../feeds"

/**
 * The one place where "cancel this order at Amazon" becomes an Amazon request. Today the only supported way is
 * the POST_ORDER_ACKNOWLEDGEMENT_DATA feed (StatusCode Failure, every item with its CancelReason), queued and
 * batched by the feed worker. Amazon has shown, then withdrawn, an Orders 2026-01-01 cancelOrder: should it come
 * back, only this function changes.
 */

export const CANCELLATION_FEED_TYPE = "POST_ORDER_ACKNOWLEDGEMENT_DATA"

/** The ten reasons in the merchant's words (the admin shows these; Amazon receives the code). */
export const CANCEL_REASON_LABELS: Record<CancelReason, string> = {
  NoInventory: "Out of stock",
  ShippingAddressUndeliverable: "Shipping address cannot be delivered to",
  CustomerExchange: "The buyer is exchanging the item",
  BuyerCanceled: "The buyer asked to cancel",
  GeneralAdjustment: "Other / general adjustment",
  CarrierCreditDecision: "Carrier credit decision",
  RiskAssessmentInformationNotValid: "Risk assessment: buyer information not valid",
  CarrierCoverageFailure: "No carrier covers the destination",
  CustomerReturn: "The buyer is returning the item",
  MerchandiseNotReceived: "The buyer did not receive the merchandise",
}

export function isCancelReason(value: unknown): value is CancelReason {
  return typeof value === "string" && (CANCEL_REASONS as readonly string[]).includes(value)
}

export type CancellationRequest = {
  account_id: string
  order_id: string | null
  amazon_order_row_id: string
  amazon_order_id: string
  order_item_ids: string[]
  reason: CancelReason
  zero_stock: boolean
  origin: "admin" | "medusa_cancel" | "buyer_request"
}

/** What the queue stores for one cancellation (the feed message row's columns). */
export function cancellationMessage(request: CancellationRequest) {
  const payload = OrderCancellationSchema.safeParse({
    amazonOrderId: request.amazon_order_id,
    items: request.order_item_ids.map((orderItemId) => ({ orderItemId, cancelReason: request.reason })),
  })
  if (!payload.success) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Amazon order ${request.amazon_order_id} cannot be cancelled: ${payload.error.issues[0]?.message ?? "its items are not valid"}.`
    )
  }
  return {
    account_id: request.account_id,
    feed_type: CANCELLATION_FEED_TYPE,
    order_id: request.order_id,
    amazon_order_row_id: request.amazon_order_row_id,
    amazon_order_id: request.amazon_order_id,
    origin: request.origin,
    payload: payload.data as unknown as Record<string, unknown>,
    cancel_reason: request.reason,
    zero_stock: request.reason === "NoInventory" && request.zero_stock,
    status: "queued" as const,
  }
}
