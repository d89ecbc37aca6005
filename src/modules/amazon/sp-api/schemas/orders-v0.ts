/**
 * Orders API v0 answers (ordersV0.json), reduced to what we map, loose on the rest.
 * v0 wraps every answer in `{ payload, errors }` and uses PascalCase field names.
 */
import { z } from "@medusajs/framework/zod"
import { currencyCode, decimalString, isoDateTime, optionalText } from "./common"

/** Both fields are optional in Amazon's model; an amount without a currency does occur on zero charges. */
export const MoneyV0Schema = z.looseObject({
  CurrencyCode: currencyCode.nullish(),
  Amount: decimalString.nullish(),
})

/**
 * v0 flags are booleans in the current model, but Amazon has sent some of them as the strings
 * "true" / "false" (as it still does for IsBuyerRequestedCancel). Both spellings are accepted,
 * nothing else.
 */
const flag = z
  .union([z.boolean(), z.enum(["true", "false"])])
  .transform((value) => value === true || value === "true")

export const OrderStatusV0Schema = z.enum([
  "Pending",
  "Unshipped",
  "PartiallyShipped",
  "Shipped",
  "Canceled",
  "Unfulfillable",
  "InvoiceUnconfirmed",
  "PendingAvailability",
])

export const AddressV0Schema = z.looseObject({
  Name: optionalText,
  CompanyName: optionalText,
  AddressLine1: optionalText,
  AddressLine2: optionalText,
  AddressLine3: optionalText,
  City: optionalText,
  County: optionalText,
  District: optionalText,
  StateOrRegion: optionalText,
  Municipality: optionalText,
  PostalCode: optionalText,
  CountryCode: optionalText,
  Phone: optionalText,
  /** "Residential" | "Commercial" */
  AddressType: optionalText,
  /** StreetName, StreetNumber, Complement, Neighborhood (strings) and GeoCoordinates (object). */
  ExtendedFields: z.record(z.string(), z.unknown()).nullish(),
})

export const BuyerInfoV0Schema = z.looseObject({
  BuyerEmail: optionalText,
  BuyerName: optionalText,
  PurchaseOrderNumber: optionalText,
})

export const OrderV0Schema = z.looseObject({
  AmazonOrderId: z.string().min(1),
  SellerOrderId: optionalText,
  PurchaseDate: isoDateTime,
  LastUpdateDate: isoDateTime,
  OrderStatus: OrderStatusV0Schema,
  FulfillmentChannel: z.enum(["MFN", "AFN"]).nullish(),
  SalesChannel: optionalText,
  MarketplaceId: optionalText,
  ShipServiceLevel: optionalText,
  /** Expedited, FreeEconomy, NextDay, Priority, SameDay, SecondDay, Scheduled, Standard */
  ShipmentServiceLevelCategory: optionalText,
  OrderTotal: MoneyV0Schema.nullish(),
  /** StandardOrder, LongLeadTimeOrder, Preorder, BackOrder, SourcingOnDemandOrder */
  OrderType: optionalText,
  EarliestShipDate: isoDateTime.nullish(),
  LatestShipDate: isoDateTime.nullish(),
  IsBusinessOrder: flag.nullish(),
  IsPrime: flag.nullish(),
  IsPremiumOrder: flag.nullish(),
  IsReplacementOrder: flag.nullish(),
  ReplacedOrderId: optionalText,
  /** Restricted: only filled when the call was made with a restricted data token. */
  ShippingAddress: AddressV0Schema.nullish(),
  /** Restricted: only filled when the call was made with a restricted data token. */
  BuyerInfo: BuyerInfoV0Schema.nullish(),
})

export const OrderItemV0Schema = z.looseObject({
  ASIN: z.string(),
  SellerSKU: optionalText,
  OrderItemId: z.string().min(1),
  Title: optionalText,
  QuantityOrdered: z.number().int().nonnegative(),
  QuantityShipped: z.number().int().nonnegative().nullish(),
  /** Price of all units of the item (unit price × quantity). */
  ItemPrice: MoneyV0Schema.nullish(),
  ShippingPrice: MoneyV0Schema.nullish(),
  ItemTax: MoneyV0Schema.nullish(),
  ShippingTax: MoneyV0Schema.nullish(),
  ShippingDiscount: MoneyV0Schema.nullish(),
  ShippingDiscountTax: MoneyV0Schema.nullish(),
  PromotionDiscount: MoneyV0Schema.nullish(),
  PromotionDiscountTax: MoneyV0Schema.nullish(),
  PromotionIds: z.array(z.string()).nullish(),
  /** Restricted (needs an RDT): Amazon Custom data, gift wrap. */
  BuyerInfo: z
    .looseObject({
      BuyerCustomizedInfo: z.looseObject({ CustomizedURL: optionalText }).nullish(),
      GiftMessageText: optionalText,
      GiftWrapLevel: optionalText,
    })
    .nullish(),
  BuyerRequestedCancel: z
    .looseObject({
      /** A STRING "true" / "false" in Amazon's model, not a boolean. */
      IsBuyerRequestedCancel: z.string().nullish(),
      BuyerCancelReason: optionalText,
    })
    .nullish(),
})

/** The page envelope; each order is checked on its own by the client so one bad order does not sink the page. */
export const GetOrdersV0ResponseSchema = z.looseObject({
  payload: z.looseObject({
    Orders: z.array(z.unknown()),
    NextToken: optionalText,
    LastUpdatedBefore: isoDateTime.nullish(),
    CreatedBefore: isoDateTime.nullish(),
  }),
})

export const GetOrderV0ResponseSchema = z.looseObject({
  payload: OrderV0Schema,
})

export const GetOrderItemsV0ResponseSchema = z.looseObject({
  payload: z.looseObject({
    AmazonOrderId: z.string(),
    OrderItems: z.array(OrderItemV0Schema),
    NextToken: optionalText,
  }),
})

export const OrderAddressV0Schema = z.looseObject({
  AmazonOrderId: z.string(),
  BuyerCompanyName: optionalText,
  ShippingAddress: AddressV0Schema.nullish(),
})

export const GetOrderAddressV0ResponseSchema = z.looseObject({
  payload: OrderAddressV0Schema,
})

export const OrderBuyerInfoV0Schema = z.looseObject({
  AmazonOrderId: z.string(),
  BuyerEmail: optionalText,
  BuyerName: optionalText,
  PurchaseOrderNumber: optionalText,
})

export const GetOrderBuyerInfoV0ResponseSchema = z.looseObject({
  payload: OrderBuyerInfoV0Schema,
})

/**
 * Body of confirmShipment. Checked before sending, so a bug on our side is reported as such
 * instead of as an Amazon rejection.
 */
export const ConfirmShipmentRequestSchema = z.object({
  marketplaceId: z.string().min(1),
  codCollectionMethod: z.literal("DirectPayment").optional(),
  packageDetail: z.object({
    /** Amazon only accepts positive numbers here ("1", "2", …). */
    packageReferenceId: z.string().regex(/^[1-9]\d*$/, "must be a positive whole number such as \"1\""),
    carrierCode: z.string().min(1),
    carrierName: z.string().min(1).optional(),
    shippingMethod: z.string().min(1).optional(),
    trackingNumber: z.string().min(1),
    shipDate: isoDateTime,
    shipFromSupplySourceId: z.string().min(1).optional(),
    orderItems: z
      .array(
        z.object({
          orderItemId: z.string().min(1),
          quantity: z.number().int().positive(),
          transparencyCodes: z.array(z.string().min(1)).optional(),
        })
      )
      .min(1),
  }),
})

export type MoneyV0 = z.infer<typeof MoneyV0Schema>
export type AddressV0 = z.infer<typeof AddressV0Schema>
export type OrderV0 = z.infer<typeof OrderV0Schema>
export type OrderItemV0 = z.infer<typeof OrderItemV0Schema>
export type OrderAddressV0 = z.infer<typeof OrderAddressV0Schema>
export type OrderBuyerInfoV0 = z.infer<typeof OrderBuyerInfoV0Schema>
export type OrderStatusV0 = z.infer<typeof OrderStatusV0Schema>
export type ConfirmShipmentRequest = z.input<typeof ConfirmShipmentRequestSchema>
