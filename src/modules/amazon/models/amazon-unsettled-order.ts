import { model } from "@medusajs/framework/utils"

/**
 * A shipped Amazon order that the settlement which should have paid it does not contain: Amazon charged the buyer
 * when the shipment was confirmed, so the charge belongs to the settlement whose period covers that moment. One row
 * per order; when a later settlement pays it after all, the row records which one and stops counting as unpaid.
 */
export const AmazonUnsettledOrder = model
  .define("amazon_unsettled_order", {
    id: model.id({ prefix: "amzuns" }).primaryKey(),
    account_id: model.text(),
    amazon_order_id: model.text().searchable(),
    order_id: model.text(),
    currency_code: model.text(),
    /** What Medusa captured for it: what Amazon charged the buyer and owes the seller, before fees. */
    captured_amount: model.bigNumber(),
    /** When Amazon confirmed the (first) shipment, i.e. charged the buyer. */
    shipped_at: model.dateTime(),
    /** The settlement whose period covers shipped_at and that does not contain the order. */
    expected_settlement_row_id: model.text(),
    expected_settlement_id: model.text(),
    /** The settlement that paid it later, if one did. */
    settled_in_settlement_id: model.text().nullable(),
    settled_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["account_id", "amazon_order_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["expected_settlement_row_id"] },
    { on: ["order_id"] },
  ])
