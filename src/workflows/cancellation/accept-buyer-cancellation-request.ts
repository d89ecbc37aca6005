import { emitEventStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { AMAZON_FEED_QUEUED_EVENT } from "./cancel-amazon-order"
import { queueAmazonCancellationStep } from "./steps/queue-amazon-cancellation"
import { loadOpenBuyerCancellationRequestStep, resolveBuyerCancellationRequestStep } from "./steps/resolve-buyer-cancellation-request"

export const acceptBuyerCancellationRequestWorkflowId = "accept-buyer-cancellation-request"

/**
 * The merchant accepts a buyer's cancellation request: the same seller cancellation as "Cancel at Amazon", with
 * reason BuyerCanceled, and the request marked accepted. Refused like any cancellation once something shipped.
 */
export const acceptBuyerCancellationRequestWorkflow = createWorkflow(acceptBuyerCancellationRequestWorkflowId, (input: { id: string }) => {
  const request = loadOpenBuyerCancellationRequestStep(input)
  const { data: rows } = useQueryGraphStep({
    entity: "amazon_order",
    fields: ["id", "order.id"],
    filters: transform({ request }, ({ request }) => ({ id: request.amazon_order_row_id })),
  })
  const orderId = transform({ rows, request }, ({ rows, request }) => {
    const id = (rows[0] as any)?.order?.id
    if (!id) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Amazon order ${request.amazon_order_id} has not become a Medusa order yet, so it cannot be cancelled from here.`)
    return id as string
  })
  const queued = queueAmazonCancellationStep(transform({ orderId }, ({ orderId }) => ({ order_id: orderId, reason: "BuyerCanceled", origin: "buyer_request" as const })))
  resolveBuyerCancellationRequestStep(transform({ request, queued }, ({ request, queued }) => ({ id: request.id, status: "accepted" as const, feed_message_id: queued?.id ?? null })))
  emitEventStep({ eventName: AMAZON_FEED_QUEUED_EVENT, data: transform({ queued }, ({ queued }) => ({ id: queued?.id })) })
  return new WorkflowResponse(queued)
})
