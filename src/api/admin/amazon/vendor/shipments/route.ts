import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { AMAZON_MODULE } from "../../../../../modules/amazon"
import type AmazonModuleService from "../../../../../modules/amazon/service"
import { createVendorShipmentWorkflow } from "../../../../../workflows/vendor/submit-vendor-shipment"
import type { AdminListVendorShipmentsType, VendorShipmentBodyType } from "./validators"

export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminListVendorShipmentsType>, res: MedusaResponse) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: shipments, metadata } = await query.graph({
    entity: "amazon_vendor_shipment",
    fields: req.queryConfig.fields,
    filters: req.filterableFields,
    pagination: req.queryConfig.pagination,
  })
  res.json({ shipments, count: metadata?.count, limit: metadata?.take, offset: metadata?.skip })
}

/** Builds the shipment: refused with sentences naming pallet, carton and line (400) before anything is stored or sent. */
export async function POST(req: AuthenticatedMedusaRequest<VendorShipmentBodyType>, res: MedusaResponse) {
  const { account_id, ...shipment } = req.validatedBody
  const { result } = await createVendorShipmentWorkflow(req.scope).run({ input: { account_id, shipment: shipment as any } })
  const amazon: AmazonModuleService = req.scope.resolve(AMAZON_MODULE)
  res.status(201).json({ shipment: await amazon.retrieveAmazonVendorShipment(result.id) })
}
