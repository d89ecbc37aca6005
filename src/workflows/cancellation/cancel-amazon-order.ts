import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createHook, createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { queueAmazonCancellationStep, type QueueAmazonCancellationInput } from "./steps/queue-amazon-cancellation"

export const AMAZON_FEED_QUEUED_EVENT = "amazon.feed_message.queued"

export const cancelAmazonOrderWorkflowId = "cancel-amazon-order"

/**
 * Asks Amazon to cancel an Amazon order (the seller cancellation): refused with a sentence once anything shipped;
 * otherwise queued for the next acknowledgement feed, and the feed worker is woken. The Medusa order is cancelled
 * only when Amazon accepts (the process-amazon-feeds workflow); until then the order shows the pending request.
 */
export const cancelAmazonOrderWorkflow = createWorkflow(cancelAmazonOrderWorkflowId, (input: QueueAmazonCancellationInput) => {
  const queued = queueAmazonCancellationStep(input)
  when({ queued }, ({ queued }) => !!queued).then(() => {
    emitEventStep({
      eventName: AMAZON_FEED_QUEUED_EVENT,
      data: transform({ queued }, ({ queued }) => ({ id: queued!.id })),
    })
  })
  const cancellationQueued = createHook("amazonCancellationQueued", { cancellation: queued })
  return new WorkflowResponse(queued, { hooks: [cancellationQueued] })
})
