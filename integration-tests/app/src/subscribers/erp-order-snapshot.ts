import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { getOrderDetailWorkflow } from "@medusajs/medusa/core-flows"

/**
 * What a store's ERP integration typically reads when an order is placed: the order with its lines (SKU, variant,
 * quantity, price), addresses, customer, shipping methods, payments, fulfilments, totals and the payment and
 * fulfilment statuses. Read through getOrderDetailWorkflow, the query.graph read Medusa's own admin uses, because
 * the two statuses are aggregated there and are not stored fields.
 */
export const ERP_ORDER_FIELDS = [
  "id",
  "display_id",
  "email",
  "currency_code",
  "status",
  "total",
  "subtotal",
  "tax_total",
  "shipping_total",
  "discount_total",
  "item_total",
  "summary.*",
  "customer.id",
  "customer.email",
  "customer.first_name",
  "customer.last_name",
  "items.id",
  "items.title",
  "items.quantity",
  "items.unit_price",
  "items.total",
  "items.variant_id",
  "items.variant_sku",
  "items.product_id",
  "items.variant.sku",
  "items.variant.product.title",
  "shipping_address.first_name",
  "shipping_address.last_name",
  "shipping_address.address_1",
  "shipping_address.city",
  "shipping_address.postal_code",
  "shipping_address.country_code",
  "billing_address.first_name",
  "billing_address.last_name",
  "billing_address.address_1",
  "billing_address.city",
  "billing_address.postal_code",
  "billing_address.country_code",
  "shipping_methods.name",
  "shipping_methods.amount",
  "shipping_methods.shipping_option_id",
  "payment_collections.id",
  "payment_collections.status",
  "payment_collections.amount",
  "payment_collections.payments.id",
  "payment_collections.payments.amount",
  "payment_collections.payments.provider_id",
  "fulfillments.id",
  "sales_channel.id",
  "sales_channel.name",
  "region.id",
  "region.name",
]

/**
 * Snapshots by order id. Off (undefined) unless a test switches it on with enableErpSnapshots(), so other suites
 * and the bench do not pay for the extra read. On globalThis for the same reason as record-order-placed's events.
 */
export function erpSnapshots(): Map<string, Record<string, any>> | undefined {
  return (globalThis as unknown as { __erpOrderSnapshots?: Map<string, Record<string, any>> }).__erpOrderSnapshots
}

export function enableErpSnapshots(): Map<string, Record<string, any>> {
  const holder = globalThis as unknown as { __erpOrderSnapshots?: Map<string, Record<string, any>> }
  holder.__erpOrderSnapshots ??= new Map()
  return holder.__erpOrderSnapshots
}

export default async function erpOrderSnapshot({ event, container }: SubscriberArgs<{ id: string }>) {
  const snapshots = erpSnapshots()
  if (!snapshots) return
  const { result } = await getOrderDetailWorkflow(container).run({
    input: { order_id: event.data.id, fields: ERP_ORDER_FIELDS },
  })
  snapshots.set(event.data.id, JSON.parse(JSON.stringify(result)))
}

export const config: SubscriberConfig = { event: "order.placed" }
