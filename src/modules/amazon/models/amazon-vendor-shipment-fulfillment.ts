import { model } from "@medusajs/framework/utils"

/**
 * The intent that an accepted shipment's quantities of one PO become a fulfilment of that PO's Medusa order, recorded
 * before the fulfilment is written (unique per shipment + PO) and marked done after. A worker that died between the
 * two leaves it claimed; the next one finds the fulfilment by its metadata (amazon_vendor_shipment_id) instead of
 * writing a second.
 */
export const AmazonVendorShipmentFulfillment = model
  .define("amazon_vendor_shipment_fulfillment", {
    id: model.id({ prefix: "amzvsf" }).primaryKey(),
    shipment_id: model.text(),
    purchase_order_id: model.text(),
    /** The PO's Medusa order, known once the PO has one. */
    order_id: model.text().nullable(),
    status: model.enum(["pending", "fulfilling", "done"]).default("pending"),
    claim_token: model.text().nullable(),
    claimed_at: model.dateTime().nullable(),
    fulfillment_id: model.text().nullable(),
    done_at: model.dateTime().nullable(),
    /** Why it waits (a sentence saying what to do), or what was fulfilled. */
    message: model.text().nullable(),
  })
  .indexes([
    { on: ["shipment_id", "purchase_order_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["status"] },
  ])
