import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { acceptBuyerCancellationRequestWorkflow } from "../../../../../../workflows/cancellation/accept-buyer-cancellation-request"

/** Accepts the buyer's request: Amazon is asked to cancel with reason BuyerCanceled (202: Amazon answers later). */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { result } = await acceptBuyerCancellationRequestWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.status(202).json({ cancellation: result })
}
