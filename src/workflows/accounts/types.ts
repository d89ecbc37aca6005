/** Account settings as the admin sends them; secrets in plain text, encrypted by the steps. */
export type AmazonAccountInput = {
  name: string
  kind?: "seller" | "vendor"
  seller_id?: string | null
  region: "na" | "eu" | "fe"
  marketplace_ids: string[]
  lwa_client_id: string
  lwa_client_secret: string
  refresh_token: string
  api_endpoint?: string | null
  token_endpoint?: string | null
  orders_api_version?: "2026-01-01" | "v0"
  customer_mode?: "guest" | "create"
  sales_channel_id?: string | null
  region_by_marketplace?: Record<string, string>
  shipping_option_id?: string | null
  stock_location_id?: string | null
  import_orders?: boolean
  import_fba?: boolean
  push_tracking?: boolean
  import_settlements?: boolean
  vendor_enabled?: boolean
  import_interval_minutes?: number
  zero_stock_on_no_inventory_cancel?: boolean
  vendor_codes?: string[]
  vendor_ship_from_party_id?: string | null
  gs1_company_prefix?: string | null
}

export type AmazonAccountUpdate = Partial<Omit<AmazonAccountInput, "lwa_client_secret" | "refresh_token" | "kind">> & {
  lwa_client_secret?: string
  refresh_token?: string
}
