import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { AMAZON_MODULE } from "../../../../../modules/amazon"
import type AmazonModuleService from "../../../../../modules/amazon/service"
import type { AdminShippableVendorLinesType } from "../shipments/validators"

/**
 * What the shipment builder can pack: the account's acknowledged, open POs with eaches left to ship, each line with
 * what Amazon accepted, what earlier shipments carry and what is left.
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminShippableVendorLinesType>, res: MedusaResponse) {
  const { account_id } = req.validatedQuery as AdminShippableVendorLinesType
  const amazon: AmazonModuleService = req.scope.resolve(AMAZON_MODULE)
  const open = (await amazon.listAmazonVendorPurchaseOrders({ account_id, state: ["New", "Acknowledged"] } as any, {
    select: ["id", "purchase_order_number", "ship_to_party_id", "window_kind", "window_start", "window_end", "purchase_order_date"],
    order: { purchase_order_date: "DESC" },
  })) as any[]
  const { purchase_orders, lines } = open.length ? await amazon.shippableVendorLines(account_id, open.map((po) => po.purchase_order_number)) : { purchase_orders: [], lines: [] }
  const acknowledged = new Set(purchase_orders.filter((po) => po.acknowledged).map((po) => po.purchase_order_number))
  const shippable = open
    .filter((po) => acknowledged.has(po.purchase_order_number))
    .map((po) => ({
      ...po,
      lines: lines
        .filter((line) => line.purchase_order_number === po.purchase_order_number)
        .map((line) => ({ ...line, left_eaches: Math.max(0, line.accepted_eaches - line.shipped_eaches) }))
        .sort((a, b) => Number(a.item_sequence_number) - Number(b.item_sequence_number)),
    }))
    .filter((po) => po.lines.some((line) => line.left_eaches > 0))
  res.json({ purchase_orders: shippable })
}
