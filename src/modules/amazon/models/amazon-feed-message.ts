import { model } from "@medusajs/framework/utils"

/**
 * One message the plugin wants Amazon to receive through an XML feed (today: a seller cancellation of one order).
 * Queued messages of an account and feed type are sent together in the next feed (amazon_feed_submission).
 *
 * status:
 *  - queued:   waiting for the next feed of its account.
 *  - batched:  claimed into submission `submission_id` as Message `message_id`.
 *  - accepted: Amazon processed the message without an error.
 *  - rejected: Amazon refused it; `error` holds Amazon's reason as the merchant reads it.
 *
 * At most one queued or batched message per order and feed type (unique index): a second click cannot send a
 * second cancellation.
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
    /** admin: the merchant's "Cancel at Amazon"; medusa_cancel: Medusa's own Cancel button; buyer_request: an accepted buyer request. */
    origin: model.enum(["admin", "medusa_cancel", "buyer_request"]).default("admin"),
    /** What the message says (for a cancellation: { amazonOrderId, items: [{ orderItemId, cancelReason }] }). */
    payload: model.json(),
    cancel_reason: model.text().nullable(),
    /** Set the order's SKUs' stock to 0 once Amazon accepted (reason NoInventory only). */
    zero_stock: model.boolean().default(false),
    status: model.enum(["queued", "batched", "accepted", "rejected"]).default("queued"),
    submission_id: model.text().nullable(),
    message_id: model.number().nullable(),
    /** Amazon's Results for this message: { errors: [...], warnings: [...] }. */
    result: model.json().nullable(),
    /** A sentence for the merchant: Amazon's reason for refusing, or why Medusa could not follow. */
    error: model.text().nullable(),
    /** Amazon accepted: when Medusa's side (cancel the order, zero the stock) was done; set once. */
    medusa_applied_at: model.dateTime().nullable(),
    medusa_apply_claimed_at: model.dateTime().nullable(),
    medusa_apply_error: model.text().nullable(),
    completed_at: model.dateTime().nullable(),
  })
  .indexes([
    {
      on: ["amazon_order_row_id", "feed_type"],
      unique: true,
      where: "deleted_at IS NULL AND status IN ('queued', 'batched')",
    },
    { on: ["account_id", "feed_type", "status"] },
    { on: ["submission_id"] },
    { on: ["order_id"] },
  ])
