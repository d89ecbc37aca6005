import type { AmazonOrder } from "../sp-api/types"

/**
 * Money columns are bigNumber, typed as numbers by the module service. Amazon's decimal text has at most a few
 * decimals and far fewer than 15 significant digits, so the number round-trips to the same decimal in raw_<column>.
 */
function moneyColumn(amount: string | null): number | null {
  return amount === null ? null : Number(amount)
}

/** Columns of amazon_order that mirror Amazon's current view of the order (rewritten on every sighting). */
export function stagingOrderFields(order: AmazonOrder, raw: unknown) {
  return {
    amazon_order_id: order.amazonOrderId,
    marketplace_id: order.marketplaceId,
    sales_channel_name: order.salesChannel,
    status: order.status,
    fulfillment_channel: order.fulfillmentChannel,
    subtypes: [...order.subtypes],
    is_prime: order.subtypes.includes("PRIME") || order.subtypes.includes("BUSINESS_PRIME"),
    is_business: order.subtypes.includes("BUSINESS") || order.subtypes.includes("BUSINESS_PRIME"),
    ship_service_level: order.shipServiceLevel,
    currency_code: order.currencyCode,
    order_total: moneyColumn(order.orderTotal),
    buyer_email: order.buyer.email,
    buyer_name: order.buyer.name,
    purchase_date: new Date(order.purchaseDate),
    last_update_date: new Date(order.lastUpdateDate),
    latest_ship_date: order.latestShipDate ? new Date(order.latestShipDate) : null,
    buyer_cancel_requested: order.buyerRequestedCancel,
    buyer_cancel_reason: order.buyerCancelReason,
    has_customization: order.items.some((item) => !!(item.customization?.url || item.customization?.text)),
    snapshot: order as unknown as Record<string, unknown>,
    raw: (raw ?? null) as Record<string, unknown> | null,
  }
}

export function stagingItemFields(item: AmazonOrder["items"][number]) {
  return {
    order_item_id: item.orderItemId,
    seller_sku: item.sellerSku,
    asin: item.asin,
    title: item.title,
    quantity_ordered: item.quantityOrdered,
    quantity_shipped: item.quantityShipped,
    unit_price: moneyColumn(item.unitPrice),
    item_price: moneyColumn(item.itemPrice),
    item_tax: moneyColumn(item.itemTax),
    customization_url: item.customization?.url ?? null,
    customization_text: item.customization?.text ?? null,
  }
}

/**
 * Pages overlap (the watermark is re-read with a safety window), so the same order can arrive again, and an
 * older copy must never overwrite a newer one.
 */
export function isNewerOrSame(incomingLastUpdate: string, storedLastUpdate: Date | string | null | undefined): boolean {
  if (!storedLastUpdate) return true
  return new Date(incomingLastUpdate).getTime() >= new Date(storedLastUpdate).getTime()
}
