import { MedusaContextType, MessageAggregator, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse, transform, when, type WorkflowData } from "@medusajs/framework/workflows-sdk"
import type { Context, CreateOrderDTO, IOrderModuleService } from "@medusajs/framework/types"
import { crashPoint } from "../../../utils/crash-point"
import type { AmazonCustomerIds } from "./find-or-create-amazon-customers"
import type { OrderImportPlan, PreparedMedusaOrders } from "./prepare-medusa-orders-from-amazon"

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

export const beforeCreateAmazonOrdersStepId = "before-create-amazon-orders"

/** Only marks the instant before the order module is called, for the crash tests. */
export const beforeCreateAmazonOrdersStep = createStep(beforeCreateAmazonOrdersStepId, async (orderCount: number) => {
  if (orderCount) crashPoint("before-create-orders")
  return new StepResponse(undefined)
})

export const createAmazonOrdersStepId = "create-amazon-orders"

/** The order module's bulk creation without the read-back its public createOrders adds. */
type OrderModuleWithBulkCreation = IOrderModuleService & {
  createOrders_?: (data: CreateOrderDTO[], sharedContext: Context & { messageAggregator: MessageAggregator }) => Promise<Array<{ id: string }>>
}

/**
 * Creates the page's orders in one call to the order module, as core-flows' createOrdersStep does, and deletes
 * them again on compensation, as it does. Ours because createOrdersStep returns the created orders read back with
 * eleven relations, which nothing in the import reads (every id was chosen beforehand) and which is a large share
 * of a page's import time (see `npm run bench`). The order module's own bulk creation does the work; should a
 * Medusa version no longer have it, the public createOrders is used and only that speed is lost.
 */
export const createAmazonOrdersStep = createStep(
  createAmazonOrdersStepId,
  async (orders: CreateOrderDTO[], { container, context }) => {
    const orderModule: OrderModuleWithBulkCreation = container.resolve(Modules.ORDER)
    if (typeof orderModule.createOrders_ !== "function") {
      const ids = (await orderModule.createOrders(orders)).map((order) => order.id)
      return new StepResponse(ids, ids)
    }
    // The context a step's module call gets from Medusa (the workflow's, so events join its event group), plus the
    // aggregator the public createOrders adds to collect the entity events.
    const { manager: _manager, transactionManager: _transactionManager, ...workflowContext } = context
    const messageAggregator = new MessageAggregator()
    const sharedContext = { ...workflowContext, __type: MedusaContextType, messageAggregator } as Context & { messageAggregator: MessageAggregator }
    const ids = (await orderModule.createOrders_(orders, sharedContext)).map((order) => order.id)
    // The entity events (order.order.created and the like, which Medusa's Index module follows) the public createOrders
    // emits once its creation has succeeded, emitted the same way.
    const eventBus = container.resolve(Modules.EVENT_BUS)
    for (const messages of Object.values(messageAggregator.getMessages())) {
      if (messages.length) await eventBus.emit(messages, { internal: true })
    }
    return new StepResponse(ids, ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    await container.resolve(Modules.ORDER).deleteOrders(ids)
  }
)

export const readResumedAmazonOrdersStepId = "read-resumed-amazon-orders"

/** The orders an earlier run created and died before finishing, with their line items, so this run completes them. */
export const readResumedAmazonOrdersStep = createStep(
  readResumedAmazonOrdersStepId,
  async (input: { order_ids: string[]; order_count: number }, { container }) => {
    if (input.order_count) crashPoint("after-create-orders")
    if (!input.order_ids.length) return new StepResponse([] as OrderWithItems[])
    const orders = await container.resolve(Modules.ORDER).listOrders({ id: input.order_ids }, { relations: ["items"], take: null })
    return new StepResponse(orders as OrderWithItems[])
  }
)

/**
 * Creates the whole page's ready orders with createAmazonOrdersStep: ONE call to the order module (its
 * compensation deletes them), each with the id stored on its staging row beforehand, so the call is all-or-nothing
 * and a run after a crash recognises its own orders. Orders an earlier run created are read back instead. The
 * bulk call is where import speed comes from (see `npm run bench`); createOrderWorkflow would also recompute tax
 * with the store's tax provider, which must not happen: Amazon collected the tax.
 * Called inside the workflow's composition: it composes steps, it is not one.
 */
export function createMedusaOrdersFromAmazon(
  prepared: WorkflowData<PreparedMedusaOrders>,
  plans: WorkflowData<OrderImportPlan[]>,
  customerIds: WorkflowData<AmazonCustomerIds>
) {
  // Only this transform reads the drafts: the workflow engine copies a value for every reader.
  const orderInput = transform({ prepared, customerIds }, ({ prepared, customerIds }): CreateOrderDTO[] =>
    prepared.to_create
      .filter((order) => !order.exists && order.draft)
      .map(({ draft, order_id }) => {
        const customerId = draft!.email ? customerIds[draft!.email.toLowerCase()] : undefined
        return { ...draft, id: order_id, ...(customerId ? { customer_id: customerId } : {}) } as unknown as CreateOrderDTO
      })
  )
  const orderCount = transform({ plans }, ({ plans }) => plans.length)
  beforeCreateAmazonOrdersStep(orderCount)
  when({ orderInput }, ({ orderInput }) => orderInput.length > 0).then(() => createAmazonOrdersStep(orderInput))
  const resumed = readResumedAmazonOrdersStep(
    transform({ plans, orderCount }, ({ plans, orderCount }) => ({
      order_ids: plans.filter((order) => order.exists).map((order) => order.order_id),
      order_count: orderCount,
    }))
  )
  return transform({ plans, resumed }, ({ plans, resumed }): CreatedMedusaOrder[] => {
    const resumedById = new Map(resumed.map((order) => [order.id, order]))
    const toCreate = plans.filter((order) => !order.exists)
    const toComplete = plans.filter((order) => order.exists)
    return [...toCreate, ...toComplete].map((order) => ({
      staging_id: order.staging_id,
      amazon_order_id: order.amazon_order_id,
      order_id: order.order_id,
      fulfillment_channel: order.fulfillment_channel,
      resumed: order.exists,
      linked: order.linked,
      placed_emitted: order.placed_emitted,
      line_items: order.exists
        ? (resumedById.get(order.order_id)?.items ?? []).map((item) => ({
            id: item.id,
            amazon_order_item_id: (item.metadata as Record<string, unknown>)?.amazon_order_item_id as string,
            quantity: Number(item.quantity),
          }))
        : order.line_items,
    }))
  })
}
