import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"

export const deleteAmazonAccountStepId = "delete-amazon-account"

export const deleteAmazonAccountStep = createStep(
  deleteAmazonAccountStepId,
  async (id: string, { container }) => {
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    await amazon.softDeleteAmazonAccounts(id)
    return new StepResponse(id, id)
  },
  async (id, { container }) => {
    if (!id) return
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    await amazon.restoreAmazonAccounts(id)
  }
)
