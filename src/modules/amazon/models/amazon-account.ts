import { model } from "@medusajs/framework/utils"
import { AmazonOrder } from "./amazon-order"
import { AmazonSyncRun } from "./amazon-sync-run"
import { AmazonVendorPurchaseOrder } from "./amazon-vendor-purchase-order"

/**
 * One Amazon selling account (Seller Central or Vendor Central) connected to the store.
 * Secrets are stored only as AES-256-GCM ciphertext (see credentials-cipher.ts).
 */
export const AmazonAccount = model
  .define("amazon_account", {
    id: model.id({ prefix: "amzacc" }).primaryKey(),
    name: model.text(),
    /** seller: Seller Central (orders, tracking, settlements); vendor: Vendor Central (purchase orders). */
    kind: model.enum(["seller", "vendor"]).default("seller"),
    seller_id: model.text().nullable(),
    region: model.enum(["na", "eu", "fe"]).default("na"),
    marketplace_ids: model.array().default([]),
    lwa_client_id: model.text(),
    lwa_client_secret_encrypted: model.text(),
    refresh_token_encrypted: model.text(),
    /** null = Amazon's own endpoint for the region. */
    api_endpoint: model.text().nullable(),
    token_endpoint: model.text().nullable(),
    /** "2026-01-01" | "v0" — text, not an enum: GraphQL enum values cannot start with a digit. */
    orders_api_version: model.text().default("2026-01-01"),
    customer_mode: model.enum(["guest", "create"]).default("guest"),
    sales_channel_id: model.text().nullable(),
    /** marketplace id → Medusa region id */
    region_by_marketplace: model.json().default({} as any),
    shipping_option_id: model.text().nullable(),
    stock_location_id: model.text().nullable(),
    import_orders: model.boolean().default(true),
    import_fba: model.boolean().default(true),
    push_tracking: model.boolean().default(true),
    import_settlements: model.boolean().default(false),
    vendor_enabled: model.boolean().default(false),
    import_interval_minutes: model.number().default(5),
    zero_stock_on_no_inventory_cancel: model.boolean().default(false),
    /** The CancelReason Amazon is told when an Amazon order is cancelled with Medusa's own Cancel button. */
    medusa_cancel_reason: model.text().default("GeneralAdjustment"),
    orders_watermark: model.dateTime().nullable(),
    /** Vendor accounts: the vendor codes (selling party ids) Amazon orders from; the first one acknowledges. */
    vendor_codes: model.array().default([]),
    /** Vendor accounts: Amazon's id of the warehouse the vendor ships from. */
    vendor_ship_from_party_id: model.text().nullable(),
    /** Vendor accounts: GS1 company prefix the carton and pallet SSCCs are built from. */
    gs1_company_prefix: model.text().nullable(),
    /** Vendor accounts: POs created up to this instant are imported (the changed-POs window runs separately). */
    vendor_created_watermark: model.dateTime().nullable(),
    vendor_changed_watermark: model.dateTime().nullable(),
    last_connection_ok: model.boolean().nullable(),
    last_connection_message: model.text().nullable(),
    last_connection_at: model.dateTime().nullable(),
    sync_runs: model.hasMany(() => AmazonSyncRun, { mappedBy: "account" }),
    orders: model.hasMany(() => AmazonOrder, { mappedBy: "account" }),
    vendor_purchase_orders: model.hasMany(() => AmazonVendorPurchaseOrder, { mappedBy: "account" }),
  })
  .cascades({ delete: ["sync_runs", "orders", "vendor_purchase_orders"] })
