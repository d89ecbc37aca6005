import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import type { SyncRun } from "./api"
import { sdk } from "./sdk"

// Shapes of the settlement routes (src/api/admin/amazon/settlements, src/api/admin/orders/:id/amazon/payout).

export type SettlementStatus = "imported" | "reconciled" | "mismatches"
export type Reconciliation = "pending" | "matched" | "mismatch" | "unknown_order"

export type AmazonSettlement = {
  id: string
  account_id: string
  settlement_id: string
  report_id: string
  marketplace_name: string | null
  start_date: string
  end_date: string
  deposit_date: string | null
  currency_code: string
  total_amount: number | string
  other_amount: number | string
  line_count: number
  order_count: number
  status: SettlementStatus
  mismatch_count: number
  unknown_order_count: number
  unpaid_order_count: number
  created_at: string
}

/** A shipped order missing from the settlement that should have paid it (paid later: where). */
export type UnsettledOrder = {
  id: string
  amazon_order_id: string
  order_id: string
  currency_code: string
  captured_amount: number | string
  shipped_at: string
  expected_settlement_id: string
  settled_in_settlement_id: string | null
  settled_at: string | null
}

export type AmazonSettlementOrder = {
  id: string
  settlement_id?: string
  amazon_order_id: string
  currency_code: string
  deposit_date: string | null
  principal: number | string
  tax: number | string
  shipping: number | string
  promotion: number | string
  withheld_tax: number | string
  charged: number | string
  fees_total: number | string
  fees: Record<string, string> | null
  refunds: number | string
  other: number | string
  net: number | string
  order_id: string | null
  captured_amount: number | string | null
  difference: number | string | null
  reconciliation: Reconciliation
  amazon_refunds: Array<{ adjustment_id: string; amount: string; refund_id: string | null }> | null
}

export type ProvisionalPayout = {
  id: string
  transaction_type: string
  posted_date: string
  currency_code: string
  total_amount: number | string
  fees_total: number | string
}

type Paginated = { count: number; limit: number; offset: number }

export function useSettlements(filters: { limit: number; offset: number; status?: SettlementStatus }) {
  const query: Record<string, string | number> = { limit: filters.limit, offset: filters.offset }
  if (filters.status) query.status = filters.status
  return useQuery({
    queryKey: ["amazon", "settlements", filters],
    queryFn: () => sdk.client.fetch<{ settlements: AmazonSettlement[] } & Paginated>("/admin/amazon/settlements", { query }),
    placeholderData: keepPreviousData,
  })
}

export function useSettlement(id: string, filters: { limit: number; offset: number; reconciliation?: Reconciliation }) {
  const query: Record<string, string | number> = { limit: filters.limit, offset: filters.offset }
  if (filters.reconciliation) query.reconciliation = filters.reconciliation
  return useQuery({
    queryKey: ["amazon", "settlement", id, filters],
    queryFn: () =>
      sdk.client.fetch<{ settlement: AmazonSettlement; orders: AmazonSettlementOrder[]; unpaid_orders: UnsettledOrder[] } & Paginated>(`/admin/amazon/settlements/${id}`, { query }),
    placeholderData: keepPreviousData,
  })
}

/** "Import now": answers with the run it started; the list refreshes when it is invalidated. */
export function useImportSettlements() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (accountId: string) => sdk.client.fetch<{ sync_run: SyncRun }>(`/admin/amazon/accounts/${accountId}/settlements`, { method: "POST" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["amazon"] }),
  })
}

export function useOrderPayout(orderId: string) {
  return useQuery({
    queryKey: ["amazon", "payout", orderId],
    queryFn: () =>
      sdk.client.fetch<{ settlements: AmazonSettlementOrder[]; provisional: ProvisionalPayout[]; unsettled: UnsettledOrder | null }>(`/admin/orders/${orderId}/amazon/payout`),
  })
}

/** Downloads a settlement's per-order CSV with the admin's session cookie and hands it to the browser as a file. */
export async function downloadSettlementCsv(id: string, settlementId: string): Promise<void> {
  const base = String(import.meta.env.VITE_BACKEND_URL || "").replace(/\/+$/, "")
  const response = await fetch(`${base}/admin/amazon/settlements/${id}/export`, { credentials: "include" })
  if (!response.ok) throw new Error(`The CSV could not be downloaded (HTTP ${response.status}). Reload the page and try again.`)
  const url = URL.createObjectURL(await response.blob())
  const link = document.createElement("a")
  link.href = url
  link.download = `amazon-settlement-${settlementId}.csv`
  link.click()
  URL.revokeObjectURL(url)
}
