/**
 * Our own shape of an Amazon order, independent of the Orders API version it came from.
 * Mappers in this folder turn Orders API 2026-01-01 and v0 payloads into it; everything
 * outside sp-api/ (staging, workflows, admin) only ever sees this shape.
 *
 * Money is kept as decimal strings in the order's currency (never floats) so that
 * zero-decimal currencies (JPY "19940") and exact cents survive the trip.
 */

export type AmazonOrderStatus =
  | "PENDING_AVAILABILITY"
  | "PENDING"
  | "UNSHIPPED"
  | "PARTIALLY_SHIPPED"
  | "SHIPPED"
  | "CANCELLED"
  | "UNFULFILLABLE"

export type FulfillmentChannel = "FBM" | "FBA"

export type AmazonOrderSubtype =
  | "PRIME"
  | "BUSINESS"
  | "BUSINESS_PRIME"
  | "SECOND_DAY"
  | "NEXT_DAY"
  | "SAME_DAY"
  | "PREMIUM"
  | "PREORDER"
  | "REPLACEMENT"

export type AmazonAddress = {
  name: string | null
  companyName: string | null
  addressLine1: string | null
  addressLine2: string | null
  addressLine3: string | null
  city: string | null
  districtOrCounty: string | null
  stateOrRegion: string | null
  municipality: string | null
  postalCode: string | null
  countryCode: string | null
  phone: string | null
  addressType: string | null
  /** Country-specific parts (BR, JP, …) exactly as Amazon sent them. */
  extendedFields: Record<string, string> | null
}

export type AmazonBuyer = {
  email: string | null
  name: string | null
  companyName: string | null
  purchaseOrderNumber: string | null
}

export type AmazonGiftOption = {
  message: string | null
  /** Amazon's gift-wrap level as Amazon names it (e.g. "Classic", "PREMIUM"). */
  wrapLevel: string | null
}

export type AmazonCustomization = {
  /** Link to the Amazon Custom customization data (a zip with the buyer's choices). */
  url: string | null
  /** Free-text personalisation lines when Amazon gives them inline. */
  text: string | null
}

export type AmazonOrderItem = {
  orderItemId: string
  asin: string | null
  sellerSku: string | null
  title: string | null
  quantityOrdered: number
  quantityShipped: number
  /** Price of ONE unit as the buyer saw it (VAT-inclusive in EU/UK marketplaces). */
  unitPrice: string | null
  /** Total item price for all units (unitPrice × quantity unless Amazon says otherwise). */
  itemPrice: string | null
  itemTax: string | null
  shippingPrice: string | null
  shippingTax: string | null
  /** Positive amount that was taken off the item price by promotions. */
  promotionDiscount: string | null
  promotionDiscountTax: string | null
  /** Positive amount that was taken off the shipping price by promotions. */
  shippingDiscount: string | null
  shippingDiscountTax: string | null
  promotionIds: string[]
  customization: AmazonCustomization | null
  /** The buyer's gift options for this item, when Amazon shares them (merchant-fulfilled orders). */
  gift: AmazonGiftOption | null
  buyerRequestedCancel: boolean
  cancelReason: string | null
}

export type AmazonPackage = {
  packageReferenceId: string | null
  carrier: string | null
  trackingNumber: string | null
  shipTime: string | null
  items: Array<{ orderItemId: string; quantity: number }>
}

export type AmazonOrder = {
  amazonOrderId: string
  marketplaceId: string | null
  salesChannel: string | null
  status: AmazonOrderStatus
  fulfillmentChannel: FulfillmentChannel
  purchaseDate: string
  lastUpdateDate: string
  currencyCode: string | null
  orderTotal: string | null
  subtypes: AmazonOrderSubtype[]
  /** e.g. "Std US D2D Dom", "SecondDay" (v0) or "STANDARD" / "EXPEDITED" (2026-01-01). */
  shipServiceLevel: string | null
  earliestShipDate: string | null
  latestShipDate: string | null
  buyer: AmazonBuyer
  shippingAddress: AmazonAddress | null
  /** True when the buyer asked Amazon to cancel (any item); the seller has 2 days to act. */
  buyerRequestedCancel: boolean
  buyerCancelReason: string | null
  items: AmazonOrderItem[]
  /**
   * Shipments confirmed to Amazon (Orders 2026-01-01, merchant-fulfilled orders); absent from v0 and FBA orders,
   * for which Amazon gives no carrier, tracking number or ship time.
   */
  packages?: AmazonPackage[]
  /** Which Orders API produced this snapshot. */
  source: "2026-01-01" | "v0"
}

/** Connection settings of one seller account, decrypted, as the client needs them. */
export type SpApiCredentials = {
  region: "na" | "eu" | "fe"
  refreshToken: string
  clientId: string
  clientSecret: string
  /** Base URL of the Selling Partner API; null = Amazon's own for the region. */
  endpoint: string | null
  /** LWA token URL; null = https://api.amazon.com/auth/o2/token */
  tokenEndpoint: string | null
  /**
   * Stable identity of the seller account (e.g. our account id or the seller id), used to share
   * rate-limit buckets between clients of the same account. Optional: without it the client uses
   * a one-way hash of client ID + refresh token.
   */
  accountKey?: string | null
}
