/** Fields the admin shows for an Amazon order, including the Medusa order it became (through the link). */
export const AMAZON_ORDER_LIST_FIELDS = [
  "id",
  "amazon_order_id",
  "account_id",
  "marketplace_id",
  "status",
  "fulfillment_channel",
  "subtypes",
  "is_prime",
  "is_business",
  "ship_service_level",
  "purchase_date",
  "first_seen_at",
  "last_update_date",
  "order_total",
  "currency_code",
  "buyer_name",
  "import_state",
  "attention_reason",
  "has_customization",
  "buyer_cancel_requested",
  "buyer_cancel_reason",
  "order.id",
  "order.display_id",
]

export const AMAZON_ORDER_DETAIL_FIELDS = [
  ...AMAZON_ORDER_LIST_FIELDS,
  "items.id",
  "items.order_item_id",
  "items.seller_sku",
  "items.asin",
  "items.title",
  "items.quantity_ordered",
  "items.quantity_shipped",
  "items.customization_url",
  "items.customization_text",
  "items.line_item_id",
]

/** GET /admin/amazon/orders: newest purchase first; a caller may ask for fewer fields, never for other ones. */
export const listAmazonOrdersQueryConfig = {
  defaults: AMAZON_ORDER_LIST_FIELDS,
  allowed: AMAZON_ORDER_DETAIL_FIELDS,
  isList: true,
}
