import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"
import { crashPoint } from "../../../utils/crash-point"
import type { CreatedMedusaOrder } from "./create-medusa-orders-from-amazon"
import type { OrderImportPlan } from "./prepare-medusa-orders-from-amazon"

export const markAmazonOrdersImportedStepId = "mark-amazon-orders-imported"

/** Staging rows say which Medusa order and line items they became; together with the link this stops a second import. */
export const markAmazonOrdersImportedStep = createStep(
  markAmazonOrdersImportedStepId,
  async (input: { created: CreatedMedusaOrder[]; prepared: OrderImportPlan[] }, { container }) => {
    crashPoint("after-reservations")
    if (!input.created.length) return new StepResponse(0, null)
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    const preparedById = new Map(input.prepared.map((order) => [order.staging_id, order]))
    const previous = await amazon.listAmazonOrders(
      { id: input.created.map((order) => order.staging_id) },
      { select: ["id", "import_state", "attention_reason"], take: null }
    )
    const itemUpdates = input.created.flatMap((order) => {
      const stagedItemIds = preparedById.get(order.staging_id)?.staged_item_ids ?? {}
      return order.line_items
        .filter((item) => stagedItemIds[item.amazon_order_item_id])
        .map((item) => ({ id: stagedItemIds[item.amazon_order_item_id], line_item_id: item.id }))
    })
    await amazon.markAmazonOrdersImported(
      input.created.map((order) => order.staging_id),
      itemUpdates
    )
    return new StepResponse(input.created.length, {
      orders: previous.map((row) => ({ id: row.id, import_state: row.import_state, attention_reason: row.attention_reason })),
      itemIds: itemUpdates.map((item) => item.id),
    })
  },
  async (previous, { container }) => {
    if (!previous) return
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    if (previous.itemIds.length) await amazon.updateAmazonOrderItems(previous.itemIds.map((id) => ({ id, line_item_id: null })))
    if (previous.orders.length) await amazon.updateAmazonOrders(previous.orders)
  }
)
