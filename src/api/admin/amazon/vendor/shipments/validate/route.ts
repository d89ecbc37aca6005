import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { AMAZON_MODULE } from "../../../../../../modules/amazon"
import type AmazonModuleService from "../../../../../../modules/amazon/service"
import type { VendorShipmentBodyType } from "../validators"

/** Live validation for the shipment builder: the problems of the shipment as packed; nothing is stored. */
export async function POST(req: AuthenticatedMedusaRequest<VendorShipmentBodyType>, res: MedusaResponse) {
  const { account_id, ...shipment } = req.validatedBody
  const amazon: AmazonModuleService = req.scope.resolve(AMAZON_MODULE)
  const problems = await amazon.validateVendorShipment(account_id, shipment as any)
  res.json({ valid: problems.length === 0, problems })
}
