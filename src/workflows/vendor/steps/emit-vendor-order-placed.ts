import { Modules, OrderWorkflowEvents } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"
import { crashPoint } from "../../../utils/crash-point"

export const emitVendorOrderPlacedStepId = "emit-amazon-vendor-order-placed"

/**
 * order.placed for the PO's order (the store's ERP and warehouse hooks listen to it), emitted at once and recorded on
 * the PO, as the seller import does (createOrderWorkflow is not used: it would price the lines from the store's price
 * lists, not at Amazon's cost). Left out when a run before this one emitted it. Last step: nothing after it rolls back.
 */
export const emitVendorOrderPlacedStep = createStep(emitVendorOrderPlacedStepId, async (input: { purchase_order_id: string; order_id: string; placed_emitted: boolean }, { container }) => {
  if (input.placed_emitted) return new StepResponse(false)
  crashPoint("before-emit-vendor-order-placed")
  await container.resolve(Modules.EVENT_BUS).emit({ name: OrderWorkflowEvents.PLACED, data: { id: input.order_id } })
  await container.resolve<AmazonModuleService>(AMAZON_MODULE).recordVendorOrderPlaced(input.purchase_order_id)
  return new StepResponse(true)
})
