import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { captureAmazonShipmentPaymentsWorkflow } from "./capture-amazon-shipment-payments"
import { applyAmazonShipmentConfirmationsStep, type AppliedAmazonOrder } from "./steps/apply-amazon-shipment-confirmations"
import { recordAmazonTrackingPushStep } from "./steps/record-amazon-tracking-push"
import { sendAmazonTrackingPushesStep } from "./steps/send-amazon-tracking-pushes"
import type { PushSkippedReason, TrackingPushSummary, TrackingPushTrigger } from "./types"

export type PushAmazonTrackingInput = { fulfillment_id: string; trigger: TrackingPushTrigger }

export type PushAmazonTrackingResult = {
  /** The fulfillment's outbox row after this run, or null when the fulfillment needs no confirmation. */
  push: TrackingPushSummary | null
  /** True when this run recorded (and sent) the confirmation; false when it was recorded before or skipped. */
  created: boolean
  skipped_reason: PushSkippedReason | null
  /** The Amazon order's shipping state after a confirmation. */
  amazon_order: AppliedAmazonOrder | null
}

export const pushAmazonTrackingWorkflowId = "push-amazon-tracking"

/**
 * Confirms one Medusa fulfillment (its items, carrier, tracking number and ship date) to Amazon: records it in the
 * outbox, sends it at once, and mirrors Amazon's acceptance on the staged Amazon order. Safe to run any number of
 * times for the same fulfillment: only the first run records and sends; the retry job takes over failures.
 */
export const pushAmazonTrackingWorkflow = createWorkflow(pushAmazonTrackingWorkflowId, (input: PushAmazonTrackingInput) => {
  const recorded = recordAmazonTrackingPushStep(input)
  const toSend = transform({ recorded }, ({ recorded }) => ({
    push_ids: recorded.created && recorded.push?.state === "waiting" ? [recorded.push.id] : [],
  }))
  const sent = sendAmazonTrackingPushesStep(toSend)
  const applied = applyAmazonShipmentConfirmationsStep(transform({ sent }, ({ sent }) => ({ push_ids: sent.confirmed_ids })))
  captureAmazonShipmentPaymentsWorkflow.runAsStep({ input: transform({ sent }, ({ sent }) => ({ push_ids: sent.confirmed_ids })) })
  const result = transform({ recorded, sent, applied }, ({ recorded, sent, applied }): PushAmazonTrackingResult => ({
    push: sent.pushes[0] ?? recorded.push,
    created: recorded.created,
    skipped_reason: recorded.skipped_reason,
    amazon_order: applied[0] ?? null,
  }))
  return new WorkflowResponse(result)
})
