import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { retryAmazonTrackingPushWorkflow } from "../../../../../../workflows/tracking/retry-amazon-tracking-push"
import { TRACKING_PUSH_FIELDS } from "../../query"

/** Sends one waiting or failed shipment confirmation to Amazon now (a failed one is rebuilt from current data first). */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await retryAmazonTrackingPushWorkflow(req.scope).run({ input: { id: req.params.id } })
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "amazon_tracking_push", fields: TRACKING_PUSH_FIELDS, filters: { id: req.params.id } })
  res.json({ tracking_push: data[0] })
}
