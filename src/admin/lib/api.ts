import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "./sdk"

// Shapes of the plugin's admin API (src/api/admin/amazon). Dates arrive as ISO strings.

export type AmazonRegion = "na" | "eu" | "fe"
export type OrdersApiVersion = "2026-01-01" | "v0"
export type CustomerMode = "guest" | "create"

export type AmazonAccountKind = "seller" | "vendor"

export type AmazonAccount = {
  id: string
  name: string
  kind: AmazonAccountKind
  vendor_codes: string[]
  vendor_ship_from_party_id: string | null
  gs1_company_prefix: string | null
  seller_id: string | null
  region: AmazonRegion
  marketplace_ids: string[]
  lwa_client_id: string
  api_endpoint: string | null
  token_endpoint: string | null
  orders_api_version: OrdersApiVersion
  customer_mode: CustomerMode
  sales_channel_id: string | null
  region_by_marketplace: Record<string, string> | null
  shipping_option_id: string | null
  stock_location_id: string | null
  import_orders: boolean
  import_fba: boolean
  push_tracking: boolean
  import_settlements: boolean
  vendor_enabled: boolean
  import_interval_minutes: number
  zero_stock_on_no_inventory_cancel: boolean
  medusa_cancel_reason?: string
  orders_watermark: string | null
  last_connection_ok: boolean | null
  last_connection_message: string | null
  last_connection_at: string | null
  has_lwa_client_secret: boolean
  has_refresh_token: boolean
  created_at: string
}

/** What the account form sends. Secrets are write-only: omitted (or blank) on update means "keep the saved one". */
export type AmazonAccountInput = {
  name: string
  /** Only on create: an account stays a seller or a vendor account. */
  kind?: AmazonAccountKind
  vendor_codes?: string[]
  vendor_ship_from_party_id?: string | null
  gs1_company_prefix?: string | null
  region: AmazonRegion
  marketplace_ids: string[]
  seller_id: string | null
  lwa_client_id: string
  lwa_client_secret?: string
  refresh_token?: string
  api_endpoint: string | null
  token_endpoint: string | null
  orders_api_version: OrdersApiVersion
  customer_mode: CustomerMode
  import_interval_minutes: number
  import_orders: boolean
  import_fba: boolean
  push_tracking: boolean
  import_settlements: boolean
  vendor_enabled: boolean
  zero_stock_on_no_inventory_cancel: boolean
  medusa_cancel_reason?: string
}

export type SyncRunKind = "connection_test" | "order_import" | "tracking_push" | "settlement_import" | "vendor_import"
export type SyncRunStatus = "waiting" | "running" | "succeeded" | "partial" | "failed" | "interrupted"

/** A run still going (or queued behind another): its counts grow while the admin watches. */
export function isSyncRunOpen(run: { status: SyncRunStatus }): boolean {
  return run.status === "running" || run.status === "waiting"
}

export type SyncRun = {
  id: string
  account_id: string
  kind: SyncRunKind
  status: SyncRunStatus
  trigger: "schedule" | "manual" | "test"
  started_at: string
  finished_at: string | null
  duration_ms: number | null
  pages: number
  orders_seen: number
  orders_created: number
  orders_updated: number
  orders_parked: number
  api_calls: number
  message: string | null
  errors: { items?: Array<{ message: string; amazon_order_id?: string }> } | null
}

export type ImportState = "staged" | "imported" | "needs_attention" | "skipped"

export type AmazonOrderItem = {
  order_item_id: string
  seller_sku: string | null
  title: string | null
  quantity_ordered: number
  quantity_shipped: number
  customization_url: string | null
  customization_text: string | null
}

export type AmazonOrder = {
  id: string
  amazon_order_id: string
  account_id: string
  marketplace_id: string | null
  status: string
  fulfillment_channel: "FBA" | "FBM"
  subtypes: string[]
  is_prime: boolean
  is_business: boolean
  purchase_date: string
  first_seen_at: string
  last_update_date: string
  /** A number: the column is a bigNumber (exact value in raw_order_total). */
  order_total: number | null
  currency_code: string | null
  buyer_name: string | null
  import_state: ImportState
  attention_reason: string | null
  has_customization: boolean
  buyer_cancel_requested: boolean
  buyer_cancel_reason?: string | null
  order: { id: string; display_id: number } | null
  items?: AmazonOrderItem[]
}

export type AmazonOrderFilters = {
  q?: string
  account_id?: string
  status?: string
  fulfillment_channel?: "FBA" | "FBM"
  subtype?: string
  import_state?: ImportState
  marketplace_id?: string
  limit: number
  offset: number
}

type Paginated = { count: number; limit: number; offset: number }

const queryKeys = {
  accounts: ["amazon", "accounts"] as const,
  syncRuns: (accountId: string, limit: number) => ["amazon", "sync-runs", accountId, limit] as const,
  orders: (filters: AmazonOrderFilters) => ["amazon", "orders", filters] as const,
  amazonOrderOfOrder: (orderId: string) => ["amazon", "order-of-medusa-order", orderId] as const,
}

/** The sentence the API put in its error body, or a generic one when the request never got an answer. */
export function errorMessage(error: unknown): string {
  if (error && typeof error === "object" && "message" in error && typeof error.message === "string" && error.message) {
    // Medusa prefixes body validation messages with "Invalid request: "; the sentence after it is the merchant's.
    return error.message.replace(/^Invalid request:\s*/, "")
  }
  return "Something went wrong while talking to the server. Please try again."
}

export function useAmazonAccounts() {
  return useQuery({
    queryKey: queryKeys.accounts,
    queryFn: () => sdk.client.fetch<{ accounts: AmazonAccount[] }>("/admin/amazon/accounts"),
  })
}

export function useSaveAmazonAccount() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: Partial<AmazonAccountInput> }) =>
      sdk.client.fetch<{ account: AmazonAccount }>(id ? `/admin/amazon/accounts/${id}` : "/admin/amazon/accounts", {
        method: "POST",
        body: input,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.accounts }),
  })
}

export function useDeleteAmazonAccount() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => sdk.client.fetch(`/admin/amazon/accounts/${id}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["amazon"] }),
  })
}

/** Test connection and Sync now both answer with the sync run they recorded. */
export function useAccountAction(action: "test-connection" | "sync" | "vendor-import") {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (accountId: string) =>
      sdk.client.fetch<{ sync_run: SyncRun }>(`/admin/amazon/accounts/${accountId}/${action}`, { method: "POST" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["amazon"] }),
  })
}

export function useSyncRuns(accountId: string, limit = 10) {
  return useQuery({
    queryKey: queryKeys.syncRuns(accountId, limit),
    queryFn: () =>
      sdk.client.fetch<{ sync_runs: SyncRun[] } & Paginated>("/admin/amazon/sync-runs", {
        query: { account_id: accountId, limit },
      }),
    // A run started by the schedule or by "Sync now" finishes in the background: keep polling until it does.
    refetchInterval: (query) => (query.state.data?.sync_runs.some(isSyncRunOpen) ? 1500 : false),
  })
}

export function useAmazonOrders(filters: AmazonOrderFilters) {
  const query: Record<string, string | number> = {}
  for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== "") query[key] = value
  return useQuery({
    queryKey: queryKeys.orders(filters),
    queryFn: () => sdk.client.fetch<{ amazon_orders: AmazonOrder[] } & Paginated>("/admin/amazon/orders", { query }),
    placeholderData: keepPreviousData,
  })
}

export function useRetryAmazonOrder() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (amazonOrderId: string) =>
      sdk.client.fetch<{ amazon_order: AmazonOrder }>(`/admin/amazon/orders/${amazonOrderId}/retry`, { method: "POST" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["amazon"] }),
  })
}

/** The Amazon order a Medusa order came from; null for orders from any other channel. */
export function useAmazonOrderOfOrder(orderId: string) {
  return useQuery({
    queryKey: queryKeys.amazonOrderOfOrder(orderId),
    queryFn: () => sdk.client.fetch<{ amazon_order: AmazonOrder | null }>(`/admin/orders/${orderId}/amazon`),
    retry: false,
  })
}

// Shipment confirmations to Amazon (tracking pushes) and the tracking CSV upload.

export type TrackingPushState = "waiting" | "sent" | "confirmed" | "failed"
export type TrackingPushTrigger = "shipment" | "fulfillment" | "csv_import"

export type TrackingPushItem = { order_item_id: string; line_item_id: string | null; quantity: number }

export type TrackingPush = {
  id: string
  fulfillment_id: string
  order_id: string
  amazon_order_id: string
  amazon_order_row_id: string
  account_id: string
  marketplace_id: string | null
  trigger: TrackingPushTrigger
  state: TrackingPushState
  package_reference_id: string
  carrier_code: string | null
  carrier_name: string | null
  tracking_number: string | null
  ship_date: string | null
  items: TrackingPushItem[] | null
  attempts: number
  next_attempt_at: string | null
  last_attempt_at: string | null
  confirmed_at: string | null
  last_error_code: string | null
  /** A sentence for the merchant: what happened and what to do. */
  last_error: string | null
  /** The payment capture of a confirmed package: null until tried. */
  payment_capture_state: "captured" | "failed" | "not_needed" | null
  payment_captured_at: string | null
  payment_captured_amount: number | string | null
  payment_capture_attempts: number
  payment_capture_next_attempt_at: string | null
  /** Why the capture failed (a sentence); the retry job tries again. */
  payment_capture_error: string | null
  created_at: string
  updated_at: string
}

export type TrackingPushFilters = {
  state?: TrackingPushState
  payment_capture_state?: "captured" | "failed" | "not_needed"
  order_id?: string
  amazon_order_id?: string
  account_id?: string
  limit: number
  offset: number
}

export type TrackingImportRow = {
  /** The spreadsheet line number: the header is line 1. */
  row: number
  status: "done" | "error"
  message: string
  amazon_order_id?: string
  order_id?: string
  fulfillment_id?: string
  tracking_push_id?: string
  tracking_push_state?: TrackingPushState
}

export type TrackingImportResult = { rows: TrackingImportRow[]; done: number; errors: number }

/** A confirmation Amazon has not answered yet: worth polling for until it has. */
export function isTrackingPushInFlight(push: TrackingPush): boolean {
  return push.state === "sent" || (push.state === "waiting" && push.attempts === 0)
}

export function useTrackingPushes(filters: TrackingPushFilters, { enabled = true } = {}) {
  const query: Record<string, string | number> = {}
  for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== "") query[key] = value
  return useQuery({
    queryKey: ["amazon", "tracking-pushes", filters],
    queryFn: () => sdk.client.fetch<{ tracking_pushes: TrackingPush[] } & Paginated>("/admin/amazon/tracking", { query }),
    placeholderData: keepPreviousData,
    enabled,
    // A confirmation on its way to Amazon settles within seconds: show the answer without a reload.
    refetchInterval: (current) => (current.state.data?.tracking_pushes.some(isTrackingPushInFlight) ? 3000 : false),
  })
}

export function useRetryTrackingPush() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (trackingPushId: string) =>
      sdk.client.fetch<{ tracking_push: TrackingPush }>(`/admin/amazon/tracking/${trackingPushId}/retry`, { method: "POST" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["amazon"] }),
  })
}

export function useImportTrackingCsv() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (csv: string) => sdk.client.fetch<TrackingImportResult>("/admin/amazon/tracking-imports", { method: "POST", body: { csv } }),
    // The upload ships orders and confirms them: every Amazon list may have changed.
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["amazon"] }),
  })
}

/** Amazon orders whose id contains `text` (at least 3 characters), for finding the Medusa order of one. */
export function useFindAmazonOrders(text: string, limit = 5) {
  const q = text.trim()
  return useQuery({
    queryKey: ["amazon", "find-orders", q, limit],
    queryFn: () => sdk.client.fetch<{ amazon_orders: AmazonOrder[] } & Paginated>("/admin/amazon/orders", { query: { q, limit, offset: 0 } }),
    enabled: q.length >= 3,
    placeholderData: keepPreviousData,
  })
}
