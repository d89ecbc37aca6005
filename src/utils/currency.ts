// Node's Intl knows the list; the TypeScript lib this project targets does not declare it yet.
const SUPPORTED_CURRENCIES = new Set((Intl as unknown as { supportedValuesOf(key: "currency"): string[] }).supportedValuesOf("currency"))

/** ISO 4217 codes the runtime knows (Intl), with their number of decimals; null for a code it does not know. */
export function currencyDecimals(currency: string): number | null {
  if (!/^[A-Z]{3}$/.test(currency) || !SUPPORTED_CURRENCIES.has(currency)) return null
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2
}

/**
 * The number of decimals of a currency Medusa already holds an order in (any case): two for a code the runtime
 * does not know, since Medusa itself accepted the code and two is what it assumes.
 */
export function currencyDigits(currencyCode: string): number {
  return currencyDecimals(currencyCode.toUpperCase()) ?? 2
}
