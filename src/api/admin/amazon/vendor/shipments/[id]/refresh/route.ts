import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { AMAZON_MODULE } from "../../../../../../../modules/amazon"
import type AmazonModuleService from "../../../../../../../modules/amazon/service"
import { fulfilVendorShipments } from "../../../../../../../workflows/vendor/fulfil-vendor-shipments"
import { refreshVendorShipmentWorkflow } from "../../../../../../../workflows/vendor/submit-vendor-shipment"

/** Reads Amazon's transaction result of the shipment's ASN now; once accepted, its quantities become fulfilments (as the job would). */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const amazon: AmazonModuleService = req.scope.resolve(AMAZON_MODULE)
  await amazon.retrieveAmazonVendorShipment(req.params.id, { select: ["id"] })
  await refreshVendorShipmentWorkflow(req.scope).run({ input: { ids: [req.params.id] } })
  await fulfilVendorShipments(req.scope, { shipment_ids: [req.params.id], wait_seconds: 30 })
  const { claim_token: _claimToken, ...shipment } = (await amazon.retrieveAmazonVendorShipment(req.params.id)) as any
  res.json({ shipment })
}
