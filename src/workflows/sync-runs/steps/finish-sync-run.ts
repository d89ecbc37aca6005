import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"

export type SyncRunError = { message: string; amazon_order_id?: string }

export type FinishSyncRunInput = {
  id: string
  status: "succeeded" | "partial" | "failed"
  message: string
  errors?: SyncRunError[]
  counts?: {
    pages?: number
    orders_seen?: number
    orders_created?: number
    orders_updated?: number
    orders_parked?: number
    api_calls?: number
  }
}

export const finishSyncRunStepId = "finish-amazon-sync-run"

export const finishSyncRunStep = createStep(finishSyncRunStepId, async (input: FinishSyncRunInput, { container }) => {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  const run = await amazon.retrieveAmazonSyncRun(input.id)
  const finishedAt = new Date()
  const updated = await amazon.updateAmazonSyncRuns({
    id: input.id,
    status: input.status,
    message: input.message,
    errors: { items: input.errors ?? [] },
    finished_at: finishedAt,
    duration_ms: finishedAt.getTime() - new Date(run.started_at).getTime(),
    ...(input.counts ?? {}),
  })
  return new StepResponse(updated)
})
