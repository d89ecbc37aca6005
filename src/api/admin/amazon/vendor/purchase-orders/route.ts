import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { AdminListVendorPurchaseOrdersType } from "../validators"

export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminListVendorPurchaseOrdersType>, res: MedusaResponse) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: purchase_orders, metadata } = await query.graph({
    entity: "amazon_vendor_purchase_order",
    fields: req.queryConfig.fields,
    filters: req.filterableFields,
    pagination: req.queryConfig.pagination,
  })
  res.json({ purchase_orders, count: metadata?.count, limit: metadata?.take, offset: metadata?.skip })
}
