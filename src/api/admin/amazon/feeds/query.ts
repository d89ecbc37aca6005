/** What the admin shows for a feed submission (not its XML content, which the detail route returns). */
export const FEED_SUBMISSION_FIELDS = [
  "id",
  "account_id",
  "feed_type",
  "status",
  "processing_status",
  "amazon_feed_id",
  "message_count",
  "messages_processed",
  "messages_successful",
  "messages_with_error",
  "messages_with_warning",
  "document_errors",
  "last_error",
  "last_error_code",
  "attempts",
  "submitted_at",
  "completed_at",
  "created_at",
]

export const FEED_MESSAGE_FIELDS = [
  "id",
  "submission_id",
  "message_id",
  "order_id",
  "amazon_order_id",
  "origin",
  "cancel_reason",
  "zero_stock",
  "refund_id",
  "payload",
  "status",
  "error",
  "result",
  "medusa_applied_at",
  "medusa_apply_error",
  "completed_at",
  "created_at",
]

/** GET /admin/amazon/feeds: newest first. */
export const listAmazonFeedsQueryConfig = {
  defaults: FEED_SUBMISSION_FIELDS,
  allowed: FEED_SUBMISSION_FIELDS,
  isList: true,
}

export const CANCELLATION_REQUEST_FIELDS = [
  "id",
  "account_id",
  "amazon_order_row_id",
  "amazon_order_id",
  "requester",
  "reason",
  "requested_at",
  "respond_by",
  "status",
  "resolved_at",
  "feed_message_id",
]

/** GET /admin/amazon/cancellation-requests: the nearest deadline first. */
export const listCancellationRequestsQueryConfig = {
  defaults: CANCELLATION_REQUEST_FIELDS,
  allowed: CANCELLATION_REQUEST_FIELDS,
  isList: true,
}
