import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { AMAZON_MODULE } from "../../../../../../../modules/amazon"
import type AmazonModuleService from "../../../../../../../modules/amazon/service"
import { fulfilVendorShipments } from "../../../../../../../workflows/vendor/fulfil-vendor-shipments"
import { resolveUnknownVendorShipmentWorkflow } from "../../../../../../../workflows/vendor/submit-vendor-shipment"
import type { ResolveVendorShipmentBodyType } from "../../validators"

/**
 * What the merchant found in Vendor Central for a shipment whose arrival at Amazon is unknown: `amazon_has_it` true
 * records it accepted (its quantities become fulfilments), false puts it back to be sent again.
 */
export async function POST(req: AuthenticatedMedusaRequest<ResolveVendorShipmentBodyType>, res: MedusaResponse) {
  const amazon: AmazonModuleService = req.scope.resolve(AMAZON_MODULE)
  await amazon.retrieveAmazonVendorShipment(req.params.id, { select: ["id"] })
  const { result } = await resolveUnknownVendorShipmentWorkflow(req.scope).run({ input: { shipment_id: req.params.id, amazon_has_it: req.validatedBody.amazon_has_it } })
  if (result.status === "accepted") await fulfilVendorShipments(req.scope, { shipment_ids: [req.params.id], wait_seconds: 30 })
  const { claim_token: _claimToken, ...shipment } = (await amazon.retrieveAmazonVendorShipment(req.params.id)) as any
  res.json({ shipment })
}
