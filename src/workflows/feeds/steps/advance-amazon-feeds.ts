import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"

export type AdvanceAmazonFeedsInput = { submission_ids?: string[] }

/**
 * One tick of the feed queue (batch, upload, createFeed, poll, record Amazon's report). No compensation: every
 * change it makes is Amazon's state mirrored, and the next tick continues from the rows.
 */
export const advanceAmazonFeedsStep = createStep("advance-amazon-feeds", async (input: AdvanceAmazonFeedsInput, { container }) => {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  return new StepResponse(await amazon.advanceFeeds(input))
})
