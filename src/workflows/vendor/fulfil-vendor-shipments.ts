import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createOrderFulfillmentWorkflow, createOrderShipmentWorkflow } from "@medusajs/medusa/core-flows"
import { AMAZON_MODULE } from "../../modules/amazon"
import { describeForMerchant } from "../../modules/amazon/merchant-message"
import type AmazonModuleService from "../../modules/amazon/service"
import type { ClaimedShipmentFulfillment } from "../../modules/amazon/vendor/shipments/shipment-fulfillments"
import { crashPoint } from "../../utils/crash-point"
import { VENDOR_LINE_METADATA_KEY } from "./steps/prepare-vendor-order"

/** Metadata key on a Medusa fulfilment: the vendor shipment (ASN) it records, so a second run finds it instead of writing another. */
export const VENDOR_SHIPMENT_METADATA_KEY = "amazon_vendor_shipment_id"

/** A fulfilment claim older than this belongs to a worker that is gone (writing one takes seconds). */
export const STALE_FULFILLMENT_CLAIM_MS = 2 * 60 * 1000

export type VendorShipmentFulfilmentOutcome = { intent_id: string; order_id: string; outcome: "fulfilled" | "found" | "waiting"; fulfillment_id: string | null; note: string }

/**
 * The quantities of shipments Amazon accepted become fulfilments of their POs' Medusa orders, through Medusa's own
 * createOrderFulfillmentWorkflow (reservations consumed, stock taken from the location the order reserved at) and
 * createOrderShipmentWorkflow (the BOL or the cartons' tracking numbers as labels). One accepted ASN is one physical
 * shipment, so a refused ASN that is rebuilt and accepted fulfils once. Exactly once per shipment + PO: the intent is
 * recorded first, claimed by one worker, and a worker taking over a dead one's claim finds the fulfilment by its
 * metadata before writing anything. The loop lives here because a workflow cannot loop; each effect is a workflow.
 */
export async function fulfilVendorShipments(
  container: MedusaContainer,
  input: { shipment_ids?: string[]; stale_after_ms?: number; wait_seconds?: number } = {}
): Promise<VendorShipmentFulfilmentOutcome[]> {
  // One sweep at a time: claims already keep two sweeps off one intent, and this keeps a process from running two
  // Medusa fulfilment workflows at once, so a process that dies leaves at most one of them half-way.
  let swept = false
  try {
    return await container.resolve(Modules.LOCKING).execute(
      FULFILMENT_SWEEP_LOCK,
      () => {
        swept = true
        return sweep(container, input)
      },
      { timeout: input.wait_seconds ?? 5 }
    )
  } catch (error) {
    // Another sweep holds the lock: it does this work.
    if (!swept) return []
    throw error
  }
}

export const FULFILMENT_SWEEP_LOCK = "amazon-vendor-shipment-fulfilments"

async function sweep(container: MedusaContainer, input: { shipment_ids?: string[]; stale_after_ms?: number }): Promise<VendorShipmentFulfilmentOutcome[]> {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  await amazon.recordVendorShipmentFulfillmentIntents()
  const claimed = await amazon.claimVendorShipmentFulfillments(new Date(Date.now() - (input.stale_after_ms ?? STALE_FULFILLMENT_CLAIM_MS)), input.shipment_ids)
  const outcomes: VendorShipmentFulfilmentOutcome[] = []
  for (const intent of claimed) {
    try {
      outcomes.push(await fulfilOne(container, intent))
    } catch (error) {
      const note = `The shipped quantities could not become a fulfilment of the order yet: ${describeForMerchant(error)}`
      await amazon.releaseVendorShipmentFulfillment(intent.id, intent.claim_token, note)
      logger.warn(`Amazon vendor shipment ${intent.shipment_id}, order ${intent.order_id}: ${(error as Error)?.message ?? error}`)
      outcomes.push({ intent_id: intent.id, order_id: intent.order_id, outcome: "waiting", fulfillment_id: null, note })
    }
  }
  return outcomes
}

type OrderForFulfilment = {
  id: string
  display_id: number
  items: Array<{ id: string; quantity: number; metadata?: Record<string, unknown> | null; detail?: { quantity?: number; fulfilled_quantity?: number } | null }>
  shipping_methods?: Array<{ shipping_option_id?: string | null }>
  fulfillments?: Array<{ id: string; metadata?: Record<string, unknown> | null; shipped_at?: string | Date | null; canceled_at?: string | Date | null; items?: Array<{ line_item_id: string; quantity: number }> }>
}

async function readOrder(container: MedusaContainer, orderId: string): Promise<OrderForFulfilment | undefined> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "display_id",
      "items.id",
      "items.quantity",
      "items.metadata",
      "items.detail.quantity",
      "items.detail.fulfilled_quantity",
      "shipping_methods.shipping_option_id",
      "fulfillments.id",
      "fulfillments.metadata",
      "fulfillments.shipped_at",
      "fulfillments.canceled_at",
      "fulfillments.items.line_item_id",
      "fulfillments.items.quantity",
    ],
    filters: { id: orderId },
  })
  return data[0] as unknown as OrderForFulfilment | undefined
}

function shipmentLabels(shipment: any) {
  const labelUrl = `/admin/amazon/vendor/shipments/${shipment.id}/labels.pdf`
  const trackingNumbers: string[] = ((shipment.contents?.cartons ?? []) as any[]).map((carton) => carton.tracking_number).filter(Boolean)
  const numbers = trackingNumbers.length ? trackingNumbers : [shipment.bill_of_lading_number || shipment.shipment_identifier]
  return numbers.map((tracking_number) => ({ tracking_number, tracking_url: "", label_url: labelUrl }))
}

async function fulfilOne(container: MedusaContainer, intent: ClaimedShipmentFulfillment): Promise<VendorShipmentFulfilmentOutcome> {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  const shipment = (await amazon.retrieveAmazonVendorShipment(intent.shipment_id)) as any
  const po = (await amazon.retrieveAmazonVendorPurchaseOrder(intent.purchase_order_id, { relations: ["lines", "account"] })) as any
  let order = await readOrder(container, intent.order_id)
  // The PO names its order before the order is made: a missing one is not made yet (or was deleted).
  if (!order) throw new Error(`Purchase order ${po.purchase_order_number} has no Medusa order ${intent.order_id} (yet); its page says why.`)
  const done = async (outcome: "fulfilled" | "found", fulfillmentId: string | null, note: string) => {
    await amazon.finishVendorShipmentFulfillment(intent.id, intent.claim_token, fulfillmentId, note)
    return { intent_id: intent.id, order_id: order!.id, outcome, fulfillment_id: fulfillmentId, note }
  }
  const live = (order.fulfillments ?? []).filter((fulfillment) => !fulfillment.canceled_at)
  let fulfillment = live.find((candidate) => candidate.metadata?.[VENDOR_SHIPMENT_METADATA_KEY] === shipment.id)
  const found = !!fulfillment

  if (!fulfillment) {
    const lineIdBySequence = new Map<string, string>((po.lines ?? []).map((line: any) => [String(line.item_sequence_number), line.id]))
    const shippedHere = ((shipment.line_quantities ?? []) as Array<{ purchase_order_number: string; item_sequence_number: string; quantity: number }>).filter(
      (entry) => entry.purchase_order_number === po.purchase_order_number
    )
    const items: Array<{ id: string; quantity: number }> = []
    const short: string[] = []
    for (const entry of shippedHere) {
      const lineId = lineIdBySequence.get(String(entry.item_sequence_number))
      const item = order.items.find((candidate) => candidate.metadata?.[VENDOR_LINE_METADATA_KEY] === lineId)
      // The order item's quantities live on its detail (order_item); the line item's own may not be selected.
      const open = item ? Number(item.detail?.quantity ?? item.quantity ?? 0) - Number(item.detail?.fulfilled_quantity ?? 0) : 0
      const quantity = Math.min(entry.quantity, Math.max(open, 0))
      if (quantity < entry.quantity) short.push(`line ${entry.item_sequence_number}: ${entry.quantity} shipped, ${Math.max(open, 0)} left on the order`)
      if (item && quantity > 0) items.push({ id: item.id, quantity })
    }
    if (!items.length) {
      return await done("fulfilled", null, `Nothing of shipment ${shipment.shipment_identifier} is left to fulfil on order #${order.display_id} (${short.join("; ") || "no line of this purchase order"}).`)
    }
    const shippingOptionId = po.account?.shipping_option_id ?? order.shipping_methods?.find((method) => method.shipping_option_id)?.shipping_option_id ?? null
    if (!shippingOptionId) {
      throw new Error(
        "Medusa fulfils an order through a shipping option, and neither the vendor account nor the order has one. Choose the shipping option the warehouse ships Amazon's shipments with on the vendor account (Settings → Amazon); the fulfilment is made at the next run."
      )
    }
    const inventory = container.resolve(Modules.INVENTORY)
    const reservations = await inventory.listReservationItems({ line_item_id: items.map((item) => item.id) }, { select: ["id", "location_id"] })
    const locationId = reservations[0]?.location_id ?? po.account?.stock_location_id ?? undefined
    const { result } = await createOrderFulfillmentWorkflow(container).run({
      input: {
        order_id: order.id,
        items,
        location_id: locationId,
        shipping_option_id: shippingOptionId,
        no_notification: true,
        metadata: {
          [VENDOR_SHIPMENT_METADATA_KEY]: shipment.id,
          amazon_vendor_shipment_identifier: shipment.shipment_identifier,
          amazon_vendor_purchase_order_number: po.purchase_order_number,
          amazon_carrier_scac: shipment.carrier_scac ?? null,
          amazon_bill_of_lading_number: shipment.bill_of_lading_number ?? null,
          ...(short.length ? { amazon_vendor_shortfall: short.join("; ") } : {}),
        },
      },
    })
    crashPoint("after-vendor-fulfillment")
    order = (await readOrder(container, intent.order_id))!
    fulfillment = (order.fulfillments ?? []).find((candidate) => candidate.id === result.id)!
  }

  if (!fulfillment.shipped_at) {
    await createOrderShipmentWorkflow(container).run({
      input: {
        order_id: order.id,
        fulfillment_id: fulfillment.id,
        // Only checked to exist on the order: Medusa ships the fulfilment's own quantities.
        items: [...new Set((fulfillment.items ?? []).map((item) => item.line_item_id))].map((id) => ({ id, quantity: 1 })),
        labels: shipmentLabels(shipment),
        no_notification: true,
      },
    })
  }
  return await done(found ? "found" : "fulfilled", fulfillment.id, `Shipment ${shipment.shipment_identifier} is fulfilment ${fulfillment.id} of order #${order.display_id}, shipped.`)
}
