import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { AMAZON_MODULE } from "../../../../../../../modules/amazon"
import type AmazonModuleService from "../../../../../../../modules/amazon/service"
import { acknowledgeVendorPurchaseOrderWorkflow } from "../../../../../../../workflows/vendor/acknowledge-vendor-purchase-order"
import type { AdminAcknowledgeVendorPurchaseOrderType } from "../../../validators"

/** Sends the merchant's answer to every line; refused with sentences (400) before anything is sent when it cannot be right. */
export async function POST(req: AuthenticatedMedusaRequest<AdminAcknowledgeVendorPurchaseOrderType>, res: MedusaResponse) {
  const amazon: AmazonModuleService = req.scope.resolve(AMAZON_MODULE)
  await amazon.retrieveAmazonVendorPurchaseOrder(req.params.id, { select: ["id"] })
  const { result } = await acknowledgeVendorPurchaseOrderWorkflow(req.scope).run({
    input: { purchase_order_id: req.params.id, lines: req.validatedBody.lines as any },
  })
  const acknowledgement = await amazon.retrieveAmazonVendorAcknowledgement(result.id)
  res.status(202).json({ acknowledgement })
}
