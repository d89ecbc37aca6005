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
 * Medusa stores a tax line as a percentage RATE and derives the amount from it, while Amazon tells us the
 * AMOUNT it collected. This returns the rate that makes Medusa's derived amount equal Amazon's:
 * - tax on top (US/CA): tax = net × rate, so rate = tax / net;
 * - tax included (EU/UK/JP…): tax = net × rate / (1 + rate), so rate = tax / (net − tax).
 * `net` is the price after promotions (as the buyer paid it). Returns null when there is no tax to show.
 */
export function taxRateForAmount(input: { net: Decimal; tax: Decimal; taxInclusive: boolean }): string | null {
  const { net, tax, taxInclusive } = input
  if (MathBN.eq(tax, 0)) return null
  const base = taxInclusive ? MathBN.sub(net, tax) : net
  if (MathBN.lte(base, 0)) return null
  return toDecimalString(MathBN.mult(MathBN.div(tax, base), 100))
}
