/**
 * Orders API v0 → AmazonOrder. Pure functions: no I/O, no clock, no defaults that invent data.
 *
 * A v0 order is spread over several calls: getOrders/getOrder (header), getOrderItems (lines),
 * and, for PII, getOrderAddress / getOrderBuyerInfo or the same calls made with a restricted data
 * token. The caller hands us whatever it fetched; what is missing stays null.
 */
import type {
  AmazonAddress,
  AmazonBuyer,
  AmazonOrder,
  AmazonOrderItem,
  AmazonOrderStatus,
  FulfillmentChannel,
} from "../types"
import type {
  AddressV0,
  MoneyV0,
  OrderAddressV0,
  OrderBuyerInfoV0,
  OrderItemV0,
  OrderStatusV0,
  OrderV0,
} from "../schemas/orders-v0"
import { divideDecimalExactly } from "../money"
import { giftOptionOf, OrderMappingError, stringFieldsOrNull, subtypesFrom, textOrNull, type SubtypeFacts } from "./common"

export type OrderV0Bundle = {
  order: OrderV0
  /** All pages of getOrderItems for this order. */
  items: OrderItemV0[]
  /** Payload of getOrderAddress, when fetched; wins over order.ShippingAddress. */
  address?: OrderAddressV0 | null
  /** Payload of getOrderBuyerInfo, when fetched; wins over order.BuyerInfo. */
  buyerInfo?: OrderBuyerInfoV0 | null
}

const STATUS_BY_V0_STATUS: Record<OrderStatusV0, AmazonOrderStatus> = {
  PendingAvailability: "PENDING_AVAILABILITY",
  Pending: "PENDING",
  Unshipped: "UNSHIPPED",
  PartiallyShipped: "PARTIALLY_SHIPPED",
  Shipped: "SHIPPED",
  // Shipped, only the invoice confirmation to Amazon is outstanding (Brazil, Easy Ship).
  InvoiceUnconfirmed: "SHIPPED",
  Canceled: "CANCELLED",
  Unfulfillable: "UNFULFILLABLE",
}

export function mapOrderStatusV0(status: OrderStatusV0): AmazonOrderStatus {
  return STATUS_BY_V0_STATUS[status]
}

export function mapFulfillmentChannelV0(channel: "AFN" | "MFN"): FulfillmentChannel {
  return channel === "AFN" ? "FBA" : "FBM"
}

const SPEED_BY_V0_CATEGORY: Record<string, SubtypeFacts["speed"]> = {
  SecondDay: "SECOND_DAY",
  NextDay: "NEXT_DAY",
  SameDay: "SAME_DAY",
}

/** Amazon's "true"/"false" strings (IsBuyerRequestedCancel) as a boolean; anything else is false. */
export function isTrueString(value: string | null | undefined): boolean {
  return typeof value === "string" && value.trim().toLowerCase() === "true"
}

function amountOf(money: MoneyV0 | null | undefined): string | null {
  return money?.Amount ?? null
}

export function mapAddressV0(address: AddressV0 | null | undefined): AmazonAddress | null {
  if (!address) return null
  return {
    name: textOrNull(address.Name),
    companyName: textOrNull(address.CompanyName),
    addressLine1: textOrNull(address.AddressLine1),
    addressLine2: textOrNull(address.AddressLine2),
    addressLine3: textOrNull(address.AddressLine3),
    city: textOrNull(address.City),
    // v0 splits what 2026-01-01 calls districtOrCounty; County is the common one, District is used in e.g. MX/IN.
    districtOrCounty: textOrNull(address.County) ?? textOrNull(address.District),
    stateOrRegion: textOrNull(address.StateOrRegion),
    municipality: textOrNull(address.Municipality),
    postalCode: textOrNull(address.PostalCode),
    countryCode: textOrNull(address.CountryCode),
    phone: textOrNull(address.Phone),
    // Same spelling as 2026-01-01 ("RESIDENTIAL" / "COMMERCIAL") so consumers need not care about the source.
    addressType: textOrNull(address.AddressType)?.toUpperCase() ?? null,
    extendedFields: stringFieldsOrNull(address.ExtendedFields),
  }
}

export function mapOrderItemV0(item: OrderItemV0): AmazonOrderItem {
  const itemPrice = amountOf(item.ItemPrice)
  const buyerRequestedCancel = isTrueString(item.BuyerRequestedCancel?.IsBuyerRequestedCancel)
  const customizedUrl = textOrNull(item.BuyerInfo?.BuyerCustomizedInfo?.CustomizedURL)
  return {
    orderItemId: item.OrderItemId,
    asin: textOrNull(item.ASIN),
    sellerSku: textOrNull(item.SellerSKU),
    title: textOrNull(item.Title),
    quantityOrdered: item.QuantityOrdered,
    // Amazon omits the count before anything shipped; zero shipped is what that means.
    quantityShipped: item.QuantityShipped ?? 0,
    // v0 only gives the line total; the unit price is derived only when the division is exact.
    unitPrice: itemPrice !== null ? divideDecimalExactly(itemPrice, item.QuantityOrdered) : null,
    itemPrice,
    itemTax: amountOf(item.ItemTax),
    shippingPrice: amountOf(item.ShippingPrice),
    shippingTax: amountOf(item.ShippingTax),
    promotionDiscount: amountOf(item.PromotionDiscount),
    promotionDiscountTax: amountOf(item.PromotionDiscountTax),
    shippingDiscount: amountOf(item.ShippingDiscount),
    shippingDiscountTax: amountOf(item.ShippingDiscountTax),
    promotionIds: (item.PromotionIds ?? []).filter((id) => id.trim() !== ""),
    customization: customizedUrl ? { url: customizedUrl, text: null } : null,
    gift: giftOptionOf(item.BuyerInfo?.GiftMessageText, item.BuyerInfo?.GiftWrapLevel),
    buyerRequestedCancel,
    cancelReason: buyerRequestedCancel ? textOrNull(item.BuyerRequestedCancel?.BuyerCancelReason) : null,
  }
}

function mapBuyerV0(bundle: OrderV0Bundle): AmazonBuyer {
  const fromCall = bundle.buyerInfo
  const fromOrder = bundle.order.BuyerInfo
  return {
    email: textOrNull(fromCall?.BuyerEmail) ?? textOrNull(fromOrder?.BuyerEmail),
    name: textOrNull(fromCall?.BuyerName) ?? textOrNull(fromOrder?.BuyerName),
    companyName: textOrNull(bundle.address?.BuyerCompanyName),
    purchaseOrderNumber: textOrNull(fromCall?.PurchaseOrderNumber) ?? textOrNull(fromOrder?.PurchaseOrderNumber),
  }
}

export function mapOrderV0(bundle: OrderV0Bundle): AmazonOrder {
  const { order } = bundle
  if (!order.FulfillmentChannel) {
    throw new OrderMappingError(order.AmazonOrderId, "Amazon did not say whether it is fulfilled by Amazon or by the merchant")
  }
  const items = bundle.items.map(mapOrderItemV0)
  const cancelRequestedItem = items.find((item) => item.buyerRequestedCancel)

  return {
    amazonOrderId: order.AmazonOrderId,
    marketplaceId: textOrNull(order.MarketplaceId),
    salesChannel: textOrNull(order.SalesChannel),
    status: mapOrderStatusV0(order.OrderStatus),
    fulfillmentChannel: mapFulfillmentChannelV0(order.FulfillmentChannel),
    purchaseDate: order.PurchaseDate,
    lastUpdateDate: order.LastUpdateDate,
    currencyCode:
      order.OrderTotal?.CurrencyCode ?? bundle.items.find((item) => item.ItemPrice?.CurrencyCode)?.ItemPrice?.CurrencyCode ?? null,
    orderTotal: amountOf(order.OrderTotal),
    subtypes: subtypesFrom({
      prime: order.IsPrime === true,
      business: order.IsBusinessOrder === true,
      premium: order.IsPremiumOrder === true,
      preorder: order.OrderType === "Preorder",
      replacement: order.IsReplacementOrder === true,
      speed: SPEED_BY_V0_CATEGORY[order.ShipmentServiceLevelCategory ?? ""] ?? null,
    }),
    shipServiceLevel: textOrNull(order.ShipServiceLevel) ?? textOrNull(order.ShipmentServiceLevelCategory),
    earliestShipDate: order.EarliestShipDate ?? null,
    latestShipDate: order.LatestShipDate ?? null,
    buyer: mapBuyerV0(bundle),
    shippingAddress: mapAddressV0(bundle.address?.ShippingAddress ?? order.ShippingAddress),
    buyerRequestedCancel: cancelRequestedItem !== undefined,
    buyerCancelReason: cancelRequestedItem?.cancelReason ?? null,
    items,
    source: "v0",
  }
}
