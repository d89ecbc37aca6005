import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"

export type StartSyncRunInput = {
  account_id: string
  kind: "connection_test" | "order_import" | "tracking_push" | "settlement_import" | "vendor_import"
  trigger?: "schedule" | "manual" | "test"
}

export const startSyncRunStepId = "start-amazon-sync-run"

/** Records that a run began; if a later step fails, the run is kept and marked failed with the reason. */
export const startSyncRunStep = createStep(
  startSyncRunStepId,
  async (input: StartSyncRunInput, { container }) => {
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    const run = await amazon.createAmazonSyncRuns({
      account_id: input.account_id,
      kind: input.kind,
      trigger: input.trigger ?? "manual",
      status: "running",
      started_at: new Date(),
    })
    return new StepResponse(run, { id: run.id, started_at: run.started_at })
  },
  async (run, { container }) => {
    if (!run) return
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    const finishedAt = new Date()
    await amazon.updateAmazonSyncRuns({
      id: run.id,
      status: "failed",
      finished_at: finishedAt,
      duration_ms: finishedAt.getTime() - new Date(run.started_at).getTime(),
      message: "The run stopped because of an unexpected error; see the server log. Nothing was half-imported.",
    })
  }
)
