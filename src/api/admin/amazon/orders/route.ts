import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { AdminListAmazonOrdersType } from "../validators"

export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminListAmazonOrdersType>, res: MedusaResponse) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: amazon_orders, metadata } = await query.graph({
    entity: "amazon_order",
    fields: req.queryConfig.fields,
    filters: req.filterableFields,
    pagination: req.queryConfig.pagination,
  })
  res.json({ amazon_orders, count: metadata?.count, limit: metadata?.take, offset: metadata?.skip })
}
