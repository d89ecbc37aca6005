// Finances API 2024-06-19: listTransactions, the events of the settlement ledger as Amazon's transactions,
// visible as soon as they are posted (long before their settlement closes).
import { DAY_MS, formatAmazonDate, MINUTE_MS, parseIsoDate } from "./dates"
import { invalidInput, type SimResponse } from "./http"
import { decodeOpaque, encodeOpaque, hashQuery, invalidToken } from "./pagination"
import { formatMinor } from "./money"
import type { RouteContext, RouteDefinition } from "./route"
import type { EventRow, FinancialEvent } from "./settlements"

const RELATED_IDENTIFIER_FILTERS = ["ORDER_ID", "FINANCIAL_EVENT_GROUP_ID"]
const BREAKDOWN_OF_AMOUNT_TYPE: Record<string, string> = {
  ItemPrice: "ProductCharges",
  Promotion: "Promotion",
  ItemFees: "AmazonFees",
  ItemWithheldTax: "TaxWithheld",
}
const MAX_WINDOW_MS = 180 * DAY_MS

type Json = Record<string, unknown>

function money(minor: number, currency: string): Json {
  return { currencyCode: currency, currencyAmount: Number(formatMinor(minor, currency)) }
}

function breakdowns(rows: EventRow[], currency: string): Json[] {
  const groups = new Map<string, Map<string, number>>()
  for (const row of rows) {
    const type = BREAKDOWN_OF_AMOUNT_TYPE[row.amountType] ?? row.amountType
    const inner = groups.get(type) ?? new Map<string, number>()
    inner.set(row.amountDescription, (inner.get(row.amountDescription) ?? 0) + row.amountMinor)
    groups.set(type, inner)
  }
  return [...groups].map(([type, inner]) => ({
    breakdownType: type,
    breakdownAmount: money([...inner.values()].reduce((a, b) => a + b, 0), currency),
    breakdowns: [...inner].map(([description, minor]) => ({ breakdownType: description, breakdownAmount: money(minor, currency) })),
  }))
}

function transactionJson(context: RouteContext, event: FinancialEvent): Json {
  const { order } = event
  const currency = order.currency
  const sum = (rows: EventRow[]) => rows.reduce((total, row) => total + row.amountMinor, 0)
  const network = order.seed.fulfilledBy === "AMAZON" ? "AFN" : "MFN"
  const items = order.items
    .map((item) => ({ item, rows: event.rows.filter((row) => row.item === item) }))
    .filter(({ rows }) => rows.length > 0)
    .map(({ item, rows }) => ({
      totalAmount: money(sum(rows), currency),
      breakdowns: breakdowns(rows, currency),
      contexts: [{ contextType: "ProductContext", asin: item.seed.asin, sku: item.seed.sku, quantityShipped: rows[0].quantity ?? item.seed.quantity, fulfillmentNetwork: network }],
    }))
  return {
    sellingPartnerMetadata: { sellingPartnerId: event.sellerId, accountType: "Standard Orders", marketplaceId: order.marketplace.id },
    relatedIdentifiers: [
      { relatedIdentifierName: "ORDER_ID", relatedIdentifierValue: order.id },
      { relatedIdentifierName: "FINANCIAL_EVENT_GROUP_ID", relatedIdentifierValue: context.state.ledger.financialEventGroupOf(event) },
      ...(event.adjustmentId ? [{ relatedIdentifierName: "REFUND_ID", relatedIdentifierValue: event.adjustmentId }] : []),
    ],
    transactionType: event.kind === "Order" ? "Shipment" : "Refund",
    transactionId: `${event.kind === "Order" ? "S" : "R"}-${Buffer.from(event.id).toString("base64url")}`,
    transactionStatus: "RELEASED",
    postedDate: formatAmazonDate(event.postedAt),
    totalAmount: money(sum(event.rows), currency),
    marketplaceDetails: { marketplaceId: order.marketplace.id, marketplaceName: order.marketplace.name },
    items,
    breakdowns: breakdowns(event.rows, currency),
  }
}

function dateParam(context: RouteContext, name: string): Date | undefined {
  const raw = context.query.get(name)
  if (raw === undefined) return undefined
  const date = parseIsoDate(raw)
  if (!date) throw invalidInput(`Invalid ${name}: '${raw}' is not an ISO 8601 date-time.`)
  return date
}

function listTransactions(context: RouteContext): SimResponse {
  const { query, now } = context
  const identifierName = query.get("relatedIdentifierName")
  const identifierValue = query.get("relatedIdentifierValue")
  if (identifierName !== undefined && !RELATED_IDENTIFIER_FILTERS.includes(identifierName)) {
    throw invalidInput(`Invalid relatedIdentifierName '${identifierName}'. Only ORDER_ID and FINANCIAL_EVENT_GROUP_ID can be used for filtering.`)
  }
  if ((identifierName === undefined) !== (identifierValue === undefined)) throw invalidInput("relatedIdentifierName and relatedIdentifierValue must be given together.")
  const latest = now.getTime() - 2 * MINUTE_MS
  const postedAfter = dateParam(context, "postedAfter")
  if (!postedAfter && identifierName === undefined) throw invalidInput("postedAfter is required when no related identifier is given.")
  if (postedAfter && postedAfter.getTime() > latest) throw invalidInput("postedAfter must be more than two minutes before the time of the request.")
  const postedBefore = dateParam(context, "postedBefore")
  if (postedBefore && postedBefore.getTime() > latest) throw invalidInput("postedBefore must be more than two minutes before the time of the request.")
  if (postedAfter && postedBefore && postedBefore <= postedAfter) throw invalidInput("postedBefore must be later than postedAfter.")
  const before = postedBefore?.getTime() ?? latest
  const after = postedAfter?.getTime() ?? before - MAX_WINDOW_MS

  const arguments_ = hashQuery({
    postedAfter: query.get("postedAfter"),
    postedBefore: query.get("postedBefore"),
    marketplaceId: query.get("marketplaceId"),
    transactionStatus: query.get("transactionStatus"),
    identifierName,
    identifierValue,
  })
  let offset = 0
  const token = query.get("nextToken")
  if (token !== undefined) {
    const parts = decodeOpaque(token)
    if (!parts || parts[0] !== "t" || parts[1] !== context.auth.sellerId || parts[2] !== arguments_) throw invalidToken("nextToken")
    offset = parts[3] as number
  }

  const ledger = context.state.ledger
  const marketplaceId = query.get("marketplaceId")
  const status = query.get("transactionStatus")
  const matching =
    before - after > MAX_WINDOW_MS || (status !== undefined && status !== "RELEASED")
      ? []
      : ledger
          .events()
          .filter((event) => event.sellerId === context.auth.sellerId)
          .filter((event) => event.postedAt.getTime() >= after && event.postedAt.getTime() < before)
          .filter((event) => !marketplaceId || event.order.marketplace.id === marketplaceId)
          .filter((event) => identifierName !== "ORDER_ID" || event.order.id === identifierValue)
          .filter((event) => identifierName !== "FINANCIAL_EVENT_GROUP_ID" || ledger.financialEventGroupOf(event) === identifierValue)
  const size = context.financesPageSize
  const page = matching.slice(offset, offset + size)
  const payload: Json = { transactions: page.map((event) => transactionJson(context, event)) }
  if (offset + size < matching.length) payload.nextToken = encodeOpaque(["t", context.auth.sellerId, arguments_, offset + size])
  return { status: 200, body: { payload } }
}

export const FINANCES_ROUTES: RouteDefinition[] = [
  { api: "finances-2024-06-19", operationId: "listTransactions", method: "GET", pathTemplate: "/finances/2024-06-19/transactions", handle: listTransactions },
]
