import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import { describeForMerchant } from "../../../modules/amazon/merchant-message"
import type AmazonModuleService from "../../../modules/amazon/service"

export const importProvisionalPayoutsStepId = "import-amazon-provisional-payouts"

/**
 * Keeps what Finances shows for orders no settlement paid yet. No compensation: the rows are an upsert of what
 * Amazon shows now, and the next settlement replaces them.
 */
export const importProvisionalPayoutsStep = createStep(importProvisionalPayoutsStepId, async (input: { account_id: string }, { container }) => {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  try {
    return new StepResponse({ ...(await amazon.importProvisionalPayouts(input.account_id)), failure: null as string | null })
  } catch (error) {
    return new StepResponse({ transactions: 0, stored: 0, apiCalls: 0, failure: `Amazon's Finances transactions could not be read: ${describeForMerchant(error)}` })
  }
})
