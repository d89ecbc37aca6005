import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"

export const recordOrdersWatermarkStepId = "record-amazon-orders-watermark"

/** Where the next import of the account starts reading Amazon's changes. */
export const recordOrdersWatermarkStep = createStep(
  recordOrdersWatermarkStepId,
  async (input: { account_id: string; watermark: string | null }, { container }) => {
    if (!input.watermark) return new StepResponse(null, null)
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    const account = await amazon.retrieveAmazonAccount(input.account_id, { select: ["id", "orders_watermark"] })
    const previous = account.orders_watermark ? new Date(account.orders_watermark) : null
    if (previous && previous.getTime() === new Date(input.watermark).getTime()) return new StepResponse(input.watermark, null)
    await amazon.updateAmazonAccounts({ id: input.account_id, orders_watermark: new Date(input.watermark) })
    return new StepResponse(input.watermark, { id: input.account_id, orders_watermark: previous })
  },
  async (previous, { container }) => {
    if (!previous) return
    await container.resolve<AmazonModuleService>(AMAZON_MODULE).updateAmazonAccounts(previous)
  }
)
