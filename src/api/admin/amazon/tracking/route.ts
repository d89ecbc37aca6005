import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { TRACKING_PUSH_FIELDS } from "./query"
import type { AdminListAmazonTrackingPushesType } from "./validators"

/** Shipment confirmations sent (or to be sent) to Amazon, newest first. */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminListAmazonTrackingPushesType>, res: MedusaResponse) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const params = req.validatedQuery as AdminListAmazonTrackingPushesType
  const filters: Record<string, unknown> = {}
  if (params.state) filters.state = params.state
  if (params.order_id) filters.order_id = params.order_id
  if (params.amazon_order_id) filters.amazon_order_id = params.amazon_order_id
  if (params.account_id) filters.account_id = params.account_id
  const { data: tracking_pushes, metadata } = await query.graph({
    entity: "amazon_tracking_push",
    fields: TRACKING_PUSH_FIELDS,
    filters,
    pagination: { skip: params.offset, take: params.limit, order: { created_at: "DESC" } },
  })
  res.json({ tracking_pushes, count: metadata?.count ?? tracking_pushes.length, limit: params.limit, offset: params.offset })
}
