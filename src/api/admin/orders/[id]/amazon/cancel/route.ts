import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { cancelAmazonOrderWorkflow } from "../../../../../../workflows/cancellation/cancel-amazon-order"
import type { AdminCancelAmazonOrderType } from "../../../../amazon/feeds/validators"

/**
 * Asks Amazon to cancel the order with the merchant's reason. Answers 202 at once: the request goes out with the
 * account's next feed, and the order is cancelled in Medusa when Amazon accepts.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminCancelAmazonOrderType>, res: MedusaResponse) {
  const { result } = await cancelAmazonOrderWorkflow(req.scope).run({
    input: { order_id: req.params.id, reason: req.validatedBody.reason, zero_stock: req.validatedBody.zero_stock, origin: "admin" },
  })
  res.status(202).json({ cancellation: result })
}
