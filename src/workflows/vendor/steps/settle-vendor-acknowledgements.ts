import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"

export const settleStaleVendorAcknowledgementsStepId = "settle-stale-amazon-vendor-acknowledgements"

/** Claims whose sender died are settled from Amazon's PO: back to pending when nothing arrived, else recorded. */
export const settleStaleVendorAcknowledgementsStep = createStep(settleStaleVendorAcknowledgementsStepId, async (input: { stale_after_ms: number }, { container }) => {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  return new StepResponse(await amazon.resolveStaleVendorAcknowledgements(new Date(Date.now() - input.stale_after_ms)))
})

export const pollVendorAcknowledgementResultsStepId = "poll-amazon-vendor-acknowledgement-results"

/** Reads Amazon's transaction results; a result is recorded once (conditional update on "processing"). */
export const pollVendorAcknowledgementResultsStep = createStep(pollVendorAcknowledgementResultsStepId, async (input: { ids?: string[] }, { container }) => {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  return new StepResponse(await amazon.pollVendorAcknowledgementResults(input.ids))
})
