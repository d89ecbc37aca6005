// Amazon rules shared by both Orders API versions: what is visible when, and derived dates.
import { DAY_MS } from "./dates"
import type { OrderItemState, OrderState } from "./state"
import type { SimShipmentServiceLevelCategory } from "./types"

/** Amazon shares the shipping address only once the order can be shipped (not Pending, not Canceled). */
export function isAddressAvailable(order: OrderState): boolean {
  return order.status === "UNSHIPPED" || order.status === "PARTIALLY_SHIPPED" || order.status === "SHIPPED"
}

/** Pricing, taxes and promotions are withheld while an order is Pending (payment not authorized). */
export function isPricingAvailable(order: OrderState): boolean {
  return order.status !== "PENDING"
}

const DELIVERY_DAYS: Record<SimShipmentServiceLevelCategory, number> = {
  SameDay: 0,
  NextDay: 1,
  SecondDay: 2,
  Priority: 2,
  Expedited: 3,
  Scheduled: 3,
  Standard: 5,
  FreeEconomy: 8,
}

export interface PromiseWindows {
  earliestShip: Date
  latestShip: Date
  earliestDelivery: Date
  latestDelivery: Date
}

/** Ship-by and deliver-by windows promised at checkout, derived from purchase date and speed. */
export function promiseWindows(order: OrderState): PromiseWindows {
  const purchase = order.purchaseDate.getTime()
  const fast = order.prime || DELIVERY_DAYS[order.shipmentServiceLevelCategory] <= 2
  const latestShip = purchase + (fast ? 1 : 2) * DAY_MS
  const deliveryDays = Math.max(1, DELIVERY_DAYS[order.shipmentServiceLevelCategory])
  return {
    earliestShip: new Date(purchase),
    latestShip: new Date(latestShip),
    earliestDelivery: new Date(latestShip + Math.max(0, deliveryDays - 1) * DAY_MS),
    latestDelivery: new Date(latestShip + (deliveryDays + 1) * DAY_MS),
  }
}

/** Amazon suppresses the buyer phone for FBA orders and for shipped FBM orders past the delivery window. */
export function isPhoneSuppressed(order: OrderState, now: Date): boolean {
  if (order.seed.fulfilledBy === "AMAZON") return true
  return order.status === "SHIPPED" && now > promiseWindows(order).latestDelivery
}

export function quantityUnshipped(item: OrderItemState): number {
  return item.seed.quantity - item.quantityShipped
}

/** Amazon Custom ZIP location: the seed's URL, or one the simulator serves from the seeded text. */
export function customizationUrl(item: OrderItemState, baseUrl: string): string | undefined {
  const customization = item.seed.customization
  if (!customization) return undefined
  if (customization.url) return customization.url
  if (customization.text !== undefined) return `${baseUrl}/_sim/customizations/${item.orderItemId}.zip`
  return undefined
}
