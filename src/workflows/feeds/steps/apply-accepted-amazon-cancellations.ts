import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { cancelOrderWorkflow, updateInventoryLevelsWorkflow } from "@medusajs/medusa/core-flows"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"
import type { AcceptedCancellation } from "../../../modules/amazon/services/feed-queue"
import { crashPoint } from "../../../utils/crash-point"

export type AppliedCancellations = { cancelled_order_ids: string[]; zeroed_inventory_item_ids: string[]; failed: Array<{ id: string; error: string }> }

/**
 * What Amazon's acceptance of a cancellation means in Medusa, once per message: the staged order reads
 * CANCELLED (no shipment can be pushed for it any more), the Medusa order goes through Medusa's own
 * cancelOrderWorkflow (payment canceled, reservations released; skipped when it is cancelled already), and for
 * NoInventory with the switch on, the order's SKUs' stock is set to 0 at every location. A failure is kept on the
 * message as a sentence and retried by the next tick.
 */
export const applyAcceptedAmazonCancellationsStep = createStep(
  "apply-accepted-amazon-cancellations",
  async (input: { ids?: string[] }, { container }) => {
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    const claimed = await amazon.claimAcceptedCancellations({ stale_ms: amazon.feedTimings.lease_ms, ids: input.ids })
    const result: AppliedCancellations = { cancelled_order_ids: [], zeroed_inventory_item_ids: [], failed: [] }
    for (const cancellation of claimed) {
      try {
        await amazon.updateAmazonOrders({ id: cancellation.amazon_order_row_id, status: "CANCELLED" })
        if (cancellation.order_id && (await cancelMedusaOrder(container, cancellation))) result.cancelled_order_ids.push(cancellation.order_id)
        crashPoint("after-feed-cancel-order")
        if (cancellation.zero_stock && cancellation.cancel_reason === "NoInventory" && cancellation.order_id) {
          result.zeroed_inventory_item_ids.push(...(await zeroStockOf(container, cancellation.order_id)))
        }
        await amazon.recordCancellationApplied(cancellation.id, null)
      } catch (error) {
        const sentence = `Amazon cancelled order ${cancellation.amazon_order_id}, but Medusa could not follow: ${(error as Error).message} Fix this and the plugin tries again within a minute.`
        await amazon.recordCancellationApplied(cancellation.id, sentence)
        result.failed.push({ id: cancellation.id, error: sentence })
      }
    }
    return new StepResponse(result)
  }
)

async function cancelMedusaOrder(container: MedusaContainer, cancellation: AcceptedCancellation): Promise<boolean> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order", fields: ["id", "status"], filters: { id: cancellation.order_id! } })
  const order = data[0] as { id: string; status: string } | undefined
  if (!order || order.status === "canceled") return false
  await cancelOrderWorkflow(container).run({ input: { order_id: order.id, no_notification: true } })
  return true
}

/** Stock 0 for every inventory item of the order's variants, at every location that stocks it. */
async function zeroStockOf(container: MedusaContainer, orderId: string): Promise<string[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: ["id", "items.variant.inventory_items.inventory.id", "items.variant.inventory_items.inventory.location_levels.location_id", "items.variant.inventory_items.inventory.location_levels.stocked_quantity"],
    filters: { id: orderId },
  })
  const updates = new Map<string, { inventory_item_id: string; location_id: string; stocked_quantity: number }>()
  for (const item of (data[0] as any)?.items ?? []) {
    for (const link of item?.variant?.inventory_items ?? []) {
      const inventory = link?.inventory
      for (const level of inventory?.location_levels ?? []) {
        if (Number(level.stocked_quantity) === 0) continue
        updates.set(`${inventory.id}:${level.location_id}`, { inventory_item_id: inventory.id, location_id: level.location_id, stocked_quantity: 0 })
      }
    }
  }
  if (!updates.size) return []
  await updateInventoryLevelsWorkflow(container).run({ input: { updates: [...updates.values()] } })
  return [...new Set([...updates.values()].map((update) => update.inventory_item_id))]
}
