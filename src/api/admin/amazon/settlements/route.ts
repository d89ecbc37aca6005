import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { AdminListAmazonSettlementsType } from "./query"

export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminListAmazonSettlementsType>, res: MedusaResponse) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: settlements, metadata } = await query.graph({
    entity: "amazon_settlement",
    fields: req.queryConfig.fields,
    filters: req.filterableFields,
    pagination: req.queryConfig.pagination,
  })
  res.json({ settlements, count: metadata?.count, limit: metadata?.take, offset: metadata?.skip })
}
