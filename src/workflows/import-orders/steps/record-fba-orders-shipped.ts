import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CreatedMedusaOrder } from "./create-medusa-orders-from-amazon"

export const recordFbaOrdersShippedStepId = "record-fba-orders-shipped"

/**
 * FBA orders were picked, packed and shipped by Amazon from Amazon's stock before the store ever saw them.
 * They are created completed, and here their items are marked fulfilled and shipped in one bulk update of the
 * order module. No fulfillment-module record, reservation or inventory adjustment is made: the store's own
 * stock never moved. (registerFulfillment/registerShipment would record the same quantities through two order
 * changes per order, far slower than the bulk import: `npm run bench` measures the FBA import.)
 * No compensation of its own: undoing the order creation deletes these items with the order.
 */
export const recordFbaOrdersShippedStep = createStep(recordFbaOrdersShippedStepId, async (orders: CreatedMedusaOrder[], { container }) => {
  const fbaOrders = orders.filter((order) => order.fulfillment_channel === "FBA")
  if (!fbaOrders.length) return new StepResponse(0)
  const orderModule = container.resolve(Modules.ORDER)
  await orderModule.updateOrderItem(
    fbaOrders.flatMap((order) =>
      order.line_items.map((item) => ({
        selector: { order_id: order.order_id, item_id: item.id },
        data: { fulfilled_quantity: item.quantity, shipped_quantity: item.quantity },
      }))
    ) as any
  )
  return new StepResponse(fbaOrders.length)
})
