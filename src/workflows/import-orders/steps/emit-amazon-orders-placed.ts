import { Modules, OrderWorkflowEvents } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"
import { crashPoint } from "../../../utils/crash-point"
import type { CreatedMedusaOrder } from "./create-medusa-orders-from-amazon"

export const emitAmazonOrdersPlacedStepId = "emit-amazon-orders-placed"

/**
 * createOrderWorkflow is not used, so order.placed is emitted here (ERP and other subscribers of the store rely
 * on it), once per order: the emission is recorded on the staging row, and orders an earlier run emitted for are
 * left out. It is emitted at once rather than grouped with the workflow's events, because grouped events are
 * released only when the whole workflow ends, after the emission is recorded. Last step: nothing after it can
 * roll the orders back.
 */
export const emitAmazonOrdersPlacedStep = createStep(emitAmazonOrdersPlacedStepId, async (orders: CreatedMedusaOrder[], { container }) => {
  crashPoint("after-mark")
  const toEmit = orders.filter((order) => !order.placed_emitted)
  if (toEmit.length) {
    await container.resolve(Modules.EVENT_BUS).emit(toEmit.map((order) => ({ name: OrderWorkflowEvents.PLACED, data: { id: order.order_id } })))
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    await amazon.recordOrderPlacedEmitted(
      toEmit.map((order) => order.staging_id),
      new Date()
    )
  }
  crashPoint("after-emit")
  return new StepResponse(toEmit.length)
})
