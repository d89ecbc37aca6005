import type { AmazonRegion } from "./api"

/** Amazon's marketplace ids, so the merchant sees "Amazon.de" rather than "A1PA6795UKMFR9". */
export const AMAZON_MARKETPLACES: ReadonlyArray<{ id: string; name: string; region: AmazonRegion }> = [
  { id: "ATVPDKIKX0DER", name: "Amazon.com (US)", region: "na" },
  { id: "A2EUQ1WTGCTBG2", name: "Amazon.ca (Canada)", region: "na" },
  { id: "A1AM78C64UM0Y8", name: "Amazon.com.mx (Mexico)", region: "na" },
  { id: "A2Q3Y263D00KWC", name: "Amazon.com.br (Brazil)", region: "na" },
  { id: "A1PA6795UKMFR9", name: "Amazon.de (Germany)", region: "eu" },
  { id: "A1F83G8C2ARO7P", name: "Amazon.co.uk (United Kingdom)", region: "eu" },
  { id: "A13V1IB3VIYZZH", name: "Amazon.fr (France)", region: "eu" },
  { id: "APJ6JRA9NG5V4", name: "Amazon.it (Italy)", region: "eu" },
  { id: "A1RKKUPIHCS9HS", name: "Amazon.es (Spain)", region: "eu" },
  { id: "A1805IZSGTT6HS", name: "Amazon.nl (Netherlands)", region: "eu" },
  { id: "A2NODRKZP88ZB9", name: "Amazon.se (Sweden)", region: "eu" },
  { id: "A1C3SOZRARQ6R3", name: "Amazon.pl (Poland)", region: "eu" },
  { id: "AMEN7PMS3EDWL", name: "Amazon.com.be (Belgium)", region: "eu" },
  { id: "A33AVAJ2PDY3EV", name: "Amazon.com.tr (Turkey)", region: "eu" },
  { id: "A2VIGQ35RCS4UG", name: "Amazon.ae (United Arab Emirates)", region: "eu" },
  { id: "A17E79C6D8DWNP", name: "Amazon.sa (Saudi Arabia)", region: "eu" },
  { id: "ARBP9OOSHTCHU", name: "Amazon.eg (Egypt)", region: "eu" },
  { id: "A21TJRUUN4KGV", name: "Amazon.in (India)", region: "eu" },
  { id: "A1VC38T7YXB528", name: "Amazon.co.jp (Japan)", region: "fe" },
  { id: "A39IBJ37TRP1C6", name: "Amazon.com.au (Australia)", region: "fe" },
  { id: "A19VAU5U5O7RUS", name: "Amazon.sg (Singapore)", region: "fe" },
]

export function marketplaceName(marketplaceId: string | null | undefined): string {
  if (!marketplaceId) return "–"
  return AMAZON_MARKETPLACES.find((marketplace) => marketplace.id === marketplaceId)?.name ?? marketplaceId
}

export const REGION_LABELS: Record<AmazonRegion, string> = {
  na: "North America",
  eu: "Europe",
  fe: "Far East",
}
