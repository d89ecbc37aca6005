import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { AdminListAmazonFeedsType } from "./validators"

/** The feeds sent to Amazon (cancellations), newest first, with their status and Amazon's counts. */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminListAmazonFeedsType>, res: MedusaResponse) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: feeds, metadata } = await query.graph({
    entity: "amazon_feed_submission",
    fields: req.queryConfig.fields,
    filters: req.filterableFields,
    pagination: req.queryConfig.pagination,
  })
  res.json({ feeds, count: metadata?.count, limit: metadata?.take, offset: metadata?.skip })
}
