import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { captureAmazonShipmentPaymentsWorkflow } from "./capture-amazon-shipment-payments"
import { applyAmazonShipmentConfirmationsStep } from "./steps/apply-amazon-shipment-confirmations"
import { releaseStaleAmazonTrackingClaimsStep } from "./steps/release-stale-amazon-tracking-claims"
import { sendAmazonTrackingPushesStep } from "./steps/send-amazon-tracking-pushes"
import type { TrackingPushSummary } from "./types"

export type RetryDueAmazonTrackingPushesInput = { limit?: number }

export type RetryDueAmazonTrackingPushesResult = { attempted: TrackingPushSummary[]; confirmed: number }

export const retryDueAmazonTrackingPushesWorkflowId = "retry-due-amazon-tracking-pushes"

/**
 * What the retry job runs: sends every waiting confirmation whose next attempt is due, and captures the payments
 * still owed for confirmed ones (a failed capture, or a process that died before it). Any number of processes
 * may run it at once: each due row is claimed by exactly one of them.
 */
export const retryDueAmazonTrackingPushesWorkflow = createWorkflow(
  retryDueAmazonTrackingPushesWorkflowId,
  (input: RetryDueAmazonTrackingPushesInput) => {
    const released = releaseStaleAmazonTrackingClaimsStep({})
    const sent = sendAmazonTrackingPushesStep(transform({ input, released }, ({ input }) => ({ limit: input.limit })))
    applyAmazonShipmentConfirmationsStep(transform({ sent }, ({ sent }) => ({ push_ids: sent.confirmed_ids })))
    captureAmazonShipmentPaymentsWorkflow.runAsStep({ input: transform({ sent }, ({ sent }) => ({ push_ids: sent.confirmed_ids, due: true })) })
    const result = transform({ sent }, ({ sent }): RetryDueAmazonTrackingPushesResult => ({
      attempted: sent.pushes,
      confirmed: sent.confirmed_ids.length,
    }))
    return new WorkflowResponse(result)
  }
)
