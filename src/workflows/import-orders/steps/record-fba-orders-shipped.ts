import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CreatedMedusaOrder } from "./create-medusa-orders-from-amazon"

export const recordFbaOrdersShippedStepId = "record-fba-orders-shipped"

/**
 * FBA orders were picked, packed and shipped by Amazon from Amazon's stock. They are created completed and
 * their items are recorded as fulfilled and shipped in the order module only: no fulfillment-module record,
 * no reservation and no inventory adjustment, because the store's own stock never moved.
 * No compensation of its own: undoing the order creation deletes these order changes with the order.
 */
export const recordFbaOrdersShippedStep = createStep(recordFbaOrdersShippedStepId, async (orders: CreatedMedusaOrder[], { container }) => {
  const fbaOrders = orders.filter((order) => order.fulfillment_channel === "FBA")
  if (!fbaOrders.length) return new StepResponse(0)
  const orderModule = container.resolve(Modules.ORDER)
  for (const order of fbaOrders) {
    const items = order.line_items.map((item) => ({ id: item.id, quantity: item.quantity }))
    const common = { order_id: order.order_id, items, reference: "amazon_fba", reference_id: order.amazon_order_id }
    await orderModule.registerFulfillment({ ...common, description: "Fulfilled by Amazon (FBA)" })
    await orderModule.registerShipment({ ...common, description: "Shipped by Amazon (FBA)" })
  }
  return new StepResponse(fbaOrders.length)
})
