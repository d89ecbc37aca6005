import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"

export const sendVendorAcknowledgementsStepId = "send-amazon-vendor-acknowledgements"

/** Sends pending acknowledgements (the given ones, or all due). What Amazon received cannot be taken back: no compensation. */
export const sendVendorAcknowledgementsStep = createStep(sendVendorAcknowledgementsStepId, async (input: { ids?: string[] }, { container }) => {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  return new StepResponse(await amazon.sendPendingVendorAcknowledgements(input.ids))
})
