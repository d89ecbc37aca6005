/**
 * Vendor Orders API v1 shapes (vendorOrders.json): purchase orders Amazon retail places with a vendor, and the
 * acknowledgements the vendor answers them with. Responses are loose (Amazon adds fields); requests are strict,
 * so that what we send is exactly what the model allows.
 */
import { z } from "@medusajs/framework/zod"
import { currencyCode, isoDateTime } from "./common"

/** Amazon's Decimal: a string with no loss of precision. */
const decimal = z.string().regex(/^-?(0|([1-9]\d*))(\.\d+)?([eE][+-]?\d+)?$/, "expected a decimal amount such as \"12.50\"")

export const VendorMoneySchema = z.looseObject({
  currencyCode: currencyCode.nullish(),
  amount: decimal.nullish(),
  unitOfMeasure: z.enum(["POUNDS", "OUNCES", "GRAMS", "KILOGRAMS"]).nullish(),
})

export const VendorItemQuantitySchema = z.looseObject({
  amount: z.number().int().nullish(),
  unitOfMeasure: z.enum(["Cases", "Eaches"]).nullish(),
  unitSize: z.number().int().nullish(),
})

export const VendorPartySchema = z.looseObject({ partyId: z.string() })

export const PURCHASE_ORDER_STATES = ["New", "Acknowledged", "Closed"] as const
export type PurchaseOrderState = (typeof PURCHASE_ORDER_STATES)[number]

export const VendorOrderItemSchema = z.looseObject({
  itemSequenceNumber: z.string(),
  amazonProductIdentifier: z.string().nullish(),
  vendorProductIdentifier: z.string().nullish(),
  orderedQuantity: VendorItemQuantitySchema,
  isBackOrderAllowed: z.boolean(),
  netCost: VendorMoneySchema.nullish(),
  listPrice: VendorMoneySchema.nullish(),
})

/** "2026-12-01T00:00:00Z--2026-12-05T00:00:00Z" */
const dateTimeInterval = z.string().regex(/^.+--.+$/, "expected a window \"start--end\"")

export const VendorOrderDetailsSchema = z.looseObject({
  purchaseOrderDate: isoDateTime,
  purchaseOrderChangedDate: isoDateTime.nullish(),
  purchaseOrderStateChangedDate: isoDateTime,
  purchaseOrderType: z.enum(["RegularOrder", "ConsignedOrder", "NewProductIntroduction", "RushOrder"]).nullish(),
  paymentMethod: z.string().nullish(),
  buyingParty: VendorPartySchema.nullish(),
  sellingParty: VendorPartySchema.nullish(),
  shipToParty: VendorPartySchema.nullish(),
  billToParty: VendorPartySchema.nullish(),
  shipWindow: dateTimeInterval.nullish(),
  deliveryWindow: dateTimeInterval.nullish(),
  items: z.array(VendorOrderItemSchema),
})

export const VendorPurchaseOrderSchema = z.looseObject({
  purchaseOrderNumber: z.string(),
  purchaseOrderState: z.enum(PURCHASE_ORDER_STATES),
  orderDetails: VendorOrderDetailsSchema.nullish(),
})
export type VendorPurchaseOrder = z.infer<typeof VendorPurchaseOrderSchema>
export type VendorOrderItem = z.infer<typeof VendorOrderItemSchema>
export type VendorMoney = z.infer<typeof VendorMoneySchema>

export const GetPurchaseOrdersResponseSchema = z.looseObject({
  payload: z
    .looseObject({
      pagination: z.looseObject({ nextToken: z.string().nullish() }).nullish(),
      orders: z.array(z.unknown()).nullish(),
    })
    .nullish(),
})

export const GetPurchaseOrderResponseSchema = z.looseObject({ payload: z.unknown() })

export const OrderItemStatusSchema = z.looseObject({
  itemSequenceNumber: z.string(),
  orderedQuantity: z
    .looseObject({
      orderedQuantity: VendorItemQuantitySchema.nullish(),
      orderedQuantityDetails: z
        .array(z.looseObject({ updatedDate: isoDateTime.nullish(), orderedQuantity: VendorItemQuantitySchema.nullish(), cancelledQuantity: VendorItemQuantitySchema.nullish() }))
        .nullish(),
    })
    .nullish(),
  acknowledgementStatus: z.looseObject({ confirmationStatus: z.string().nullish() }).nullish(),
})

export const OrderStatusSchema = z.looseObject({
  purchaseOrderNumber: z.string(),
  purchaseOrderStatus: z.enum(["OPEN", "CLOSED"]),
  purchaseOrderDate: isoDateTime,
  lastUpdatedDate: isoDateTime.nullish(),
  itemStatus: z.array(OrderItemStatusSchema),
})
export type VendorOrderStatus = z.infer<typeof OrderStatusSchema>

export const GetPurchaseOrdersStatusResponseSchema = z.looseObject({
  payload: z
    .looseObject({
      pagination: z.looseObject({ nextToken: z.string().nullish() }).nullish(),
      ordersStatus: z.array(OrderStatusSchema).nullish(),
    })
    .nullish(),
})

export const ACKNOWLEDGEMENT_CODES = ["Accepted", "Backordered", "Rejected"] as const
export type AcknowledgementCode = (typeof ACKNOWLEDGEMENT_CODES)[number]
export const REJECTION_REASONS = ["TemporarilyUnavailable", "InvalidProductIdentifier", "ObsoleteProduct"] as const
export type RejectionReason = (typeof REJECTION_REASONS)[number]

const RequestQuantitySchema = z.strictObject({
  amount: z.number().int().min(0),
  unitOfMeasure: z.enum(["Cases", "Eaches"]),
  unitSize: z.number().int().positive().optional(),
})
const RequestMoneySchema = z.strictObject({ currencyCode: currencyCode, amount: decimal })

export const OrderAcknowledgementSchema = z.strictObject({
  purchaseOrderNumber: z.string().min(1),
  sellingParty: z.strictObject({ partyId: z.string().min(1) }),
  acknowledgementDate: isoDateTime,
  items: z
    .array(
      z.strictObject({
        itemSequenceNumber: z.string().min(1),
        amazonProductIdentifier: z.string().optional(),
        vendorProductIdentifier: z.string().optional(),
        orderedQuantity: RequestQuantitySchema,
        netCost: RequestMoneySchema.optional(),
        listPrice: RequestMoneySchema.optional(),
        itemAcknowledgements: z
          .array(
            z.strictObject({
              acknowledgementCode: z.enum(ACKNOWLEDGEMENT_CODES),
              acknowledgedQuantity: RequestQuantitySchema,
              scheduledShipDate: isoDateTime.optional(),
              scheduledDeliveryDate: isoDateTime.optional(),
              rejectionReason: z.enum(REJECTION_REASONS).optional(),
            })
          )
          .min(1),
      })
    )
    .min(1),
})
export type OrderAcknowledgement = z.infer<typeof OrderAcknowledgementSchema>

export const SubmitAcknowledgementResponseSchema = z.looseObject({
  payload: z.looseObject({ transactionId: z.string().min(1) }),
})
