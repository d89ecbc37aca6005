import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { AMAZON_MODULE } from "../../../../../../modules/amazon"
import type AmazonModuleService from "../../../../../../modules/amazon/service"

/**
 * What Amazon paid out for a Medusa order: the settlements that contain it (amount, fees, deposit date, difference
 * to what Medusa captured) and, until one does, what Finances shows as posted. What the order widget shows.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const amazon: AmazonModuleService = req.scope.resolve(AMAZON_MODULE)
  const settled = await amazon.listAmazonSettlementOrders(
    { order_id: req.params.id },
    {
      select: ["id", "settlement_id", "settlement_row_id", "amazon_order_id", "currency_code", "deposit_date", "principal", "tax", "shipping", "fees_total", "fees", "refunds", "net", "charged", "captured_amount", "difference", "reconciliation", "amazon_refunds"],
      order: { deposit_date: "ASC" },
    }
  )
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order", fields: ["id", "amazon_order.account_id", "amazon_order.amazon_order_id"], filters: { id: req.params.id } })
  const link = (data[0] as any)?.amazon_order as { account_id: string; amazon_order_id: string } | undefined
  const provisional =
    settled.length === 0 && link
      ? await amazon.listAmazonProvisionalPayouts({ account_id: link.account_id, amazon_order_id: link.amazon_order_id }, { order: { posted_date: "ASC" } })
      : []
  // Shipped but missing from the settlement that should have paid it: what the merchant asks Amazon about.
  const [unsettled] = await amazon.listAmazonUnsettledOrders(
    { order_id: req.params.id },
    { select: ["id", "amazon_order_id", "currency_code", "captured_amount", "shipped_at", "expected_settlement_id", "settled_in_settlement_id", "settled_at"] }
  )
  res.json({ settlements: settled, provisional, unsettled: unsettled ?? null })
}
