// Orders API v0: getOrders, getOrder, getOrderBuyerInfo, getOrderAddress, getOrderItems,
// getOrderItemsBuyerInfo and confirmShipment. PII (buyer name/email, street address, Amazon
// Custom data) is only returned to calls made with a Restricted Data Token, as on Amazon.
import { formatAmazonDate, parseIsoDate } from "./dates"
import { enumList, integerParam, invalidInput, notFound, type SimResponse } from "./http"
import {
  customizationUrl,
  isAddressAvailable,
  isPhoneSuppressed,
  isPricingAvailable,
  promiseWindows,
  quantityUnshipped,
} from "./order-rules"
import { inWindow, marketplaceIdsParam, parseSearchWindow, type SearchWindow } from "./order-search"
import { compareByLastUpdated, decodeOpaque, encodeOpaque, invalidToken, isExpired, pageAfter } from "./pagination"
import { lineAmounts, moneyV0, orderTotal } from "./pricing"
import type { RouteContext, RouteDefinition } from "./route"
import type { OrderItemState, OrderState } from "./state"
import type { SimOrderStatus, SimPackage } from "./types"

type Json = Record<string, unknown>

const ORDER_STATUS_V0: Record<SimOrderStatus, string> = {
  PENDING: "Pending",
  UNSHIPPED: "Unshipped",
  PARTIALLY_SHIPPED: "PartiallyShipped",
  SHIPPED: "Shipped",
  CANCELLED: "Canceled",
}

const ORDER_STATUSES_FILTER = [
  "PendingAvailability",
  "Pending",
  "Unshipped",
  "PartiallyShipped",
  "Shipped",
  "InvoiceUnconfirmed",
  "Canceled",
  "Unfulfillable",
] as const
const FULFILLMENT_CHANNELS = ["AFN", "MFN"] as const

function compact<T extends Json>(object: T): T {
  for (const key of Object.keys(object)) if (object[key] === undefined) delete object[key]
  return object
}

interface PiiAccess {
  buyerInfo: boolean
  shippingAddress: boolean
}

/** getOrders/getOrder/getOrderItems: PII only for the data elements the RDT was created with. */
function accessByDataElements(context: RouteContext): PiiAccess {
  const elements = context.auth.restricted?.dataElements
  return { buyerInfo: Boolean(elements?.has("buyerInfo")), shippingAddress: Boolean(elements?.has("shippingAddress")) }
}

/** getOrderAddress/getOrderBuyerInfo/getOrderItemsBuyerInfo: any RDT for the path unlocks the PII. */
function accessByToken(context: RouteContext): PiiAccess {
  const restricted = Boolean(context.auth.restricted)
  return { buyerInfo: restricted, shippingAddress: restricted }
}

function requireOwnOrder(context: RouteContext): OrderState {
  const order = context.state.orders.get(context.params.orderId)
  if (!order || order.sellerId !== context.auth.sellerId) throw notFound(`Order ${context.params.orderId} not found.`)
  return order
}

function shippingAddressV0(order: OrderState, fullAccess: boolean, now: Date): Json | undefined {
  const a = order.address
  if (!a || !isAddressAvailable(order)) return undefined
  // Without a Restricted Data Token Amazon still returns the non-identifying part of the address.
  if (!fullAccess) return compact({ City: a.city, StateOrRegion: a.stateOrRegion, PostalCode: a.postalCode, CountryCode: a.countryCode })
  return compact({
    Name: a.name,
    CompanyName: a.companyName,
    AddressLine1: a.addressLine1,
    AddressLine2: a.addressLine2,
    AddressLine3: a.addressLine3,
    City: a.city,
    County: a.county,
    District: a.district,
    StateOrRegion: a.stateOrRegion,
    Municipality: a.municipality,
    PostalCode: a.postalCode,
    CountryCode: a.countryCode,
    Phone: isPhoneSuppressed(order, now) ? undefined : a.phone,
    AddressType: a.addressType,
  })
}

function buyerFieldsV0(order: OrderState, fullAccess: boolean): Json {
  const buyer = order.buyer
  if (!buyer) return {}
  return compact({
    // The anonymized email is only shared for merchant-fulfilled orders.
    BuyerEmail: fullAccess && order.seed.fulfilledBy === "MERCHANT" ? buyer.email : undefined,
    BuyerName: fullAccess ? buyer.name : undefined,
    PurchaseOrderNumber: buyer.purchaseOrderNumber,
  })
}

/** Maps the simulator's order to Amazon's v0 `Order`. */
export function mapOrderV0(order: OrderState, access: PiiAccess, now: Date): Json {
  const merchant = order.seed.fulfilledBy === "MERCHANT"
  const windows = promiseWindows(order)
  const shipped = order.items.reduce((sum, item) => sum + item.quantityShipped, 0)
  const unshipped = order.status === "CANCELLED" ? 0 : order.items.reduce((sum, item) => sum + quantityUnshipped(item), 0)
  const paid = order.status !== "PENDING"
  const buyerInfo = buyerFieldsV0(order, access.buyerInfo)
  return compact({
    AmazonOrderId: order.id,
    SellerOrderId: order.seed.sellerOrderId ?? order.id,
    PurchaseDate: formatAmazonDate(order.purchaseDate),
    LastUpdateDate: formatAmazonDate(order.lastUpdated),
    OrderStatus: ORDER_STATUS_V0[order.status],
    FulfillmentChannel: merchant ? "MFN" : "AFN",
    SalesChannel: order.marketplace.name,
    ShipServiceLevel: order.shipServiceLevel,
    // Canceled orders carry no total.
    OrderTotal: order.status === "CANCELLED" ? undefined : moneyV0(order, orderTotal(order)),
    NumberOfItemsShipped: shipped,
    NumberOfItemsUnshipped: unshipped,
    PaymentMethod: paid ? "Other" : undefined,
    PaymentMethodDetails: paid ? ["Standard"] : undefined,
    MarketplaceId: order.marketplace.id,
    ShipmentServiceLevelCategory: order.shipmentServiceLevelCategory,
    OrderType: order.preorder ? "Preorder" : "StandardOrder",
    EarliestShipDate: merchant ? formatAmazonDate(windows.earliestShip) : undefined,
    LatestShipDate: merchant ? formatAmazonDate(windows.latestShip) : undefined,
    EarliestDeliveryDate: merchant ? formatAmazonDate(windows.earliestDelivery) : undefined,
    LatestDeliveryDate: merchant ? formatAmazonDate(windows.latestDelivery) : undefined,
    IsBusinessOrder: order.business,
    IsPrime: order.prime,
    IsPremiumOrder: order.premium,
    IsGlobalExpressEnabled: false,
    IsReplacementOrder: false,
    IsSoldByAB: false,
    IsISPU: false,
    IsAccessPointOrder: false,
    HasRegulatedItems: false,
    ShippingAddress: shippingAddressV0(order, access.shippingAddress, now),
    BuyerInfo: Object.keys(buyerInfo).length > 0 ? buyerInfo : undefined,
  })
}

function itemBuyerInfoV0(order: OrderState, item: OrderItemState, context: RouteContext): Json {
  // Amazon Custom data and gift messages exist only for merchant-fulfilled orders.
  if (order.seed.fulfilledBy !== "MERCHANT") return {}
  const url = customizationUrl(item, context.baseUrl)
  return compact({
    BuyerCustomizedInfo: url ? { CustomizedURL: url } : undefined,
    GiftMessageText: item.seed.giftMessage,
    GiftWrapLevel: item.seed.giftWrapLevel,
  })
}

/** Maps one line to Amazon's v0 `OrderItem` (ItemPrice/ItemTax are totals for the whole line). */
export function mapOrderItemV0(order: OrderState, item: OrderItemState, access: PiiAccess, context: RouteContext): Json {
  const amounts = lineAmounts(order, item)
  const pricing = isPricingAvailable(order)
  const condition = item.seed.condition ?? "New"
  const buyerInfo = access.buyerInfo ? itemBuyerInfoV0(order, item, context) : {}
  const mapped: Json = {
    ASIN: item.seed.asin,
    SellerSKU: item.seed.sku,
    OrderItemId: item.orderItemId,
    Title: item.seed.title,
    QuantityOrdered: item.seed.quantity,
    QuantityShipped: item.quantityShipped,
    ProductInfo: { NumberOfItems: "1" },
  }
  // Amazon withholds pricing, taxes, promotions and gift status while an order is Pending.
  if (pricing) {
    Object.assign(mapped, {
      ItemPrice: moneyV0(order, amounts.itemPrice),
      ItemTax: moneyV0(order, amounts.itemTax),
      ShippingPrice: moneyV0(order, amounts.shippingPrice),
      ShippingTax: moneyV0(order, amounts.shippingTax),
      ShippingDiscount: moneyV0(order, amounts.shippingDiscount),
      ShippingDiscountTax: moneyV0(order, amounts.shippingDiscountTax),
      PromotionDiscount: moneyV0(order, amounts.promotionDiscount),
      PromotionDiscountTax: moneyV0(order, amounts.promotionDiscountTax),
      PromotionIds: item.seed.promotionIds ?? [],
      IsGift: item.seed.giftMessage ? "true" : "false",
    })
  }
  Object.assign(mapped, {
    ConditionId: condition,
    ConditionSubtypeId: condition,
    IsTransparency: false,
  })
  if (pricing && !order.marketplace.taxInclusive && amounts.itemTax > 0) {
    mapped.TaxCollection = { Model: "MarketplaceFacilitator", ResponsibleParty: "Amazon Services, Inc." }
  }
  if (Object.keys(buyerInfo).length > 0) mapped.BuyerInfo = buyerInfo
  if (order.seed.fulfilledBy === "MERCHANT") {
    // Amazon sends this flag as the STRING "true"/"false".
    mapped.BuyerRequestedCancel = order.buyerCancelRequest
      ? { IsBuyerRequestedCancel: "true", BuyerCancelReason: order.buyerCancelRequest.reason }
      : { IsBuyerRequestedCancel: "false" }
  }
  return mapped
}

interface V0Filters {
  sellerId: string
  window: SearchWindow | null
  marketplaceIds: string[]
  statuses: string[] | undefined
  channels: string[] | undefined
  amazonOrderIds: string[] | undefined
}

function encodeOrdersToken(filters: V0Filters, after: [number, string]): string {
  const w = filters.window
  return encodeOpaque([
    "v0",
    filters.sellerId,
    w ? [w.field, w.after.getTime(), w.before.getTime()] : null,
    filters.marketplaceIds,
    filters.statuses ?? null,
    filters.channels ?? null,
    filters.amazonOrderIds ?? null,
    after,
  ])
}

/** v0 tokens carry the filters themselves: a NextToken request only needs MarketplaceIds. */
function decodeOrdersToken(token: string, context: RouteContext): { filters: V0Filters; after: [number, string] } {
  const parts = decodeOpaque(token)
  if (!parts || parts.length !== 8 || parts[0] !== "v0") throw invalidToken("NextToken")
  const [, sellerId, window, marketplaceIds, statuses, channels, amazonOrderIds, after] = parts as [
    string,
    string,
    [SearchWindow["field"], number, number] | null,
    string[],
    string[] | null,
    string[] | null,
    string[] | null,
    [number, string],
  ]
  if (sellerId !== context.auth.sellerId) throw invalidToken("NextToken")
  if (window && isExpired(window[2], context.now.getTime())) throw invalidToken("NextToken")
  return {
    filters: {
      sellerId,
      window: window ? { field: window[0], after: new Date(window[1]), before: new Date(window[2]) } : null,
      marketplaceIds,
      statuses: statuses ?? undefined,
      channels: channels ?? undefined,
      amazonOrderIds: amazonOrderIds ?? undefined,
    },
    after,
  }
}

function getOrders(context: RouteContext): SimResponse {
  const { query, now } = context
  const marketplaceIds = marketplaceIdsParam(query, "MarketplaceIds", true) as string[]
  const maxResultsPerPage = integerParam(query, "MaxResultsPerPage", 1, 100, 100)
  let filters: V0Filters
  let after: [number, string] | undefined
  const nextToken = query.get("NextToken")
  if (nextToken) {
    ;({ filters, after } = decodeOrdersToken(nextToken, context))
  } else {
    const amazonOrderIds = query.list("AmazonOrderIds")
    if (amazonOrderIds && amazonOrderIds.length > 50) throw invalidInput("Too many AmazonOrderIds: at most 50 are allowed.")
    filters = {
      sellerId: context.auth.sellerId,
      // Looking orders up by id needs no time window.
      window: amazonOrderIds
        ? null
        : parseSearchWindow(query, { createdAfter: "CreatedAfter", createdBefore: "CreatedBefore", lastUpdatedAfter: "LastUpdatedAfter", lastUpdatedBefore: "LastUpdatedBefore" }, now),
      marketplaceIds,
      statuses: enumList(query, "OrderStatuses", ORDER_STATUSES_FILTER),
      channels: enumList(query, "FulfillmentChannels", FULFILLMENT_CHANNELS),
      amazonOrderIds,
    }
  }

  const matching = [...context.state.orders.values()]
    .filter((order) => order.sellerId === filters.sellerId)
    .filter((order) => filters.marketplaceIds.includes(order.marketplace.id))
    .filter((order) => !filters.statuses || filters.statuses.includes(ORDER_STATUS_V0[order.status]))
    .filter((order) => !filters.channels || filters.channels.includes(order.seed.fulfilledBy === "MERCHANT" ? "MFN" : "AFN"))
    .filter((order) => !filters.amazonOrderIds || filters.amazonOrderIds.includes(order.id))
    .filter((order) => !filters.window || inWindow(order, filters.window))
    .sort(compareByLastUpdated)

  const { page, hasMore } = pageAfter(matching, (order) => [order.lastUpdated.getTime(), order.id], after, maxResultsPerPage)
  const access = accessByDataElements(context)
  const payload: Json = { Orders: page.map((order) => mapOrderV0(order, access, now)) }
  const last = page[page.length - 1]
  if (hasMore && last) payload.NextToken = encodeOrdersToken(filters, [last.lastUpdated.getTime(), last.id])
  if (filters.window?.field === "created") payload.CreatedBefore = formatAmazonDate(filters.window.before)
  if (filters.window?.field === "lastUpdated") payload.LastUpdatedBefore = formatAmazonDate(filters.window.before)
  return { status: 200, body: { payload } }
}

function getOrder(context: RouteContext): SimResponse {
  const order = requireOwnOrder(context)
  return { status: 200, body: { payload: mapOrderV0(order, accessByDataElements(context), context.now) } }
}

function getOrderBuyerInfo(context: RouteContext): SimResponse {
  const order = requireOwnOrder(context)
  const access = accessByToken(context)
  const payload = compact({
    AmazonOrderId: order.id,
    ...buyerFieldsV0(order, access.buyerInfo),
  })
  return { status: 200, body: { payload } }
}

function getOrderAddress(context: RouteContext): SimResponse {
  const order = requireOwnOrder(context)
  const access = accessByToken(context)
  const payload = compact({
    AmazonOrderId: order.id,
    BuyerCompanyName: access.buyerInfo && isAddressAvailable(order) ? order.address?.companyName : undefined,
    ShippingAddress: shippingAddressV0(order, access.shippingAddress, context.now),
  })
  return { status: 200, body: { payload } }
}

/** Pages through a list of order lines with an opaque NextToken bound to the order. */
function pageOfItems(context: RouteContext, order: OrderState): { items: OrderItemState[]; nextToken?: string } {
  const token = context.query.get("NextToken")
  let offset = 0
  if (token) {
    const parts = decodeOpaque(token)
    if (!parts || parts.length !== 3 || parts[0] !== "items" || parts[1] !== order.id || typeof parts[2] !== "number") throw invalidToken("NextToken")
    offset = parts[2]
  }
  const size = context.orderItemsPageSize
  const items = order.items.slice(offset, offset + size)
  const nextOffset = offset + size
  return { items, nextToken: nextOffset < order.items.length ? encodeOpaque(["items", order.id, nextOffset]) : undefined }
}

function getOrderItems(context: RouteContext): SimResponse {
  const order = requireOwnOrder(context)
  const access = accessByDataElements(context)
  const { items, nextToken } = pageOfItems(context, order)
  const payload = compact({
    OrderItems: items.map((item) => mapOrderItemV0(order, item, access, context)),
    NextToken: nextToken,
    AmazonOrderId: order.id,
  })
  return { status: 200, body: { payload } }
}

function getOrderItemsBuyerInfo(context: RouteContext): SimResponse {
  const order = requireOwnOrder(context)
  const access = accessByToken(context)
  const { items, nextToken } = pageOfItems(context, order)
  const payload = compact({
    OrderItems: items.map((item) => ({ OrderItemId: item.orderItemId, ...(access.buyerInfo ? itemBuyerInfoV0(order, item, context) : {}) })),
    NextToken: nextToken,
    AmazonOrderId: order.id,
  })
  return { status: 200, body: { payload } }
}

function requiredString(object: Json, name: string, where: string): string {
  const value = object[name]
  if (typeof value !== "string" || value.trim() === "") throw invalidInput(`Missing or empty ${where}${name}.`)
  return value
}

/** Validates a shipment confirmation like Amazon, then records the package and moves the status. */
function confirmShipment(context: RouteContext): SimResponse {
  const body = context.body
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw invalidInput("The request body must be a JSON object.")
  const request = body as Json
  const order = requireOwnOrder(context)

  const marketplaceId = requiredString(request, "marketplaceId", "")
  if (marketplaceId !== order.marketplace.id) {
    throw invalidInput(`marketplaceId ${marketplaceId} does not match the marketplace of order ${order.id}.`)
  }
  if (order.seed.fulfilledBy !== "MERCHANT") throw invalidInput(`Order ${order.id} is fulfilled by Amazon; only seller-fulfilled orders can be confirmed.`)
  if (order.status === "CANCELLED") throw invalidInput(`Order ${order.id} is canceled and cannot be shipped.`)
  if (order.status === "SHIPPED") throw invalidInput(`Order ${order.id} is already shipped.`)
  if (order.status === "PENDING") throw invalidInput(`Order ${order.id} is pending; it can be shipped once it is Unshipped.`)

  const detail = request.packageDetail
  if (typeof detail !== "object" || detail === null) throw invalidInput("Missing packageDetail.")
  const pkg = detail as Json
  const packageReferenceId = requiredString(pkg, "packageReferenceId", "packageDetail.")
  const carrierCode = requiredString(pkg, "carrierCode", "packageDetail.")
  const carrierName = typeof pkg.carrierName === "string" && pkg.carrierName.trim() !== "" ? pkg.carrierName : undefined
  if (carrierCode === "Other" && !carrierName) throw invalidInput('packageDetail.carrierName is required when carrierCode is "Other".')
  const trackingNumber = requiredString(pkg, "trackingNumber", "packageDetail.")
  const shipDateText = requiredString(pkg, "shipDate", "packageDetail.")
  const shipDate = parseIsoDate(shipDateText)
  if (!shipDate) throw invalidInput(`Invalid packageDetail.shipDate '${shipDateText}'. The date must be in ISO 8601 format.`)
  if (order.packages.some((existing) => existing.packageReferenceId === packageReferenceId)) {
    throw invalidInput(`packageReferenceId ${packageReferenceId} was already used for order ${order.id}.`)
  }

  if (!Array.isArray(pkg.orderItems) || pkg.orderItems.length === 0) throw invalidInput("packageDetail.orderItems must list at least one order item.")
  const requested = new Map<string, number>()
  for (const entry of pkg.orderItems as unknown[]) {
    const line = (entry ?? {}) as Json
    const orderItemId = requiredString(line, "orderItemId", "packageDetail.orderItems[].")
    const quantity = line.quantity
    if (typeof quantity !== "number" || !Number.isInteger(quantity) || quantity < 1) {
      throw invalidInput(`Invalid quantity for order item ${orderItemId}: it must be a positive integer.`)
    }
    if (!order.items.some((item) => item.orderItemId === orderItemId)) {
      throw invalidInput(`Order item ${orderItemId} does not belong to order ${order.id}.`)
    }
    requested.set(orderItemId, (requested.get(orderItemId) ?? 0) + quantity)
  }
  for (const [orderItemId, quantity] of requested) {
    const item = order.items.find((candidate) => candidate.orderItemId === orderItemId) as OrderItemState
    const left = quantityUnshipped(item)
    if (quantity > left) {
      throw invalidInput(`Quantity ${quantity} for order item ${orderItemId} exceeds the ${left} unit(s) left to ship.`)
    }
  }

  for (const [orderItemId, quantity] of requested) {
    const item = order.items.find((candidate) => candidate.orderItemId === orderItemId) as OrderItemState
    item.quantityShipped += quantity
  }
  const recorded: SimPackage = {
    packageReferenceId,
    carrierCode,
    carrierName,
    shippingMethod: typeof pkg.shippingMethod === "string" ? pkg.shippingMethod : undefined,
    trackingNumber,
    shipDate: shipDate.toISOString(),
    confirmedAt: context.now.toISOString(),
    items: [...requested.entries()].map(([orderItemId, quantity]) => ({ orderItemId, quantity })),
  }
  order.packages.push(recorded)
  order.status = order.items.every((item) => quantityUnshipped(item) === 0) ? "SHIPPED" : "PARTIALLY_SHIPPED"
  order.lastUpdated = context.now
  return { status: 204 }
}

const V0 = "orders-v0" as const

export const ORDERS_V0_ROUTES: RouteDefinition[] = [
  { api: V0, operationId: "getOrders", method: "GET", pathTemplate: "/orders/v0/orders", restricted: true, handle: getOrders },
  { api: V0, operationId: "getOrder", method: "GET", pathTemplate: "/orders/v0/orders/{orderId}", restricted: true, handle: getOrder },
  { api: V0, operationId: "getOrderBuyerInfo", method: "GET", pathTemplate: "/orders/v0/orders/{orderId}/buyerInfo", restricted: true, handle: getOrderBuyerInfo },
  { api: V0, operationId: "getOrderAddress", method: "GET", pathTemplate: "/orders/v0/orders/{orderId}/address", restricted: true, handle: getOrderAddress },
  { api: V0, operationId: "getOrderItems", method: "GET", pathTemplate: "/orders/v0/orders/{orderId}/orderItems", restricted: true, handle: getOrderItems },
  {
    api: V0,
    operationId: "getOrderItemsBuyerInfo",
    method: "GET",
    pathTemplate: "/orders/v0/orders/{orderId}/orderItems/buyerInfo",
    restricted: true,
    handle: getOrderItemsBuyerInfo,
  },
  { api: V0, operationId: "confirmShipment", method: "POST", pathTemplate: "/orders/v0/orders/{orderId}/shipmentConfirmation", handle: confirmShipment },
]
