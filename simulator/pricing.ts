// Line and order amounts derived from a seed, in integer minor units.
import { formatMinor, toMinor } from "./money"
import type { OrderItemState, OrderState } from "./state"

export interface LineAmounts {
  /** Unit price x quantity (tax-inclusive in tax-inclusive marketplaces). */
  itemPrice: number
  itemTax: number
  shippingPrice: number
  shippingTax: number
  /** Positive number. */
  promotionDiscount: number
  promotionDiscountTax: number
  shippingDiscount: number
  shippingDiscountTax: number
}

export function lineAmounts(order: OrderState, item: OrderItemState): LineAmounts {
  const c = order.currency
  const quantity = item.seed.quantity
  return {
    itemPrice: toMinor(item.seed.unitPrice, c) * quantity,
    itemTax: toMinor(item.seed.unitTax, c) * quantity,
    shippingPrice: toMinor(item.seed.shippingPrice, c),
    shippingTax: toMinor(item.seed.shippingTax, c),
    promotionDiscount: toMinor(item.seed.promotionDiscount, c),
    promotionDiscountTax: toMinor(item.seed.promotionDiscountTax, c),
    shippingDiscount: toMinor(item.seed.shippingDiscount, c),
    shippingDiscountTax: toMinor(item.seed.shippingDiscountTax, c),
  }
}

/** What the buyer pays for a line: taxes are added only where prices exclude them. */
export function lineTotal(order: OrderState, amounts: LineAmounts): number {
  const gross = amounts.itemPrice + amounts.shippingPrice - amounts.promotionDiscount - amounts.shippingDiscount
  return order.marketplace.taxInclusive
    ? gross
    : gross + amounts.itemTax + amounts.shippingTax - amounts.promotionDiscountTax - amounts.shippingDiscountTax
}

export function orderTotal(order: OrderState): number {
  return order.items.reduce((sum, item) => sum + lineTotal(order, lineAmounts(order, item)), 0)
}

export function money2026(order: OrderState, minor: number): { amount: string; currencyCode: string } {
  return { amount: formatMinor(minor, order.currency), currencyCode: order.currency }
}

export function moneyV0(order: OrderState, minor: number): { CurrencyCode: string; Amount: string } {
  return { CurrencyCode: order.currency, Amount: formatMinor(minor, order.currency) }
}
