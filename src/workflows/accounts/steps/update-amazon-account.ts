import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"
import { sameEndpoint } from "../../../modules/amazon/endpoint-policy"
import type { AmazonAccountUpdate } from "../types"

export const updateAmazonAccountStepId = "update-amazon-account"

export const updateAmazonAccountStep = createStep(
  updateAmazonAccountStepId,
  async ({ id, ...input }: AmazonAccountUpdate & { id: string }, { container }) => {
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    const previous = await amazon.retrieveAmazonAccount(id)
    amazon.assertEndpointsAllowed(input)
    const { lwa_client_secret, refresh_token, ...settings } = input
    // Saved secrets were given for the saved endpoints: whoever points the account elsewhere must know them, or
    // the secrets would be sent to a URL of their choosing. An empty ciphertext reads as "no saved credentials".
    const endpointChanged =
      ("api_endpoint" in input && !sameEndpoint(input.api_endpoint, previous.api_endpoint)) ||
      ("token_endpoint" in input && !sameEndpoint(input.token_endpoint, previous.token_endpoint))
    const clearedSecrets = endpointChanged ? { lwa_client_secret_encrypted: "", refresh_token_encrypted: "" } : {}
    // Blank secrets mean "keep the saved one": the admin never receives them, so it cannot send them back.
    const account = await amazon.updateAmazonAccounts({
      id,
      ...(settings as any),
      ...clearedSecrets,
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
