import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { declineBuyerCancellationRequestWorkflow } from "../../../../../../workflows/cancellation/decline-buyer-cancellation-request"

/** The merchant ships as normal: the request leaves the queue. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { result } = await declineBuyerCancellationRequestWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ cancellation_request: result })
}
