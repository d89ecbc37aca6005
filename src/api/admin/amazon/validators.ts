import { z } from "@medusajs/framework/zod"
import { createFindParams } from "@medusajs/medusa/api/utils/validators"
import { CANCEL_REASONS } from "../../../modules/amazon/feeds"

const marketplaceId = z.string().regex(/^[A-Z0-9]{10,14}$/, "Marketplace ids look like ATVPDKIKX0DER.")
const optionalUrl = z
  .string()
  .trim()
  .url("Enter a full URL such as https://sellingpartnerapi-na.amazon.com.")
  .nullish()
  .or(z.literal("").transform(() => null))

const accountSettings = {
  name: z.string().trim().min(1, "Give the account a name, e.g. “Amazon US”."),
  seller_id: z.string().trim().nullish(),
  region: z.enum(["na", "eu", "fe"]),
  kind: z.enum(["seller", "vendor"]).optional(),
  marketplace_ids: z.array(marketplaceId),
  lwa_client_id: z.string().trim().min(1, "Enter the LWA client ID of your SP-API app."),
  api_endpoint: optionalUrl,
  token_endpoint: optionalUrl,
  orders_api_version: z.enum(["2026-01-01", "v0"]).optional(),
  customer_mode: z.enum(["guest", "create"]).optional(),
  sales_channel_id: z.string().nullish(),
  region_by_marketplace: z.record(z.string(), z.string()).optional(),
  shipping_option_id: z.string().nullish(),
  stock_location_id: z.string().nullish(),
  import_orders: z.boolean().optional(),
  import_fba: z.boolean().optional(),
  push_tracking: z.boolean().optional(),
  import_settlements: z.boolean().optional(),
  vendor_enabled: z.boolean().optional(),
  import_interval_minutes: z.number().int().min(2).max(24 * 60).optional(),
  zero_stock_on_no_inventory_cancel: z.boolean().optional(),
  /** What Amazon is told when an Amazon order is cancelled with Medusa's own Cancel button. */
  medusa_cancel_reason: z.enum(CANCEL_REASONS, { message: `Choose one of Amazon's cancellation reasons: ${CANCEL_REASONS.join(", ")}.` }).optional(),
  vendor_codes: z.array(z.string().trim().regex(/^[A-Z0-9]{1,10}$/, "Vendor codes look like ABCDE (letters and digits, as in Vendor Central).")).optional(),
  vendor_ship_from_party_id: z.string().trim().nullish(),
  gs1_company_prefix: z
    .string()
    .trim()
    .regex(/^\d{6,12}$/, "A GS1 company prefix is 6 to 12 digits, as on your GS1 certificate.")
    .nullish()
    .or(z.literal("").transform(() => null)),
}

/** A seller account reads orders of marketplaces; a vendor account is reached through its vendor codes. */
function requireWhatTheKindNeeds(account: { kind?: string; marketplace_ids?: string[]; vendor_codes?: string[] }, context: z.RefinementCtx) {
  if (account.kind === "vendor") {
    if (!account.vendor_codes?.length) context.addIssue({ code: "custom", path: ["vendor_codes"], message: "Enter at least one vendor code (Vendor Central → Settings → Account information)." })
  } else if (!account.marketplace_ids?.length) {
    context.addIssue({ code: "custom", path: ["marketplace_ids"], message: "Choose at least one marketplace." })
  }
}

export const AdminCreateAmazonAccount = z
  .object({
    ...accountSettings,
    lwa_client_secret: z.string().min(1, "Enter the LWA client secret of your SP-API app."),
    refresh_token: z.string().min(1, "Enter the refresh token you got when authorising the app."),
  })
  .extend({ marketplace_ids: z.array(marketplaceId).default([]) })
  .strict()
  .superRefine(requireWhatTheKindNeeds)
export type AdminCreateAmazonAccountType = z.infer<typeof AdminCreateAmazonAccount>

export const AdminUpdateAmazonAccount = z
  .object(accountSettings)
  .omit({ kind: true })
  .partial()
  .extend({
    // Empty means "keep the saved secret".
    lwa_client_secret: z.string().optional(),
    refresh_token: z.string().optional(),
  })
  .strict()
export type AdminUpdateAmazonAccountType = z.infer<typeof AdminUpdateAmazonAccount>

/** Medusa's find params, newest run first, plus the two filters of the sync-runs table. */
export const AdminListSyncRuns = createFindParams({ limit: 20, offset: 0, order: "-started_at" }).merge(
  z.object({
    account_id: z.string().optional(),
    kind: z.enum(["connection_test", "order_import", "tracking_push", "settlement_import", "vendor_import"]).optional(),
  })
)
export type AdminListSyncRunsType = z.infer<typeof AdminListSyncRuns>

export const AMAZON_SUBTYPES = ["PRIME", "BUSINESS", "BUSINESS_PRIME", "SECOND_DAY", "NEXT_DAY", "SAME_DAY", "PREMIUM", "PREORDER", "REPLACEMENT"] as const

/**
 * A Business Prime order is tagged BUSINESS_PRIME alone, yet it is a Business order and a Prime order: those two
 * filters match the flags staging sets from every tag that implies them, the other tags match the tag itself.
 */
function subtypeFilter(subtype: (typeof AMAZON_SUBTYPES)[number] | undefined) {
  if (!subtype) return {}
  if (subtype === "BUSINESS") return { is_business: true }
  if (subtype === "PRIME") return { is_prime: true }
  return { subtypes: { $contains: [subtype] } }
}

/**
 * Medusa's find params (limit, offset, order, fields) plus the filters of Amazon → Orders. The transform turns
 * the two filters that are not plain column matches into the operators the module understands.
 */
export const AdminListAmazonOrders = createFindParams({ limit: 20, offset: 0, order: "-purchase_date" })
  .merge(
    z.object({
      q: z.string().trim().optional(),
      account_id: z.string().optional(),
      status: z.string().trim().toUpperCase().optional(),
      fulfillment_channel: z.enum(["FBA", "FBM"]).optional(),
      subtype: z.enum(AMAZON_SUBTYPES).optional(),
      import_state: z.enum(["staged", "imported", "needs_attention", "skipped"]).optional(),
      marketplace_id: z.string().optional(),
    })
  )
  .transform(({ q, subtype, ...rest }) => ({
    ...rest,
    ...(q ? { amazon_order_id: { $ilike: `%${q}%` } } : {}),
    ...subtypeFilter(subtype),
  }))
export type AdminListAmazonOrdersType = z.infer<typeof AdminListAmazonOrders>
