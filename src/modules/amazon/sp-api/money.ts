/**
 * Exact arithmetic on decimal strings ("24.99", "-5.00", JPY "19940").
 *
 * Amazon sends money as decimal strings; converting to floating point would turn 0.1 + 0.2 into
 * 0.30000000000000004 and break reconciliation, so amounts are kept as scaled BigInts here.
 * Results keep the larger number of decimals of the inputs ("24.99" + "1" = "25.99", "19940" + "60" = "20000").
 */

const DECIMAL_PATTERN = /^([+-])?(\d+)(?:\.(\d+))?$/

type ScaledDecimal = {
  /** The value times 10^scale. */
  units: bigint
  /** Number of digits after the decimal point. */
  scale: number
}

export function isDecimalString(value: string): boolean {
  return DECIMAL_PATTERN.test(value)
}

function parseDecimal(value: string): ScaledDecimal {
  const match = DECIMAL_PATTERN.exec(value.trim())
  if (!match) throw new TypeError(`"${value}" is not a decimal amount`)
  const [, sign, integerPart, fractionPart = ""] = match
  const units = BigInt(integerPart + fractionPart)
  return { units: sign === "-" ? -units : units, scale: fractionPart.length }
}

function formatDecimal({ units, scale }: ScaledDecimal): string {
  const negative = units < 0n
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0")
  const integerPart = digits.slice(0, digits.length - scale)
  const fractionPart = scale > 0 ? `.${digits.slice(digits.length - scale)}` : ""
  // BigInt has no negative zero, so "-0.00" cannot come out of here.
  return `${negative ? "-" : ""}${integerPart}${fractionPart}`
}

function rescale(value: ScaledDecimal, scale: number): ScaledDecimal {
  return { units: value.units * 10n ** BigInt(scale - value.scale), scale }
}

function toCommonScale(a: ScaledDecimal, b: ScaledDecimal): [ScaledDecimal, ScaledDecimal] {
  const scale = Math.max(a.scale, b.scale)
  return [rescale(a, scale), rescale(b, scale)]
}

export function addDecimal(a: string, b: string): string {
  const [left, right] = toCommonScale(parseDecimal(a), parseDecimal(b))
  return formatDecimal({ units: left.units + right.units, scale: left.scale })
}

export function subtractDecimal(a: string, b: string): string {
  const [left, right] = toCommonScale(parseDecimal(a), parseDecimal(b))
  return formatDecimal({ units: left.units - right.units, scale: left.scale })
}

/** Sum of all amounts, or null for an empty list (absence of data is not zero). */
export function sumDecimals(values: readonly string[]): string | null {
  if (values.length === 0) return null
  return values.reduce((total, value) => addDecimal(total, value))
}

export function negateDecimal(value: string): string {
  const parsed = parseDecimal(value)
  return formatDecimal({ units: -parsed.units, scale: parsed.scale })
}

export function absDecimal(value: string): string {
  const parsed = parseDecimal(value)
  return formatDecimal({ units: parsed.units < 0n ? -parsed.units : parsed.units, scale: parsed.scale })
}

/** Amount × a whole number (e.g. unit price × quantity). */
export function multiplyDecimal(value: string, factor: number): string {
  if (!Number.isSafeInteger(factor)) throw new TypeError(`multiplyDecimal needs a whole number, got ${factor}`)
  const parsed = parseDecimal(value)
  return formatDecimal({ units: parsed.units * BigInt(factor), scale: parsed.scale })
}

/**
 * Amount ÷ a whole number when the result is exact at the amount's own precision
 * ("49.98" / 2 = "24.99"); null when it is not ("10.00" / 3), because rounding would invent a cent.
 */
export function divideDecimalExactly(value: string, divisor: number): string | null {
  if (!Number.isSafeInteger(divisor) || divisor <= 0) return null
  const parsed = parseDecimal(value)
  const bigDivisor = BigInt(divisor)
  if (parsed.units % bigDivisor !== 0n) return null
  return formatDecimal({ units: parsed.units / bigDivisor, scale: parsed.scale })
}

export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
  const [left, right] = toCommonScale(parseDecimal(a), parseDecimal(b))
  return left.units === right.units ? 0 : left.units < right.units ? -1 : 1
}

export function isZeroDecimal(value: string): boolean {
  return parseDecimal(value).units === 0n
}
