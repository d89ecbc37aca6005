import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"

export const recordVendorOrderInLineStepId = "record-amazon-vendor-order-in-line"

/** The PO's order now matches the acknowledgement and the PO as read when the sync began. Last step: no compensation. */
export const recordVendorOrderInLineStep = createStep(
  recordVendorOrderInLineStepId,
  async (input: { purchase_order_id: string; acknowledgement_id: string; due_at: string | null }, { container }) => {
    await container
      .resolve<AmazonModuleService>(AMAZON_MODULE)
      .recordVendorOrderInLine(input.purchase_order_id, input.acknowledgement_id, input.due_at ? new Date(input.due_at) : null)
    return new StepResponse(undefined)
  }
)
