import { model } from "@medusajs/framework/utils"
import { AmazonOrder } from "./amazon-order"

/** One line of an Amazon order; order_item_id is what Amazon wants back in shipment confirmations. */
export const AmazonOrderItem = model
  .define("amazon_order_item", {
    id: model.id({ prefix: "amzitm" }).primaryKey(),
    order_item_id: model.text(),
    seller_sku: model.text().nullable(),
    asin: model.text().nullable(),
    title: model.text().nullable(),
    quantity_ordered: model.number(),
    quantity_shipped: model.number().default(0),
    unit_price: model.bigNumber().nullable(),
    item_price: model.bigNumber().nullable(),
    item_tax: model.bigNumber().nullable(),
    customization_url: model.text().nullable(),
    customization_text: model.text().nullable(),
    /** The Medusa line item this became, once imported. */
    line_item_id: model.text().nullable(),
    order: model.belongsTo(() => AmazonOrder, { mappedBy: "items" }),
  })
  .indexes([{ on: ["order_id", "order_item_id"], unique: true, where: "deleted_at IS NULL" }])
