import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import { describeForMerchant } from "../../../modules/amazon/merchant-message"
import type AmazonModuleService from "../../../modules/amazon/service"
import type { SettlementImportResult } from "../../../modules/amazon/settlements/import-settlement-reports"

export const importSettlementReportsStepId = "import-amazon-settlement-reports"

/**
 * Imports the account's new settlement reports. No compensation: each report is stored in its own transaction,
 * whole or not at all, and a stored settlement is Amazon's closing truth that a later failure must not undo.
 */
export const importSettlementReportsStep = createStep(importSettlementReportsStepId, async (input: { account_id: string }, { container }) => {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  try {
    return new StepResponse<SettlementImportResult & { failure: string | null }>({ ...(await amazon.importSettlementReports(input.account_id)), failure: null })
  } catch (error) {
    // Listing the reports failed (credentials, Amazon unreachable): the run says so, the next run tries again.
    return new StepResponse({ outcomes: [], problems: [], apiCalls: 0, failure: `Amazon's settlement reports could not be listed: ${describeForMerchant(error)}` })
  }
})
