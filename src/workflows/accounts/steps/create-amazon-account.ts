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
    // A Vendor Central app cannot read seller orders: its switches start on purchase orders instead.
    const vendorDefaults =
      settings.kind === "vendor"
        ? { vendor_enabled: settings.vendor_enabled ?? true, import_orders: false, import_fba: false, push_tracking: false, import_settlements: false }
        : {}
    const account = await amazon.createAmazonAccounts({
      ...(settings as any),
      ...vendorDefaults,
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
