import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, Modules } from "@medusajs/framework/utils"
import { createOrderFulfillmentWorkflow, createOrderShipmentWorkflow } from "@medusajs/medusa/core-flows"
import type { SimOrderSeed, Simulator } from "../../simulator"
import type { SeededStore } from "./seed-store"
import { usOrderSeed, waitFor } from "./sim-orders"

export { US as US_MARKETPLACE, waitFor } from "./sim-orders"

export type SimItem = { sku: string; asin: string; title: string; quantity: number; unitPrice: number; unitTax: number; shippingPrice?: number; shippingTax?: number }

/** An unshipped merchant-fulfilled US order placed an hour ago (simulator time). */
export function usMerchantOrder(simulator: Simulator, id: string, items: SimItem[]): SimOrderSeed {
  return usOrderSeed(id, simulator.now(), items)
}

/** The Medusa order an Amazon order became, with its lines. */
export async function medusaOrderOf(container: MedusaContainer, amazonOrderId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "amazon_order", fields: ["order.id"], filters: { amazon_order_id: amazonOrderId } })
  const id = (data[0] as any)?.order?.id as string | undefined
  if (!id) throw new Error(`Amazon order ${amazonOrderId} has no Medusa order`)
  const order = await container.resolve(Modules.ORDER).retrieveOrder(id, { relations: ["items"] })
  return { id, items: (order.items ?? []).map((item: any) => ({ id: item.id as string, quantity: MathBN.convert(item.quantity).toNumber(), sku: item.variant_sku as string })) }
}

/** Ships the whole order in Medusa (a UPS parcel) and waits until the plugin confirmed it to Amazon and captured the payment. */
export async function shipWholeOrder(container: MedusaContainer, store: SeededStore, amazonOrderId: string, trackingNumber: string) {
  const order = await medusaOrderOf(container, amazonOrderId)
  const items = order.items.map((item) => ({ id: item.id, quantity: item.quantity }))
  const { result: fulfillment } = await createOrderFulfillmentWorkflow(container).run({
    input: { order_id: order.id, items, location_id: store.stockLocationId, no_notification: true },
  })
  await createOrderShipmentWorkflow(container).run({
    input: { order_id: order.id, fulfillment_id: fulfillment.id, items, labels: [{ tracking_number: trackingNumber, tracking_url: `https://www.ups.com/track?tracknum=${trackingNumber}`, label_url: "" }], no_notification: true },
  })
  const amazon = container.resolve("amazon") as any
  await waitFor(
    `the shipment of ${amazonOrderId} confirmed and captured`,
    async () => (await amazon.listAmazonTrackingPushes({ fulfillment_id: fulfillment.id }))[0],
    (push: any) => push?.state === "confirmed" && push.payment_capture_state === "captured"
  )
  return order
}
