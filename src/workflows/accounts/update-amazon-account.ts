import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateAmazonAccountStep } from "./steps/update-amazon-account"
import type { AmazonAccountUpdate } from "./types"

export const updateAmazonAccountWorkflow = createWorkflow(
  "update-amazon-account",
  (input: AmazonAccountUpdate & { id: string }) => {
    const account = updateAmazonAccountStep(input)
    return new WorkflowResponse(account)
  }
)
