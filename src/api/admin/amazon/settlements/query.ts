import { z } from "@medusajs/framework/zod"
import { createFindParams } from "@medusajs/medusa/api/utils/validators"

/** What the Settlements list shows per settlement. */
export const SETTLEMENT_FIELDS = [
  "id",
  "account_id",
  "settlement_id",
  "report_id",
  "marketplace_name",
  "start_date",
  "end_date",
  "deposit_date",
  "currency_code",
  "total_amount",
  "other_amount",
  "line_count",
  "order_count",
  "status",
  "mismatch_count",
  "unknown_order_count",
  "unpaid_order_count",
  "created_at",
]

/** A shipped order missing from the settlement that should have paid it. */
export const UNSETTLED_ORDER_FIELDS = [
  "id",
  "amazon_order_id",
  "order_id",
  "currency_code",
  "captured_amount",
  "shipped_at",
  "expected_settlement_id",
  "settled_in_settlement_id",
  "settled_at",
]

/** What a settlement's detail and its CSV show per order. */
export const SETTLEMENT_ORDER_FIELDS = [
  "id",
  "amazon_order_id",
  "currency_code",
  "deposit_date",
  "principal",
  "tax",
  "shipping",
  "promotion",
  "withheld_tax",
  "charged",
  "fees_total",
  "fees",
  "refunds",
  "other",
  "net",
  "order_id",
  "captured_amount",
  "difference",
  "reconciliation",
  "amazon_refunds",
]

/** GET /admin/amazon/settlements: newest deposit first, filterable by account and status. */
export const AdminListAmazonSettlements = createFindParams({ limit: 20, offset: 0, order: "-start_date" }).merge(
  z.object({
    account_id: z.string().optional(),
    status: z.enum(["imported", "reconciled", "mismatches"]).optional(),
  })
)
export type AdminListAmazonSettlementsType = z.infer<typeof AdminListAmazonSettlements>

export const listSettlementsQueryConfig = { defaults: SETTLEMENT_FIELDS, allowed: SETTLEMENT_FIELDS, isList: true }

/** GET /admin/amazon/settlements/:id: one page of its orders, mismatches first if asked. */
export const AdminSettlementDetail = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  reconciliation: z.enum(["matched", "mismatch", "unknown_order", "pending"]).optional(),
})
