import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { resolveBuyerCancellationRequestStep } from "./steps/resolve-buyer-cancellation-request"

/** The merchant ships the order as normal: the request leaves the queue (Amazon needs no answer for that). */
export const declineBuyerCancellationRequestWorkflow = createWorkflow("decline-buyer-cancellation-request", (input: { id: string }) => {
  return new WorkflowResponse(resolveBuyerCancellationRequestStep({ id: input.id, status: "declined" }))
})
