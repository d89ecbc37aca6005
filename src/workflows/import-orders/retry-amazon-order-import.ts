import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { retryAmazonOrderImportStep } from "./steps/retry-amazon-order-import"

/** id: the staged amazon_order row (prefix amzord_), as listed in admin. */
export type RetryAmazonOrderImportInput = { id: string }

export const retryAmazonOrderImportWorkflowId = "retry-amazon-order-import"

export const retryAmazonOrderImportWorkflow = createWorkflow(retryAmazonOrderImportWorkflowId, (input: RetryAmazonOrderImportInput) => {
  return new WorkflowResponse(retryAmazonOrderImportStep(input))
})
