// Vendor Orders API v1 and Vendor Transaction Status API v1, in the shapes of vendorOrders.json and
// vendorTransactionStatus.json. Acknowledgements are checked as Amazon checks them: the request's shape at
// once (400 InvalidInput), the business rules while the transaction processes (Failure with errors).
import { DAY_MS, formatAmazonDate, parseIsoDate } from "./dates"
import { invalidInput, notFound, type SimResponse } from "./http"
import { decodeOpaque, encodeOpaque, hashQuery, invalidToken } from "./pagination"
import type { RouteContext, RouteDefinition } from "./route"
import type { SimAcknowledgementCode, SimPoItem, SimPurchaseOrder } from "./vendor-store"

const MAX_WINDOW_MS = 7 * DAY_MS
const LOOKBACK_MS = 180 * DAY_MS
const CODES = ["Accepted", "Backordered", "Rejected"]
const REJECTION_REASONS = ["TemporarilyUnavailable", "InvalidProductIdentifier", "ObsoleteProduct"]
const PO_STATES = ["New", "Acknowledged", "Closed"]

type Json = Record<string, any>

function money(amount: string | undefined, currency: string): Json | undefined {
  return amount === undefined ? undefined : { currencyCode: currency, amount }
}

function itemJson(po: SimPurchaseOrder, item: SimPoItem): Json {
  return {
    itemSequenceNumber: item.itemSequenceNumber,
    ...(item.asin ? { amazonProductIdentifier: item.asin } : {}),
    ...(item.vendorProductId ? { vendorProductIdentifier: item.vendorProductId } : {}),
    orderedQuantity: {
      amount: item.quantity,
      unitOfMeasure: item.unitOfMeasure ?? "Eaches",
      ...(item.unitOfMeasure === "Cases" ? { unitSize: item.unitSize ?? 1 } : {}),
    },
    isBackOrderAllowed: item.backOrderAllowed ?? false,
    ...(item.netCost !== undefined ? { netCost: money(item.netCost, po.currency) } : {}),
    ...(item.listPrice !== undefined ? { listPrice: money(item.listPrice, po.currency) } : {}),
  }
}

export function purchaseOrderJson(po: SimPurchaseOrder, includeDetails = true): Json {
  if (!includeDetails) return { purchaseOrderNumber: po.number, purchaseOrderState: po.state }
  return {
    purchaseOrderNumber: po.number,
    purchaseOrderState: po.state,
    orderDetails: {
      purchaseOrderDate: formatAmazonDate(po.placedAt),
      ...(po.changedAt ? { purchaseOrderChangedDate: formatAmazonDate(po.changedAt) } : {}),
      purchaseOrderStateChangedDate: formatAmazonDate(po.stateChangedAt),
      purchaseOrderType: po.type,
      paymentMethod: "Invoice",
      buyingParty: { partyId: po.buyingPartyId },
      sellingParty: { partyId: po.vendorCode },
      shipToParty: { partyId: po.shipToPartyId },
      billToParty: { partyId: "AMAZONBILL" },
      ...(po.windowKind === "ship" ? { shipWindow: po.window } : { deliveryWindow: po.window }),
      items: po.items.map((item) => itemJson(po, item)),
    },
  }
}

function dateParam(context: RouteContext, name: string): Date | undefined {
  const raw = context.query.get(name)
  if (raw === undefined) return undefined
  const date = parseIsoDate(raw)
  if (!date) throw invalidInput(`Invalid ${name}: '${raw}' is not an ISO 8601 date-time.`)
  return date
}

/** A created or changed window: both ends, at most 7 days apart, within the last 6 months. */
function windowParam(context: RouteContext, prefix: "created" | "changed"): { after: Date; before: Date } | undefined {
  const after = dateParam(context, `${prefix}After`)
  const before = dateParam(context, `${prefix}Before`)
  if (!after && !before) return undefined
  const start = after ?? new Date((before as Date).getTime() - MAX_WINDOW_MS)
  const end = before ?? new Date(Math.min(start.getTime() + MAX_WINDOW_MS, context.now.getTime()))
  if (end.getTime() <= start.getTime()) throw invalidInput(`${prefix}Before must be later than ${prefix}After.`)
  if (end.getTime() - start.getTime() > MAX_WINDOW_MS) throw invalidInput(`The ${prefix}After and ${prefix}Before dates must be no more than 7 days apart.`)
  if (start.getTime() < context.now.getTime() - LOOKBACK_MS) throw invalidInput(`${prefix}After must be within the last 6 months.`)
  return { after: start, before: end }
}

function within(date: Date | undefined, window: { after: Date; before: Date } | undefined): boolean {
  if (!window) return true
  return !!date && date.getTime() >= window.after.getTime() && date.getTime() <= window.before.getTime()
}

function getPurchaseOrders(context: RouteContext): SimResponse {
  const { query, state } = context
  const limit = (() => {
    const raw = query.get("limit")
    if (raw === undefined) return 100
    const value = Number(raw)
    if (!Number.isInteger(value) || value < 1 || value > 100) throw invalidInput(`Invalid limit: ${raw}. The value must be between 1 and 100.`)
    return value
  })()
  let created = windowParam(context, "created")
  let changed = windowParam(context, "changed")
  const isPOChanged = query.get("isPOChanged")
  if (isPOChanged !== undefined && !["true", "false"].includes(isPOChanged)) throw invalidInput(`Invalid isPOChanged value '${isPOChanged}'. Valid values: true, false.`)
  const poItemState = query.get("poItemState")
  if (poItemState !== undefined && poItemState !== "Cancelled") throw invalidInput(`Invalid poItemState value '${poItemState}'. Valid values: Cancelled.`)
  const poState = query.get("purchaseOrderState")
  if (poState !== undefined && !PO_STATES.includes(poState)) throw invalidInput(`Invalid purchaseOrderState value '${poState}'. Valid values: ${PO_STATES.join(", ")}.`)
  const sortOrder = query.get("sortOrder") ?? "DESC"
  if (!["ASC", "DESC"].includes(sortOrder)) throw invalidInput(`Invalid sortOrder value '${sortOrder}'. Valid values: ASC, DESC.`)
  const vendorCode = query.get("orderingVendorCode")
  const includeDetails = query.get("includeDetails") !== "false"
  // The token carries the windows of the first page: the next pages list the same POs whatever "now" has become.
  const filterHash = hashQuery({ isPOChanged, poItemState, poState, vendorCode, sortOrder, limit })
  let offset = 0
  const token = query.get("nextToken")
  if (token !== undefined) {
    const parts = decodeOpaque(token)
    if (!parts || parts[0] !== "vpo" || parts[1] !== filterHash || typeof parts[2] !== "number") throw invalidToken("nextToken")
    offset = parts[2]
    const windowOf = (value: unknown) => (Array.isArray(value) ? { after: new Date(value[0]), before: new Date(value[1]) } : undefined)
    created = windowOf(parts[3])
    changed = windowOf(parts[4])
  }
  if (!created && !changed) throw invalidInput("Either createdAfter/createdBefore or changedAfter/changedBefore is required.")
  const windowParts = [created, changed].map((window) => (window ? [window.after.getTime(), window.before.getTime()] : null))
  const matching = [...state.vendor.purchaseOrders.values()]
    .filter((po) => within(po.placedAt, created))
    .filter((po) => within(po.changedAt, changed))
    .filter((po) => isPOChanged === undefined || (isPOChanged === "true") === !!po.changedAt)
    .filter((po) => !poItemState || po.items.some((item) => item.cancellations.length > 0))
    .filter((po) => !poState || po.state === poState)
    .filter((po) => !vendorCode || po.vendorCode === vendorCode)
    .sort((a, b) => (a.placedAt.getTime() - b.placedAt.getTime() || (a.number < b.number ? -1 : 1)) * (sortOrder === "ASC" ? 1 : -1))
  const page = matching.slice(offset, offset + limit)
  const more = offset + limit < matching.length
  return {
    status: 200,
    body: {
      payload: {
        ...(more ? { pagination: { nextToken: encodeOpaque(["vpo", filterHash, offset + limit, ...windowParts]) } } : {}),
        orders: page.map((po) => purchaseOrderJson(po, includeDetails)),
      },
    },
  }
}

function getPurchaseOrder(context: RouteContext): SimResponse {
  const po = context.state.vendor.purchaseOrders.get(context.params.purchaseOrderNumber)
  if (!po) throw notFound(`Purchase order ${context.params.purchaseOrderNumber} was not found.`)
  return { status: 200, body: { payload: purchaseOrderJson(po) } }
}

type ItemAnswer = { code: SimAcknowledgementCode; quantity: number; reason?: string }

/** Amazon's schema checks, answered at once. */
function checkShape(body: unknown): Json[] {
  const acknowledgements = (body as Json | null)?.acknowledgements
  if (!Array.isArray(acknowledgements) || acknowledgements.length === 0) throw invalidInput("The request body must contain a non-empty acknowledgements array.")
  acknowledgements.forEach((ack: Json, index: number) => {
    const where = `acknowledgements[${index}]`
    if (typeof ack?.purchaseOrderNumber !== "string") throw invalidInput(`${where}.purchaseOrderNumber is required.`)
    if (typeof ack.sellingParty?.partyId !== "string") throw invalidInput(`${where}.sellingParty.partyId is required.`)
    if (typeof ack.acknowledgementDate !== "string" || !parseIsoDate(ack.acknowledgementDate)) throw invalidInput(`${where}.acknowledgementDate must be an ISO 8601 date-time.`)
    if (!Array.isArray(ack.items) || !ack.items.length) throw invalidInput(`${where}.items is required.`)
    ack.items.forEach((item: Json, itemIndex: number) => {
      const at = `${where}.items[${itemIndex}]`
      if (typeof item?.orderedQuantity?.amount !== "number") throw invalidInput(`${at}.orderedQuantity is required.`)
      if (!Array.isArray(item.itemAcknowledgements) || !item.itemAcknowledgements.length) throw invalidInput(`${at}.itemAcknowledgements is required.`)
      for (const answer of item.itemAcknowledgements) {
        if (!CODES.includes(answer?.acknowledgementCode)) throw invalidInput(`${at}.acknowledgementCode must be one of ${CODES.join(", ")}.`)
        if (typeof answer.acknowledgedQuantity?.amount !== "number") throw invalidInput(`${at}.acknowledgedQuantity is required.`)
        if (answer.rejectionReason !== undefined && !REJECTION_REASONS.includes(answer.rejectionReason)) throw invalidInput(`${at}.rejectionReason must be one of ${REJECTION_REASONS.join(", ")}.`)
      }
    })
  })
  return acknowledgements
}

/** Amazon's business rules, reported in the transaction's errors. */
function checkRules(context: RouteContext, ack: Json, errors: Array<{ code: string; message: string; details?: string }>): (() => void) | null {
  const po = context.state.vendor.purchaseOrders.get(ack.purchaseOrderNumber)
  const fail = (message: string, details = "") => errors.push({ code: "InvalidInput", message, details })
  if (!po) return fail(`Purchase order ${ack.purchaseOrderNumber} was not found.`), null
  if (po.vendorCode !== ack.sellingParty.partyId) return fail(`Purchase order ${po.number} was not placed with selling party ${ack.sellingParty.partyId}.`), null
  if (po.state === "Closed") return fail(`Purchase order ${po.number} is closed.`), null
  const answers = new Map<string, ItemAnswer[]>()
  for (const item of ack.items as Json[]) {
    const line = po.items.find((candidate) => candidate.itemSequenceNumber === item.itemSequenceNumber)
      ?? po.items.find((candidate) => !item.itemSequenceNumber && candidate.asin && candidate.asin === item.amazonProductIdentifier)
    if (!line) { fail(`Purchase order ${po.number} has no item ${item.itemSequenceNumber ?? item.amazonProductIdentifier}.`); continue }
    const where = `Purchase order ${po.number} item ${line.itemSequenceNumber}`
    const list: ItemAnswer[] = item.itemAcknowledgements.map((answer: Json) => ({ code: answer.acknowledgementCode, quantity: answer.acknowledgedQuantity.amount, reason: answer.rejectionReason }))
    const total = list.reduce((sum, answer) => sum + answer.quantity, 0)
    if (total !== line.quantity) fail(`${where}: the acknowledged quantities add up to ${total}, the ordered quantity is ${line.quantity}.`)
    if (list.some((answer) => answer.code === "Backordered") && !line.backOrderAllowed) fail(`${where} does not allow backorders.`)
    if (list.some((answer) => answer.code === "Rejected" && !answer.reason)) fail(`${where}: a rejection needs a rejectionReason.`)
    if (line.rejectedOnce && list.some((answer) => answer.code !== "Rejected" && answer.quantity > 0)) fail(`${where} was rejected and cannot be accepted later.`)
    if (!item.netCost) fail(`${where}: netCost is required.`)
    answers.set(line.itemSequenceNumber, list)
  }
  return () => {
    for (const line of po.items) {
      // A line left out of the acknowledgement is taken as rejected.
      const list = answers.get(line.itemSequenceNumber) ?? [{ code: "Rejected" as const, quantity: line.quantity, reason: "TemporarilyUnavailable" }]
      line.acknowledged = list.map(({ code, quantity }) => ({ code, quantity }))
      if (list.some((answer) => answer.code === "Rejected" && answer.quantity > 0)) line.rejectedOnce = true
    }
    const allRejected = po.items.every((line) => (line.acknowledged ?? []).every((answer) => answer.code === "Rejected"))
    context.state.vendor.setState(po, allRejected ? "Closed" : "Acknowledged")
  }
}

function submitAcknowledgement(context: RouteContext): SimResponse {
  const acknowledgements = checkShape(context.body)
  const errors: Array<{ code: string; message: string; details?: string }> = []
  const effects = acknowledgements.map((ack) => checkRules(context, ack, errors))
  // Amazon acts on a sound acknowledgement as it takes it; the transaction reports the outcome later.
  const transaction = context.state.vendor.addTransaction(context.body, errors, () => undefined)
  if (!errors.length) for (const effect of effects) effect?.()
  return { status: 202, body: { payload: { transactionId: transaction.transactionId } } }
}

function getPurchaseOrdersStatus(context: RouteContext): SimResponse {
  const number = context.query.get("purchaseOrderNumber")
  const updatedAfter = dateParam(context, "updatedAfter")
  const updatedBefore = dateParam(context, "updatedBefore")
  const statuses = [...context.state.vendor.purchaseOrders.values()]
    .filter((po) => !number || po.number === number)
    .filter((po) => {
      const updated = po.changedAt ?? po.stateChangedAt
      return (!updatedAfter || updated >= updatedAfter) && (!updatedBefore || updated <= updatedBefore)
    })
    .map((po) => ({
      purchaseOrderNumber: po.number,
      purchaseOrderStatus: po.state === "Closed" ? "CLOSED" : "OPEN",
      purchaseOrderDate: formatAmazonDate(po.placedAt),
      lastUpdatedDate: formatAmazonDate(po.changedAt ?? po.stateChangedAt),
      sellingParty: { partyId: po.vendorCode },
      shipToParty: { partyId: po.shipToPartyId },
      itemStatus: po.items.map((item) => ({
        itemSequenceNumber: item.itemSequenceNumber,
        ...(item.asin ? { buyerProductIdentifier: item.asin } : {}),
        ...(item.vendorProductId ? { vendorProductIdentifier: item.vendorProductId } : {}),
        orderedQuantity: {
          orderedQuantity: { amount: item.quantity, unitOfMeasure: item.unitOfMeasure ?? "Eaches" },
          orderedQuantityDetails: item.cancellations.map((cancellation) => ({
            updatedDate: formatAmazonDate(cancellation.at),
            orderedQuantity: { amount: item.originalQuantity, unitOfMeasure: item.unitOfMeasure ?? "Eaches" },
            cancelledQuantity: { amount: cancellation.cancelledQuantity, unitOfMeasure: item.unitOfMeasure ?? "Eaches" },
          })),
        },
        acknowledgementStatus: { confirmationStatus: confirmationStatus(item) },
      })),
    }))
  return { status: 200, body: { payload: { ordersStatus: statuses } } }
}

function confirmationStatus(item: SimPoItem): string {
  if (!item.acknowledged) return "UNCONFIRMED"
  const accepted = item.acknowledged.filter((answer) => answer.code !== "Rejected").reduce((sum, answer) => sum + answer.quantity, 0)
  if (accepted === 0) return "REJECTED"
  return accepted >= item.quantity ? "ACCEPTED" : "PARTIALLY_ACCEPTED"
}

function getTransaction(context: RouteContext): SimResponse {
  context.state.vendor.settle()
  const transaction = context.state.vendor.transactions.get(context.params.transactionId)
  if (!transaction) throw notFound(`Transaction ${context.params.transactionId} was not found.`)
  const processing = transaction.settlesAt.getTime() > context.now.getTime()
  return {
    status: 200,
    body: {
      payload: {
        transactionStatus: {
          transactionId: transaction.transactionId,
          status: processing ? "Processing" : transaction.outcome,
          ...(!processing && transaction.errors.length ? { errors: transaction.errors } : {}),
        },
      },
    },
  }
}

export const VENDOR_ROUTES: RouteDefinition[] = [
  { api: "vendor-orders-v1", operationId: "getPurchaseOrders", method: "GET", pathTemplate: "/vendor/orders/v1/purchaseOrders", handle: getPurchaseOrders },
  { api: "vendor-orders-v1", operationId: "getPurchaseOrder", method: "GET", pathTemplate: "/vendor/orders/v1/purchaseOrders/{purchaseOrderNumber}", handle: getPurchaseOrder },
  { api: "vendor-orders-v1", operationId: "submitAcknowledgement", method: "POST", pathTemplate: "/vendor/orders/v1/acknowledgements", handle: submitAcknowledgement },
  { api: "vendor-orders-v1", operationId: "getPurchaseOrdersStatus", method: "GET", pathTemplate: "/vendor/orders/v1/purchaseOrdersStatus", handle: getPurchaseOrdersStatus },
  { api: "vendor-transactions-v1", operationId: "getTransaction", method: "GET", pathTemplate: "/vendor/transactions/v1/transactions/{transactionId}", handle: getTransaction },
]
