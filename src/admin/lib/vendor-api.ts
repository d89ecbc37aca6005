import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "./sdk"
import type { SyncRun } from "./api"

// Shapes of the plugin's vendor admin API (src/api/admin/amazon/vendor). Dates arrive as ISO strings.

export type PurchaseOrderState = "New" | "Acknowledged" | "Closed"
export type AcknowledgementCode = "Accepted" | "Backordered" | "Rejected"
export const REJECTION_REASONS = ["TemporarilyUnavailable", "InvalidProductIdentifier", "ObsoleteProduct"] as const
export type RejectionReason = (typeof REJECTION_REASONS)[number]

export const REJECTION_REASON_LABELS: Record<RejectionReason, string> = {
  TemporarilyUnavailable: "Temporarily unavailable",
  InvalidProductIdentifier: "Invalid product identifier",
  ObsoleteProduct: "Product discontinued",
}

export type VendorPurchaseOrder = {
  id: string
  account_id: string
  purchase_order_number: string
  state: PurchaseOrderState
  purchase_order_type: string | null
  purchase_order_date: string
  amazon_changed_at: string | null
  ship_to_party_id: string | null
  window_kind: "ship" | "delivery" | null
  window_start: string | null
  window_end: string | null
  currency_code: string | null
  cost_total: number | string
  acknowledgement_due_at: string
  acknowledged_at: string | null
  changed_after_acknowledgement: boolean
  change_note: string | null
}

export type VendorPurchaseOrderLine = {
  id: string
  item_sequence_number: string
  asin: string | null
  vendor_product_id: string | null
  ordered_quantity: number
  unit_of_measure: "Eaches" | "Cases"
  unit_size: number | null
  ordered_eaches: number
  is_back_order_allowed: boolean
  cost: number | string | null
  cost_source: "net_cost" | "list_price" | "none"
  cost_note: string | null
  currency_code: string | null
  variant_id: string | null
  variant_sku: string | null
  available_quantity: number | null
  match_note: string | null
  rejected_once: boolean
}

export type VendorAcknowledgement = {
  id: string
  status: "pending" | "sending" | "processing" | "accepted" | "failed"
  answers: { lines: AcknowledgementLineInput[] }
  transaction_id: string | null
  transaction_status: string | null
  message: string | null
  errors: Array<{ code: string; message: string }> | null
  submitted_at: string | null
  result_at: string | null
  created_at: string
}

export type VendorPurchaseOrderDetail = VendorPurchaseOrder & {
  selling_party_id: string | null
  /** The Medusa order of the accepted quantities, once Amazon took the acknowledgement. */
  order_id: string | null
  medusa_order: { id: string; display_id: number; status: string } | null
  /** Why the order could not be made or changed yet. */
  order_note: string | null
  lines: VendorPurchaseOrderLine[]
  acknowledgements: VendorAcknowledgement[]
}

export type AcknowledgementAnswerInput = {
  code: AcknowledgementCode
  quantity: number
  rejection_reason?: RejectionReason | null
  scheduled_ship_date?: string | null
  scheduled_delivery_date?: string | null
}
export type AcknowledgementLineInput = { item_sequence_number: string; answers: AcknowledgementAnswerInput[] }

export type VendorPurchaseOrderFilters = { limit: number; offset: number; state?: PurchaseOrderState; q?: string; account_id?: string }

export function useVendorPurchaseOrders(filters: VendorPurchaseOrderFilters) {
  const query = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined && value !== ""))
  return useQuery({
    queryKey: ["amazon", "vendor-pos", query],
    queryFn: () => sdk.client.fetch<{ purchase_orders: VendorPurchaseOrder[]; count: number }>("/admin/amazon/vendor/purchase-orders", { query }),
    placeholderData: keepPreviousData,
  })
}

export function useVendorPurchaseOrder(id: string) {
  return useQuery({
    queryKey: ["amazon", "vendor-po", id],
    queryFn: () => sdk.client.fetch<{ purchase_order: VendorPurchaseOrderDetail }>(`/admin/amazon/vendor/purchase-orders/${id}`),
    // While Amazon processes the acknowledgement, its result appears without a reload.
    refetchInterval: (query) =>
      query.state.data?.purchase_order.acknowledgements.some((ack) => ["pending", "sending", "processing"].includes(ack.status)) ? 5000 : false,
  })
}

export function useAcknowledgeVendorPurchaseOrder(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (lines: AcknowledgementLineInput[]) =>
      sdk.client.fetch<{ acknowledgement: VendorAcknowledgement }>(`/admin/amazon/vendor/purchase-orders/${id}/acknowledge`, { method: "POST", body: { lines } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["amazon"] }),
  })
}

export function useVendorImportNow() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (accountId: string) => sdk.client.fetch<{ sync_run: SyncRun }>(`/admin/amazon/accounts/${accountId}/vendor-import`, { method: "POST" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["amazon"] }),
  })
}

/** A bigNumber column as the API sends it, shown in the PO's currency. */
export function formatCost(amount: number | string | null | undefined, currency: string | null): string {
  if (amount === null || amount === undefined) return "–"
  const value = Number(amount)
  if (!Number.isFinite(value)) return String(amount)
  return currency ? value.toLocaleString(undefined, { style: "currency", currency }) : value.toFixed(2)
}
