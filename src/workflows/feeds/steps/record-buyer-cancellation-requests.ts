import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"

/** Buyers' cancellation requests the import staged become rows of the admin's queue (once each). */
export const recordBuyerCancellationRequestsStep = createStep("record-buyer-cancellation-requests", async (_input: unknown, { container }) => {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  return new StepResponse({ recorded: await amazon.recordBuyerCancellationRequests() })
})
