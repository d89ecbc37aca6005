import { model } from "@medusajs/framework/utils"

/**
 * A buyer's request to cancel an Amazon order (Orders 2026-01-01 `cancellationRequest` with requester BUYER; v0
 * `BuyerRequestedCancel.IsBuyerRequestedCancel` "true"), found on a staged order. Amazon expects the seller to
 * answer within 48 hours: accept (a seller cancellation with reason BuyerCanceled) or ship as normal.
 *
 * status: open → accepted (the cancellation was queued) | declined (the merchant ships) | closed (the order
 * shipped or was cancelled without an answer here).
 */
export const AmazonCancellationRequest = model
  .define("amazon_cancellation_request", {
    id: model.id({ prefix: "amzcrq" }).primaryKey(),
    account_id: model.text(),
    amazon_order_row_id: model.text(),
    amazon_order_id: model.text().searchable(),
    requester: model.text().default("BUYER"),
    reason: model.text().nullable(),
    /** Amazon's last update of the order when the request was first seen: when the buyer asked, as near as Amazon tells. */
    requested_at: model.dateTime(),
    /** requested_at + 48 hours. */
    respond_by: model.dateTime(),
    status: model.enum(["open", "accepted", "declined", "closed"]).default("open"),
    resolved_at: model.dateTime().nullable(),
    /** The seller cancellation queued when the merchant accepted. */
    feed_message_id: model.text().nullable(),
  })
  .indexes([
    { on: ["amazon_order_row_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["status", "respond_by"] },
  ])
