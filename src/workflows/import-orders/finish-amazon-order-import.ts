import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { finishSyncRunStep, type FinishSyncRunInput } from "../sync-runs/steps/finish-sync-run"
import { recordOrdersWatermarkStep } from "./steps/record-orders-watermark"

export type FinishAmazonOrderImportInput = { account_id: string; watermark: string | null; run: FinishSyncRunInput }

export const finishAmazonOrderImportWorkflowId = "finish-amazon-order-import"

/** Moves the account's watermark (only after the last page) and records the run's outcome. */
export const finishAmazonOrderImportWorkflow = createWorkflow(finishAmazonOrderImportWorkflowId, (input: FinishAmazonOrderImportInput) => {
  recordOrdersWatermarkStep(transform({ input }, ({ input }) => ({ account_id: input.account_id, watermark: input.watermark })))
  return new WorkflowResponse(finishSyncRunStep(transform({ input }, ({ input }) => input.run)))
})
