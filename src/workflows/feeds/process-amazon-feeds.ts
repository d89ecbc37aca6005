import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { advanceAmazonFeedsStep, type AdvanceAmazonFeedsInput } from "./steps/advance-amazon-feeds"
import { applyAcceptedAmazonCancellationsStep } from "./steps/apply-accepted-amazon-cancellations"
import { markRejectedAmazonRefundsStep } from "./steps/mark-rejected-amazon-refunds"
import { queueMissingAmazonRefundAdjustmentsStep } from "./steps/queue-missing-amazon-refund-adjustments"
import { recordBuyerCancellationRequestsStep } from "./steps/record-buyer-cancellation-requests"

export const processAmazonFeedsWorkflowId = "process-amazon-feeds"

/**
 * One tick of the feed queue: queues the adjustments of Medusa refunds whose process died before queueing them,
 * sends what is due (at most one feed per account per createFeed interval), polls
 * what Amazon is processing, records each message's verdict, then makes Medusa follow Amazon's acceptances (and
 * marks the Medusa refunds Amazon refused), and
 * turns buyers' cancellation requests found by the import into the admin's queue.
 * Safe to run in any number of processes at once: every row is claimed with a conditional update.
 */
export const processAmazonFeedsWorkflow = createWorkflow(processAmazonFeedsWorkflowId, (input: AdvanceAmazonFeedsInput) => {
  const swept = queueMissingAmazonRefundAdjustmentsStep(transform({ input }, () => ({})))
  const advanced = advanceAmazonFeedsStep(input)
  const applied = applyAcceptedAmazonCancellationsStep(transform({ input }, () => ({})))
  const rejectedRefunds = markRejectedAmazonRefundsStep(transform({ input }, () => ({})))
  const requests = recordBuyerCancellationRequestsStep()
  return new WorkflowResponse(
    transform({ swept, advanced, applied, rejectedRefunds, requests }, ({ swept, advanced, applied, rejectedRefunds, requests }) => ({
      ...swept,
      ...advanced,
      ...applied,
      ...rejectedRefunds,
      buyer_requests_recorded: requests.recorded,
    }))
  )
})
