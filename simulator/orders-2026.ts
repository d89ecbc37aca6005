// Orders API 2026-01-01: searchOrders and getOrder, with Amazon's `includedData` datasets.
import { formatAmazonDate } from "./dates"
import { enumList, integerParam, invalidInput, notFound, type SimResponse } from "./http"
import {
  customizationUrl,
  isAddressAvailable,
  isPhoneSuppressed,
  isPricingAvailable,
  promiseWindows,
  quantityUnshipped,
} from "./order-rules"
import { inWindow, marketplaceIdsParam, parseSearchWindow } from "./order-search"
import { compareByLastUpdated, decodeCursor, encodeCursor, hashQuery, pageAfter } from "./pagination"
import { toMinor } from "./money"
import { lineAmounts, money2026, type LineAmounts } from "./pricing"
import type { RouteContext, RouteDefinition } from "./route"
import type { OrderItemState, OrderState } from "./state"
import type { SimShipmentServiceLevelCategory } from "./types"

export const INCLUDED_DATA = [
  "BUYER",
  "RECIPIENT",
  "PROCEEDS",
  "EXPENSE",
  "PROMOTION",
  "CANCELLATION",
  "FULFILLMENT",
  "PACKAGES",
  "TAX",
  "PAYMENT",
  "FULFILLMENT_ORDERS",
] as const
export type IncludedData = (typeof INCLUDED_DATA)[number]

const FULFILLMENT_STATUSES = ["PENDING_AVAILABILITY", "PENDING", "UNSHIPPED", "PARTIALLY_SHIPPED", "SHIPPED", "CANCELLED", "UNFULFILLABLE"] as const
const FULFILLED_BY = ["MERCHANT", "AMAZON"] as const

const SERVICE_LEVEL: Record<SimShipmentServiceLevelCategory, string> = {
  Standard: "STANDARD",
  Expedited: "EXPEDITED",
  SecondDay: "SECOND_DAY",
  NextDay: "NEXT_DAY",
  SameDay: "SAME_DAY",
  Priority: "PRIORITY",
  FreeEconomy: "FREE_ECONOMY",
  Scheduled: "SCHEDULED",
}

type Json = Record<string, unknown>

function compact<T extends Json>(object: T): T {
  for (const key of Object.keys(object)) if (object[key] === undefined) delete object[key]
  return object
}

function programsOf(order: OrderState): string[] | undefined {
  const programs: string[] = []
  if (order.business) programs.push("AMAZON_BUSINESS")
  if (order.premium) programs.push("PREMIUM")
  if (order.preorder) programs.push("PREORDER")
  if (order.prime) programs.push("PRIME")
  return programs.length > 0 ? programs : undefined
}

interface ProceedsParts {
  item: number
  shipping: number
  discount: number
  /** The parts of `discount` taken off the item and off the shipping. */
  itemDiscount: number
  shippingDiscount: number
  tax: number
  itemTax: number
  shippingTax: number
  discountTax: number
}

/** Proceeds categories of a line, summing to what the buyer pays; in tax-inclusive marketplaces ITEM/SHIPPING are net of VAT. */
function proceedsParts(order: OrderState, amounts: LineAmounts): ProceedsParts {
  const inclusive = order.marketplace.taxInclusive
  const itemDiscount = -(inclusive ? amounts.promotionDiscount - amounts.promotionDiscountTax : amounts.promotionDiscount)
  const shippingDiscount = -(inclusive ? amounts.shippingDiscount - amounts.shippingDiscountTax : amounts.shippingDiscount)
  return {
    item: inclusive ? amounts.itemPrice - amounts.itemTax : amounts.itemPrice,
    shipping: inclusive ? amounts.shippingPrice - amounts.shippingTax : amounts.shippingPrice,
    discount: itemDiscount + shippingDiscount,
    itemDiscount,
    shippingDiscount,
    tax: amounts.itemTax + amounts.shippingTax - amounts.promotionDiscountTax - amounts.shippingDiscountTax,
    itemTax: amounts.itemTax,
    shippingTax: amounts.shippingTax,
    // Amazon reports one tax for all of a line's promotions.
    discountTax: -(amounts.promotionDiscountTax + amounts.shippingDiscountTax),
  }
}

function proceedsBreakdowns(order: OrderState, parts: ProceedsParts, detailed: boolean): Json[] {
  const breakdowns: Json[] = [{ type: "ITEM", subtotal: money2026(order, parts.item) }]
  if (parts.shipping !== 0) breakdowns.push({ type: "SHIPPING", subtotal: money2026(order, parts.shipping) })
  if (parts.discount !== 0) {
    const discount: Json = { type: "DISCOUNT", subtotal: money2026(order, parts.discount) }
    // A shipping promotion is told apart from the item's by the detailed breakdown's subtype.
    if (detailed && parts.shippingDiscount !== 0) {
      const details: Json[] = []
      if (parts.itemDiscount !== 0) details.push({ subtype: "ITEM", value: money2026(order, parts.itemDiscount) })
      details.push({ subtype: "SHIPPING", value: money2026(order, parts.shippingDiscount) })
      discount.detailedBreakdowns = details
    }
    breakdowns.push(discount)
  }
  if (parts.tax !== 0) {
    const tax: Json = { type: "TAX", subtotal: money2026(order, parts.tax) }
    if (detailed) {
      const details: Json[] = [{ subtype: "ITEM", value: money2026(order, parts.itemTax) }]
      if (parts.shippingTax !== 0) details.push({ subtype: "SHIPPING", value: money2026(order, parts.shippingTax) })
      if (parts.discountTax !== 0) details.push({ subtype: "DISCOUNT", value: money2026(order, parts.discountTax) })
      tax.detailedBreakdowns = details
    }
    breakdowns.push(tax)
  }
  return breakdowns
}

function partsTotal(parts: ProceedsParts): number {
  return parts.item + parts.shipping + parts.discount + parts.tax
}

function itemProceeds(order: OrderState, amounts: LineAmounts): Json {
  const parts = proceedsParts(order, amounts)
  return { proceedsTotal: money2026(order, partsTotal(parts)), breakdowns: proceedsBreakdowns(order, parts, true) }
}

function orderProceeds(order: OrderState): Json {
  const sum: ProceedsParts = { item: 0, shipping: 0, discount: 0, itemDiscount: 0, shippingDiscount: 0, tax: 0, itemTax: 0, shippingTax: 0, discountTax: 0 }
  for (const item of order.items) {
    const parts = proceedsParts(order, lineAmounts(order, item))
    for (const key of Object.keys(sum) as Array<keyof ProceedsParts>) sum[key] += parts[key]
  }
  return { grandTotal: money2026(order, partsTotal(sum)), breakdowns: proceedsBreakdowns(order, sum, false) }
}

function mapItem(order: OrderState, item: OrderItemState, included: Set<IncludedData>, context: RouteContext): Json {
  const pricing = isPricingAvailable(order)
  const amounts = lineAmounts(order, item)
  const url = customizationUrl(item, context.baseUrl)
  const condition = (item.seed.condition ?? "New").toUpperCase()
  const mapped: Json = {
    orderItemId: item.orderItemId,
    quantityOrdered: item.seed.quantity,
    product: compact({
      asin: item.seed.asin,
      title: item.seed.title,
      sellerSku: item.seed.sku,
      condition: { conditionType: condition, conditionSubtype: condition },
      price: pricing ? { unitPrice: money2026(order, toMinor(item.seed.unitPrice, order.currency)) } : undefined,
      customization: url ? { customizedUrl: url } : undefined,
    }),
  }
  if (included.has("PROCEEDS") && pricing) mapped.proceeds = itemProceeds(order, amounts)
  if (included.has("PROMOTION") && pricing && item.seed.promotionIds && item.seed.promotionIds.length > 0) {
    mapped.promotion = { breakdowns: item.seed.promotionIds.map((promotionId) => ({ promotionId })) }
  }
  if (included.has("CANCELLATION")) {
    const cancellation: Json = {}
    if (order.buyerCancelRequest) cancellation.cancellationRequest = { requester: "BUYER", cancelReason: order.buyerCancelRequest.reason }
    if (order.status === "CANCELLED") {
      cancellation.cancellationExecution = compact({
        cancelledBy: order.buyerCancelRequest ? "BUYER" : "MERCHANT",
        cancelReason: order.buyerCancelRequest?.reason,
      })
    }
    if (Object.keys(cancellation).length > 0) mapped.cancellation = cancellation
  }
  if (included.has("FULFILLMENT")) {
    mapped.fulfillment = compact({
      quantityFulfilled: item.quantityShipped,
      quantityUnfulfilled: order.status === "CANCELLED" ? 0 : quantityUnshipped(item),
      packing:
        item.seed.giftMessage || item.seed.giftWrapLevel
          ? { giftOption: compact({ giftMessage: item.seed.giftMessage, giftWrapLevel: item.seed.giftWrapLevel }) }
          : undefined,
    })
  }
  if (included.has("TAX") && pricing && !order.marketplace.taxInclusive && amounts.itemTax > 0) {
    // US-style marketplace facilitator states: Amazon collects and remits the sales tax.
    mapped.tax = { taxCollections: [{ model: "MARKETPLACE_FACILITATOR", responsibleParty: "Amazon Services, Inc." }] }
  }
  return mapped
}

/** Maps the simulator's order to Amazon's 2026-01-01 `Order`; optional blocks only when requested. */
export function mapOrder2026(order: OrderState, included: Set<IncludedData>, context: RouteContext): Json {
  const items = order.items.map((item) => mapItem(order, item, included, context))
  const mapped: Json = compact({
    orderId: order.id,
    orderAliases: order.seed.sellerOrderId ? [{ aliasId: order.seed.sellerOrderId, aliasType: "SELLER_ORDER_ID" }] : undefined,
    createdTime: formatAmazonDate(order.purchaseDate),
    lastUpdatedTime: formatAmazonDate(order.lastUpdated),
    programs: programsOf(order),
    salesChannel: { channelName: "AMAZON", marketplaceId: order.marketplace.id, marketplaceName: order.marketplace.name },
  })

  if (included.has("BUYER") && order.buyer) {
    const buyer = compact({
      buyerName: order.buyer.name,
      // Amazon shares the (anonymized) buyer email for merchant-fulfilled orders only.
      buyerEmail: order.seed.fulfilledBy === "MERCHANT" ? order.buyer.email : undefined,
      buyerCompanyName: order.buyer.companyName,
      buyerPurchaseOrderNumber: order.buyer.purchaseOrderNumber,
    })
    if (Object.keys(buyer).length > 0) mapped.buyer = buyer
  }
  if (included.has("RECIPIENT") && order.address && isAddressAvailable(order)) {
    const a = order.address
    mapped.recipient = {
      deliveryAddress: compact({
        name: a.name,
        companyName: a.companyName,
        addressLine1: a.addressLine1,
        addressLine2: a.addressLine2,
        addressLine3: a.addressLine3,
        city: a.city,
        districtOrCounty: a.county ?? a.district,
        stateOrRegion: a.stateOrRegion,
        municipality: a.municipality,
        postalCode: a.postalCode,
        countryCode: a.countryCode,
        phone: isPhoneSuppressed(order, context.now) ? undefined : a.phone,
        addressType: a.addressType ? a.addressType.toUpperCase() : undefined,
      }),
    }
  }
  if (included.has("PROCEEDS") && isPricingAvailable(order)) {
    mapped.proceeds = orderProceeds(order)
  }
  if (included.has("FULFILLMENT")) {
    const windows = promiseWindows(order)
    mapped.fulfillment = compact({
      fulfillmentStatus: order.status,
      fulfilledBy: order.seed.fulfilledBy,
      fulfillmentServiceLevel: SERVICE_LEVEL[order.shipmentServiceLevelCategory],
      shipByWindow: { earliestDateTime: formatAmazonDate(windows.earliestShip), latestDateTime: formatAmazonDate(windows.latestShip) },
      deliverByWindow: {
        earliestDateTime: formatAmazonDate(windows.earliestDelivery),
        latestDateTime: formatAmazonDate(windows.latestDelivery),
      },
    })
  }
  mapped.orderItems = items
  // Packages exist only for merchant-fulfilled orders (they are the confirmed shipments).
  if (included.has("PACKAGES") && order.seed.fulfilledBy === "MERCHANT" && order.packages.length > 0) {
    mapped.packages = order.packages.map((pkg) =>
      compact({
        packageReferenceId: pkg.packageReferenceId,
        createdTime: formatAmazonDate(new Date(pkg.confirmedAt)),
        packageStatus: { status: "SHIPPED" },
        carrier: pkg.carrierCode === "Other" ? pkg.carrierName : pkg.carrierCode,
        shipTime: formatAmazonDate(new Date(pkg.shipDate)),
        shippingService: pkg.shippingMethod,
        trackingNumber: pkg.trackingNumber,
        packageItems: pkg.items.map((item) => ({ orderItemId: item.orderItemId, quantity: item.quantity })),
      })
    )
  }
  return mapped
}

function includedDataParam(context: RouteContext): Set<IncludedData> {
  return new Set(enumList(context.query, "includedData", INCLUDED_DATA) ?? [])
}

function searchOrders(context: RouteContext): SimResponse {
  const { query, now } = context
  const maxResultsPerPage = integerParam(query, "maxResultsPerPage", 1, 100, 100)
  const included = includedDataParam(context)
  const marketplaceIds = marketplaceIdsParam(query, "marketplaceIds", false)
  const statuses = enumList(query, "fulfillmentStatuses", FULFILLMENT_STATUSES)
  const fulfilledBy = enumList(query, "fulfilledBy", FULFILLED_BY)
  const window = parseSearchWindow(
    query,
    { createdAfter: "createdAfter", createdBefore: "createdBefore", lastUpdatedAfter: "lastUpdatedAfter", lastUpdatedBefore: "lastUpdatedBefore" },
    now
  )

  // Every parameter except maxResultsPerPage and includedData must be repeated unchanged with a token.
  const queryHash = hashQuery({
    api: "2026",
    seller: context.auth.sellerId,
    window: [query.get("createdAfter"), query.get("createdBefore"), query.get("lastUpdatedAfter"), query.get("lastUpdatedBefore")],
    marketplaceIds,
    statuses,
    fulfilledBy,
  })
  const token = query.get("paginationToken")
  const cursor = token ? decodeCursor(token, "paginationToken", now.getTime()) : undefined
  if (cursor && cursor.queryHash !== queryHash) {
    throw invalidInput(
      "Invalid paginationToken.",
      "All parameters except maxResultsPerPage and includedData must have the values of the request that returned the token."
    )
  }
  if (cursor) window.before = new Date(cursor.upperBoundMs)

  const matching = [...context.state.orders.values()]
    .filter((order) => order.sellerId === context.auth.sellerId)
    .filter((order) => !marketplaceIds || marketplaceIds.includes(order.marketplace.id))
    .filter((order) => !statuses || (statuses as string[]).includes(order.status))
    .filter((order) => !fulfilledBy || (fulfilledBy as string[]).includes(order.seed.fulfilledBy))
    .filter((order) => inWindow(order, window))
    .sort(compareByLastUpdated)

  const { page, hasMore } = pageAfter(matching, (order) => [order.lastUpdated.getTime(), order.id], cursor?.after, maxResultsPerPage)
  const last = page[page.length - 1]
  const body: Json = { orders: page.map((order) => mapOrder2026(order, included, context)) }
  if (hasMore && last) {
    body.pagination = {
      nextToken: encodeCursor({ queryHash, upperBoundMs: window.before.getTime(), after: [last.lastUpdated.getTime(), last.id] }),
    }
  }
  if (window.field === "created") body.createdBefore = formatAmazonDate(window.before)
  else body.lastUpdatedBefore = formatAmazonDate(window.before)
  return { status: 200, body }
}

function getOrder(context: RouteContext): SimResponse {
  const included = includedDataParam(context)
  const order = context.state.orders.get(context.params.orderId)
  if (!order || order.sellerId !== context.auth.sellerId) throw notFound(`Order ${context.params.orderId} not found.`)
  return { status: 200, body: { order: mapOrder2026(order, included, context) } }
}

export const ORDERS_2026_ROUTES: RouteDefinition[] = [
  { api: "orders-2026-01-01", operationId: "searchOrders", method: "GET", pathTemplate: "/orders/2026-01-01/orders", handle: searchOrders },
  { api: "orders-2026-01-01", operationId: "getOrder", method: "GET", pathTemplate: "/orders/2026-01-01/orders/{orderId}", handle: getOrder },
]
