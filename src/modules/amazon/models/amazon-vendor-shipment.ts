import { model } from "@medusajs/framework/utils"

/**
 * One ASN (Amazon's shipment confirmation): one vendor account, one ship-from, one Amazon FC, parts of one or
 * several POs. `contents` (pallets → cartons → items, with their SSCCs) is what the merchant packed; `payload` is the
 * ShipmentConfirmation built from it once and then never changed, so the ASN sent and the labels printed are one.
 * Sending follows the acknowledgement outbox: ready → pending (intent) → sending (claimed by one conditional update)
 * → processing (Amazon's transaction id) → accepted / failed. A sender that died after calling Amazon leaves
 * "unknown": Amazon cannot be asked about an ASN without its transaction id, so it is never resent on its own.
 */
export const AmazonVendorShipment = model
  .define("amazon_vendor_shipment", {
    id: model.id({ prefix: "amzvshp" }).primaryKey(),
    account_id: model.text(),
    /** Amazon's shipmentIdentifier: unique per vendor for 365 days. */
    shipment_identifier: model.text().searchable(),
    status: model.enum(["ready", "pending", "sending", "processing", "accepted", "failed", "unknown"]).default("ready"),
    selling_party_id: model.text(),
    ship_from_party_id: model.text(),
    ship_to_party_id: model.text(),
    shipment_structure: model.text(),
    shipment_type: model.text().nullable(),
    carrier_scac: model.text().nullable(),
    bill_of_lading_number: model.text().nullable(),
    shipped_at: model.dateTime(),
    estimated_delivery_at: model.dateTime().nullable(),
    /** The POs the shipment carries parts of. */
    purchase_order_numbers: model.array().default([]),
    /** As packed: { pallets: [{ reference, sscc, weight, cartons, items }], cartons: [{ reference, sscc, weight, items }] }. */
    contents: model.json(),
    /** Per PO line: eaches shipped here (counted against what was accepted). */
    line_quantities: model.json(),
    /** The ShipmentConfirmation exactly as it is sent. */
    payload: model.json(),
    claim_token: model.text().nullable(),
    claimed_at: model.dateTime().nullable(),
    /** Set just before SubmitShipmentConfirmations is called: a dead sender's claim without it never reached Amazon. */
    send_attempted_at: model.dateTime().nullable(),
    transaction_id: model.text().nullable(),
    transaction_status: model.text().nullable(),
    submitted_at: model.dateTime().nullable(),
    next_poll_at: model.dateTime().nullable(),
    result_at: model.dateTime().nullable(),
    message: model.text().nullable(),
    errors: model.json().nullable(),
  })
  .indexes([
    { on: ["account_id", "shipment_identifier"], unique: true, where: "deleted_at IS NULL" },
    { on: ["status", "next_poll_at"] },
  ])
