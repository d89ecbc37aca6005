import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { AMAZON_MODULE } from "../../../../../modules/amazon"
import type AmazonModuleService from "../../../../../modules/amazon/service"
import { AdminSettlementDetail, SETTLEMENT_FIELDS, SETTLEMENT_ORDER_FIELDS, UNSETTLED_ORDER_FIELDS } from "../query"

/**
 * A settlement, one page of its per-order reconciliation (principal, tax, shipping, fees, refunds, difference) and the
 * shipped orders it should have contained.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const amazon: AmazonModuleService = req.scope.resolve(AMAZON_MODULE)
  const parsed = AdminSettlementDetail.safeParse(req.query)
  if (!parsed.success) throw new MedusaError(MedusaError.Types.INVALID_DATA, parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "))
  const [settlement] = await amazon.listAmazonSettlements({ id: req.params.id }, { select: SETTLEMENT_FIELDS })
  if (!settlement) throw new MedusaError(MedusaError.Types.NOT_FOUND, "This settlement does not exist (any more). Open it from the Settlements list.")
  const filters: Record<string, unknown> = { settlement_row_id: settlement.id }
  if (parsed.data.reconciliation) filters.reconciliation = parsed.data.reconciliation
  const [orders, count] = await amazon.listAndCountAmazonSettlementOrders(filters, {
    select: SETTLEMENT_ORDER_FIELDS,
    order: { amazon_order_id: "ASC" },
    take: parsed.data.limit,
    skip: parsed.data.offset,
  })
  // Shipped orders this settlement should have paid by its period and did not (those paid later say where).
  const unpaid_orders = await amazon.listAmazonUnsettledOrders(
    { expected_settlement_row_id: settlement.id },
    { select: UNSETTLED_ORDER_FIELDS, order: { shipped_at: "ASC" }, take: null }
  )
  res.json({ settlement, orders, count, limit: parsed.data.limit, offset: parsed.data.offset, unpaid_orders })
}
