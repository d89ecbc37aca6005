import { model } from "@medusajs/framework/utils"

/**
 * The next SSCC serial of a vendor account. Serials are taken with one atomic upsert (next_serial += n RETURNING),
 * so concurrent shipments never get the same SSCC, and a serial once handed out is never handed out again.
 */
export const AmazonVendorSsccCounter = model
  .define("amazon_vendor_sscc_counter", {
    id: model.id({ prefix: "amzvssc" }).primaryKey(),
    account_id: model.text(),
    gs1_company_prefix: model.text(),
    next_serial: model.number().default(0),
  })
  .indexes([{ on: ["account_id", "gs1_company_prefix"], unique: true }])
