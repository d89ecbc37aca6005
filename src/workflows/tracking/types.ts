export type TrackingPushTrigger = "shipment" | "fulfillment" | "csv_import"

export type TrackingPushState = "waiting" | "sent" | "confirmed" | "failed"

/** A tracking push as the workflows return it (the outbox row, without Amazon's raw answer). */
export type TrackingPushSummary = {
  id: string
  fulfillment_id: string
  order_id: string
  amazon_order_id: string
  state: TrackingPushState
  attempts: number
  next_attempt_at: Date | string | null
  last_error_code: string | null
  last_error: string | null
  tracking_number: string | null
  carrier_code: string | null
}

/** Why a fulfillment needs no confirmation to Amazon (not an error: most fulfillments of a store are not Amazon's). */
export type PushSkippedReason =
  | "not_an_amazon_order"
  | "fulfilled_by_amazon"
  | "push_tracking_off"
  | "no_tracking_yet"
  | "already_recorded"
  | "fulfillment_not_found"
  /** The fulfilment records what had shipped before the order was imported: Amazon knows it already. */
  | "shipped_before_import"
  /** Amazon is being asked to cancel the order (a seller cancellation waits for Amazon's answer). */
  | "cancellation_pending"

export const TRACKING_PUSH_SUMMARY_FIELDS = [
  "id",
  "fulfillment_id",
  "order_id",
  "amazon_order_id",
  "state",
  "attempts",
  "next_attempt_at",
  "last_error_code",
  "last_error",
  "tracking_number",
  "carrier_code",
] as const

export function toSummary(row: Record<string, any>): TrackingPushSummary {
  return Object.fromEntries(TRACKING_PUSH_SUMMARY_FIELDS.map((field) => [field, row[field] ?? null])) as TrackingPushSummary
}
