import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteAmazonAccountStep } from "./steps/delete-amazon-account"

export const deleteAmazonAccountWorkflow = createWorkflow("delete-amazon-account", (input: { id: string }) => {
  const id = deleteAmazonAccountStep(input.id)
  return new WorkflowResponse(id)
})
