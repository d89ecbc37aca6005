import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { applyAmazonShipmentConfirmationsStep } from "./steps/apply-amazon-shipment-confirmations"
import { findDueAmazonTrackingPushesStep } from "./steps/find-due-amazon-tracking-pushes"
import { sendAmazonTrackingPushesStep } from "./steps/send-amazon-tracking-pushes"
import type { TrackingPushSummary } from "./types"

export type RetryDueAmazonTrackingPushesInput = { limit?: number }

export type RetryDueAmazonTrackingPushesResult = { attempted: TrackingPushSummary[]; confirmed: number }

export const retryDueAmazonTrackingPushesWorkflowId = "retry-due-amazon-tracking-pushes"

/** What the retry job runs: sends every waiting confirmation whose next attempt is due. */
export const retryDueAmazonTrackingPushesWorkflow = createWorkflow(
  retryDueAmazonTrackingPushesWorkflowId,
  (input: RetryDueAmazonTrackingPushesInput) => {
    const dueIds = findDueAmazonTrackingPushesStep(input)
    const sent = sendAmazonTrackingPushesStep(transform({ dueIds }, ({ dueIds }) => ({ push_ids: dueIds })))
    applyAmazonShipmentConfirmationsStep(transform({ sent }, ({ sent }) => ({ push_ids: sent.confirmed_ids })))
    const result = transform({ sent }, ({ sent }): RetryDueAmazonTrackingPushesResult => ({
      attempted: sent.pushes,
      confirmed: sent.confirmed_ids.length,
    }))
    return new WorkflowResponse(result)
  }
)
