// Public types of the SP-API simulator: the seed shape orders are described in, sellers,
// faults and the request log.

export type SimOrderStatus = "PENDING" | "UNSHIPPED" | "PARTIALLY_SHIPPED" | "SHIPPED" | "CANCELLED"
export const SIM_ORDER_STATUSES: readonly SimOrderStatus[] = ["PENDING", "UNSHIPPED", "PARTIALLY_SHIPPED", "SHIPPED", "CANCELLED"]

export type SimFulfilledBy = "MERCHANT" | "AMAZON"

/** Amazon's shipment service level categories (v0 `ShipmentServiceLevelCategory`). */
export type SimShipmentServiceLevelCategory =
  | "Standard"
  | "Expedited"
  | "SecondDay"
  | "NextDay"
  | "SameDay"
  | "Priority"
  | "FreeEconomy"
  | "Scheduled"

/** A date as ISO 8601 text or a Date. */
export type SimDate = string | Date

export interface SimAddress {
  name?: string
  companyName?: string
  addressLine1?: string
  addressLine2?: string
  addressLine3?: string
  city?: string
  county?: string
  district?: string
  stateOrRegion?: string
  municipality?: string
  postalCode?: string
  /** ISO 3166-1 alpha-2. */
  countryCode: string
  phone?: string
  addressType?: "Residential" | "Commercial"
}

export interface SimBuyer {
  name?: string
  /** Anonymized marketplace address, e.g. "abc123@marketplace.amazon.com". */
  email?: string
  companyName?: string
  purchaseOrderNumber?: string
}

/**
 * One order line. Money values are plain numbers in the order's currency (e.g. 24.99, or 1980
 * for JPY). Whether `unitPrice` includes tax follows the marketplace, as on Amazon: in EU, UK
 * and JP marketplaces prices are tax-inclusive and `unitTax` is the VAT contained in them; in
 * US/CA marketplaces prices exclude tax and `unitTax` is added on top.
 */
export interface SimOrderItemSeed {
  /** Amazon order item id (14 digits); generated deterministically when absent. */
  orderItemId?: string
  sku: string
  asin: string
  title: string
  quantity: number
  /** Units already shipped (for seeding partially shipped orders). Defaults from the status. */
  quantityShipped?: number
  unitPrice: number
  /** Tax per unit (VAT contained in `unitPrice` in tax-inclusive marketplaces). */
  unitTax?: number
  /** Shipping charged for the whole line. */
  shippingPrice?: number
  shippingTax?: number
  /** Promotion discount for the whole line, as a positive number. */
  promotionDiscount?: number
  promotionDiscountTax?: number
  /** Promotion taken off the line's shipping (e.g. free shipping), as a positive number, and the tax that came off with it. */
  shippingDiscount?: number
  shippingDiscountTax?: number
  promotionIds?: string[]
  /** Amazon Custom: `url` of the customization ZIP; `text` is served in a ZIP by the simulator when no url is given. */
  customization?: { url?: string; text?: string }
  giftMessage?: string
  /** Amazon's gift-wrap level; v0 names levels like "Classic", 2026-01-01 like "STANDARD" / "PREMIUM". */
  giftWrapLevel?: string
  condition?: "New" | "Used" | "Collectible" | "Refurbished"
}

export interface SimOrderSeed {
  /** Amazon order id in 3-7-7 format, e.g. "111-1234567-1234567". */
  id: string
  marketplaceId: string
  status: SimOrderStatus
  fulfilledBy: SimFulfilledBy
  purchaseDate: SimDate
  /** Defaults to `purchaseDate`. */
  lastUpdated?: SimDate
  /** Defaults to the marketplace currency. */
  currency?: string
  items: SimOrderItemSeed[]
  /** Absent for orders whose PII Amazon does not share (e.g. many FBA orders). */
  buyer?: SimBuyer
  address?: SimAddress
  prime?: boolean
  business?: boolean
  /** Amazon Business order by a Prime member: implies both `business` and `prime`. */
  businessPrime?: boolean
  premium?: boolean
  preorder?: boolean
  /** Marketplace-specific ship service level, e.g. "Std US D2D Dom", "SecondDay", "Expedited". */
  shipServiceLevel?: string
  /** Derived from `shipServiceLevel` when absent. */
  shipmentServiceLevelCategory?: SimShipmentServiceLevelCategory
  buyerCancelRequest?: { reason: string }
  /**
   * Shipments the seller confirmed before the order is first served (merchant-fulfilled orders only), as
   * Orders 2026-01-01 lists them under PACKAGES. Set the items' `quantityShipped` to match.
   */
  packages?: Array<{
    carrierCode: string
    carrierName?: string
    shippingMethod?: string
    trackingNumber: string
    shipDate: SimDate
    items: Array<{ sku: string; quantity: number }>
  }>
  sellerOrderId?: string
  /** Seller (selling partner id) owning the order; defaults to the simulator's default seller. */
  sellerId?: string
}

export interface SimSeller {
  clientId: string
  clientSecret: string
  refreshToken: string
  /** Selling partner id, e.g. "A1SIMSELLER0001". */
  sellerId: string
  marketplaceIds: string[]
}

/** API families served by the simulator (used to tell apart v0 and 2026-01-01 `getOrder`). */
export type SimApiName =
  | "orders-v0"
  | "orders-2026-01-01"
  | "tokens-2021-03-01"
  | "feeds-2021-06-30"
  | "reports-2021-06-30"
  | "finances-2024-06-19"
  | "vendor-orders-v1"
  | "vendor-transactions-v1"
  | "vendor-shipments-v1"
  | "lwa"

export type SimFaultKind = "429" | "500" | "slow" | "malformed" | "corruptOrder"

export interface SimFaultSpec {
  /** operationId from Amazon's model (e.g. "searchOrders", "getOrderItems"), "lwaToken" for LWA, or "*" for any. */
  operation: string
  /** Restricts the fault to one API when an operationId exists in two (e.g. "getOrder"). */
  api?: SimApiName
  kind: SimFaultKind
  /** How many matching requests get the fault (default 1). */
  times?: number
  /** Delay of a "slow" fault (default 2000 ms). */
  delayMs?: number
  /**
   * With "corruptOrder": the order (by Amazon order id) that the answer carries with a wrong-typed field
   * (2026: its first item's quantity as a string; v0: IsPrime "maybe"), every other order of the page intact.
   */
  orderId?: string
}

export interface SimRequestLogEntry {
  requestId: string
  /** Simulator clock time when the request arrived (ISO 8601). */
  time: string
  method: string
  /** Path without the query string. */
  path: string
  query: Record<string, string | string[]>
  /** Request headers, lower-case names; tokens and secrets are replaced by "[redacted]". */
  headers: Record<string, string>
  /** Parsed JSON or form body (secrets redacted), raw text if unparsable, undefined when empty. */
  body: unknown
  status: number
  responseHeaders: Record<string, string>
  /** Parsed JSON body (tokens redacted), raw text if unparsable (e.g. malformed fault), undefined when empty. */
  responseBody: unknown
  operation?: { api: SimApiName; operationId: string }
  fault?: SimFaultKind
  durationMs: number
}

/** The simulator's view of an order (what was seeded plus what happened since). */
export interface SimOrderSnapshot {
  seed: SimOrderSeed
  status: SimOrderStatus
  lastUpdated: string
  items: Array<{
    orderItemId: string
    sku: string
    quantity: number
    quantityShipped: number
    /** Refunded through payment adjustment feeds, per price component (decimal strings). */
    refunded: Record<string, string>
  }>
  packages: SimPackage[]
  buyerCancelRequest?: { reason: string }
  /** Set when the seller cancelled the order through an acknowledgement feed: the reason per order item. */
  sellerCancellation?: { reasons: Record<string, string> }
  address?: SimAddress
}

export interface SimPackage {
  packageReferenceId: string
  carrierCode: string
  carrierName?: string
  shippingMethod?: string
  trackingNumber: string
  shipDate: string
  /** Simulator time when the shipment was confirmed. */
  confirmedAt: string
  items: Array<{ orderItemId: string; quantity: number }>
}

/** A feed the simulator received, as the control API shows it. */
export interface SimFeedSnapshot {
  feedId: string
  sellerId: string
  feedType: string
  marketplaceIds: string[]
  inputFeedDocumentId: string
  /** The processing status at the simulator's current time. */
  processingStatus: "IN_QUEUE" | "IN_PROGRESS" | "DONE" | "FATAL" | "CANCELLED"
  createdTime: string
  /** The content type the input document was created with, and its uploaded text (undefined before the upload). */
  contentType: string
  content?: string
  resultFeedDocumentId?: string
  /** The processing report (uncompressed XML), once processed. */
  report?: string
  summary?: { processed: number; successful: number; withError: number }
  results?: Array<{ messageId: number; resultCode: string; resultMessageCode: string; resultDescription: string; amazonOrderId?: string }>
}
