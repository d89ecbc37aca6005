import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { AdminListBuyerCancellationRequestsType } from "../feeds/validators"

/** Buyers' cancellation requests (open ones by default), nearest deadline first, with the Medusa order of each. */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminListBuyerCancellationRequestsType>, res: MedusaResponse) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: requests, metadata } = await query.graph({
    entity: "amazon_cancellation_request",
    fields: req.queryConfig.fields,
    filters: req.filterableFields,
    pagination: req.queryConfig.pagination,
  })
  const rowIds = [...new Set((requests as any[]).map((request) => request.amazon_order_row_id))]
  const { data: orders } = rowIds.length
    ? await query.graph({ entity: "amazon_order", fields: ["id", "order.id", "order.display_id"], filters: { id: rowIds } })
    : { data: [] }
  const orderOf = new Map((orders as any[]).map((row) => [row.id, row.order ?? null]))
  res.json({
    cancellation_requests: (requests as any[]).map((request) => ({ ...request, order: orderOf.get(request.amazon_order_row_id) ?? null })),
    count: metadata?.count,
    limit: metadata?.take,
    offset: metadata?.skip,
  })
}
