import { model } from "@medusajs/framework/utils"
import { AmazonOrder } from "./amazon-order"

/**
 * Outbox of shipment confirmations sent to Amazon (Orders v0 confirmShipment), one row per Medusa fulfillment.
 *
 * A row is written BEFORE Amazon is called, so that nothing is ever confirmed without a record, and a crash or an
 * unreachable Amazon leaves a row the retry job picks up. fulfillment_id is unique: the same fulfillment is never
 * confirmed twice, however many events or retries arrive for it.
 *
 * state:
 *  - waiting:   to be sent; next_attempt_at says when (null = now).
 *  - sent:      a sender claimed the row (one conditional update, so exactly one sender in any process) and the
 *               request is on its way (claimed_at says since when, claim_token who may record the answer).
 *  - confirmed: Amazon accepted the package (HTTP 204).
 *  - failed:    Amazon refused it, or it cannot be built; last_error says what to fix. Never retried on its own.
 */
export const AmazonTrackingPush = model
  .define("amazon_tracking_push", {
    id: model.id({ prefix: "amztrk" }).primaryKey(),
    fulfillment_id: model.text(),
    /** The Medusa order. */
    order_id: model.text(),
    /** The staged amazon_order row (amzord_…); its column stays amazon_order_row_id. */
    amazon_order_row: model.belongsTo(() => AmazonOrder, { mappedBy: "tracking_pushes" }),
    /** Amazon's own order id, kept on the row so lists filter and show it without a join. */
    amazon_order_id: model.text().searchable(),
    account_id: model.text(),
    marketplace_id: model.text().nullable(),
    /** What asked for the confirmation: shipment.created, order.fulfillment_created or a CSV import. */
    trigger: model.enum(["shipment", "fulfillment", "csv_import"]),
    state: model.enum(["waiting", "sent", "confirmed", "failed"]).default("waiting"),
    /** Positive whole number, unique per Amazon order, as Amazon requires. */
    package_reference_id: model.text(),
    carrier_code: model.text().nullable(),
    carrier_name: model.text().nullable(),
    tracking_number: model.text().nullable(),
    ship_date: model.dateTime().nullable(),
    /** The ConfirmShipmentRequest sent (or to be sent) to Amazon; null when it could not be built. */
    package: model.json().nullable(),
    /** [{ order_item_id, line_item_id, quantity }]: what this package ships, kept for the staging update. */
    items: model.json().nullable(),
    attempts: model.number().default(0),
    next_attempt_at: model.dateTime().nullable(),
    claimed_at: model.dateTime().nullable(),
    /** Set by the claim that moved the row to "sent"; only that claimer may record the outcome. */
    claim_token: model.text().nullable(),
    /**
     * An earlier attempt may have reached Amazon without its answer being recorded (the sender died, or Amazon
     * says the package or order is shipped already): Amazon's own record of the order's packages decides before
     * anything is sent again.
     */
    verify_with_amazon: model.boolean().default(false),
    last_attempt_at: model.dateTime().nullable(),
    confirmed_at: model.dateTime().nullable(),
    /** When the payment capture for this package was recorded (Amazon charges the buyer on confirmation); set once. */
    payment_captured_at: model.dateTime().nullable(),
    /** The payment module's capture; it carries `created_by: "amazon-shipment:<this row's id>"`. */
    payment_capture_id: model.text().nullable(),
    payment_captured_amount: model.bigNumber().nullable(),
    /**
     * The capture of a confirmed row: null until first tried, "captured", "failed" (retried by the retry job,
     * payment_capture_error says why) or "not_needed" (no Amazon payment to capture, or nothing left of it).
     */
    payment_capture_state: model.enum(["captured", "failed", "not_needed"]).nullable(),
    payment_capture_attempts: model.number().default(0),
    /** After a failed capture: the retry job tries again from then on, at growing intervals (null = when next due). */
    payment_capture_next_attempt_at: model.dateTime().nullable(),
    /** A capturer claimed the row (one conditional update): no second process captures it meanwhile. */
    payment_capture_claimed_at: model.dateTime().nullable(),
    /** A sentence for the merchant when the capture failed; cleared once it succeeds. */
    payment_capture_error: model.text().nullable(),
    /** Machine-readable reason of the last failure (SpApiError code or one of ours, e.g. ORDER_CANCELLED). */
    last_error_code: model.text().nullable(),
    /** A sentence for the merchant saying what happened and what to do. */
    last_error: model.text().nullable(),
    /** Amazon's answer to the last attempt: { http_status, request_id, errors }. */
    amazon_response: model.json().nullable(),
  })
  .indexes([
    { on: ["fulfillment_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["amazon_order_row_id", "package_reference_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["state", "next_attempt_at"] },
    { on: ["order_id"] },
  ])
