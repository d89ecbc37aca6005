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
  origin: "admin" | "medusa_cancel" | "buyer_request"
  cancel_reason: string | null
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

const keys = {
  cancellations: (orderId: string) => ["amazon", "cancellations", orderId] as const,
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
