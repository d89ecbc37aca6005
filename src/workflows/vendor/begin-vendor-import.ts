import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { startSyncRunStep } from "../sync-runs/steps/start-sync-run"

export const beginVendorImportWorkflowId = "begin-amazon-vendor-import"

/** Records the vendor import's sync run (marking runs of dead processes interrupted). */
export const beginVendorImportWorkflow = createWorkflow(
  beginVendorImportWorkflowId,
  (input: { account_id: string; trigger: "schedule" | "manual" | "test"; sync_run_id: string | null }) =>
    new WorkflowResponse(startSyncRunStep({ account_id: input.account_id, kind: "vendor_import", trigger: input.trigger, sync_run_id: input.sync_run_id }))
)
