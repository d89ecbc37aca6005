import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { AMAZON_MODULE } from "../../../../../../../modules/amazon"
import type AmazonModuleService from "../../../../../../../modules/amazon/service"
import { refreshVendorShipmentWorkflow } from "../../../../../../../workflows/vendor/submit-vendor-shipment"

/** Reads Amazon's transaction result of the shipment's ASN now. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const amazon: AmazonModuleService = req.scope.resolve(AMAZON_MODULE)
  await amazon.retrieveAmazonVendorShipment(req.params.id, { select: ["id"] })
  await refreshVendorShipmentWorkflow(req.scope).run({ input: { ids: [req.params.id] } })
  const { claim_token: _claimToken, ...shipment } = (await amazon.retrieveAmazonVendorShipment(req.params.id)) as any
  res.json({ shipment })
}
