/**
 * Orders API 2026-01-01 → AmazonOrder. Pure functions: no I/O, no clock, no invented data.
 *
 * Money in 2026-01-01 lives in `proceeds.breakdowns` (per item): ITEM, SHIPPING, TAX, DISCOUNT, …
 * The breakdowns ADD UP to the proceeds (Amazon's own example: ITEM 89.97 + SHIPPING 10.00 + TAX 4.00 =
 * 103.97), so ITEM and SHIPPING are net of tax even where the buyer saw VAT-inclusive prices; our
 * AmazonOrder keeps buyer-facing prices, so in those marketplaces the tax is added back (as v0 reports it).
 * TAX and DISCOUNT entries may carry `detailedBreakdowns` saying which charge they belong to
 * (subtype ITEM / SHIPPING / DISCOUNT / …). Discounts reduce proceeds, so Amazon reports them as
 * negative amounts; our fields hold the positive amount taken off (we accept either sign).
 */
import type { AmazonAddress, AmazonOrder, AmazonOrderItem, FulfillmentChannel } from "../types"
import type { CustomerAddress2026, Order2026, OrderItem2026 } from "../schemas/orders-2026"
import { absDecimal, multiplyDecimal, sumDecimals } from "../money"
import { pricesIncludeTax } from "../marketplaces"
import { giftOptionOf, OrderMappingError, stringFieldsOrNull, subtypesFrom, textOrNull, type SubtypeFacts } from "./common"

/**
 * includedData the mappers need: FULFILLMENT carries the status and channel, PROCEEDS the money,
 * BUYER / RECIPIENT the (possibly absent) PII, PROMOTION the promotion ids, CANCELLATION the buyer's
 * cancellation request, PACKAGES the carrier, tracking number and ship time of what the seller shipped already.
 */
export const INCLUDED_DATA_FOR_MAPPING = ["BUYER", "RECIPIENT", "PROCEEDS", "PROMOTION", "CANCELLATION", "FULFILLMENT", "PACKAGES"] as const

const SPEED_BY_SERVICE_LEVEL: Record<string, SubtypeFacts["speed"]> = {
  SECOND_DAY: "SECOND_DAY",
  NEXT_DAY: "NEXT_DAY",
  SAME_DAY: "SAME_DAY",
}

export function mapFulfilledBy2026(fulfilledBy: "AMAZON" | "MERCHANT"): FulfillmentChannel {
  return fulfilledBy === "AMAZON" ? "FBA" : "FBM"
}

export function mapAddress2026(address: CustomerAddress2026 | null | undefined): AmazonAddress | null {
  if (!address) return null
  return {
    name: textOrNull(address.name),
    companyName: textOrNull(address.companyName),
    addressLine1: textOrNull(address.addressLine1),
    addressLine2: textOrNull(address.addressLine2),
    addressLine3: textOrNull(address.addressLine3),
    city: textOrNull(address.city),
    districtOrCounty: textOrNull(address.districtOrCounty),
    stateOrRegion: textOrNull(address.stateOrRegion),
    municipality: textOrNull(address.municipality),
    postalCode: textOrNull(address.postalCode),
    countryCode: textOrNull(address.countryCode),
    phone: textOrNull(address.phone),
    addressType: textOrNull(address.addressType),
    extendedFields: stringFieldsOrNull(address.extendedFields),
  }
}

/** The item's money, split the way AmazonOrderItem wants it; null means Amazon did not say. */
type ItemCharges = {
  itemPrice: string | null
  itemTax: string | null
  shippingPrice: string | null
  shippingTax: string | null
  promotionDiscount: string | null
  promotionDiscountTax: string | null
  shippingDiscount: string | null
  shippingDiscountTax: string | null
}

function chargesOf(item: OrderItem2026, taxInclusive: boolean): ItemCharges {
  const breakdowns = item.proceeds?.breakdowns ?? []
  const amounts = {
    item: [] as string[],
    shipping: [] as string[],
    itemTax: [] as string[],
    shippingTax: [] as string[],
    discountTax: [] as string[],
    itemDiscount: [] as string[],
    shippingDiscount: [] as string[],
  }
  for (const breakdown of breakdowns) {
    const details = (breakdown.detailedBreakdowns ?? []).flatMap((detail) =>
      detail.value ? [{ subtype: detail.subtype ?? null, amount: detail.value.amount }] : []
    )
    switch (breakdown.type) {
      case "ITEM":
        amounts.item.push(breakdown.subtotal.amount)
        break
      case "SHIPPING":
        amounts.shipping.push(breakdown.subtotal.amount)
        break
      case "TAX":
        if (details.length === 0) {
          // Not split by Amazon: all tax belongs to the item charge. Shipping tax stays unknown (null)
          // rather than an invented zero.
          amounts.itemTax.push(breakdown.subtotal.amount)
          break
        }
        for (const { subtype, amount } of details) {
          if (subtype === "ITEM") amounts.itemTax.push(amount)
          else if (subtype === "SHIPPING") amounts.shippingTax.push(amount)
          // Tax on promotions; Amazon does not say whether the promotion was on the item or the shipping.
          else if (subtype === "DISCOUNT") amounts.discountTax.push(amount)
        }
        break
      case "DISCOUNT":
        if (details.length === 0) {
          amounts.itemDiscount.push(breakdown.subtotal.amount)
          break
        }
        for (const { subtype, amount } of details) {
          if (subtype === "SHIPPING") amounts.shippingDiscount.push(amount)
          else amounts.itemDiscount.push(amount)
        }
        break
      // GIFT_WRAP, COD_FEE, OTHER have no field in AmazonOrderItem.
    }
  }
  const positive = (values: string[]) => {
    const sum = sumDecimals(values)
    return sum === null ? null : absDecimal(sum)
  }
  const unitPrice = item.product.price?.unitPrice?.amount ?? null
  const itemTax = sumDecimals(amounts.itemTax)
  const shippingTax = sumDecimals(amounts.shippingTax)
  const itemDiscount = positive(amounts.itemDiscount)
  const shippingDiscount = positive(amounts.shippingDiscount)
  // Amazon reports one tax for all discounts; it belongs to the item promotion if there is one, else to the
  // shipping promotion (the common "free shipping" case).
  const discountTax = positive(amounts.discountTax)
  const discountTaxOnShipping = itemDiscount === null && shippingDiscount !== null
  const promotionDiscountTax = discountTaxOnShipping ? null : discountTax
  const shippingDiscountTax = discountTaxOnShipping ? discountTax : null
  const net = {
    item: sumDecimals(amounts.item),
    shipping: sumDecimals(amounts.shipping),
  }
  const gross = (netAmount: string | null, tax: string | null) =>
    taxInclusive && netAmount !== null && tax !== null ? sumDecimals([netAmount, tax]) : netAmount
  const itemPrice = net.item !== null ? gross(net.item, itemTax) : null
  return {
    // Without PROCEEDS the line total is still known from the unit price (buyer-facing already).
    itemPrice: itemPrice ?? (unitPrice !== null ? multiplyDecimal(unitPrice, item.quantityOrdered) : null),
    itemTax,
    shippingPrice: gross(net.shipping, shippingTax),
    shippingTax,
    promotionDiscount: gross(itemDiscount, promotionDiscountTax),
    promotionDiscountTax,
    shippingDiscount: gross(shippingDiscount, shippingDiscountTax),
    shippingDiscountTax,
  }
}

/** `taxInclusive`: whether the marketplace shows buyers prices that include tax (EU, UK, JP, …). */
export function mapOrderItem2026(item: OrderItem2026, { taxInclusive = false }: { taxInclusive?: boolean } = {}): AmazonOrderItem {
  const charges = chargesOf(item, taxInclusive)
  const request = item.cancellation?.cancellationRequest
  const execution = item.cancellation?.cancellationExecution
  const buyerRequestedCancel = request?.requester === "BUYER"
  const customizedUrl = textOrNull(item.product.customization?.customizedUrl)
  return {
    orderItemId: item.orderItemId,
    asin: textOrNull(item.product.asin),
    sellerSku: textOrNull(item.product.sellerSku),
    title: textOrNull(item.product.title),
    quantityOrdered: item.quantityOrdered,
    quantityShipped: item.fulfillment?.quantityFulfilled ?? 0,
    unitPrice: item.product.price?.unitPrice?.amount ?? null,
    itemPrice: charges.itemPrice,
    itemTax: charges.itemTax,
    shippingPrice: charges.shippingPrice,
    shippingTax: charges.shippingTax,
    promotionDiscount: charges.promotionDiscount,
    promotionDiscountTax: charges.promotionDiscountTax,
    shippingDiscount: charges.shippingDiscount,
    shippingDiscountTax: charges.shippingDiscountTax,
    promotionIds: (item.promotion?.breakdowns ?? [])
      .map((breakdown) => textOrNull(breakdown.promotionId))
      .filter((id): id is string => id !== null),
    customization: customizedUrl ? { url: customizedUrl, text: null } : null,
    gift: giftOptionOf(item.fulfillment?.packing?.giftOption?.giftMessage, item.fulfillment?.packing?.giftOption?.giftWrapLevel),
    buyerRequestedCancel,
    cancelReason: textOrNull(request?.cancelReason) ?? textOrNull(execution?.cancelReason),
  }
}

function firstCurrencyOfItems(order: Order2026): string | null {
  for (const item of order.orderItems) {
    const currency =
      item.product.price?.unitPrice?.currencyCode ??
      item.proceeds?.proceedsTotal?.currencyCode ??
      item.proceeds?.breakdowns?.[0]?.subtotal.currencyCode
    if (currency) return currency
  }
  return null
}

export function mapOrder2026(order: Order2026): AmazonOrder {
  const fulfillment = order.fulfillment
  if (!fulfillment) {
    throw new OrderMappingError(order.orderId, "the answer has no fulfillment data (request includedData FULFILLMENT)")
  }
  if (!fulfillment.fulfilledBy) {
    throw new OrderMappingError(order.orderId, "Amazon did not say whether it is fulfilled by Amazon or by the merchant")
  }
  const programs = new Set(order.programs ?? [])
  const grandTotal = order.proceeds?.grandTotal ?? null
  const marketplaceId = textOrNull(order.salesChannel.marketplaceId)
  const currencyCode = grandTotal?.currencyCode ?? firstCurrencyOfItems(order)
  const taxInclusive = pricesIncludeTax(marketplaceId, currencyCode)
  const items = order.orderItems.map((item) => mapOrderItem2026(item, { taxInclusive }))
  const cancelRequestedItem = items.find((item) => item.buyerRequestedCancel)

  return {
    amazonOrderId: order.orderId,
    marketplaceId,
    salesChannel: textOrNull(order.salesChannel.marketplaceName),
    status: fulfillment.fulfillmentStatus,
    fulfillmentChannel: mapFulfilledBy2026(fulfillment.fulfilledBy),
    purchaseDate: order.createdTime,
    lastUpdateDate: order.lastUpdatedTime,
    currencyCode,
    orderTotal: grandTotal?.amount ?? null,
    subtypes: subtypesFrom({
      prime: programs.has("PRIME"),
      business: programs.has("AMAZON_BUSINESS"),
      premium: programs.has("PREMIUM"),
      preorder: programs.has("PREORDER"),
      replacement: (order.associatedOrders ?? []).some((associated) => associated.associationType === "REPLACEMENT_ORIGINAL_ID"),
      speed: SPEED_BY_SERVICE_LEVEL[fulfillment.fulfillmentServiceLevel ?? ""] ?? null,
    }),
    shipServiceLevel: textOrNull(fulfillment.fulfillmentServiceLevel),
    earliestShipDate: fulfillment.shipByWindow?.earliestDateTime ?? null,
    latestShipDate: fulfillment.shipByWindow?.latestDateTime ?? null,
    buyer: {
      email: textOrNull(order.buyer?.buyerEmail),
      name: textOrNull(order.buyer?.buyerName),
      companyName: textOrNull(order.buyer?.buyerCompanyName),
      purchaseOrderNumber: textOrNull(order.buyer?.buyerPurchaseOrderNumber),
    },
    shippingAddress: mapAddress2026(order.recipient?.deliveryAddress),
    buyerRequestedCancel: cancelRequestedItem !== undefined,
    buyerCancelReason: cancelRequestedItem?.cancelReason ?? null,
    items,
    ...(order.packages?.length
      ? {
          packages: order.packages.map((pkg) => ({
            packageReferenceId: textOrNull(pkg.packageReferenceId),
            carrier: textOrNull(pkg.carrier),
            trackingNumber: textOrNull(pkg.trackingNumber),
            shipTime: pkg.shipTime ?? null,
            items: (pkg.packageItems ?? []).map((item) => ({ orderItemId: item.orderItemId, quantity: item.quantity })),
          })),
        }
      : {}),
    source: "2026-01-01",
  }
}
