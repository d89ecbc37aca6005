// What Amazon does with an XML order feed once it is processed: reads the envelope, checks every message
// (schema, enum values, the order and its items, shipment state, refundable amounts), applies the messages
// that pass (cancellation -> order CANCELLED; refund -> recorded per item and component) and answers with a
// processing report in Amazon's shape. A message is applied whole or not at all.
import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser"
import { currencyDecimals, formatMinor } from "./money"
import { lineAmounts, lineTotal } from "./pricing"
import type { OrderItemState, OrderState, SimState } from "./state"

export const SIM_FEED_TYPES = ["POST_ORDER_ACKNOWLEDGEMENT_DATA", "POST_PAYMENT_ADJUSTMENT_DATA"] as const
export type SimFeedType = (typeof SIM_FEED_TYPES)[number]

const MESSAGE_TYPE: Record<SimFeedType, "OrderAcknowledgement" | "OrderAdjustment"> = {
  POST_ORDER_ACKNOWLEDGEMENT_DATA: "OrderAcknowledgement",
  POST_PAYMENT_ADJUSTMENT_DATA: "OrderAdjustment",
}

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
]

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
]

/** Component types the simulator knows; the ones that charge the buyer must be negative (Amazon's amounts are signed). */
const REFUNDED_COMPONENTS = ["Principal", "Shipping", "Tax", "ShippingTax", "GiftWrap", "GiftWrapTax", "Goodwill"]
const CHARGED_COMPONENTS = ["RestockingFee", "RestockingFeeTax", "ReturnShipping"]

/**
 * Result message codes. 5000/5001 are the codes Amazon uses for XML it cannot read; the 18xxx codes are the
 * simulator's own (Amazon's real codes for these cases are not published as a list), with Amazon-like sentences.
 */
export const RESULT_CODES = {
  xmlParsing: "5000",
  schema: "5001",
  orderNotFound: "18100",
  itemNotInOrder: "18101",
  alreadyShipped: "18102",
  alreadyCancelled: "18103",
  refundTooHigh: "18104",
  currencyMismatch: "18105",
  fulfilledByAmazon: "18106",
  duplicateMessageId: "18107",
} as const

export interface SimResult {
  messageId: number
  resultCode: "Error" | "Warning"
  resultMessageCode: string
  resultDescription: string
  amazonOrderId?: string
}

export interface ProcessedFeed {
  /** FATAL: the document could not be read at all; DONE otherwise (errors are in the report). */
  status: "DONE" | "FATAL"
  processed: number
  successful: number
  results: SimResult[]
  reportXml: string
}

type Xml = Record<string, unknown>

const ARRAY_PATHS = new Set([
  "AmazonEnvelope.Message",
  "AmazonEnvelope.Message.OrderAcknowledgement.Item",
  "AmazonEnvelope.Message.OrderAdjustment.AdjustedItem",
  "AmazonEnvelope.Message.OrderAdjustment.AdjustedItem.ItemPriceAdjustments.Component",
])

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  trimValues: true,
  isArray: (_name, jpath) => ARRAY_PATHS.has(String(jpath)),
})

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", format: true, indentBy: "  " })

class MessageError extends Error {
  constructor(
    readonly code: string,
    message: string
  ) {
    super(message)
  }
}

function text(node: unknown): string | undefined {
  if (typeof node === "string") return node
  if (node && typeof node === "object" && typeof (node as Xml)["#text"] === "string") return (node as Xml)["#text"] as string
  return undefined
}

function required(parent: Xml, name: string, where: string): string {
  const value = text(parent[name])
  if (value === undefined || value === "") throw new MessageError(RESULT_CODES.schema, `The required element ${name} is missing in ${where}.`)
  return value
}

function oneOf(value: string, allowed: readonly string[], name: string): string {
  if (!allowed.includes(value)) {
    throw new MessageError(RESULT_CODES.schema, `The value '${value}' is not valid for ${name}. Valid values: ${allowed.join(", ")}.`)
  }
  return value
}

function reportXml(sellerId: string, status: "Complete", processed: number, successful: number, results: SimResult[], transactionId: string): string {
  const messagesWith = (code: SimResult["resultCode"]) => new Set(results.filter((r) => r.resultCode === code).map((r) => r.messageId)).size
  const document = {
    "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" },
    AmazonEnvelope: {
      "@_xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
      "@_xsi:noNamespaceSchemaLocation": "amzn-envelope.xsd",
      Header: { DocumentVersion: "1.02", MerchantIdentifier: sellerId },
      MessageType: "ProcessingReport",
      Message: {
        MessageID: "1",
        ProcessingReport: {
          DocumentTransactionID: transactionId,
          StatusCode: status,
          ProcessingSummary: {
            MessagesProcessed: String(processed),
            MessagesSuccessful: String(successful),
            MessagesWithError: String(messagesWith("Error")),
            MessagesWithWarning: String(messagesWith("Warning")),
          },
          Result: results.map((result) => ({
            MessageID: String(result.messageId),
            ResultCode: result.resultCode,
            ResultMessageCode: result.resultMessageCode,
            ResultDescription: result.resultDescription,
            ...(result.amazonOrderId ? { AdditionalInfo: { AmazonOrderID: result.amazonOrderId } } : {}),
          })),
        },
      },
    },
  }
  return builder.build(document) as string
}

/** Parses and applies one feed document; never throws for bad input (that is what the report is for). */
export function processFeed(
  state: SimState,
  sellerId: string,
  feedType: SimFeedType,
  content: Buffer | undefined,
  contentType: string,
  transactionId: string
): ProcessedFeed {
  const fatal = (description: string): ProcessedFeed => {
    const results: SimResult[] = [{ messageId: 0, resultCode: "Error", resultMessageCode: RESULT_CODES.xmlParsing, resultDescription: description }]
    return { status: "FATAL", processed: 0, successful: 0, results, reportXml: reportXml(sellerId, "Complete", 0, 0, results, transactionId) }
  }
  if (!content || content.length === 0) return fatal("The feed document is empty: no content was uploaded to the document's URL before createFeed.")
  if (!/^text\/xml\b/i.test(contentType)) return fatal(`The feed document was created with the content type '${contentType}'; ${feedType} is an XML feed (text/xml).`)
  const xml = content.toString("utf8")
  const valid = XMLValidator.validate(xml)
  if (valid !== true) return fatal(`XML Parsing Error at Line ${valid.err.line}, Column ${valid.err.col}: ${valid.err.msg}`)

  const documentError = (description: string): ProcessedFeed => {
    const results: SimResult[] = [{ messageId: 0, resultCode: "Error", resultMessageCode: RESULT_CODES.xmlParsing, resultDescription: description }]
    return { status: "DONE", processed: 0, successful: 0, results, reportXml: reportXml(sellerId, "Complete", 0, 0, results, transactionId) }
  }
  const root = parser.parse(xml) as Xml
  const envelope = root.AmazonEnvelope as Xml | undefined
  if (!envelope || typeof envelope !== "object") return documentError("The XML you submitted is ill-formed at the Amazon Envelope XML level: the root element must be AmazonEnvelope.")
  const header = envelope.Header as Xml | undefined
  if (!header || !text(header.DocumentVersion) || !text(header.MerchantIdentifier)) {
    return documentError("The XML you submitted is ill-formed at the Amazon Envelope XML level: Header needs DocumentVersion and MerchantIdentifier.")
  }
  const expectedType = MESSAGE_TYPE[feedType]
  if (text(envelope.MessageType) !== expectedType) {
    return documentError(`The MessageType '${text(envelope.MessageType) ?? ""}' does not match the feed type ${feedType}; it must be ${expectedType}.`)
  }
  const messages = (envelope.Message as Xml[] | undefined) ?? []
  if (messages.length === 0) return documentError("The XML you submitted is ill-formed at the Amazon Envelope XML level: the envelope contains no Message.")

  const results: SimResult[] = []
  const seenIds = new Set<number>()
  let successful = 0
  for (const message of messages) {
    const rawId = text(message.MessageID)
    const messageId = rawId !== undefined && /^\d{1,20}$/.test(rawId) ? Number(rawId) : 0
    const body = message[expectedType] as Xml | undefined
    const orderId = body ? text(body.AmazonOrderID) : undefined
    try {
      if (messageId < 1) throw new MessageError(RESULT_CODES.schema, "The MessageID of a message must be a positive whole number.")
      if (seenIds.has(messageId)) throw new MessageError(RESULT_CODES.duplicateMessageId, `The MessageID ${messageId} is used by more than one message in this feed.`)
      seenIds.add(messageId)
      if (!body || typeof body !== "object") throw new MessageError(RESULT_CODES.schema, `The message has no ${expectedType} element.`)
      const apply = feedType === "POST_ORDER_ACKNOWLEDGEMENT_DATA" ? checkAcknowledgement(state, sellerId, body) : checkAdjustment(state, sellerId, body)
      apply()
      successful++
    } catch (error) {
      if (!(error instanceof MessageError)) throw error
      results.push({ messageId, resultCode: "Error", resultMessageCode: error.code, resultDescription: error.message, amazonOrderId: orderId })
    }
  }
  return { status: "DONE", processed: messages.length, successful, results, reportXml: reportXml(sellerId, "Complete", messages.length, successful, results, transactionId) }
}

function findOrder(state: SimState, sellerId: string, orderId: string): OrderState {
  const order = state.orders.get(orderId)
  if (!order || order.sellerId !== sellerId) throw new MessageError(RESULT_CODES.orderNotFound, `The order id ${orderId} was not found in our system.`)
  return order
}

function findItem(order: OrderState, orderItemId: string): OrderItemState {
  const item = order.items.find((candidate) => candidate.orderItemId === orderItemId)
  if (!item) throw new MessageError(RESULT_CODES.itemNotInOrder, `The order item code ${orderItemId} does not belong to order ${order.id}.`)
  return item
}

/** Checks an OrderAcknowledgement; returns what applying it does. */
function checkAcknowledgement(state: SimState, sellerId: string, body: Xml): () => void {
  const orderId = required(body, "AmazonOrderID", "OrderAcknowledgement")
  const statusCode = oneOf(required(body, "StatusCode", "OrderAcknowledgement"), ["Success", "Failure"], "StatusCode")
  const order = findOrder(state, sellerId, orderId)
  const items = ((body.Item as Xml[] | undefined) ?? []).map((item) => {
    const orderItemId = required(item, "AmazonOrderItemCode", "Item")
    const reason = text(item.CancelReason)
    if (statusCode === "Failure" && !reason) throw new MessageError(RESULT_CODES.schema, `The required element CancelReason is missing for item ${orderItemId}.`)
    if (reason) oneOf(reason, CANCEL_REASONS, "CancelReason")
    findItem(order, orderItemId)
    return { orderItemId, reason }
  })
  if (statusCode === "Success") return () => undefined
  if (order.seed.fulfilledBy === "AMAZON") throw new MessageError(RESULT_CODES.fulfilledByAmazon, `Order ${orderId} is fulfilled by Amazon; the seller cannot cancel it.`)
  if (order.status === "CANCELLED") throw new MessageError(RESULT_CODES.alreadyCancelled, `Order ${orderId} has already been cancelled.`)
  if (order.status === "SHIPPED" || order.status === "PARTIALLY_SHIPPED" || order.items.some((item) => item.quantityShipped > 0)) {
    throw new MessageError(RESULT_CODES.alreadyShipped, `Order ${orderId} cannot be cancelled because one or more of its items has already been shipped.`)
  }
  return () => {
    order.status = "CANCELLED"
    order.sellerCancellation = { reasons: Object.fromEntries(items.map((item) => [item.orderItemId, item.reason ?? ""])) }
    order.lastUpdated = state.now()
  }
}

function parseAmount(node: unknown, currency: string, where: string): number {
  const raw = text(node)
  const attribute = node && typeof node === "object" ? (node as Xml)["@_currency"] : undefined
  if (raw === undefined) throw new MessageError(RESULT_CODES.schema, `The required element Amount is missing in ${where}.`)
  if (typeof attribute !== "string") throw new MessageError(RESULT_CODES.schema, `The Amount in ${where} needs its currency attribute.`)
  if (attribute !== currency) throw new MessageError(RESULT_CODES.currencyMismatch, `The currency ${attribute} in ${where} is not the order's currency ${currency}.`)
  const decimals = currencyDecimals(currency)
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(raw)
  if (!match || (match[3] ?? "").replace(/0+$/, "").length > decimals) {
    throw new MessageError(RESULT_CODES.schema, `The Amount '${raw}' in ${where} is not a valid amount in ${currency}.`)
  }
  const fraction = (match[3] ?? "").padEnd(decimals, "0").slice(0, decimals)
  const minor = Number(match[2]) * 10 ** decimals + (decimals > 0 ? Number(fraction) : 0)
  return match[1] ? -minor : minor
}

/** Checks an OrderAdjustment against what was paid and already refunded; returns what applying it does. */
function checkAdjustment(state: SimState, sellerId: string, body: Xml): () => void {
  const orderId = required(body, "AmazonOrderID", "OrderAdjustment")
  oneOf(required(body, "ActionType", "OrderAdjustment"), ["Refund"], "ActionType")
  const order = findOrder(state, sellerId, orderId)
  const adjusted = (body.AdjustedItem as Xml[] | undefined) ?? []
  if (adjusted.length === 0) throw new MessageError(RESULT_CODES.schema, "The required element AdjustedItem is missing in OrderAdjustment.")
  if (order.status === "CANCELLED") throw new MessageError(RESULT_CODES.alreadyCancelled, `Order ${orderId} has been cancelled; nothing was charged that could be refunded.`)

  const changes: Array<{ item: OrderItemState; components: Record<string, number>; net: number; merchantAdjustmentItemId: string | null }> = []
  const seen = new Set<string>()
  for (const entry of adjusted) {
    const orderItemId = required(entry, "AmazonOrderItemCode", "AdjustedItem")
    if (seen.has(orderItemId)) throw new MessageError(RESULT_CODES.schema, `The order item code ${orderItemId} appears twice in one OrderAdjustment.`)
    seen.add(orderItemId)
    oneOf(required(entry, "AdjustmentReason", "AdjustedItem"), ADJUSTMENT_REASONS, "AdjustmentReason")
    const item = findItem(order, orderItemId)
    const priceAdjustments = entry.ItemPriceAdjustments as Xml | undefined
    const components = (priceAdjustments?.Component as Xml[] | undefined) ?? []
    if (components.length === 0) throw new MessageError(RESULT_CODES.schema, `The required element ItemPriceAdjustments/Component is missing for item ${orderItemId}.`)
    const amounts: Record<string, number> = {}
    for (const component of components) {
      const type = oneOf(required(component, "Type", "Component"), [...REFUNDED_COMPONENTS, ...CHARGED_COMPONENTS], "Component/Type")
      if (type in amounts) throw new MessageError(RESULT_CODES.schema, `The component ${type} appears twice for item ${orderItemId}.`)
      const minor = parseAmount(component.Amount, order.currency, `component ${type} of item ${orderItemId}`)
      if (CHARGED_COMPONENTS.includes(type) ? minor > 0 : minor <= 0) {
        throw new MessageError(
          RESULT_CODES.schema,
          CHARGED_COMPONENTS.includes(type)
            ? `The ${type} amount for item ${orderItemId} must be negative: it is charged to the buyer.`
            : `The ${type} amount for item ${orderItemId} must be greater than zero: positive amounts are refunded to the buyer.`
        )
      }
      amounts[type] = minor
    }
    const merchantAdjustmentItemId = typeof entry.MerchantAdjustmentItemID === "string" && entry.MerchantAdjustmentItemID ? entry.MerchantAdjustmentItemID : null
    changes.push({ item, components: amounts, net: netRefund(order, amounts), merchantAdjustmentItemId })
  }

  for (const { item, components, net } of changes) {
    const paid = lineAmounts(order, item)
    const caps: Record<string, number> = {
      Principal: paid.itemPrice - paid.promotionDiscount,
      Tax: paid.itemTax - paid.promotionDiscountTax,
      Shipping: paid.shippingPrice,
      ShippingTax: paid.shippingTax,
      GiftWrap: 0,
      GiftWrapTax: 0,
    }
    for (const [type, minor] of Object.entries(components)) {
      if (!(type in caps)) continue
      const refundable = caps[type] - (item.refunded[type] ?? 0)
      if (minor > refundable) {
        throw new MessageError(
          RESULT_CODES.refundTooHigh,
          `The refund amount you are requesting for ${type} of item ${item.orderItemId} (${formatMinor(minor, order.currency)}) exceeds the amount that can be refunded (${formatMinor(Math.max(refundable, 0), order.currency)}).`
        )
      }
    }
    const refundableTotal = lineTotal(order, paid) - item.refundedNet
    if (net <= 0) throw new MessageError(RESULT_CODES.schema, `The adjustment for item ${item.orderItemId} must be a credit to the buyer.`)
    if (net > refundableTotal) {
      throw new MessageError(
        RESULT_CODES.refundTooHigh,
        `The refund amount you are requesting for item ${item.orderItemId} (${formatMinor(net, order.currency)}) exceeds the amount that can be refunded (${formatMinor(Math.max(refundableTotal, 0), order.currency)}).`
      )
    }
  }
  return () => {
    for (const { item, components, net } of changes) {
      for (const [type, minor] of Object.entries(components)) item.refunded[type] = (item.refunded[type] ?? 0) + minor
      item.refundedNet += net
    }
    // What the seller refunded is posted like any refund: Finances and the next settlement show it.
    if (order.status === "SHIPPED") {
      state.ledger.recordSellerRefund(
        order.id,
        changes.map(({ item, components, merchantAdjustmentItemId }) => ({ orderItemId: item.orderItemId, components, merchantAdjustmentItemId }))
      )
    }
  }
}

/**
 * What the buyer gets back. In tax-inclusive marketplaces the Tax and ShippingTax components are the VAT inside
 * Principal and Shipping, so they add nothing to the money moved; where tax comes on top they add to it.
 */
function netRefund(order: OrderState, components: Record<string, number>): number {
  return Object.entries(components).reduce((sum, [type, minor]) => {
    if (order.marketplace.taxInclusive && (type === "Tax" || type === "ShippingTax")) return sum
    return sum + minor
  }, 0)
}
