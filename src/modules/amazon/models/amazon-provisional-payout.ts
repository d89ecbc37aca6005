import { model } from "@medusajs/framework/utils"

/**
 * What Amazon's Finances API shows as posted for an order before the settlement that pays it closes (one row per
 * Finances transaction). The settlement is the closing truth: importing it deletes these rows for its orders.
 */
export const AmazonProvisionalPayout = model
  .define("amazon_provisional_payout", {
    id: model.id({ prefix: "amzpay" }).primaryKey(),
    account_id: model.text(),
    transaction_id: model.text(),
    transaction_type: model.text(),
    amazon_order_id: model.text().searchable(),
    posted_date: model.dateTime(),
    currency_code: model.text(),
    total_amount: model.bigNumber(),
    fees_total: model.bigNumber(),
    financial_event_group_id: model.text().nullable(),
  })
  .indexes([
    { on: ["account_id", "transaction_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["account_id", "amazon_order_id"] },
  ])
