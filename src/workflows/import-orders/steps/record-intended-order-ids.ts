import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"
import type { OrderImportPlan } from "./prepare-medusa-orders-from-amazon"

export const recordIntendedOrderIdsStepId = "record-intended-amazon-order-ids"

/**
 * Commits, before any Medusa order exists, the id each staged row's Medusa order will get. Whatever instant the
 * process dies at afterwards, the next run finds either no order with that id (and creates it) or the order (and
 * completes it): never a second one. Undone only when this run itself rolls the orders back.
 */
export const recordIntendedOrderIdsStep = createStep(
  recordIntendedOrderIdsStepId,
  async (orders: OrderImportPlan[], { container }) => {
    const fresh = orders.filter((order) => !order.intent_recorded && !order.exists)
    if (!fresh.length) return new StepResponse(0, [] as string[])
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    await amazon.recordIntendedOrderIds(fresh.map((order) => ({ id: order.staging_id, intended_order_id: order.order_id })))
    return new StepResponse(fresh.length, fresh.map((order) => order.staging_id))
  },
  async (stagingIds, { container }) => {
    if (!stagingIds?.length) return
    // The orders were deleted by the creation's compensation; a soft-deleted id cannot be used again.
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    await amazon.recordIntendedOrderIds(stagingIds.map((id) => ({ id, intended_order_id: null })))
  }
)
