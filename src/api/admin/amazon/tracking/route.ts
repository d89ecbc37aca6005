import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { AdminListAmazonTrackingPushesType } from "./validators"

/** Shipment confirmations sent (or to be sent) to Amazon, newest first. */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminListAmazonTrackingPushesType>, res: MedusaResponse) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: tracking_pushes, metadata } = await query.graph({
    entity: "amazon_tracking_push",
    fields: req.queryConfig.fields,
    filters: req.filterableFields,
    pagination: req.queryConfig.pagination,
  })
  res.json({ tracking_pushes, count: metadata?.count, limit: metadata?.take, offset: metadata?.skip })
}
