/**
 * Orders API 2026-01-01 answers (orders_2026-01-01.json), reduced to what we map, loose on the rest.
 * Which sub-objects are present depends on the `includedData` of the request (BUYER, RECIPIENT,
 * PROCEEDS, PROMOTION, CANCELLATION, FULFILLMENT, …), hence all of them are optional.
 */
import { z } from "@medusajs/framework/zod"
import { currencyCode, decimalString, isoDateTime, optionalText } from "./common"

export const Money2026Schema = z.looseObject({
  amount: decimalString,
  currencyCode,
})

export const FulfillmentStatus2026Schema = z.enum([
  "PENDING_AVAILABILITY",
  "PENDING",
  "UNSHIPPED",
  "PARTIALLY_SHIPPED",
  "SHIPPED",
  "CANCELLED",
  "UNFULFILLABLE",
])

export const DateTimeRange2026Schema = z.looseObject({
  earliestDateTime: isoDateTime.nullish(),
  latestDateTime: isoDateTime.nullish(),
})

export const CustomerAddress2026Schema = z.looseObject({
  name: optionalText,
  companyName: optionalText,
  addressLine1: optionalText,
  addressLine2: optionalText,
  addressLine3: optionalText,
  city: optionalText,
  districtOrCounty: optionalText,
  stateOrRegion: optionalText,
  municipality: optionalText,
  postalCode: optionalText,
  countryCode: optionalText,
  phone: optionalText,
  addressType: optionalText,
  extendedFields: z.record(z.string(), z.unknown()).nullish(),
})

export const Buyer2026Schema = z.looseObject({
  buyerName: optionalText,
  buyerEmail: optionalText,
  buyerCompanyName: optionalText,
  buyerPurchaseOrderNumber: optionalText,
})

export const OrderProceedsBreakdown2026Schema = z.looseObject({
  /** ITEM, SHIPPING, GIFT_WRAP, COD_FEE, TAX, DISCOUNT, DELIVERY_TIP, OTHER */
  type: z.string(),
  subtotal: Money2026Schema,
})

export const ItemProceedsDetailedBreakdown2026Schema = z.looseObject({
  /** ITEM, SHIPPING, GIFT_WRAP, COD_FEE, OTHER, DISCOUNT */
  subtype: z.string().nullish(),
  value: Money2026Schema.nullish(),
})

export const ItemProceedsBreakdown2026Schema = z.looseObject({
  /** ITEM, SHIPPING, GIFT_WRAP, COD_FEE, OTHER, TAX, DISCOUNT */
  type: z.string(),
  subtotal: Money2026Schema,
  /** Only for TAX and DISCOUNT: which charge the tax / discount belongs to. */
  detailedBreakdowns: z.array(ItemProceedsDetailedBreakdown2026Schema).nullish(),
})

export const OrderItem2026Schema = z.looseObject({
  orderItemId: z.string().min(1),
  quantityOrdered: z.number().int().nonnegative(),
  product: z.looseObject({
    asin: optionalText,
    title: optionalText,
    sellerSku: optionalText,
    price: z
      .looseObject({
        unitPrice: Money2026Schema.nullish(),
        priceDesignation: optionalText,
      })
      .nullish(),
    customization: z.looseObject({ customizedUrl: optionalText }).nullish(),
  }),
  proceeds: z
    .looseObject({
      proceedsTotal: Money2026Schema.nullish(),
      breakdowns: z.array(ItemProceedsBreakdown2026Schema).nullish(),
    })
    .nullish(),
  promotion: z
    .looseObject({
      breakdowns: z.array(z.looseObject({ promotionId: optionalText })).nullish(),
    })
    .nullish(),
  cancellation: z
    .looseObject({
      cancellationRequest: z.looseObject({ requester: optionalText, cancelReason: optionalText }).nullish(),
      cancellationExecution: z.looseObject({ cancelledBy: optionalText, cancelReason: optionalText }).nullish(),
    })
    .nullish(),
  fulfillment: z
    .looseObject({
      quantityFulfilled: z.number().int().nonnegative().nullish(),
      quantityUnfulfilled: z.number().int().nonnegative().nullish(),
      packing: z
        .looseObject({
          giftOption: z.looseObject({ giftMessage: optionalText, giftWrapLevel: optionalText }).nullish(),
        })
        .nullish(),
    })
    .nullish(),
})

export const Order2026Schema = z.looseObject({
  orderId: z.string().min(1),
  createdTime: isoDateTime,
  lastUpdatedTime: isoDateTime,
  /** PRIME, AMAZON_BUSINESS, PREMIUM, PREORDER, AMAZON_EASY_SHIP, DELIVERY_BY_AMAZON, … (open list). */
  programs: z.array(z.string()).nullish(),
  associatedOrders: z
    .array(z.looseObject({ orderId: optionalText, associationType: optionalText }))
    .nullish(),
  salesChannel: z.looseObject({
    channelName: z.string(),
    marketplaceId: optionalText,
    marketplaceName: optionalText,
  }),
  buyer: Buyer2026Schema.nullish(),
  recipient: z.looseObject({ deliveryAddress: CustomerAddress2026Schema.nullish() }).nullish(),
  proceeds: z
    .looseObject({
      grandTotal: Money2026Schema.nullish(),
      breakdowns: z.array(OrderProceedsBreakdown2026Schema).nullish(),
    })
    .nullish(),
  fulfillment: z
    .looseObject({
      fulfillmentStatus: FulfillmentStatus2026Schema,
      fulfilledBy: z.enum(["AMAZON", "MERCHANT"]).nullish(),
      /** EXPEDITED, FREE_ECONOMY, NEXT_DAY, PRIORITY, SAME_DAY, SECOND_DAY, SCHEDULED, STANDARD */
      fulfillmentServiceLevel: optionalText,
      shipByWindow: DateTimeRange2026Schema.nullish(),
      deliverByWindow: DateTimeRange2026Schema.nullish(),
    })
    .nullish(),
  orderItems: z.array(OrderItem2026Schema),
  /** Merchant-fulfilled orders only: the shipments confirmed to Amazon (with includedData PACKAGES). */
  packages: z
    .array(
      z.looseObject({
        packageReferenceId: optionalText,
        carrier: optionalText,
        shipTime: isoDateTime.nullish(),
        trackingNumber: optionalText,
        packageItems: z.array(z.looseObject({ orderItemId: z.string(), quantity: z.number().int().nonnegative() })).nullish(),
      })
    )
    .nullish(),
})

/**
 * The page envelope is checked here; each order is checked on its own afterwards (see the client's
 * searchOrders), so that one malformed order is parked instead of failing the other 99.
 */
export const SearchOrdersResponseSchema = z.looseObject({
  orders: z.array(z.unknown()),
  pagination: z.looseObject({ nextToken: optionalText }).nullish(),
  lastUpdatedBefore: isoDateTime.nullish(),
  createdBefore: isoDateTime.nullish(),
})

export const GetOrder2026ResponseSchema = z.looseObject({
  order: Order2026Schema,
})

export type Money2026 = z.infer<typeof Money2026Schema>
export type Order2026 = z.infer<typeof Order2026Schema>
export type OrderItem2026 = z.infer<typeof OrderItem2026Schema>
export type CustomerAddress2026 = z.infer<typeof CustomerAddress2026Schema>
export type SearchOrdersResponse = z.infer<typeof SearchOrdersResponseSchema>
export type GetOrder2026Response = z.infer<typeof GetOrder2026ResponseSchema>
