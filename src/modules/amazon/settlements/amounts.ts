/**
 * Amounts of settlement files, written in the marketplace's number format: US and UK files "1,234.56", EU files
 * "1.234,56" or "95,00". They are read digit by digit into integer minor units, never through a float, so a file
 * of 100,000 lines adds up to the cent.
 *
 * One separator followed by exactly three digits ("1,234", "1.234") would be a fraction only in a currency with
 * three decimals; otherwise it groups thousands. A file uses one decimal mark throughout: once a line showed it,
 * a line using the other one is refused rather than read a thousand times too big or too small.
 */

import { currencyDecimals } from "../../../utils/currency"

export { currencyDecimals }

export type DecimalMark = "." | ","

export type ParsedAmount = {
  /** Integer amount in the currency's minor unit (cents; yen for JPY). */
  minor: number
  /** The same amount as a plain decimal with the currency's decimals: "-1234.56", "1980". */
  decimal: string
  /** The decimal mark this text showed, when it showed one unambiguously. */
  mark: DecimalMark | null
}

export class AmountFormatError extends Error {}

/**
 * Reads one amount. `expectedMark` is the mark the file showed so far (null: not yet known). Throws an
 * AmountFormatError whose message is a clause ("is not a number", …) for the caller's sentence.
 */
export function parseAmount(text: string, decimals: number, expectedMark: DecimalMark | null): ParsedAmount {
  const raw = text.trim().replace(/[\u00a0\u202f ]/g, "")
  const match = /^([+-])?([\d.,]+)$/.exec(raw)
  if (!match || !/\d/.test(match[2]) || /^[.,]|[.,]$/.test(match[2])) throw new AmountFormatError(`"${text}" is not a number`)
  const [, sign, body] = match
  const dots = body.split(".").length - 1
  const commas = body.split(",").length - 1

  let mark: DecimalMark | null = null
  if (dots > 0 && commas > 0) {
    mark = body.lastIndexOf(".") > body.lastIndexOf(",") ? "." : ","
  } else if (dots + commas === 1) {
    const separator: DecimalMark = dots === 1 ? "." : ","
    const after = body.length - body.indexOf(separator) - 1
    // "1,234" or "1.234": a fraction only in three-decimal currencies; elsewhere thousands (or the file's rule).
    if (after !== 3 || decimals === 3) mark = separator
    else if (expectedMark === separator) mark = separator
  } else if (dots > 1 && commas === 0) {
    mark = ","
  } else if (commas > 1 && dots === 0) {
    mark = "."
  }
  if (mark !== null && expectedMark !== null && mark !== expectedMark) {
    throw new AmountFormatError(`"${text}" uses "${mark}" as decimal mark while the file uses "${expectedMark}"`)
  }

  const grouping = mark === "." ? "," : mark === "," ? "." : dots > 0 ? "." : ","
  const [integerPart, fractionPart = "", ...rest] = mark === null ? [body] : body.split(mark)
  if (rest.length > 0) throw new AmountFormatError(`"${text}" is not a number`)
  const groups = integerPart.split(grouping)
  if (groups.length > 1 && (!/^\d{1,3}$/.test(groups[0]) || groups.slice(1).some((group) => !/^\d{3}$/.test(group)))) {
    throw new AmountFormatError(`"${text}" is not a number (its digit groups are not thousands)`)
  }
  const integerDigits = groups.join("")
  if (!/^\d+$/.test(integerDigits) || !/^\d*$/.test(fractionPart)) throw new AmountFormatError(`"${text}" is not a number`)
  // Trailing zeros beyond the currency's precision ("1980,00" yen) say nothing; other digits would be lost.
  const significantFraction = fractionPart.replace(/0+$/, "")
  if (significantFraction.length > decimals) {
    throw new AmountFormatError(`"${text}" has more decimals than the currency has (${decimals})`)
  }
  const digits = `${integerDigits}${significantFraction.padEnd(decimals, "0")}`.replace(/^0+(?=\d)/, "")
  const negative = sign === "-" && /[1-9]/.test(digits)
  const minor = Number(digits)
  if (!Number.isSafeInteger(minor)) throw new AmountFormatError(`"${text}" is too large`)
  return { minor: negative ? -minor : minor, decimal: formatMinor(negative ? -minor : minor, decimals), mark }
}

export function formatMinor(minor: number, decimals: number): string {
  const negative = minor < 0
  const digits = String(Math.abs(minor)).padStart(decimals + 1, "0")
  const integerPart = digits.slice(0, digits.length - decimals)
  const fraction = decimals > 0 ? `.${digits.slice(digits.length - decimals)}` : ""
  return `${negative ? "-" : ""}${integerPart}${fraction}`
}
