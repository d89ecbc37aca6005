import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { sendVendorAcknowledgementsStep } from "./steps/send-vendor-acknowledgements"
import { pollVendorAcknowledgementResultsStep, settleStaleVendorAcknowledgementsStep } from "./steps/settle-vendor-acknowledgements"

/** A claim older than this belongs to a sender that is gone (a send takes seconds). */
export const STALE_ACKNOWLEDGEMENT_CLAIM_MS = 2 * 60 * 1000

export const processVendorAcknowledgementsWorkflowId = "process-amazon-vendor-acknowledgements"

/** The job's round: settle claims of dead senders, send what is pending, read Amazon's results. */
export const processVendorAcknowledgementsWorkflow = createWorkflow(processVendorAcknowledgementsWorkflowId, (input: { stale_after_ms?: number }) => {
  // The default is applied in a transform: in the composer `input.stale_after_ms` is a reference, never undefined.
  const staleness = transform({ input }, ({ input }) => ({ stale_after_ms: input.stale_after_ms ?? STALE_ACKNOWLEDGEMENT_CLAIM_MS }))
  const settled = settleStaleVendorAcknowledgementsStep(staleness)
  const sent = sendVendorAcknowledgementsStep({})
  const polled = pollVendorAcknowledgementResultsStep({})
  return new WorkflowResponse({ settled, sent, polled })
})
