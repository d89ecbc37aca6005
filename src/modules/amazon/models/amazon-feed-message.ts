import { model } from "@medusajs/framework/utils"

/**
 * One message the plugin wants Amazon to receive through an XML feed: a seller cancellation of one order
 * (POST_ORDER_ACKNOWLEDGEMENT_DATA) or a refund of some of its lines (POST_PAYMENT_ADJUSTMENT_DATA).
 * Queued messages of an account and feed type are sent together in the next feed (amazon_feed_submission).
 *
 * status:
 *  - queued:   waiting for the next feed of its account.
 *  - batched:  claimed into submission `submission_id` as Message `message_id`.
 *  - accepted: Amazon processed the message without an error.
 *  - rejected: Amazon refused it; `error` holds Amazon's reason as the merchant reads it.
 *
 * At most one queued or batched cancellation per order (unique index): a second click cannot send a second
 * cancellation. Refunds of one order may wait side by side, but each Medusa refund has at most one message
 * (unique `refund_id`), so a retried refund never reaches Amazon twice.
 */
export const AmazonFeedMessage = model
  .define("amazon_feed_message", {
    id: model.id({ prefix: "amzfmsg" }).primaryKey(),
    account_id: model.text(),
    feed_type: model.text(),
    /** The Medusa order. */
    order_id: model.text().nullable(),
    /** The staged amazon_order row (amzord_…). */
    amazon_order_row_id: model.text(),
    amazon_order_id: model.text().searchable(),
    /**
     * admin: the merchant's "Cancel at Amazon" or the plugin's refund dialog; medusa_cancel: Medusa's own Cancel
     * button; buyer_request: an accepted buyer request; medusa_refund: Medusa's own Refund button;
     * medusa_return: the refund of a return received in Medusa.
     */
    origin: model.enum(["admin", "medusa_cancel", "buyer_request", "medusa_refund", "medusa_return"]).default("admin"),
    /**
     * What the message says (a cancellation: { amazonOrderId, items: [{ orderItemId, cancelReason }] }; a refund:
     * { amazonOrderId, currency, items: [{ orderItemId, adjustmentReason, components: [{ type, amount }], quantity? }] }).
     */
    payload: model.json(),
    /** The reason Amazon is given: the CancelReason of a cancellation, the AdjustmentReason of a refund. */
    cancel_reason: model.text().nullable(),
    /** Set the order's SKUs' stock to 0 once Amazon accepted (reason NoInventory only). */
    zero_stock: model.boolean().default(false),
    /** The Medusa refund (refund_…) this adjustment sends to Amazon; null for cancellations. */
    refund_id: model.text().nullable(),
    status: model.enum(["queued", "batched", "accepted", "rejected"]).default("queued"),
    submission_id: model.text().nullable(),
    message_id: model.number().nullable(),
    /** Amazon's Results for this message: { errors: [...], warnings: [...] }. */
    result: model.json().nullable(),
    /** A sentence for the merchant: Amazon's reason for refusing, or why Medusa could not follow. */
    error: model.text().nullable(),
    /**
     * When Medusa's side was done, once: for an accepted cancellation, the order cancelled (and stock zeroed); for a
     * rejected refund, the Medusa refund marked as not made by Amazon.
     */
    medusa_applied_at: model.dateTime().nullable(),
    medusa_apply_claimed_at: model.dateTime().nullable(),
    medusa_apply_error: model.text().nullable(),
    completed_at: model.dateTime().nullable(),
  })
  .indexes([
    {
      on: ["amazon_order_row_id", "feed_type"],
      unique: true,
      where: "deleted_at IS NULL AND status IN ('queued', 'batched') AND feed_type = 'POST_ORDER_ACKNOWLEDGEMENT_DATA'",
    },
    { on: ["refund_id"], unique: true, where: "deleted_at IS NULL AND refund_id IS NOT NULL" },
    { on: ["account_id", "feed_type", "status"] },
    { on: ["submission_id"] },
    { on: ["order_id"] },
  ])
