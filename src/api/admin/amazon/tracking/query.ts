/** Fields of a tracking confirmation the admin shows (everything but internal bookkeeping). */
export const TRACKING_PUSH_FIELDS = [
  "id",
  "fulfillment_id",
  "order_id",
  "amazon_order_id",
  "amazon_order_row_id",
  "account_id",
  "marketplace_id",
  "trigger",
  "state",
  "package_reference_id",
  "carrier_code",
  "carrier_name",
  "tracking_number",
  "ship_date",
  "items",
  "package",
  "attempts",
  "next_attempt_at",
  "last_attempt_at",
  "confirmed_at",
  "last_error_code",
  "last_error",
  "amazon_response",
  "created_at",
  "updated_at",
]

/** GET /admin/amazon/tracking: newest first; a caller may ask for fewer fields, never for other ones. */
export const listTrackingPushesQueryConfig = {
  defaults: TRACKING_PUSH_FIELDS,
  allowed: TRACKING_PUSH_FIELDS,
  isList: true,
}
