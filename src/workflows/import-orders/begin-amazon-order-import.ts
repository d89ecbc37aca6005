import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { startSyncRunStep } from "../sync-runs/steps/start-sync-run"
import { decideAmazonImportDueStep } from "./steps/decide-amazon-import-due"

export type BeginAmazonOrderImportInput = {
  account_id: string
  trigger: "schedule" | "manual" | "test"
  sync_run_id: string | null
}

export const beginAmazonOrderImportWorkflowId = "begin-amazon-order-import"

/** Decides whether the account is due and, if so, records the sync run (marking runs of dead processes interrupted). */
export const beginAmazonOrderImportWorkflow = createWorkflow(beginAmazonOrderImportWorkflowId, (input: BeginAmazonOrderImportInput) => {
  const decision = decideAmazonImportDueStep(input)
  const started = when("amazon-order-import-is-due", { decision }, ({ decision }) => decision.due).then(() =>
    startSyncRunStep(
      transform({ input }, ({ input }) => ({
        account_id: input.account_id,
        kind: "order_import" as const,
        trigger: input.trigger,
        sync_run_id: input.sync_run_id,
      }))
    )
  )
  return new WorkflowResponse(
    transform({ decision, started }, ({ decision, started }) => ({ due: decision.due, reason: decision.reason, run: started ?? null }))
  )
})
