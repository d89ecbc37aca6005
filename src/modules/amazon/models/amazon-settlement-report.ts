import { model } from "@medusajs/framework/utils"

/**
 * Each settlement report getReports listed and what became of it. A rejected report is tried again by every run
 * (its message names the line at fault) until it imports; an imported one is never downloaded again.
 */
export const AmazonSettlementReport = model
  .define("amazon_settlement_report", {
    id: model.id({ prefix: "amzsetr" }).primaryKey(),
    account_id: model.text(),
    report_id: model.text(),
    report_document_id: model.text(),
    created_time: model.dateTime(),
    state: model.enum(["imported", "rejected"]),
    settlement_id: model.text().nullable(),
    message: model.text().nullable(),
    attempts: model.number().default(1),
  })
  .indexes([{ on: ["account_id", "report_id"], unique: true, where: "deleted_at IS NULL" }])
