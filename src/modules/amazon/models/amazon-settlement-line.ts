import { model } from "@medusajs/framework/utils"

/** One amount line of a settlement file as Amazon wrote it (the audit trail behind the per-order summary). */
export const AmazonSettlementLine = model
  .define("amazon_settlement_line", {
    id: model.id({ prefix: "amzsetl" }).primaryKey(),
    settlement_row_id: model.text(),
    /** Line of the file (the header is line 1). */
    line: model.number(),
    transaction_type: model.text(),
    amazon_order_id: model.text().nullable(),
    adjustment_id: model.text().nullable(),
    amount_type: model.text().nullable(),
    amount_description: model.text().nullable(),
    amount: model.bigNumber(),
    posted_date: model.dateTime().nullable(),
    sku: model.text().nullable(),
    order_item_code: model.text().nullable(),
    /** The seller's id of a refunded item, echoed from the adjustment it sent (the plugin's start with MDR). */
    merchant_adjustment_item_id: model.text().nullable(),
  })
  .indexes([{ on: ["settlement_row_id", "amazon_order_id"] }])
