/** Whether an Amazon order may still be cancelled by the seller, and the sentence that says why not. */

export type OrderForCancellation = {
  amazon_order_id: string
  status: string
  fulfillment_channel: string
  items: Array<{ order_item_id: string; quantity_shipped: number | null }>
  tracking_pushes: Array<{ state: string }>
}

export type MedusaOrderForCancellation = {
  status: string
  fulfillments: Array<{ canceled_at: Date | string | null }>
}

export type PendingCancellation = { status: string } | null

export function cancellationRefusal(
  amazonOrder: OrderForCancellation,
  medusaOrder: MedusaOrderForCancellation | null,
  pending: PendingCancellation,
  origin: "admin" | "medusa_cancel" | "buyer_request"
): string | null {
  const id = amazonOrder.amazon_order_id
  if (pending) return `A cancellation of Amazon order ${id} is already waiting for Amazon's answer.`
  if (amazonOrder.fulfillment_channel === "FBA") {
    return `Amazon order ${id} is fulfilled by Amazon: only Amazon can cancel it (in Seller Central).`
  }
  if (amazonOrder.status === "CANCELED" || amazonOrder.status === "CANCELLED") return `Amazon order ${id} is already cancelled at Amazon.`
  const shipped =
    ["SHIPPED", "PARTIALLY_SHIPPED", "PartiallyShipped", "Shipped", "DELIVERED"].includes(amazonOrder.status) ||
    amazonOrder.items.some((item) => Number(item.quantity_shipped ?? 0) > 0) ||
    amazonOrder.tracking_pushes.some((push) => push.state === "confirmed" || push.state === "sent")
  if (shipped) {
    return `Amazon order ${id} cannot be cancelled: an item was already confirmed as shipped to Amazon. Once a package has shipped, the order can only be refunded (after a return).`
  }
  if (amazonOrder.tracking_pushes.some((push) => push.state === "waiting")) {
    return `Amazon order ${id} has a shipment waiting to be confirmed to Amazon. Cancel that fulfillment in Medusa first, then cancel the order.`
  }
  if (medusaOrder && origin !== "medusa_cancel") {
    if (medusaOrder.status === "canceled") return `The Medusa order of Amazon order ${id} is already cancelled.`
    if (medusaOrder.fulfillments.some((fulfillment) => !fulfillment.canceled_at)) {
      return `Amazon order ${id} has a fulfillment in Medusa. Cancel the fulfillment first, then cancel the order.`
    }
  }
  if (!amazonOrder.items.length) return `Amazon order ${id} has no items the plugin knows of, so Amazon cannot be told which to cancel.`
  return null
}
