import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { crashPoint } from "../../../utils/crash-point"
import type { AmazonCustomerIds } from "./find-or-create-amazon-customers"
import type { OrderToCreate } from "./prepare-medusa-orders-from-amazon"

export type CreatedMedusaOrder = {
  staging_id: string
  amazon_order_id: string
  order_id: string
  fulfillment_channel: "FBM" | "FBA"
  /** Medusa line item per Amazon order item. */
  line_items: Array<{ id: string; amazon_order_item_id: string; quantity: number }>
  /** The amazon_order ↔ order link exists already (an earlier run made it before its process died). */
  linked: boolean
  /** An earlier run created it and died before finishing; this run completes it. */
  resumed: boolean
  /** order.placed was emitted for it already. */
  placed_emitted: boolean
}

type OrderWithItems = { id: string; items?: Array<{ id: string; quantity: unknown; metadata?: unknown }> | null }

export const createMedusaOrdersFromAmazonStepId = "create-medusa-orders-from-amazon"

/**
 * Creates the whole page's ready orders in ONE call to the order module, each with the id stored on its staging
 * row beforehand, so the call is all-or-nothing and a run after a crash recognises its own orders. Orders an
 * earlier run created are read back instead. The bulk call is where import speed comes from (see `npm run bench`);
 * createOrderWorkflow would also recompute tax with the store's tax provider, which must not happen: Amazon
 * collected the tax.
 */
export const createMedusaOrdersFromAmazonStep = createStep(
  createMedusaOrdersFromAmazonStepId,
  async (input: { orders: OrderToCreate[]; customer_ids: AmazonCustomerIds }, { container }) => {
    if (!input.orders.length) return new StepResponse([] as CreatedMedusaOrder[], [] as string[])
    const orderModule = container.resolve(Modules.ORDER)
    const toCreate = input.orders.filter((order) => !order.exists && order.draft)
    const toComplete = input.orders.filter((order) => order.exists)

    crashPoint("before-create-orders")
    const created: OrderWithItems[] = toCreate.length
      ? await orderModule.createOrders(
          toCreate.map(({ draft, order_id }) => {
            const customerId = draft!.email ? input.customer_ids[draft!.email.toLowerCase()] : undefined
            return { ...draft, id: order_id, ...(customerId ? { customer_id: customerId } : {}) } as any
          })
        )
      : []
    crashPoint("after-create-orders")
    const completed: OrderWithItems[] = toComplete.length
      ? await orderModule.listOrders({ id: toComplete.map((order) => order.order_id) }, { relations: ["items"], take: null })
      : []

    const byId = new Map([...created, ...completed].map((order) => [order.id, order]))
    const result: CreatedMedusaOrder[] = [...toCreate, ...toComplete].map((order) => ({
      staging_id: order.staging_id,
      amazon_order_id: order.amazon_order_id,
      order_id: order.order_id,
      fulfillment_channel: order.fulfillment_channel,
      resumed: order.exists,
      linked: order.linked,
      placed_emitted: order.placed_emitted,
      line_items: (byId.get(order.order_id)?.items ?? []).map((item) => ({
        id: item.id,
        amazon_order_item_id: (item.metadata as Record<string, unknown>)?.amazon_order_item_id as string,
        quantity: Number(item.quantity),
      })),
    }))
    return new StepResponse(result, created.map((order) => order.id))
  },
  async (orderIds, { container }) => {
    if (!orderIds?.length) return
    await container.resolve(Modules.ORDER).deleteOrders(orderIds)
  }
)
