import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { startSyncRunStep } from "../sync-runs/steps/start-sync-run"
import { finishSyncRunStep } from "../sync-runs/steps/finish-sync-run"
import { checkAmazonConnectionStep } from "./steps/check-amazon-connection"
import { recordConnectionResultStep } from "./steps/record-connection-result"

export type TestAmazonConnectionInput = { account_id: string; trigger?: "manual" | "schedule" | "test" }

export const testAmazonConnectionWorkflow = createWorkflow(
  "test-amazon-connection",
  (input: TestAmazonConnectionInput) => {
    const run = startSyncRunStep({ account_id: input.account_id, kind: "connection_test", trigger: input.trigger })
    const check = checkAmazonConnectionStep({ account_id: input.account_id })
    recordConnectionResultStep(
      transform({ input, check }, ({ input, check }) => ({ account_id: input.account_id, ...check }))
    )
    const finished = finishSyncRunStep(
      transform({ run, check }, ({ run, check }) => ({
        id: run.id,
        status: check.ok ? ("succeeded" as const) : ("failed" as const),
        message: check.message,
        errors: check.ok ? [] : [{ message: check.message }],
      }))
    )
    return new WorkflowResponse(finished)
  }
)
