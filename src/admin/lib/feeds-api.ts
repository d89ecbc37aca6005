import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "./sdk"

// Feeds sent to Amazon (seller cancellations) and the cancellation of one order.

export const CANCEL_REASON_OPTIONS = [
  { value: "NoInventory", label: "Out of stock" },
  { value: "ShippingAddressUndeliverable", label: "Shipping address cannot be delivered to" },
  { value: "CustomerExchange", label: "The buyer is exchanging the item" },
  { value: "BuyerCanceled", label: "The buyer asked to cancel" },
  { value: "GeneralAdjustment", label: "Other / general adjustment" },
  { value: "CarrierCreditDecision", label: "Carrier credit decision" },
  { value: "RiskAssessmentInformationNotValid", label: "Risk assessment: buyer information not valid" },
  { value: "CarrierCoverageFailure", label: "No carrier covers the destination" },
  { value: "CustomerReturn", label: "The buyer is returning the item" },
  { value: "MerchandiseNotReceived", label: "The buyer did not receive the merchandise" },
] as const

export type CancelReason = (typeof CANCEL_REASON_OPTIONS)[number]["value"]

export function cancelReasonLabel(reason: string | null | undefined): string {
  return CANCEL_REASON_OPTIONS.find((option) => option.value === reason)?.label ?? reason ?? "—"
}

export type FeedMessageStatus = "queued" | "batched" | "accepted" | "rejected"

export type AmazonResult = { resultCode: string; resultMessageCode: string; resultDescription: string | null }

export type FeedMessage = {
  id: string
  submission_id: string | null
  message_id: number | null
  order_id: string | null
  amazon_order_id: string
  origin: "admin" | "medusa_cancel" | "buyer_request" | "medusa_refund" | "medusa_return"
  /** CancelReason of a cancellation, AdjustmentReason of a refund. */
  cancel_reason: string | null
  refund_id?: string | null
  payload?: { items?: Array<{ orderItemId: string; quantity?: number; components: Array<{ type: string; amount: string }> }>; currency?: string } | null
  zero_stock: boolean
  status: FeedMessageStatus
  error: string | null
  result: { errors?: AmazonResult[]; warnings?: AmazonResult[] } | null
  medusa_applied_at: string | null
  medusa_apply_error: string | null
  completed_at: string | null
  created_at: string
}

export type FeedSubmissionStatus = "claimed" | "uploaded" | "creating" | "submitted" | "done" | "fatal" | "cancelled"

export type FeedSubmission = {
  id: string
  account_id: string
  feed_type: string
  status: FeedSubmissionStatus
  processing_status: string | null
  amazon_feed_id: string | null
  message_count: number
  messages_processed: number | null
  messages_successful: number | null
  messages_with_error: number | null
  messages_with_warning: number | null
  last_error: string | null
  submitted_at: string | null
  completed_at: string | null
  created_at: string
}

/** Amazon's AdjustmentReason list in plain words (the server's ADJUSTMENT_REASON_LABELS). */
export const REFUND_REASON_OPTIONS = [
  { value: "CustomerReturn", label: "The buyer returned the item" },
  { value: "GeneralAdjustment", label: "Other / general adjustment" },
  { value: "PriceError", label: "Price error" },
  { value: "DifferentItem", label: "A different item was sent" },
  { value: "CouldNotShip", label: "Could not ship" },
  { value: "NoInventory", label: "Out of stock" },
  { value: "ProductOutofStock", label: "Product out of stock" },
  { value: "CustomerCancel", label: "The buyer cancelled" },
  { value: "Abandoned", label: "The buyer abandoned the order" },
  { value: "CustomerAddressIncorrect", label: "The buyer's address is incorrect" },
  { value: "Exchange", label: "Exchange" },
  { value: "Undeliverable", label: "Undeliverable" },
  { value: "RefusedDelivery", label: "The buyer refused the delivery" },
  { value: "CarrierCreditDecision", label: "Carrier credit decision" },
  { value: "RiskAssessmentInformationNotValid", label: "Risk assessment: buyer information not valid" },
  { value: "CarrierCoverageFailure", label: "No carrier covers the destination" },
  { value: "TransactionRecord", label: "Transaction record" },
  { value: "Other", label: "Other" },
] as const

export type RefundReason = (typeof REFUND_REASON_OPTIONS)[number]["value"]

export function refundReasonLabel(reason: string | null | undefined): string {
  return REFUND_REASON_OPTIONS.find((option) => option.value === reason)?.label ?? reason ?? "—"
}

export const REFUND_COMPONENT_TYPES = ["Principal", "Tax", "Shipping", "ShippingTax"] as const
export type RefundComponentType = (typeof REFUND_COMPONENT_TYPES)[number]

export type RefundLineBody = { order_item_id: string; quantity?: number; amounts?: Partial<Record<RefundComponentType, string>> }
export type RefundBody = { reason: RefundReason; note?: string } & ({ whole_order: true } | { amount: string } | { lines: RefundLineBody[] })

const keys = {
  cancellations: (orderId: string) => ["amazon", "cancellations", orderId] as const,
  refunds: (orderId: string) => ["amazon", "refunds", orderId] as const,
  feeds: (offset: number, limit: number) => ["amazon", "feeds", offset, limit] as const,
  feed: (id: string) => ["amazon", "feed", id] as const,
}

/** The order's cancellations asked of Amazon, newest first; polled while one waits for Amazon's answer. */
export function useOrderCancellations(orderId: string) {
  return useQuery({
    queryKey: keys.cancellations(orderId),
    queryFn: () => sdk.client.fetch<{ cancellations: FeedMessage[] }>(`/admin/orders/${orderId}/amazon`),
    select: (data) => data.cancellations ?? [],
    refetchInterval: (query) => {
      const latest = query.state.data?.cancellations?.[0]
      return latest && (latest.status === "queued" || latest.status === "batched") ? 5000 : false
    },
    retry: false,
  })
}

/** The order's refund adjustments sent to Amazon, newest first; polled while one waits for Amazon's answer. */
export function useOrderRefunds(orderId: string) {
  return useQuery({
    queryKey: keys.refunds(orderId),
    queryFn: () => sdk.client.fetch<{ refunds: FeedMessage[] }>(`/admin/orders/${orderId}/amazon`),
    select: (data) => data.refunds ?? [],
    refetchInterval: (query) => ((query.state.data?.refunds ?? []).some((row) => row.status === "queued" || row.status === "batched") ? 5000 : false),
    retry: false,
  })
}

export function useRefundThroughAmazon(orderId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: RefundBody) =>
      sdk.client.fetch<{ refund: { amount: string; reason: string }; adjustment: FeedMessage | null }>(`/admin/orders/${orderId}/amazon/refund`, { method: "POST", body }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ["amazon"] })
      // Medusa's own order page shows the refund and the payment status.
      void queryClient.invalidateQueries({ queryKey: ["orders"] })
    },
  })
}

export function useCancelAtAmazon(orderId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: { reason: CancelReason; zero_stock: boolean }) =>
      sdk.client.fetch<{ cancellation: FeedMessage }>(`/admin/orders/${orderId}/amazon/cancel`, { method: "POST", body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["amazon"] }),
  })
}

export function useFeedSubmissions(offset: number, limit: number) {
  return useQuery({
    queryKey: keys.feeds(offset, limit),
    queryFn: () =>
      sdk.client.fetch<{ feeds: FeedSubmission[]; count: number }>(`/admin/amazon/feeds`, { query: { offset, limit } }),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  })
}

export function useFeedSubmission(id: string | null) {
  return useQuery({
    queryKey: keys.feed(id ?? ""),
    queryFn: () => sdk.client.fetch<{ feed: FeedSubmission & { content: string }; messages: FeedMessage[] }>(`/admin/amazon/feeds/${id}`),
    enabled: !!id,
  })
}

export type BuyerCancellationRequest = {
  id: string
  amazon_order_id: string
  requester: string
  reason: string | null
  requested_at: string
  respond_by: string
  status: "open" | "accepted" | "declined" | "closed"
  resolved_at: string | null
  order: { id: string; display_id: number } | null
}

export function useBuyerCancellationRequests(status: BuyerCancellationRequest["status"], offset: number, limit: number) {
  return useQuery({
    queryKey: ["amazon", "cancellation-requests", status, offset, limit] as const,
    queryFn: () =>
      sdk.client.fetch<{ cancellation_requests: BuyerCancellationRequest[]; count: number }>(`/admin/amazon/cancellation-requests`, {
        query: { status, offset, limit },
      }),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  })
}

export function useAnswerBuyerCancellationRequest() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, answer }: { id: string; answer: "accept" | "decline" }) =>
      sdk.client.fetch(`/admin/amazon/cancellation-requests/${id}/${answer}`, { method: "POST" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["amazon"] }),
  })
}

/** "in 5 h 20 min" / "3 h 10 min overdue": how long the merchant has left to answer Amazon. */
export function timeLeft(respondBy: string, now = Date.now()): { text: string; overdue: boolean } {
  const ms = new Date(respondBy).getTime() - now
  const minutes = Math.round(Math.abs(ms) / 60_000)
  const text = minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`
  return ms < 0 ? { text: `${text} overdue`, overdue: true } : { text: `${text} left`, overdue: false }
}
