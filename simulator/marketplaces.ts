// Amazon marketplaces the simulator knows. An unknown marketplace id is rejected like Amazon does.

export interface Marketplace {
  id: string
  countryCode: string
  /** v0 `SalesChannel` and 2026 `salesChannel.marketplaceName`. */
  name: string
  currency: string
  /** Only US and CA prices exclude tax (added at checkout); EU, UK, JP, MX, BR, … show tax-inclusive prices. */
  taxInclusive: boolean
}

const MARKETPLACE_LIST: Marketplace[] = [
  { id: "ATVPDKIKX0DER", countryCode: "US", name: "Amazon.com", currency: "USD", taxInclusive: false },
  { id: "A2EUQ1WTGCTBG2", countryCode: "CA", name: "Amazon.ca", currency: "CAD", taxInclusive: false },
  { id: "A1AM78C64UM0Y8", countryCode: "MX", name: "Amazon.com.mx", currency: "MXN", taxInclusive: true },
  { id: "A2Q3Y263D00KWC", countryCode: "BR", name: "Amazon.com.br", currency: "BRL", taxInclusive: true },
  { id: "A1PA6795UKMFR9", countryCode: "DE", name: "Amazon.de", currency: "EUR", taxInclusive: true },
  { id: "A1F83G8C2ARO7P", countryCode: "GB", name: "Amazon.co.uk", currency: "GBP", taxInclusive: true },
  { id: "A13V1IB3VIYZZH", countryCode: "FR", name: "Amazon.fr", currency: "EUR", taxInclusive: true },
  { id: "APJ6JRA9NG5V4", countryCode: "IT", name: "Amazon.it", currency: "EUR", taxInclusive: true },
  { id: "A1RKKUPIHCS9HS", countryCode: "ES", name: "Amazon.es", currency: "EUR", taxInclusive: true },
  { id: "A1805IZSGTT6HS", countryCode: "NL", name: "Amazon.nl", currency: "EUR", taxInclusive: true },
  { id: "A2NODRKZP88ZB9", countryCode: "SE", name: "Amazon.se", currency: "SEK", taxInclusive: true },
  { id: "A1C3SOZRARQ6R3", countryCode: "PL", name: "Amazon.pl", currency: "PLN", taxInclusive: true },
  { id: "AMEN7PMS3EDWL", countryCode: "BE", name: "Amazon.com.be", currency: "EUR", taxInclusive: true },
  { id: "A33AVAJ2PDY3EV", countryCode: "TR", name: "Amazon.com.tr", currency: "TRY", taxInclusive: true },
  { id: "A1VC38T7YXB528", countryCode: "JP", name: "Amazon.co.jp", currency: "JPY", taxInclusive: true },
  { id: "A39IBJ37TRP1C6", countryCode: "AU", name: "Amazon.com.au", currency: "AUD", taxInclusive: true },
  { id: "A19VAU5U5O7RUS", countryCode: "SG", name: "Amazon.sg", currency: "SGD", taxInclusive: true },
  { id: "A21TJRUUN4KGV", countryCode: "IN", name: "Amazon.in", currency: "INR", taxInclusive: true },
  { id: "A2VIGQ35RCS4UG", countryCode: "AE", name: "Amazon.ae", currency: "AED", taxInclusive: true },
  { id: "A17E79C6D8DWNP", countryCode: "SA", name: "Amazon.sa", currency: "SAR", taxInclusive: true },
]

export const MARKETPLACES: ReadonlyMap<string, Marketplace> = new Map(MARKETPLACE_LIST.map((m) => [m.id, m]))

export function marketplaceOf(id: string): Marketplace | undefined {
  return MARKETPLACES.get(id)
}
