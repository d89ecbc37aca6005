import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { AMAZON_ORDER_DETAIL_FIELDS } from "../../../amazon/orders/query"

/** The Amazon order a Medusa order came from, or null: what the order-details widget shows. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: ["id", ...AMAZON_ORDER_DETAIL_FIELDS.filter((f) => !f.startsWith("order.")).map((f) => `amazon_order.${f}`)],
    filters: { id: req.params.id },
  })
  res.json({ amazon_order: (data[0] as any)?.amazon_order ?? null })
}
