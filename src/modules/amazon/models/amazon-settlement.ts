import { model } from "@medusajs/framework/utils"

/**
 * One settlement Amazon paid out (GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2), unique per account + settlement id:
 * seeing the same file again is recognised by its content hash and changes nothing. Its lines and its per-order
 * summary are written in the same transaction, so a settlement is either stored whole or not at all.
 */
export const AmazonSettlement = model
  .define("amazon_settlement", {
    id: model.id({ prefix: "amzset" }).primaryKey(),
    account_id: model.text(),
    settlement_id: model.text().searchable(),
    report_id: model.text(),
    marketplace_name: model.text().nullable(),
    start_date: model.dateTime(),
    end_date: model.dateTime(),
    deposit_date: model.dateTime().nullable(),
    currency_code: model.text(),
    total_amount: model.bigNumber(),
    /** Amounts without an order (subscription fee, reserves, …). */
    other_amount: model.bigNumber(),
    line_count: model.number(),
    order_count: model.number().default(0),
    /** sha256 of the document's bytes as Amazon sent them (unpacked). */
    content_hash: model.text(),
    /** reconciled: every order of it was compared with Medusa; mismatches: some differ, are unknown, or are missing. */
    status: model.enum(["imported", "reconciled", "mismatches"]).default("imported"),
    mismatch_count: model.number().default(0),
    unknown_order_count: model.number().default(0),
    /** Shipped orders this settlement should contain by its period but does not (see amazon_unsettled_order). */
    unpaid_order_count: model.number().default(0),
  })
  .indexes([{ on: ["account_id", "settlement_id"], unique: true, where: "deleted_at IS NULL" }, { on: ["deposit_date"] }])
