import { model } from "@medusajs/framework/utils"
import { AmazonVendorPurchaseOrder } from "./amazon-vendor-purchase-order"

/**
 * One acknowledgement of a vendor PO, written before it is sent (the intent, with the exact body) so that a
 * process dying at any instant neither loses it nor sends it twice: it is claimed with one conditional update
 * (pending → sending), and a claim left by a dead process is settled by asking Amazon before anything is resent.
 */
export const AmazonVendorAcknowledgement = model
  .define("amazon_vendor_acknowledgement", {
    id: model.id({ prefix: "amzvack" }).primaryKey(),
    account_id: model.text(),
    /** pending: to send; sending: claimed; processing: Amazon took it, result awaited; then accepted / failed. */
    status: model.enum(["pending", "sending", "processing", "accepted", "failed"]).default("pending"),
    /** The OrderAcknowledgement exactly as sent. */
    payload: model.json(),
    /** Per line: what the merchant answered (for the PO page). */
    answers: model.json(),
    claim_token: model.text().nullable(),
    claimed_at: model.dateTime().nullable(),
    transaction_id: model.text().nullable(),
    transaction_status: model.text().nullable(),
    submitted_at: model.dateTime().nullable(),
    next_poll_at: model.dateTime().nullable(),
    result_at: model.dateTime().nullable(),
    /** A sentence for the merchant about where the acknowledgement stands. */
    message: model.text().nullable(),
    errors: model.json().nullable(),
    purchase_order: model.belongsTo(() => AmazonVendorPurchaseOrder, { mappedBy: "acknowledgements" }),
  })
  .indexes([{ on: ["status", "next_poll_at"] }])
