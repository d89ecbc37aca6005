import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { AMAZON_MODULE } from "../../../../../../modules/amazon"
import type AmazonModuleService from "../../../../../../modules/amazon/service"

/** The shipment with its pallets, cartons and SSCCs, the ASN as sent, and Amazon's transaction result. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const amazon: AmazonModuleService = req.scope.resolve(AMAZON_MODULE)
  const shipment = await amazon.retrieveAmazonVendorShipment(req.params.id)
  const { claim_token: _claimToken, ...visible } = shipment as any
  res.json({ shipment: visible })
}
