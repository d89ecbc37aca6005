import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"

export type StartSyncRunInput = {
  account_id: string
  kind: "connection_test" | "order_import" | "tracking_push" | "settlement_import" | "vendor_import"
  trigger?: "schedule" | "manual" | "test"
  /** A run already recorded by the caller (e.g. "Sync now" answers with it before the import starts). */
  sync_run_id?: string | null
}

export type StartedSyncRun = {
  id: string
  started_at: Date | string
  /** Earlier runs of the same account and kind whose process had gone; this run carries on their work. */
  resumed: Array<{ id: string; started_at: Date | string }>
}

export const startSyncRunStepId = "start-amazon-sync-run"

/** Records that a run began; if a later step fails, the run is kept and marked failed with the reason. */
export const startSyncRunStep = createStep(
  startSyncRunStepId,
  async (input: StartSyncRunInput, { container }) => {
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    const interrupted = await amazon.markStaleSyncRunsInterrupted({ account_id: input.account_id, kind: input.kind })
    const run = input.sync_run_id
      ? await amazon.recordSyncRunProgress(input.sync_run_id)
      : await amazon.createAmazonSyncRuns({
          account_id: input.account_id,
          kind: input.kind,
          trigger: input.trigger ?? "manual",
          status: "running",
          started_at: new Date(),
          heartbeat_at: new Date(),
        })
    const started: StartedSyncRun = {
      id: run.id,
      started_at: run.started_at,
      resumed: interrupted.filter((old) => old.id !== run.id).map((old) => ({ id: old.id, started_at: old.started_at })),
    }
    return new StepResponse(started, { id: run.id, started_at: run.started_at })
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
