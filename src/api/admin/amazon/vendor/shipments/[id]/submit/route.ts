import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { AMAZON_MODULE } from "../../../../../../../modules/amazon"
import type AmazonModuleService from "../../../../../../../modules/amazon/service"
import { submitVendorShipmentWorkflow } from "../../../../../../../workflows/vendor/submit-vendor-shipment"

/** Sends the shipment's ASN to Amazon once; a second call finds it sent and sends nothing. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const amazon: AmazonModuleService = req.scope.resolve(AMAZON_MODULE)
  await amazon.retrieveAmazonVendorShipment(req.params.id, { select: ["id"] })
  await submitVendorShipmentWorkflow(req.scope).run({ input: { shipment_id: req.params.id } })
  const { claim_token: _claimToken, ...shipment } = (await amazon.retrieveAmazonVendorShipment(req.params.id)) as any
  res.status(202).json({ shipment })
}
