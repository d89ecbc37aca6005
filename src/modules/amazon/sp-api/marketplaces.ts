import { MedusaError } from "@medusajs/framework/utils"

/**
 * Amazon marketplaces by id. Only the US and Canada add sales tax on top of the listed price; everywhere else
 * (EU, UK, JP, AU, MX, BR, IN, …) the listed price already includes VAT/GST/consumption tax.
 */
const TAX_ON_TOP_MARKETPLACES = new Set([
  "ATVPDKIKX0DER", // amazon.com
  "A2EUQ1WTGCTBG2", // amazon.ca
])

const MARKETPLACE_NAMES: Record<string, string> = {
  ATVPDKIKX0DER: "Amazon.com",
  A2EUQ1WTGCTBG2: "Amazon.ca",
  A1AM78C64UM0Y8: "Amazon.com.mx",
  A2Q3Y263D00KWC: "Amazon.com.br",
  A1F83G8C2ARO7P: "Amazon.co.uk",
  A1PA6795UKMFR9: "Amazon.de",
  A13V1IB3VIYZZH: "Amazon.fr",
  APJ6JRA9NG5V4: "Amazon.it",
  A1RKKUPIHCS9HS: "Amazon.es",
  A1805IZSGTT6HS: "Amazon.nl",
  A2NODRKZP88ZB9: "Amazon.se",
  A1C3SOZRARQ6R3: "Amazon.pl",
  AMEN7PMS3EDWL: "Amazon.com.be",
  A28R8C7NBKEWEA: "Amazon.ie",
  A33AVAJ2PDY3EV: "Amazon.com.tr",
  A2VIGQ35RCS4UG: "Amazon.ae",
  A17E79C6D8DWNP: "Amazon.sa",
  ARBP9OOSHTCHU: "Amazon.eg",
  A21TJRUUN4KGV: "Amazon.in",
  AE08WJ6YKNBMC: "Amazon.co.za",
  A1VC38T7YXB528: "Amazon.co.jp",
  A39IBJ37TRP1C6: "Amazon.com.au",
  A19VAU5U5O7RUS: "Amazon.sg",
}

/** Whether the item and shipping prices of an order already include its tax. */
export function pricesIncludeTax(marketplaceId: string | null, currencyCode: string | null): boolean {
  if (marketplaceId && marketplaceId in MARKETPLACE_NAMES) return !TAX_ON_TOP_MARKETPLACES.has(marketplaceId)
  // Unknown marketplace: the currency is the best remaining hint.
  return !["USD", "CAD"].includes((currencyCode ?? "").toUpperCase())
}

export function marketplaceName(marketplaceId: string | null): string {
  if (!marketplaceId) return "an unknown Amazon marketplace"
  return MARKETPLACE_NAMES[marketplaceId] ?? `Amazon marketplace ${marketplaceId}`
}

type SellingRegion = "na" | "eu" | "fe"

/** Amazon serves each marketplace from one SP-API region; a seller account's tokens work in that region only. */
const REGION_OF_MARKETPLACE: Record<string, SellingRegion> = {
  ATVPDKIKX0DER: "na",
  A2EUQ1WTGCTBG2: "na",
  A1AM78C64UM0Y8: "na",
  A2Q3Y263D00KWC: "na",
  A1F83G8C2ARO7P: "eu",
  A1PA6795UKMFR9: "eu",
  A13V1IB3VIYZZH: "eu",
  APJ6JRA9NG5V4: "eu",
  A1RKKUPIHCS9HS: "eu",
  A1805IZSGTT6HS: "eu",
  A2NODRKZP88ZB9: "eu",
  A1C3SOZRARQ6R3: "eu",
  AMEN7PMS3EDWL: "eu",
  A28R8C7NBKEWEA: "eu",
  A33AVAJ2PDY3EV: "eu",
  A2VIGQ35RCS4UG: "eu",
  A17E79C6D8DWNP: "eu",
  ARBP9OOSHTCHU: "eu",
  A21TJRUUN4KGV: "eu",
  AE08WJ6YKNBMC: "eu",
  A1VC38T7YXB528: "fe",
  A39IBJ37TRP1C6: "fe",
  A19VAU5U5O7RUS: "fe",
}

const REGION_NAMES: Record<SellingRegion, string> = { na: "North America", eu: "Europe", fe: "Far East" }

/**
 * Refuses marketplaces Amazon serves from another region than the account's: every call for them would fail
 * with Amazon's opaque authorisation errors. Marketplaces missing from the table are left to Amazon to judge.
 */
export function assertMarketplacesInRegion(region: string, marketplaceIds: string[]): void {
  const foreign = marketplaceIds.filter((id) => REGION_OF_MARKETPLACE[id] && REGION_OF_MARKETPLACE[id] !== region)
  if (!foreign.length) return
  const listed = foreign.map((id) => `${marketplaceName(id)} (${REGION_NAMES[REGION_OF_MARKETPLACE[id]]})`).join(", ")
  const regionName = REGION_NAMES[region as SellingRegion] ?? region
  throw new MedusaError(
    MedusaError.Types.INVALID_DATA,
    `${listed} ${foreign.length === 1 ? "is" : "are"} not in the account's region ${regionName}. Choose the region those marketplaces belong to, or create a separate account for each region.`
  )
}
