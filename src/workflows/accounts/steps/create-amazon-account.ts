import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"
import type { AmazonAccountInput } from "../types"

export const createAmazonAccountStepId = "create-amazon-account"

export const createAmazonAccountStep = createStep(
  createAmazonAccountStepId,
  async (input: AmazonAccountInput, { container }) => {
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    amazon.assertEndpointsAllowed(input)
    const { lwa_client_secret, refresh_token, ...settings } = input
    const account = await amazon.createAmazonAccounts({
      ...(settings as any),
      ...amazon.encryptSecrets({ lwa_client_secret, refresh_token }),
    })
    return new StepResponse(amazon.toPublicAccount(account), account.id)
  },
  async (accountId, { container }) => {
    if (!accountId) return
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    await amazon.deleteAmazonAccounts(accountId)
  }
)
