import { createOrdersStep, reserveInventoryStep } from "@medusajs/medusa/core-flows"
import { Modules } from "@medusajs/framework/utils"
import type { CreateOrderDTO } from "@medusajs/framework/types"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { crashPoint } from "../../utils/crash-point"
import { findOrCreateAmazonCustomersStep } from "../import-orders/steps/find-or-create-amazon-customers"
import { findReservedLineItemsStep } from "../import-orders/steps/find-reserved-line-items"
import { emitVendorOrderPlacedStep } from "./steps/emit-vendor-order-placed"
import { ensureAmazonVendorSalesChannelStep } from "./steps/ensure-amazon-vendor-sales-channel"
import { prepareVendorOrderStep, VENDOR_LINE_METADATA_KEY, type PreparedVendorOrder } from "./steps/prepare-vendor-order"
import { recordVendorOrderIntentStep } from "./steps/record-vendor-order-intent"

export type CreateMedusaOrderFromVendorPurchaseOrderInput = { purchase_order_id: string; acknowledgement_id: string }

type OrderItems = Array<{ id: string; quantity: number; metadata?: Record<string, unknown> | null }>

export const readVendorOrderItemsStepId = "read-amazon-vendor-order-items"

/** The order's line items (created just now, or by a run that died before finishing), to reserve stock for. */
export const readVendorOrderItemsStep = createStep(readVendorOrderItemsStepId, async (input: { order_id: string; created: boolean }, { container }) => {
  if (input.created) crashPoint("after-create-vendor-order")
  const [order] = await container.resolve(Modules.ORDER).listOrders({ id: input.order_id }, { relations: ["items"] })
  return new StepResponse(((order?.items ?? []) as any[]).map((item) => ({ id: item.id, quantity: Number(item.quantity), metadata: item.metadata ?? null })) as OrderItems)
})

/** Reservation input for core-flows' reserveInventoryStep: one per inventory item of each stocked line not reserved yet. */
export function vendorReservations(prepared: PreparedVendorOrder, items: OrderItems, alreadyReserved: string[]) {
  const reserved = new Set(alreadyReserved)
  return prepared.reservations.flatMap((reservation) => {
    const item = items.find((candidate) => candidate.metadata?.[VENDOR_LINE_METADATA_KEY] === reservation.line_id)
    if (!item || reserved.has(item.id)) return []
    return {
      id: item.id,
      variant_id: reservation.variant_id,
      inventory_item_id: reservation.inventory_item_id,
      // quantity is already in inventory units (accepted eaches × required quantity).
      required_quantity: 1,
      quantity: reservation.quantity,
      // The vendor promised Amazon these units when it accepted them; the reservation must exist whatever the count says.
      allow_backorder: true,
      location_ids: [reservation.location_id],
    }
  })
}

export const createMedusaOrderFromVendorPurchaseOrderWorkflowId = "create-medusa-order-from-amazon-vendor-purchase-order"

/**
 * The accepted quantities of a PO become one Medusa order in the "Amazon Vendor" sales channel: Amazon's buying
 * party as a (not registered) customer, lines at Amazon's cost, the ship-to party as the shipping address, no email,
 * stock reserved through core-flows' reserveInventoryStep, order.placed once. The order id is on the PO before the
 * order exists and every later step checks what exists, so a run after a crash completes a half-made order; if a
 * step fails, compensation removes the order, its reservations and the customer this run made.
 */
export const createMedusaOrderFromVendorPurchaseOrderWorkflow = createWorkflow(
  createMedusaOrderFromVendorPurchaseOrderWorkflowId,
  (input: CreateMedusaOrderFromVendorPurchaseOrderInput) => {
    const prepared = prepareVendorOrderStep(transform({ input }, ({ input }) => ({ purchase_order_id: input.purchase_order_id, acknowledgement_id: input.acknowledgement_id })))
    const salesChannelId = ensureAmazonVendorSalesChannelStep(transform({ prepared }, ({ prepared }) => ({ stock_location_ids: prepared.stock_location_ids })))
    const customerIds = findOrCreateAmazonCustomersStep(transform({ prepared }, ({ prepared }) => (prepared.exists ? [] : [prepared.customer])))
    recordVendorOrderIntentStep(transform({ prepared }, ({ prepared }) => ({ purchase_order_id: prepared.purchase_order_id, order_id: prepared.order_id, exists: prepared.exists })))
    const orderInput = transform({ prepared, salesChannelId, customerIds }, ({ prepared, salesChannelId, customerIds }): CreateOrderDTO[] =>
      prepared.exists || !prepared.draft
        ? []
        : [{ ...prepared.draft, sales_channel_id: salesChannelId, customer_id: customerIds[prepared.customer.email.toLowerCase()] } as unknown as CreateOrderDTO]
    )
    when({ orderInput }, ({ orderInput }) => orderInput.length > 0).then(() => createOrdersStep(orderInput))
    const items = readVendorOrderItemsStep(transform({ prepared }, ({ prepared }) => ({ order_id: prepared.order_id, created: !prepared.exists })))
    const reserved = findReservedLineItemsStep(transform({ prepared, items }, ({ prepared, items }) => (prepared.exists ? items.map((item) => item.id) : [])))
    reserveInventoryStep(transform({ prepared, items, reserved }, ({ prepared, items, reserved }) => ({ items: vendorReservations(prepared, items, reserved) })))
    const placed = emitVendorOrderPlacedStep(
      transform({ prepared }, ({ prepared }) => ({ purchase_order_id: prepared.purchase_order_id, order_id: prepared.order_id, placed_emitted: prepared.placed_emitted }))
    )
    return new WorkflowResponse(transform({ prepared, placed }, ({ prepared, placed }) => ({ order_id: prepared.order_id, resumed: prepared.exists, placed_emitted: placed })))
  }
)
