import { createHook, createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { AcknowledgementInput } from "../../modules/amazon/vendor/build-acknowledgement"
import { recordVendorAcknowledgementStep } from "./steps/record-vendor-acknowledgement"
import { sendVendorAcknowledgementsStep } from "./steps/send-vendor-acknowledgements"

export type AcknowledgeVendorPurchaseOrderInput = { purchase_order_id: string } & AcknowledgementInput

export const acknowledgeVendorPurchaseOrderWorkflowId = "acknowledge-amazon-vendor-purchase-order"

/**
 * The merchant's answer to a PO: checked (every line, backorders only where allowed, reasons, quantities, cost), recorded,
 * then sent once. If the process dies after recording, the processing job sends it; Amazon's result is polled by that job.
 */
export const acknowledgeVendorPurchaseOrderWorkflow = createWorkflow(acknowledgeVendorPurchaseOrderWorkflowId, (input: AcknowledgeVendorPurchaseOrderInput) => {
  const recorded = recordVendorAcknowledgementStep(input)
  const sent = sendVendorAcknowledgementsStep(transform({ recorded }, ({ recorded }) => ({ ids: [recorded.id] })))
  const acknowledgementSent = createHook("vendorAcknowledgementSent", { purchase_order_id: input.purchase_order_id, acknowledgement_id: recorded.id })
  return new WorkflowResponse(
    transform({ recorded, sent }, ({ recorded, sent }) => ({ id: recorded.id, status: sent[0]?.status ?? "pending" })),
    { hooks: [acknowledgementSent] }
  )
})
