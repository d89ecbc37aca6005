import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { finishSyncRunStep, type FinishSyncRunInput } from "../sync-runs/steps/finish-sync-run"
import { recordVendorWatermarksStep, type VendorWatermarks } from "./steps/record-vendor-watermarks"

export const finishVendorImportWorkflowId = "finish-amazon-vendor-import"

/** Moves the PO watermarks (only after the last page) and records the run's outcome. */
export const finishVendorImportWorkflow = createWorkflow(finishVendorImportWorkflowId, (input: { watermarks: VendorWatermarks; run: FinishSyncRunInput }) => {
  recordVendorWatermarksStep(transform({ input }, ({ input }) => input.watermarks))
  return new WorkflowResponse(finishSyncRunStep(transform({ input }, ({ input }) => input.run)))
})
