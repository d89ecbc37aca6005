import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { finishSyncRunStep } from "../sync-runs/steps/finish-sync-run"
import { startSyncRunStep } from "../sync-runs/steps/start-sync-run"
import { decideAmazonImportDueStep } from "./steps/decide-amazon-import-due"
import { importAmazonOrderPagesStep } from "./steps/import-amazon-order-pages"

export type ImportAmazonOrdersInput = {
  account_id: string
  /** schedule: the job's tick (runs only when the account's interval has passed); manual: "Sync now". */
  trigger?: "schedule" | "manual" | "test"
  /** The run "Sync now" recorded and answered with before starting this workflow in the background. */
  sync_run_id?: string | null
}

export const importAmazonOrdersWorkflowId = "import-amazon-orders"

/**
 * Imports one account's Amazon orders: decides whether the account is due, records a sync run, pages through
 * Amazon's changes under the account lock (see import-amazon-order-pages), and finishes the run with counts,
 * problems and API calls. Returns { ran: false } when the account was not due.
 */
export const importAmazonOrdersWorkflow = createWorkflow(importAmazonOrdersWorkflowId, (input: ImportAmazonOrdersInput) => {
  const normalised = transform({ input }, ({ input }) => ({
    account_id: input.account_id,
    trigger: input.trigger ?? ("manual" as const),
    sync_run_id: input.sync_run_id ?? null,
  }))
  const decision = decideAmazonImportDueStep(normalised)

  const run = when("amazon-order-import-is-due", { decision }, ({ decision }) => decision.due).then(() => {
    const started = startSyncRunStep(
      transform({ normalised }, ({ normalised }) => ({
        account_id: normalised.account_id,
        kind: "order_import" as const,
        trigger: normalised.trigger,
        sync_run_id: normalised.sync_run_id,
      }))
    )
    const outcome = importAmazonOrderPagesStep(
      transform({ normalised, started }, ({ normalised, started }) => ({
        account_id: normalised.account_id,
        sync_run_id: started.id,
        resumed: started.resumed,
      }))
    )
    return finishSyncRunStep(
      transform({ started, outcome }, ({ started, outcome }) => ({
        id: started.id,
        status: outcome.status,
        message: outcome.message,
        errors: outcome.problems,
        counts: {
          pages: outcome.pages,
          orders_seen: outcome.counts.orders_seen,
          orders_created: outcome.counts.orders_created,
          orders_updated: outcome.counts.orders_updated,
          orders_parked: outcome.counts.orders_parked,
          api_calls: outcome.api_calls,
        },
      }))
    )
  })

  const result = transform({ decision, run }, ({ decision, run }) => ({ ran: decision.due, reason: decision.reason, run: run ?? null }))
  return new WorkflowResponse(result)
})
