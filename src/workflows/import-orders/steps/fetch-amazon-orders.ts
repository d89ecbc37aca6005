import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"
import type { ImportWindow } from "../mapping/import-window"

export type FetchAmazonOrdersInput = { account_id: string; window: ImportWindow; next_token: string | null }

export const fetchAmazonOrdersStepId = "fetch-amazon-orders"

/** Reads one page of orders changed in the window, through the account's Orders API version. Read-only. */
export const fetchAmazonOrdersStep = createStep(fetchAmazonOrdersStepId, async (input: FetchAmazonOrdersInput, { container }) => {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  return new StepResponse(await amazon.fetchOrderPage(input.account_id, { window: input.window, next_token: input.next_token }))
})
