import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"
import type { AmazonAccountUpdate } from "../types"

export const updateAmazonAccountStepId = "update-amazon-account"

export const updateAmazonAccountStep = createStep(
  updateAmazonAccountStepId,
  async ({ id, ...input }: AmazonAccountUpdate & { id: string }, { container }) => {
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    const previous = await amazon.retrieveAmazonAccount(id)
    const { lwa_client_secret, refresh_token, ...settings } = input
    // Blank secrets mean "keep the saved one": the admin never receives them, so it cannot send them back.
    const account = await amazon.updateAmazonAccounts({
      id,
      ...(settings as any),
      ...amazon.encryptSecrets({ lwa_client_secret, refresh_token }),
    })
    return new StepResponse(amazon.toPublicAccount(account), previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    const { sync_runs, created_at, updated_at, deleted_at, ...restorable } = previous as any
    await amazon.updateAmazonAccounts(restorable)
  }
)
