import { model } from "@medusajs/framework/utils"
import { AmazonVendorPurchaseOrder } from "./amazon-vendor-purchase-order"

/** One line of a vendor PO, with the cost it is valued at and the Medusa variant it was matched to. */
export const AmazonVendorPurchaseOrderLine = model
  .define("amazon_vendor_purchase_order_line", {
    id: model.id({ prefix: "amzvpl" }).primaryKey(),
    item_sequence_number: model.text(),
    asin: model.text().nullable(),
    vendor_product_id: model.text().nullable(),
    /** As Amazon ordered it: in Eaches, or in Cases of `unit_size` eaches. */
    ordered_quantity: model.number(),
    unit_of_measure: model.enum(["Eaches", "Cases"]).default("Eaches"),
    unit_size: model.number().nullable(),
    ordered_eaches: model.number(),
    is_back_order_allowed: model.boolean().default(false),
    net_cost: model.bigNumber().nullable(),
    list_price: model.bigNumber().nullable(),
    /** What the line is valued at: netCost, or listPrice when Amazon sent no netCost (then `cost_note` says so). */
    cost: model.bigNumber().nullable(),
    cost_source: model.enum(["net_cost", "list_price", "none"]).default("net_cost"),
    cost_note: model.text().nullable(),
    currency_code: model.text().nullable(),
    variant_id: model.text().nullable(),
    variant_sku: model.text().nullable(),
    /** Stocked minus reserved at the account's stock location when the line was last matched. */
    available_quantity: model.number().nullable(),
    match_note: model.text().nullable(),
    /** Once rejected, Amazon never takes an acceptance of the line again. */
    rejected_once: model.boolean().default(false),
    purchase_order: model.belongsTo(() => AmazonVendorPurchaseOrder, { mappedBy: "lines" }),
  })
  .indexes([{ on: ["purchase_order_id", "item_sequence_number"], unique: true, where: "deleted_at IS NULL" }])
