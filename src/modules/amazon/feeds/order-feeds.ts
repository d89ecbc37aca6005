/**
 * The two XML order feeds through which a seller cancels and refunds Amazon orders, built with fast-xml-parser's
 * builder from validated input (never by string concatenation, so no value can break the envelope):
 *
 *  - POST_ORDER_ACKNOWLEDGEMENT_DATA: one OrderAcknowledgement per order, StatusCode Failure, every item with its
 *    CancelReason. It cancels the whole order and Amazon refuses it once an item was confirmed shipped.
 *  - POST_PAYMENT_ADJUSTMENT_DATA: one OrderAdjustment per order, ActionType Refund, an AdjustedItem per line
 *    with its reason and the refunded price components.
 *
 * Each order becomes one Message with its own MessageID, so the processing report's Results map back to it.
 */
import { z } from "@medusajs/framework/zod"
import { XMLBuilder } from "fast-xml-parser"

/** The ten reasons Amazon accepts in an OrderAcknowledgement (see DESIGN.md "Feeds"). */
export const CANCEL_REASONS = [
  "NoInventory",
  "ShippingAddressUndeliverable",
  "CustomerExchange",
  "BuyerCanceled",
  "GeneralAdjustment",
  "CarrierCreditDecision",
  "RiskAssessmentInformationNotValid",
  "CarrierCoverageFailure",
  "CustomerReturn",
  "MerchandiseNotReceived",
] as const
export type CancelReason = (typeof CANCEL_REASONS)[number]

/**
 * AdjustmentReason of an AdjustedItem, as enumerated in Amazon's OrderAdjustment.xsd (the list as published in
 * the MWS feed schema bindings, e.g. github.com/vhqtvn/amazon-mws-psr4 …OrderAdjustmentAdjustedItemAdjustmentReasonEnum;
 * the XML feeds kept that schema under SP-API).
 */
export const ADJUSTMENT_REASONS = [
  "NoInventory",
  "CustomerReturn",
  "GeneralAdjustment",
  "CouldNotShip",
  "DifferentItem",
  "Abandoned",
  "CustomerCancel",
  "PriceError",
  "ProductOutofStock",
  "CustomerAddressIncorrect",
  "Exchange",
  "Other",
  "CarrierCreditDecision",
  "RiskAssessmentInformationNotValid",
  "CarrierCoverageFailure",
  "TransactionRecord",
  "Undeliverable",
  "RefusedDelivery",
] as const
export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number]

/** Price components of ItemPriceAdjustments (BuyerPrice component types of Amazon's amzn-base.xsd) the plugin sends. */
export const ADJUSTMENT_COMPONENT_TYPES = [
  "Principal",
  "Shipping",
  "Tax",
  "ShippingTax",
  "RestockingFee",
  "RestockingFeeTax",
  "GiftWrap",
  "GiftWrapTax",
  "ReturnShipping",
  "Goodwill",
] as const
export type AdjustmentComponentType = (typeof ADJUSTMENT_COMPONENT_TYPES)[number]

/**
 * Components that charge the buyer (a fee kept back) rather than give money back. Amazon's amounts are signed:
 * "positive amounts are refunded to the buyer and negative amounts are charged to the buyer (for example,
 * restocking fees)", and the net of an adjustment must be a credit to the buyer (Seller Central help, "Adjustments
 * template", sellercentral.amazon.sg/gp/help/external/help.html?itemID=661; a real POST_PAYMENT_ADJUSTMENT_DATA
 * with Principal 20.00 and RestockingFee -4.00 is in seller-forum.com/t/…/18974). Callers give every amount as the
 * positive size of the money moved; the builder writes these with a minus sign.
 */
export const CHARGED_COMPONENT_TYPES: ReadonlySet<AdjustmentComponentType> = new Set(["RestockingFee", "RestockingFeeTax", "ReturnShipping"])

const amazonOrderId = z.string().regex(/^\d{3}-\d{7}-\d{7}$/, "expected an Amazon order ID such as 111-1234567-1234567")
const orderItemId = z.string().regex(/^\d{1,20}$/, "expected an Amazon order item ID (digits)")
const merchantIdentifier = z.string().trim().min(1, "the seller ID (merchant identifier) is empty").max(50)
/** A positive amount with at most two decimals, as a string (money is never a float here). */
const positiveAmount = z
  .string()
  .regex(/^\d+(\.\d{1,2})?$/, "expected a positive amount with at most two decimals, such as \"24.99\"")
  .refine((value) => Number(value) > 0, "the amount must be greater than zero")

export const OrderCancellationSchema = z.strictObject({
  amazonOrderId,
  items: z
    .array(z.strictObject({ orderItemId, cancelReason: z.enum(CANCEL_REASONS) }))
    .min(1, "a cancellation names every item of the order")
    .refine((items) => new Set(items.map((item) => item.orderItemId)).size === items.length, "an item is listed twice"),
})

export const OrderAcknowledgementFeedSchema = z.strictObject({
  merchantIdentifier,
  cancellations: z
    .array(OrderCancellationSchema)
    .min(1)
    .refine((orders) => new Set(orders.map((order) => order.amazonOrderId)).size === orders.length, "an order is listed twice"),
})

export const AdjustmentComponentSchema = z.strictObject({
  type: z.enum(ADJUSTMENT_COMPONENT_TYPES),
  /** The size of the money moved; the sign comes from the type (CHARGED_COMPONENT_TYPES). */
  amount: positiveAmount,
})

export const AdjustedItemSchema = z
  .strictObject({
    orderItemId,
    /** The seller's id of this refunded item; Amazon echoes it in the settlement's merchant-adjustment-item-id. */
    merchantAdjustmentItemId: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "expected up to 40 letters, digits, - or _").optional(),
    adjustmentReason: z.enum(ADJUSTMENT_REASONS),
    components: z
      .array(AdjustmentComponentSchema)
      .min(1)
      .refine((components) => new Set(components.map((c) => c.type)).size === components.length, "a price component is listed twice"),
    /** Units returned, when the refund is for returned units. */
    quantity: z.number().int().positive().optional(),
  })
  .refine((item) => netCents(item.components) > 0, "the refund of an item must give the buyer more than it charges")

export const OrderRefundSchema = z.strictObject({
  amazonOrderId,
  currency: z.string().regex(/^[A-Z]{3}$/, "expected an ISO 4217 currency code"),
  items: z
    .array(AdjustedItemSchema)
    .min(1)
    .refine((items) => new Set(items.map((item) => item.orderItemId)).size === items.length, "an item is listed twice"),
})

export const PaymentAdjustmentFeedSchema = z.strictObject({
  merchantIdentifier,
  refunds: z.array(OrderRefundSchema).min(1),
})

export type OrderCancellation = z.infer<typeof OrderCancellationSchema>
export type OrderAcknowledgementFeedInput = z.infer<typeof OrderAcknowledgementFeedSchema>
export type AdjustmentComponent = z.infer<typeof AdjustmentComponentSchema>
export type OrderRefund = z.infer<typeof OrderRefundSchema>
export type PaymentAdjustmentFeedInput = z.infer<typeof PaymentAdjustmentFeedSchema>

/** What one Message of a feed is about, so that a Result (by MessageID) maps back to the order and its lines. */
export type FeedMessageRef = { messageId: number; amazonOrderId: string; orderItemIds: string[] }

export type BuiltFeed = {
  feedType: "POST_ORDER_ACKNOWLEDGEMENT_DATA" | "POST_PAYMENT_ADJUSTMENT_DATA"
  xml: string
  messages: FeedMessageRef[]
}

export class FeedInputError extends Error {
  constructor(readonly problem: string) {
    super(`The feed cannot be built: ${problem}.`)
    this.name = "FeedInputError"
  }
}

function cents(amount: string): number {
  const [whole, fraction = ""] = amount.split(".")
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"))
}

function netCents(components: readonly AdjustmentComponent[]): number {
  return components.reduce((sum, component) => sum + (CHARGED_COMPONENT_TYPES.has(component.type) ? -1 : 1) * cents(component.amount), 0)
}

function formatAmount(amount: string, charged: boolean): string {
  const [whole, fraction = ""] = amount.split(".")
  const text = `${BigInt(whole).toString()}.${fraction.padEnd(2, "0")}`
  return charged ? `-${text}` : text
}

function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input)
  if (parsed.success) return parsed.data
  const problem = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join(".") || "input"}: ${issue.message}`)
    .join("; ")
  throw new FeedInputError(problem)
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  format: true,
  indentBy: "  ",
  suppressEmptyNode: true,
  // The values are validated above, but the builder still escapes &, < and > in text and attributes.
  processEntities: true,
})

function envelope(merchant: string, messageType: string, messages: unknown[]): string {
  const document = {
    "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" },
    AmazonEnvelope: {
      "@_xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
      "@_xsi:noNamespaceSchemaLocation": "amzn-envelope.xsd",
      Header: { DocumentVersion: "1.01", MerchantIdentifier: merchant },
      MessageType: messageType,
      Message: messages,
    },
  }
  return builder.build(document) as string
}

/** POST_ORDER_ACKNOWLEDGEMENT_DATA cancelling each order with a reason per item. */
export function buildOrderAcknowledgementFeed(input: OrderAcknowledgementFeedInput): BuiltFeed {
  const { merchantIdentifier: merchant, cancellations } = parseInput(OrderAcknowledgementFeedSchema, input)
  const messages: FeedMessageRef[] = []
  const xmlMessages = cancellations.map((cancellation, index) => {
    const messageId = index + 1
    messages.push({ messageId, amazonOrderId: cancellation.amazonOrderId, orderItemIds: cancellation.items.map((item) => item.orderItemId) })
    return {
      MessageID: String(messageId),
      OrderAcknowledgement: {
        AmazonOrderID: cancellation.amazonOrderId,
        StatusCode: "Failure",
        Item: cancellation.items.map((item) => ({ AmazonOrderItemCode: item.orderItemId, CancelReason: item.cancelReason })),
      },
    }
  })
  return { feedType: "POST_ORDER_ACKNOWLEDGEMENT_DATA", xml: envelope(merchant, "OrderAcknowledgement", xmlMessages), messages }
}

/** POST_PAYMENT_ADJUSTMENT_DATA refunding each order's lines by price component. */
export function buildPaymentAdjustmentFeed(input: PaymentAdjustmentFeedInput): BuiltFeed {
  const { merchantIdentifier: merchant, refunds } = parseInput(PaymentAdjustmentFeedSchema, input)
  const messages: FeedMessageRef[] = []
  const xmlMessages = refunds.map((refund, index) => {
    const messageId = index + 1
    messages.push({ messageId, amazonOrderId: refund.amazonOrderId, orderItemIds: refund.items.map((item) => item.orderItemId) })
    return {
      MessageID: String(messageId),
      OrderAdjustment: {
        AmazonOrderID: refund.amazonOrderId,
        ActionType: "Refund",
        AdjustedItem: refund.items.map((item) => ({
          AmazonOrderItemCode: item.orderItemId,
          ...(item.merchantAdjustmentItemId ? { MerchantAdjustmentItemID: item.merchantAdjustmentItemId } : {}),
          AdjustmentReason: item.adjustmentReason,
          ItemPriceAdjustments: {
            Component: item.components.map((component) => ({
              Type: component.type,
              Amount: { "@_currency": refund.currency, "#text": formatAmount(component.amount, CHARGED_COMPONENT_TYPES.has(component.type)) },
            })),
          },
          ...(item.quantity !== undefined ? { Quantity: String(item.quantity) } : {}),
        })),
      },
    }
  })
  return { feedType: "POST_PAYMENT_ADJUSTMENT_DATA", xml: envelope(merchant, "OrderAdjustment", xmlMessages), messages }
}
