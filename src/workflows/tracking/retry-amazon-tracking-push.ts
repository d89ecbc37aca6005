import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { captureAmazonShipmentPaymentsWorkflow } from "./capture-amazon-shipment-payments"
import { applyAmazonShipmentConfirmationsStep } from "./steps/apply-amazon-shipment-confirmations"
import { prepareAmazonTrackingPushRetryStep } from "./steps/prepare-amazon-tracking-push-retry"
import { sendAmazonTrackingPushesStep } from "./steps/send-amazon-tracking-pushes"

/** id: the outbox row (amztrk_…) as listed in admin. */
export type RetryAmazonTrackingPushInput = { id: string }

export const retryAmazonTrackingPushWorkflowId = "retry-amazon-tracking-push"

/** The merchant's "Retry": rebuilds a failed confirmation from the current data and sends it now. */
export const retryAmazonTrackingPushWorkflow = createWorkflow(retryAmazonTrackingPushWorkflowId, (input: RetryAmazonTrackingPushInput) => {
  const prepared = prepareAmazonTrackingPushRetryStep(input)
  const sent = sendAmazonTrackingPushesStep(transform({ prepared }, ({ prepared }) => ({ push_ids: prepared.push_ids, ignore_schedule: true })))
  applyAmazonShipmentConfirmationsStep(transform({ sent }, ({ sent }) => ({ push_ids: sent.confirmed_ids })))
  captureAmazonShipmentPaymentsWorkflow.runAsStep({ input: transform({ sent }, ({ sent }) => ({ push_ids: sent.confirmed_ids })) })
  return new WorkflowResponse(transform({ input }, ({ input }) => ({ id: input.id })))
})
