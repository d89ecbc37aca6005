import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"
import type { StateChange } from "./prepare-medusa-orders-from-amazon"

export const parkAmazonOrdersStepId = "park-amazon-orders"

/**
 * Records why orders will not become Medusa orders: needs_attention with a sentence saying what to fix,
 * or skipped. The rest of the page carries on without them.
 */
export const parkAmazonOrdersStep = createStep(
  parkAmazonOrdersStepId,
  async (changes: StateChange[], { container }) => {
    if (!changes.length) return new StepResponse(changes, [] as StateChange[])
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    await amazon.updateAmazonOrders(
      changes.map((change) => ({ id: change.staging_id, import_state: change.import_state, attention_reason: change.attention_reason }))
    )
    return new StepResponse(changes, changes)
  },
  async (changes, { container }) => {
    if (!changes?.length) return
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    await amazon.updateAmazonOrders(
      changes.map((change) => ({ id: change.staging_id, import_state: change.previous_state, attention_reason: change.previous_reason }))
    )
  }
)
