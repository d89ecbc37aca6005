// Money as Amazon sends it: decimal strings in the currency's minor unit precision.
// Amounts are computed in integer minor units so that 3 x 8.33 is 24.99 and not 24.990000000000002.

const ZERO_DECIMAL_CURRENCIES = new Set(["JPY", "KRW", "CLP", "VND"])

export function currencyDecimals(currency: string): number {
  return ZERO_DECIMAL_CURRENCIES.has(currency) ? 0 : 2
}

/** Converts a seed amount (e.g. 24.99) to integer minor units (2499). */
export function toMinor(amount: number | undefined, currency: string): number {
  if (amount === undefined) return 0
  return Math.round(amount * 10 ** currencyDecimals(currency))
}

/** Formats integer minor units as Amazon's decimal string ("24.99", "1980"). */
export function formatMinor(minor: number, currency: string): string {
  const decimals = currencyDecimals(currency)
  if (decimals === 0) return String(minor)
  const sign = minor < 0 ? "-" : ""
  const absolute = Math.abs(minor)
  const units = Math.floor(absolute / 10 ** decimals)
  const fraction = String(absolute % 10 ** decimals).padStart(decimals, "0")
  return `${sign}${units}.${fraction}`
}
