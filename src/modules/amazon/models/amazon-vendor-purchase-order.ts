import { model } from "@medusajs/framework/utils"
import { AmazonAccount } from "./amazon-account"
import { AmazonVendorAcknowledgement } from "./amazon-vendor-acknowledgement"
import { AmazonVendorPurchaseOrderLine } from "./amazon-vendor-purchase-order-line"

/**
 * A purchase order Amazon retail placed with a vendor account, as last read from Amazon. Unique per account +
 * PO number, so reading it again is an update, never a duplicate; `content_hash` tells a real change from a re-read.
 */
export const AmazonVendorPurchaseOrder = model
  .define("amazon_vendor_purchase_order", {
    id: model.id({ prefix: "amzvpo" }).primaryKey(),
    purchase_order_number: model.text().searchable(),
    /** New → Acknowledged → Closed, as Amazon reports it. */
    state: model.enum(["New", "Acknowledged", "Closed"]),
    purchase_order_type: model.text().nullable(),
    purchase_order_date: model.dateTime(),
    /** Amazon's purchaseOrderChangedDate: set once Amazon changed the PO after placing it. */
    amazon_changed_at: model.dateTime().nullable(),
    state_changed_at: model.dateTime().nullable(),
    selling_party_id: model.text().nullable(),
    buying_party_id: model.text().nullable(),
    ship_to_party_id: model.text().nullable(),
    bill_to_party_id: model.text().nullable(),
    /** Which of Amazon's windows the PO carries: the vendor ships in a ship window or delivers in a delivery window. */
    window_kind: model.enum(["ship", "delivery"]).nullable(),
    window_start: model.dateTime().nullable(),
    window_end: model.dateTime().nullable(),
    currency_code: model.text().nullable(),
    /** Σ cost × ordered eaches over the lines. */
    cost_total: model.bigNumber().default(0),
    /** Amazon wants every line answered within 24 h of the order. */
    acknowledgement_due_at: model.dateTime(),
    /** The last acknowledgement Amazon took (accepted or still processing). */
    acknowledged_at: model.dateTime().nullable(),
    /** Amazon changed the PO after the vendor had answered it: the answer may no longer fit. */
    changed_after_acknowledgement: model.boolean().default(false),
    change_note: model.text().nullable(),
    /**
     * The Medusa order the accepted quantities became: chosen and stored before the order is created (one conditional
     * update, only while empty), so a retry or a second process completes that order and never makes another.
     */
    order_id: model.text().nullable(),
    /** The accepted acknowledgement the order's quantities were last brought in line with. */
    order_acknowledgement_id: model.text().nullable(),
    order_placed_emitted_at: model.dateTime().nullable(),
    /** Set when Amazon changed the PO: the order is checked against it (and edited) by the next order sync. */
    order_sync_due_at: model.dateTime().nullable(),
    /** Why the order could not be made or edited yet, as a sentence saying what to do; null when it is in line. */
    order_note: model.text().nullable(),
    content_hash: model.text(),
    first_seen_at: model.dateTime(),
    raw: model.json().nullable(),
    account: model.belongsTo(() => AmazonAccount, { mappedBy: "vendor_purchase_orders" }),
    lines: model.hasMany(() => AmazonVendorPurchaseOrderLine, { mappedBy: "purchase_order" }),
    acknowledgements: model.hasMany(() => AmazonVendorAcknowledgement, { mappedBy: "purchase_order" }),
  })
  .cascades({ delete: ["lines", "acknowledgements"] })
  .indexes([
    { on: ["account_id", "purchase_order_number"], unique: true, where: "deleted_at IS NULL" },
    { on: ["account_id", "purchase_order_date"] },
    { on: ["order_id"], unique: true, where: "deleted_at IS NULL AND order_id IS NOT NULL" },
  ])
