import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { AMAZON_ORDER_DETAIL_FIELDS } from "../query"

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "amazon_order",
    fields: AMAZON_ORDER_DETAIL_FIELDS,
    filters: { id: req.params.id },
  })
  if (!data.length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `No Amazon order with id ${req.params.id}.`)
  }
  res.json({ amazon_order: data[0] })
}
