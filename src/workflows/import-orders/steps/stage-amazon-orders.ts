import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type { StagingCompensation } from "../../../modules/amazon/order-import/stage-orders"
import type AmazonModuleService from "../../../modules/amazon/service"
import type { FetchedAmazonOrder, UnreadableAmazonOrder } from "../types"

export type { StageAmazonOrdersResult, StagedAmazonOrder } from "../../../modules/amazon/order-import/stage-orders"

export type StageAmazonOrdersInput = {
  account_id: string
  /** The fetched page itself, not a copy of its parts: the workflow engine copies a value for every reader. */
  page: { orders: FetchedAmazonOrder[]; unreadable: UnreadableAmazonOrder[] }
}

export const stageAmazonOrdersStepId = "stage-amazon-orders"

/** Stores the page's orders in the staging table (see the service's stageOrders); compensation puts the rows back. */
export const stageAmazonOrdersStep = createStep(
  stageAmazonOrdersStepId,
  async (input: StageAmazonOrdersInput, { container }) => {
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    const { result, compensation } = await amazon.stageOrders(input.account_id, input.page.orders, input.page.unreadable)
    return new StepResponse(result, compensation)
  },
  async (compensation: StagingCompensation | undefined, { container }) => {
    if (!compensation) return
    await container.resolve<AmazonModuleService>(AMAZON_MODULE).undoStaging(compensation)
  }
)
