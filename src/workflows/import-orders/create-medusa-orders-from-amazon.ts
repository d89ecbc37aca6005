import { createRemoteLinkStep, reserveInventoryStep } from "@medusajs/medusa/core-flows"
import { Modules } from "@medusajs/framework/utils"
import { createHook, createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../modules/amazon"
import { createAmazonOrderPaymentsStep } from "./steps/create-amazon-order-payments"
import { createMedusaOrdersFromAmazon, type CreatedMedusaOrder } from "./steps/create-medusa-orders-from-amazon"
import { emitAmazonOrdersPlacedStep } from "./steps/emit-amazon-orders-placed"
import { findReservedLineItemsStep } from "./steps/find-reserved-line-items"
import { recordIntendedOrderIdsStep } from "./steps/record-intended-order-ids"
import { findOrCreateAmazonCustomersStep } from "./steps/find-or-create-amazon-customers"
import { markAmazonOrdersImportedStep } from "./steps/mark-amazon-orders-imported"
import { parkAmazonOrdersStep } from "./steps/park-amazon-orders"
import { importPlansOf, prepareMedusaOrdersFromAmazonStep, type OrderImportPlan } from "./steps/prepare-medusa-orders-from-amazon"
import { ensureAmazonFbaLocationStep } from "./steps/ensure-amazon-fba-location"
import { recordAmazonShipmentsAtImportStep } from "./steps/record-amazon-shipments-at-import"
import { refreshOrderTableStatisticsStep } from "./steps/refresh-order-table-statistics"

export type CreateMedusaOrdersFromAmazonInput = {
  account_id: string
  staging_ids: string[]
  /** Passed on untouched to the amazonOrdersCreated hook, as Medusa's own workflows pass theirs. */
  additional_data?: Record<string, unknown>
}

/** What the amazonOrdersCreated hook receives: one entry per Medusa order this run completed. */
export type AmazonOrdersCreatedHookInput = {
  orders: Array<{ order_id: string; amazon_order_id: string; account_id: string; fulfillment_channel: "FBM" | "FBA" }>
  additional_data?: Record<string, unknown>
}

export const createMedusaOrdersFromAmazonWorkflowId = "create-medusa-orders-from-amazon"

/** Reservation input for core-flows' reserveInventoryStep, one per inventory item of each FBM line. */
export function reservationsFor(created: CreatedMedusaOrder[], prepared: OrderImportPlan[], alreadyReserved: string[] = []) {
  const preparedById = new Map(prepared.map((order) => [order.staging_id, order]))
  const reserved = new Set(alreadyReserved)
  return created.flatMap((order) => {
    const reservations = preparedById.get(order.staging_id)?.reservations ?? []
    return reservations.flatMap((reservation) => {
      const lineItem = order.line_items.find((item) => item.amazon_order_item_id === reservation.amazon_order_item_id)
      // One reservation set per order: a run that died after reserving has made these already.
      if (!lineItem || reserved.has(lineItem.id)) return []
      return {
        id: lineItem.id,
        variant_id: reservation.variant_id,
        inventory_item_id: reservation.inventory_item_id,
        // quantity is already in inventory units (order quantity × required quantity).
        required_quantity: 1,
        quantity: Number(reservation.quantity),
        // Amazon has sold the unit already: the reservation must exist even if the store's count says none is left.
        allow_backorder: true,
        location_ids: [reservation.location_id],
      }
    })
  })
}

/**
 * Turns staged Amazon orders into Medusa orders, a whole page at a time: one variant lookup, one bulk order
 * creation, bulk links and reservations, fulfilments for what had shipped already, one order.placed emit for all of them. Orders that cannot be created
 * are parked with a reason and do not stop the others. If anything fails, compensation removes every order,
 * customer, link and reservation this run made. Each order's id is committed on its staging row before the
 * creation, and every later effect checks what exists, so a run after a crash completes half-made orders.
 *
 * Hook `amazonOrdersCreated` runs once the orders are complete (links, reservations, payments, staging rows
 * marked) and before order.placed is emitted, which is where Medusa's own workflows put theirs in effect: their
 * events are released only when the workflow, hook included, has succeeded. So a handler that throws rolls the
 * page back like any failing step (its orders are removed, no order.placed goes out, the sync run fails with the
 * handler's message) and the next run imports the orders again. A run that resumes an order an earlier run left
 * unfinished passes it again unless order.placed was already emitted for it: a handler must expect an order twice.
 */
export const createMedusaOrdersFromAmazonWorkflow = createWorkflow(
  createMedusaOrdersFromAmazonWorkflowId,
  (input: CreateMedusaOrdersFromAmazonInput) => {
    const prepared = prepareMedusaOrdersFromAmazonStep(input)
    const preparation = transform({ prepared }, ({ prepared }) => ({
      state_changes: prepared.state_changes,
      parked: prepared.parked,
      to_cancel: prepared.to_cancel,
    }))
    parkAmazonOrdersStep(transform({ preparation }, ({ preparation }) => preparation.state_changes))

    const plans = transform({ prepared }, ({ prepared }) => importPlansOf(prepared.to_create))
    const customersToFind = transform({ plans }, ({ plans }) =>
      plans.map((order) => order.customer).filter((customer): customer is NonNullable<typeof customer> => !!customer)
    )
    const customerIds = findOrCreateAmazonCustomersStep(customersToFind)
    recordIntendedOrderIdsStep(plans)
    refreshOrderTableStatisticsStep(transform({ plans }, ({ plans }) => ({ orders_to_create: plans.length })))
    const created = createMedusaOrdersFromAmazon(prepared, plans, customerIds)

    const links = transform({ created }, ({ created }) =>
      created.filter((order) => !order.linked).map((order) => ({
        [AMAZON_MODULE]: { amazon_order_id: order.staging_id },
        [Modules.ORDER]: { order_id: order.order_id },
      }))
    )
    createRemoteLinkStep(links)
    const reserved = findReservedLineItemsStep(
      transform({ created }, ({ created }) => created.filter((order) => order.resumed).flatMap((order) => order.line_items.map((item) => item.id)))
    )
    const reservations = transform({ created, plans, reserved }, ({ created, plans, reserved }) => ({
      items: reservationsFor(created, plans, reserved),
    }))
    reserveInventoryStep(reservations)
    const payments = createAmazonOrderPaymentsStep({ created, prepared: plans })
    const fbaLocationId = ensureAmazonFbaLocationStep(
      transform({ created }, ({ created }) => ({ needed: created.some((order) => order.fulfillment_channel === "FBA") }))
    )
    recordAmazonShipmentsAtImportStep({ created, prepared: plans, fba_location_id: fbaLocationId })
    markAmazonOrdersImportedStep({ created, prepared: plans })

    const hookOrders = transform({ input, created }, ({ input, created }) =>
      created
        .filter((order) => !order.placed_emitted)
        .map((order) => ({ order_id: order.order_id, amazon_order_id: order.amazon_order_id, account_id: input.account_id, fulfillment_channel: order.fulfillment_channel }))
    )
    const amazonOrdersCreated = when("amazon-orders-created-hook-has-orders", { hookOrders }, ({ hookOrders }) => hookOrders.length > 0).then(() =>
      createHook("amazonOrdersCreated", { orders: hookOrders, additional_data: input.additional_data } as AmazonOrdersCreatedHookInput)
    )

    emitAmazonOrdersPlacedStep(created)

    const result = transform({ preparation, created, payments }, ({ preparation, created, payments }) => ({
      payments,
      created: created.map((order) => ({ amazon_order_id: order.amazon_order_id, order_id: order.order_id })),
      parked: preparation.parked,
      skipped: preparation.state_changes.filter((change) => change.import_state === "skipped").map((change) => change.amazon_order_id),
      to_cancel: preparation.to_cancel,
    }))
    return new WorkflowResponse(result, { hooks: [amazonOrdersCreated] })
  }
)
