import { MathBN } from "@medusajs/framework/utils"

/**
 * Amazon sends money as decimal strings in the order's currency ("19.99", JPY "19940").
 * We keep them exact with MathBN (bignumber.js) and never go through floats.
 */
type Decimal = ReturnType<typeof MathBN.convert>

const DECIMAL = /^-?\d+(\.\d+)?$/

export function isDecimalString(value: unknown): value is string {
  return typeof value === "string" && DECIMAL.test(value.trim())
}

/** Missing or empty amounts count as zero: Amazon leaves out blocks that do not apply (no promotion, no shipping). */
export function decimal(value: string | null | undefined): Decimal {
  if (value === null || value === undefined || value.trim() === "") return MathBN.convert(0)
  if (!isDecimalString(value)) throw new Error(`"${value}" is not an amount of money.`)
  return MathBN.convert(value.trim())
}

export function sumDecimals(values: Array<string | null | undefined>): Decimal {
  return values.reduce<Decimal>((total, value) => MathBN.add(total, decimal(value)), MathBN.convert(0))
}

/** Exact decimal string for storage and comparison (no exponent notation, no trailing noise). */
export function toDecimalString(value: Decimal): string {
  return value.toFixed()
}

/**
 * How Amazon's amounts for one line (an item, or the order's shipping) become a Medusa tax line rate and a promotion
 * adjustment, so that the figures Medusa shows for the line are Amazon's.
 *
 * Medusa derives every tax figure of a line from ONE rate r and the line's discount base S (the adjustments without
 * their tax), unrounded: tax before the promotion = r × price excl. tax, tax on the promotion = r × S, tax = r ×
 * (price excl. tax − S), and discount_total = S × (1 + r). Amazon instead rounds ItemTax and PromotionDiscountTax
 * separately, so PromotionDiscountTax / PromotionDiscount is in general not ItemTax / ItemPrice, and a rate and a base
 * (two numbers) cannot give back price, item tax, promotion, promotion tax and total (Amazon's four amounts plus their
 * sum) all at once. Only when Amazon's promotion tax is at the item's own rate do all of them come out exact.
 *
 * The choice: the rate is the one Amazon applied to the price (ItemTax on ItemPrice), and the promotion is one
 * tax-inclusive adjustment of what it took off the buyer's payment (US/CA: PromotionDiscount + PromotionDiscountTax;
 * VAT-inclusive marketplaces: PromotionDiscount, which already holds its VAT). Then Medusa's summary is Amazon's own
 * breakdown in every currency: item subtotal, tax (before the promotion), total before it, discount and the total the
 * buyer paid. What Medusa derives by proportion (the tax after the promotion, the promotion without its tax) equals
 * Amazon's figures exactly when Amazon's promotion tax is at the item's rate, and otherwise differs by Amazon's own
 * rounding. The other way round (a rate reconstructed from the amounts after the promotion) keeps that tax exact but
 * puts the difference into the discount and the tax Medusa's summary shows instead.
 *
 * Prices in VAT-inclusive marketplaces hold their VAT: rate = tax / (price − tax), so that Medusa's price excl. VAT,
 * price / (1 + rate), is Amazon's price − tax. The rate is null when there is no tax to show (an EU ItemTax of 0.00
 * included: Amazon reported no VAT amount, so Medusa shows none rather than one it would invent).
 */
export function medusaLineTax(input: { price: Decimal; tax: Decimal; discount: Decimal; discountTax: Decimal; taxInclusive: boolean }): {
  rate: string | null
  /** The tax-inclusive promotion adjustment, null without a promotion. */
  adjustment: string | null
  /**
   * The same promotion without its tax, at the line's rate, for shipping methods: Medusa keeps no is_tax_inclusive on
   * a shipping method's adjustment and reads its amount as before tax.
   */
  adjustmentBeforeTax: string | null
} {
  const { price, tax, discount, discountTax, taxInclusive } = input
  const base = taxInclusive ? MathBN.sub(price, tax) : price
  const rate = MathBN.gt(tax, 0) && MathBN.gt(base, 0) ? toDecimalString(MathBN.mult(MathBN.div(tax, base), 100)) : null
  const adjustment = taxInclusive ? discount : MathBN.add(discount, discountTax)
  if (!MathBN.gt(adjustment, 0)) return { rate, adjustment: null, adjustmentBeforeTax: null }
  // adjustment / (1 + rate), written as adjustment × base / (base + tax) so the rate's rounding does not enter.
  const beforeTax = rate ? MathBN.div(MathBN.mult(adjustment, base), MathBN.add(base, tax)) : adjustment
  return { rate, adjustment: toDecimalString(adjustment), adjustmentBeforeTax: toDecimalString(beforeTax) }
}
