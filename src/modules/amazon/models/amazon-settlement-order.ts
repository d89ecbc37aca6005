import { model } from "@medusajs/framework/utils"

/**
 * What one settlement paid for one Amazon order, and how it compares with the Medusa order: the reconciliation row.
 * charged = what Amazon says the buyer paid (ItemPrice + Promotion of Order lines), compared with what Medusa
 * captured; net = everything Amazon paid out for the order in this settlement (fees and refunds included).
 */
export const AmazonSettlementOrder = model
  .define("amazon_settlement_order", {
    id: model.id({ prefix: "amzseto" }).primaryKey(),
    settlement_row_id: model.text(),
    account_id: model.text(),
    settlement_id: model.text(),
    amazon_order_id: model.text().searchable(),
    currency_code: model.text(),
    deposit_date: model.dateTime().nullable(),
    principal: model.bigNumber(),
    tax: model.bigNumber(),
    shipping: model.bigNumber(),
    promotion: model.bigNumber(),
    withheld_tax: model.bigNumber(),
    charged: model.bigNumber(),
    /** Sum of all ItemFees lines (negative: Amazon kept them); by amount-description in fees. */
    fees_total: model.bigNumber(),
    fees: model.json().nullable(),
    /** ItemPrice and Promotion amounts of Refund lines (negative: paid back to the buyer). */
    refunds: model.bigNumber(),
    other: model.bigNumber(),
    net: model.bigNumber(),
    /** Filled by reconciliation. */
    order_id: model.text().nullable(),
    captured_amount: model.bigNumber().nullable(),
    difference: model.bigNumber().nullable(),
    reconciliation: model.enum(["pending", "matched", "mismatch", "unknown_order"]).default("pending"),
    /** Refunds of this order Amazon made itself, recorded on the Medusa payment: [{ adjustment_id, amount, refund_id }]. */
    amazon_refunds: model.json().nullable(),
  })
  .indexes([
    { on: ["settlement_row_id", "amazon_order_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["account_id", "amazon_order_id"] },
    { on: ["order_id"] },
  ])
