import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createAmazonAccountStep } from "./steps/create-amazon-account"
import type { AmazonAccountInput } from "./types"

export const createAmazonAccountWorkflow = createWorkflow("create-amazon-account", (input: AmazonAccountInput) => {
  const account = createAmazonAccountStep(input)
  return new WorkflowResponse(account)
})
