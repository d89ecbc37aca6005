import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"

export const recordConnectionResultStepId = "record-amazon-connection-result"

export const recordConnectionResultStep = createStep(
  recordConnectionResultStepId,
  async (input: { account_id: string; ok: boolean; message: string }, { container }) => {
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    const previous = await amazon.retrieveAmazonAccount(input.account_id)
    await amazon.updateAmazonAccounts({
      id: input.account_id,
      last_connection_ok: input.ok,
      last_connection_message: input.message,
      last_connection_at: new Date(),
    })
    return new StepResponse(undefined, {
      id: previous.id,
      last_connection_ok: previous.last_connection_ok,
      last_connection_message: previous.last_connection_message,
      last_connection_at: previous.last_connection_at,
    })
  },
  async (previous, { container }) => {
    if (!previous) return
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    await amazon.updateAmazonAccounts(previous)
  }
)
