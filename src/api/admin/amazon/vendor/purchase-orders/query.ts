/** Fields the admin shows for a vendor purchase order. */
export const VENDOR_PO_LIST_FIELDS = [
  "id",
  "account_id",
  "purchase_order_number",
  "state",
  "purchase_order_type",
  "purchase_order_date",
  "amazon_changed_at",
  "ship_to_party_id",
  "window_kind",
  "window_start",
  "window_end",
  "currency_code",
  "cost_total",
  "acknowledgement_due_at",
  "acknowledged_at",
  "changed_after_acknowledgement",
  "change_note",
]

export const VENDOR_PO_DETAIL_FIELDS = [
  ...VENDOR_PO_LIST_FIELDS,
  "selling_party_id",
  "buying_party_id",
  "bill_to_party_id",
  "order_id",
  "order_note",
  "order_placed_emitted_at",
  "medusa_order.id",
  "medusa_order.display_id",
  "medusa_order.status",
  "lines.*",
  "acknowledgements.id",
  "acknowledgements.status",
  "acknowledgements.answers",
  "acknowledgements.transaction_id",
  "acknowledgements.transaction_status",
  "acknowledgements.message",
  "acknowledgements.errors",
  "acknowledgements.submitted_at",
  "acknowledgements.result_at",
  "acknowledgements.created_at",
]

/** GET /admin/amazon/vendor/purchase-orders: newest first; a caller may ask for fewer fields, never for other ones. */
export const listVendorPurchaseOrdersQueryConfig = {
  defaults: VENDOR_PO_LIST_FIELDS,
  allowed: VENDOR_PO_LIST_FIELDS,
  isList: true,
}
