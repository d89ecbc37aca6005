import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { AdminListAmazonOrdersType } from "../validators"
import { AMAZON_ORDER_LIST_FIELDS, amazonOrderFilters } from "./query"

export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminListAmazonOrdersType>, res: MedusaResponse) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const params = req.validatedQuery as AdminListAmazonOrdersType
  const { data: amazon_orders, metadata } = await query.graph({
    entity: "amazon_order",
    fields: AMAZON_ORDER_LIST_FIELDS,
    filters: amazonOrderFilters(params),
    pagination: { skip: params.offset, take: params.limit, order: { purchase_date: "DESC" } },
  })
  res.json({ amazon_orders, count: metadata?.count ?? amazon_orders.length, limit: params.limit, offset: params.offset })
}
