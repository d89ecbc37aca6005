import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"
import { shippedStatus } from "../mapping/push-outcome"
import type { PackageLine } from "../mapping/shipment-package"

export type ApplyAmazonShipmentConfirmationsInput = { push_ids: string[] }

export type AppliedAmazonOrder = { amazon_order_id: string; status: string; fully_shipped: boolean }

type Previous = {
  orders: Array<{ id: string; status: string }>
  items: Array<{ id: string; quantity_shipped: number }>
}

export const applyAmazonShipmentConfirmationsStepId = "apply-amazon-shipment-confirmations"

/**
 * Mirrors confirmed packages on the staging rows: each Amazon item's quantity_shipped becomes at least the units
 * of all confirmed packages (recomputed from the outbox, so running it twice changes nothing; the next import
 * overwrites it with Amazon's own count anyway), and the Amazon order's status becomes PARTIALLY_SHIPPED or, once
 * every unit is shipped, SHIPPED — which is where the plugin keeps a Medusa order's Amazon state (reachable from
 * the order through the amazon_order link).
 */
export const applyAmazonShipmentConfirmationsStep = createStep(
  applyAmazonShipmentConfirmationsStepId,
  async (input: ApplyAmazonShipmentConfirmationsInput, { container }) => {
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    const previous: Previous = { orders: [], items: [] }
    if (input.push_ids.length === 0) return new StepResponse<AppliedAmazonOrder[], Previous>([], previous)

    const pushes = await amazon.listAmazonTrackingPushes({ id: input.push_ids, state: "confirmed" }, { select: ["amazon_order_row_id"], take: null })
    const orderRowIds = [...new Set(pushes.map((push) => push.amazon_order_row_id))]
    const applied: AppliedAmazonOrder[] = []

    for (const orderRowId of orderRowIds) {
      const [order] = await amazon.listAmazonOrders({ id: orderRowId }, { relations: ["items"], take: 1 })
      if (!order) continue
      const confirmed = await amazon.listAmazonTrackingPushes({ amazon_order_row_id: orderRowId, state: "confirmed" }, { select: ["items"], take: null })
      const unitsByItem = new Map<string, number>()
      for (const push of confirmed) {
        for (const line of (push.items as unknown as PackageLine[] | null) ?? []) {
          unitsByItem.set(line.order_item_id, (unitsByItem.get(line.order_item_id) ?? 0) + line.quantity)
        }
      }

      const items = ((order as any).items ?? []) as Array<{ id: string; order_item_id: string; quantity_ordered: number; quantity_shipped: number }>
      const itemUpdates: Array<{ id: string; quantity_shipped: number }> = []
      const after = items.map((item) => {
        const shipped = Math.min(item.quantity_ordered, Math.max(Number(item.quantity_shipped ?? 0), unitsByItem.get(item.order_item_id) ?? 0))
        if (shipped !== Number(item.quantity_shipped ?? 0)) {
          previous.items.push({ id: item.id, quantity_shipped: Number(item.quantity_shipped ?? 0) })
          itemUpdates.push({ id: item.id, quantity_shipped: shipped })
        }
        return { quantity_ordered: Number(item.quantity_ordered), quantity_shipped: shipped }
      })
      if (itemUpdates.length) await amazon.updateAmazonOrderItems(itemUpdates)

      const status = order.status === "CANCELLED" ? null : shippedStatus(after)
      if (status && status !== order.status) {
        previous.orders.push({ id: order.id, status: order.status })
        await amazon.updateAmazonOrders({ id: order.id, status })
      }
      applied.push({ amazon_order_id: order.amazon_order_id, status: status ?? order.status, fully_shipped: status === "SHIPPED" })
    }
    return new StepResponse<AppliedAmazonOrder[], Previous>(applied, previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    if (previous.items.length) await amazon.updateAmazonOrderItems(previous.items)
    for (const order of previous.orders) await amazon.updateAmazonOrders(order)
  }
)
