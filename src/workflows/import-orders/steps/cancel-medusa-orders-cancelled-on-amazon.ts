import { cancelOrderWorkflow } from "@medusajs/medusa/core-flows"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { describeForMerchant } from "../../../modules/amazon/merchant-message"
import type { ImportProblem } from "../types"
import type { OrderToCancel } from "./prepare-medusa-orders-from-amazon"

export const cancelMedusaOrdersCancelledOnAmazonStepId = "cancel-medusa-orders-cancelled-on-amazon"

/**
 * Amazon cancelled orders that were already imported: cancel them in Medusa too (core-flows releases their
 * reservations). Each runs on its own, so one order that cannot be cancelled (e.g. already fulfilled) is
 * reported and does not hold back the others. A cancellation cannot be undone, so there is no compensation.
 */
export const cancelMedusaOrdersCancelledOnAmazonStep = createStep(
  cancelMedusaOrdersCancelledOnAmazonStepId,
  async (orders: OrderToCancel[], { container }) => {
    const cancelled: string[] = []
    const problems: ImportProblem[] = []
    for (const order of orders) {
      try {
        await cancelOrderWorkflow(container).run({ input: { order_id: order.order_id, no_notification: true } })
        cancelled.push(order.order_id)
      } catch (error) {
        problems.push({
          amazon_order_id: order.amazon_order_id,
          message: `Amazon cancelled this order, but its Medusa order could not be cancelled: ${describeForMerchant(error)} Cancel it by hand (cancel its fulfillments first).`,
        })
      }
    }
    return new StepResponse({ cancelled, problems })
  }
)
