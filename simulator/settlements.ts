// Settlements and finances: what Amazon pays the seller for the orders it knows. Orders that are SHIPPED post
// an Order event (ItemPrice Principal/Tax/Shipping, Promotion, ItemFees Commission and, for FBA, the
// fulfilment fee); refunds made on Amazon's side post a Refund event. Closing a settlement (on demand, or when a
// period of `periodDays` has passed) puts every event not yet settled into a V2 flat-file settlement report, in
// the order's currency and the marketplace's number format, plus one other-transaction (the subscription fee).
// The Finances API shows the same events as transactions as soon as they are posted.
import { createHash, createHmac, randomUUID } from "node:crypto"
import { gzipSync } from "node:zlib"
import { DAY_MS } from "./dates"
import { marketplaceOf, type Marketplace } from "./marketplaces"
import { currencyDecimals, formatMinor, toMinor } from "./money"
import { lineAmounts } from "./pricing"
import type { OrderItemState, OrderState, SimState } from "./state"

export const SETTLEMENT_REPORT_TYPE = "GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2"

/** Amazon's pre-signed document links live five minutes. */
export const DOCUMENT_LINK_LIFETIME_MS = 5 * 60_000

/** Referral fee the simulator charges: 15 % of the principal, as in most of Amazon's categories. */
const COMMISSION_PERCENT = 15
/** Of a refunded referral fee Amazon keeps 20 % (at most 5 units of the currency) as "RefundCommission". */
const REFUND_COMMISSION_PERCENT = 20

/** EU marketplaces write amounts "1.234,56" and dates "02.03.2026 14:23:00 UTC". */
const COMMA_DECIMAL_COUNTRIES = new Set(["DE", "FR", "IT", "ES", "NL", "BE", "SE", "PL", "TR"])

export const SETTLEMENT_COLUMNS = [
  "settlement-id", "settlement-start-date", "settlement-end-date", "deposit-date", "total-amount", "currency", "transaction-type",
  "order-id", "merchant-order-id", "adjustment-id", "shipment-id", "marketplace-name", "amount-type", "amount-description", "amount",
  "fulfillment-id", "posted-date", "posted-date-time", "order-item-code", "merchant-order-item-id", "merchant-adjustment-item-id", "sku",
  "quantity-purchased", "promotion-id",
] as const

type Column = (typeof SETTLEMENT_COLUMNS)[number]

export interface EventRow {
  amountType: string
  amountDescription: string
  /** Positive: Amazon owes the seller; negative: Amazon keeps it. */
  amountMinor: number
  item?: OrderItemState
  /** The seller's MerchantAdjustmentItemID of a refund it asked for. */
  merchantAdjustmentItemId?: string | null
  quantity?: number
  promotionId?: string
}

export interface FinancialEvent {
  /** Stable id: order id (+ refund id). */
  id: string
  kind: "Order" | "Refund"
  sellerId: string
  order: OrderState
  postedAt: Date
  adjustmentId?: string
  rows: EventRow[]
}

export interface SimRefund {
  id: string
  orderId: string
  postedAt: Date
  /** Units refunded per order item id; absent = every shipped unit. */
  items?: Array<{ orderItemId: string; quantity: number }>
  /** A refund the seller asked for in an OrderAdjustment feed: the minor amounts per component it gave, and its ids. */
  adjusted?: Array<{ orderItemId: string; components: Record<string, number>; merchantAdjustmentItemId: string | null }>
}

export interface SettlementReportState {
  sellerId: string
  reportId: string
  reportDocumentId: string
  settlementId: string
  marketplace: Marketplace
  currency: string
  start: Date
  end: Date
  createdTime: Date
  compression: "GZIP" | null
  /** The document as served (gzipped when compression is GZIP). */
  content: Buffer
  eventIds: string[]
  totalMinor: number
  /** The Finances event group the settlement closed. */
  financialEventGroupId: string
}

export interface CloseSettlementOptions {
  /** Only this marketplace (default: every marketplace with unsettled events). */
  marketplaceId?: string
  sellerId?: string
  /** Default "GZIP". */
  compression?: "GZIP" | "NONE"
  /** Extra generated Order lines (e.g. 100,000 for a benchmark); they belong to no known order. */
  bulkLines?: number
  /** Amazon pays these orders' principal short by amountMinor (a test of the reconciliation). */
  shortPay?: Array<{ orderId: string; amountMinor: number }>
  /** Amazon holds these orders' events back: they stay unsettled and go into the next settlement closed. */
  withhold?: string[]
  /**
   * A report as a broken pipeline might deliver it: "non-numeric-amount" writes "n/a" as the amount of line
   * `line` (default 3), "truncated" cuts the file off in the middle of its last line.
   */
  damage?: { kind: "non-numeric-amount"; line?: number } | { kind: "truncated" }
}

export interface ClosedSettlement {
  reportId: string
  reportDocumentId: string
  settlementId: string
  marketplaceId: string
  currency: string
  totalAmount: string
  lines: number
  compression: "GZIP" | null
}

function percentOf(minor: number, percent: number): number {
  return Math.round((minor * percent) / 100)
}

function fbaFeeMinor(currency: string): number {
  return currencyDecimals(currency) === 0 ? 400 : 322
}

/** When an order was shipped: its last shipment confirmation, else its last update. */
export function shippedAt(order: OrderState): Date {
  const confirmed = order.packages.map((entry) => new Date(entry.confirmedAt).getTime()).filter((ms) => Number.isFinite(ms))
  return confirmed.length > 0 ? new Date(Math.max(...confirmed)) : order.lastUpdated
}

function orderRows(order: OrderState): EventRow[] {
  const rows: EventRow[] = []
  for (const item of order.items) {
    const amounts = lineAmounts(order, item)
    const quantity = item.seed.quantity
    // Principal + Tax is what the buyer paid for the goods; in tax-inclusive marketplaces the price contains the VAT.
    const principal = order.marketplace.taxInclusive ? amounts.itemPrice - amounts.itemTax : amounts.itemPrice
    const shipping = order.marketplace.taxInclusive ? amounts.shippingPrice - amounts.shippingTax : amounts.shippingPrice
    rows.push({ amountType: "ItemPrice", amountDescription: "Principal", amountMinor: principal, item, quantity })
    if (amounts.itemTax) rows.push({ amountType: "ItemPrice", amountDescription: "Tax", amountMinor: amounts.itemTax, item, quantity })
    if (shipping) rows.push({ amountType: "ItemPrice", amountDescription: "Shipping", amountMinor: shipping, item, quantity })
    if (amounts.shippingTax) rows.push({ amountType: "ItemPrice", amountDescription: "ShippingTax", amountMinor: amounts.shippingTax, item, quantity })
    if (!order.marketplace.taxInclusive && amounts.itemTax) {
      // US marketplace facilitator states: Amazon collects the sales tax and remits it itself.
      rows.push({ amountType: "ItemWithheldTax", amountDescription: "MarketplaceFacilitatorTax-Principal", amountMinor: -amounts.itemTax, item, quantity })
    }
    if (amounts.promotionDiscount) {
      rows.push({ amountType: "Promotion", amountDescription: "Principal", amountMinor: -amounts.promotionDiscount, item, quantity, promotionId: item.seed.promotionIds?.[0] })
    }
    rows.push({ amountType: "ItemFees", amountDescription: "Commission", amountMinor: -percentOf(principal - amounts.promotionDiscount, COMMISSION_PERCENT), item, quantity })
    if (order.seed.fulfilledBy === "AMAZON") {
      rows.push({ amountType: "ItemFees", amountDescription: "FBAPerUnitFulfillmentFee", amountMinor: -fbaFeeMinor(order.currency) * quantity, item, quantity })
    }
  }
  return rows
}

/** Settlement rows of a seller's own adjustment: each component it refunded as Amazon books it, and the commission given back. */
function sellerRefundRows(order: OrderState, adjusted: NonNullable<SimRefund["adjusted"]>): EventRow[] {
  const rows: EventRow[] = []
  for (const entry of adjusted) {
    const item = order.items.find((candidate) => candidate.orderItemId === entry.orderItemId)
    if (!item) continue
    const tag = { item, merchantAdjustmentItemId: entry.merchantAdjustmentItemId }
    const amount = (type: string) => entry.components[type] ?? 0
    // In VAT-inclusive marketplaces Principal and Shipping carry the VAT the Tax components name.
    const inclusive = order.marketplace.taxInclusive
    const principal = amount("Principal") - (inclusive ? amount("Tax") : 0)
    const shipping = amount("Shipping") - (inclusive ? amount("ShippingTax") : 0)
    if (principal) rows.push({ amountType: "ItemPrice", amountDescription: "Principal", amountMinor: -principal, ...tag })
    if (amount("Tax")) rows.push({ amountType: "ItemPrice", amountDescription: "Tax", amountMinor: -amount("Tax"), ...tag })
    if (shipping) rows.push({ amountType: "ItemPrice", amountDescription: "Shipping", amountMinor: -shipping, ...tag })
    if (amount("ShippingTax")) rows.push({ amountType: "ItemPrice", amountDescription: "ShippingTax", amountMinor: -amount("ShippingTax"), ...tag })
    const withheld = inclusive ? 0 : amount("Tax") + amount("ShippingTax")
    if (withheld) rows.push({ amountType: "ItemWithheldTax", amountDescription: "MarketplaceFacilitatorTax-Principal", amountMinor: withheld, ...tag })
    const commission = percentOf(principal, COMMISSION_PERCENT)
    const kept = Math.min(percentOf(commission, REFUND_COMMISSION_PERCENT), toMinor(5, order.currency))
    if (commission) rows.push({ amountType: "ItemFees", amountDescription: "Commission", amountMinor: commission, ...tag })
    if (kept) rows.push({ amountType: "ItemFees", amountDescription: "RefundCommission", amountMinor: -kept, ...tag })
  }
  return rows
}

function refundRows(order: OrderState, refund: SimRefund): EventRow[] {
  if (refund.adjusted) return sellerRefundRows(order, refund.adjusted)
  const rows: EventRow[] = []
  for (const item of order.items) {
    const quantity = refund.items ? (refund.items.find((entry) => entry.orderItemId === item.orderItemId)?.quantity ?? 0) : item.seed.quantity
    if (quantity <= 0) continue
    const amounts = lineAmounts(order, item)
    const share = (minor: number) => Math.round((minor * quantity) / item.seed.quantity)
    const principal = share(order.marketplace.taxInclusive ? amounts.itemPrice - amounts.itemTax : amounts.itemPrice)
    rows.push({ amountType: "ItemPrice", amountDescription: "Principal", amountMinor: -principal, item, quantity })
    const tax = share(amounts.itemTax)
    if (tax) rows.push({ amountType: "ItemPrice", amountDescription: "Tax", amountMinor: -tax, item, quantity })
    if (!order.marketplace.taxInclusive && tax) {
      rows.push({ amountType: "ItemWithheldTax", amountDescription: "MarketplaceFacilitatorTax-Principal", amountMinor: tax, item, quantity })
    }
    const commission = percentOf(principal, COMMISSION_PERCENT)
    const kept = Math.min(percentOf(commission, REFUND_COMMISSION_PERCENT), toMinor(5, order.currency))
    rows.push({ amountType: "ItemFees", amountDescription: "Commission", amountMinor: commission, item, quantity })
    if (kept) rows.push({ amountType: "ItemFees", amountDescription: "RefundCommission", amountMinor: -kept, item, quantity })
  }
  return rows
}

function digitsFrom(text: string, length: number): string {
  const digest = createHash("sha256").update(text).digest()
  return (digest.readBigUInt64BE(0) % 10n ** BigInt(length)).toString().padStart(length, "0")
}

function formatAmount(minor: number, currency: string, marketplace: Marketplace): string {
  const plain = formatMinor(minor, currency)
  if (!COMMA_DECIMAL_COUNTRIES.has(marketplace.countryCode)) return plain
  const [integerPart, fraction] = plain.split(".")
  const sign = integerPart.startsWith("-") ? "-" : ""
  const grouped = integerPart.replace("-", "").replace(/\B(?=(\d{3})+(?!\d))/g, ".")
  return `${sign}${grouped}${fraction !== undefined ? `,${fraction}` : ""}`
}

function pad(value: number): string {
  return String(value).padStart(2, "0")
}

function formatDateTime(date: Date, marketplace: Marketplace, style: "period" | "posted"): string {
  const [y, mo, d, h, mi, s] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()]
  if (COMMA_DECIMAL_COUNTRIES.has(marketplace.countryCode)) return `${pad(d)}.${pad(mo)}.${y} ${pad(h)}:${pad(mi)}:${pad(s)} UTC`
  if (style === "period") return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}+00:00`
  return `${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)} UTC`
}

function formatDate(date: Date, marketplace: Marketplace): string {
  const [y, mo, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]
  return COMMA_DECIMAL_COUNTRIES.has(marketplace.countryCode) ? `${pad(d)}.${pad(mo)}.${y}` : `${y}-${pad(mo)}-${pad(d)}`
}

function damaged(rows: string[], damage: CloseSettlementOptions["damage"]): string {
  if (damage?.kind === "non-numeric-amount") {
    const index = (damage.line ?? 3) - 1
    if (index < 2 || index >= rows.length) throw new Error(`closeSettlement: the report has no amount line ${damage.line}`)
    const cells = rows[index].split("\t")
    cells[SETTLEMENT_COLUMNS.indexOf("amount")] = "n/a"
    rows[index] = cells.join("\t")
  }
  const text = rows.join("\n") + "\n"
  if (damage?.kind === "truncated") return text.slice(0, text.length - Math.ceil(rows[rows.length - 1].length / 2))
  return text
}

export class SettlementLedger {
  readonly refunds: SimRefund[] = []
  readonly reports: SettlementReportState[] = []
  private readonly settledEventIds = new Set<string>()
  private readonly periodStarts = new Map<string, Date>()
  private readonly openGroups = new Map<string, string>()
  private readonly signingKey = randomUUID()
  private sequence = 0

  constructor(
    private readonly state: SimState,
    /** Amazon closes a settlement every 14 days; a read after that closes the period on its own. */
    readonly periodDays = 14
  ) {}

  clear(): void {
    this.refunds.length = 0
    this.reports.length = 0
    this.settledEventIds.clear()
    this.periodStarts.clear()
    this.openGroups.clear()
  }

  /** The Finances event group an event belongs to: the one its settlement closed, or the open one. */
  financialEventGroupOf(event: FinancialEvent): string {
    const report = this.reports.find((candidate) => candidate.eventIds.includes(event.id))
    return report ? report.financialEventGroupId : this.openGroup(`${event.sellerId}|${event.order.marketplace.id}`)
  }

  private openGroup(periodKey: string): string {
    let group = this.openGroups.get(periodKey)
    if (!group) {
      group = createHash("sha256").update(`${periodKey}|${this.signingKey}|${this.openGroups.size}|${this.sequence}`).digest("base64url").slice(0, 40)
      this.openGroups.set(periodKey, group)
    }
    return group
  }

  /** A refund Amazon made on its own side (A-to-z claim, customer service), posted now. */
  refundOrder(orderId: string, items?: Array<{ orderItemId: string; quantity: number }>): SimRefund {
    const order = this.state.requireOrder(orderId)
    if (order.status !== "SHIPPED") throw new Error(`refundOrder: order ${orderId} is ${order.status}; Amazon refunds shipped orders`)
    for (const entry of items ?? []) {
      const item = order.items.find((candidate) => candidate.orderItemId === entry.orderItemId)
      if (!item) throw new Error(`refundOrder: order ${orderId} has no item ${entry.orderItemId}`)
      if (!Number.isInteger(entry.quantity) || entry.quantity < 1 || entry.quantity > item.seed.quantity) {
        throw new Error(`refundOrder: quantity ${entry.quantity} of item ${entry.orderItemId} is out of range`)
      }
    }
    const refund: SimRefund = { id: `${orderId}#R${this.refunds.length + 1}`, orderId, postedAt: this.state.now(), items }
    this.refunds.push(refund)
    return refund
  }

  /** A refund the seller made through the payment adjustment feed, posted now with exactly the amounts it sent. */
  recordSellerRefund(orderId: string, adjusted: NonNullable<SimRefund["adjusted"]>): SimRefund {
    const refund: SimRefund = { id: `${orderId}#R${this.refunds.length + 1}`, orderId, postedAt: this.state.now(), adjusted }
    this.refunds.push(refund)
    return refund
  }

  /** Every event posted up to now, oldest first. */
  events(): FinancialEvent[] {
    const now = this.state.now().getTime()
    const events: FinancialEvent[] = []
    for (const order of this.state.orders.values()) {
      if (order.status !== "SHIPPED") continue
      const postedAt = shippedAt(order)
      if (postedAt.getTime() > now) continue
      events.push({ id: order.id, kind: "Order", sellerId: order.sellerId, order, postedAt, rows: orderRows(order) })
    }
    for (const refund of this.refunds) {
      const order = this.state.orders.get(refund.orderId)
      if (!order) continue
      events.push({
        id: refund.id,
        kind: "Refund",
        sellerId: order.sellerId,
        order,
        postedAt: refund.postedAt,
        adjustmentId: digitsFrom(refund.id, 14),
        rows: refundRows(order, refund),
      })
    }
    return events.sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  }

  isSettled(event: FinancialEvent): boolean {
    return this.settledEventIds.has(event.id)
  }

  /** Closes the settlements whose period has run out (called before reports are listed). */
  closeDuePeriods(at: Date): void {
    const now = at.getTime()
    const due = new Map<string, FinancialEvent>()
    for (const event of this.events()) {
      if (this.isSettled(event)) continue
      const key = `${event.sellerId}|${event.order.marketplace.id}`
      const start = this.periodStarts.get(key)?.getTime() ?? event.postedAt.getTime()
      if (now - start >= this.periodDays * DAY_MS && !due.has(key)) due.set(key, event)
    }
    for (const event of due.values()) this.close({ sellerId: event.sellerId, marketplaceId: event.order.marketplace.id }, at)
  }

  /** Puts every unsettled event (of the seller / marketplace) into a new settlement report now. */
  close(options: CloseSettlementOptions = {}, at: Date = this.state.now()): ClosedSettlement[] {
    if (options.marketplaceId !== undefined && !marketplaceOf(options.marketplaceId)) throw new Error(`closeSettlement: unknown marketplace id ${options.marketplaceId}`)
    const sellerId = options.sellerId ?? this.state.defaultSellerId()
    const groups = new Map<string, FinancialEvent[]>()
    for (const event of this.events()) {
      if (this.isSettled(event) || event.sellerId !== sellerId) continue
      if (options.marketplaceId && event.order.marketplace.id !== options.marketplaceId) continue
      if (options.withhold?.includes(event.order.id)) continue
      const key = `${event.order.marketplace.id}|${event.order.currency}`
      groups.set(key, [...(groups.get(key) ?? []), event])
    }
    if (options.marketplaceId && groups.size === 0 && options.bulkLines) groups.set(`${options.marketplaceId}|${marketplaceOf(options.marketplaceId)!.currency}`, [])
    const closed: ClosedSettlement[] = []
    for (const [key, events] of groups) {
      const [marketplaceId, currency] = key.split("|")
      closed.push(this.writeReport(sellerId, marketplaceOf(marketplaceId)!, currency, events, options, at))
    }
    return closed
  }

  private writeReport(
    sellerId: string,
    marketplace: Marketplace,
    currency: string,
    events: FinancialEvent[],
    options: CloseSettlementOptions,
    now: Date
  ): ClosedSettlement {
    const periodKey = `${sellerId}|${marketplace.id}`
    const earliest = events.length > 0 ? events[0].postedAt : now
    const start = this.periodStarts.get(periodKey) ?? new Date(Math.min(earliest.getTime(), now.getTime() - this.periodDays * DAY_MS))
    const end = now
    this.periodStarts.set(periodKey, end)
    this.sequence++
    const settlementId = `1${digitsFrom(`${sellerId}|${marketplace.id}|${this.sequence}|${this.signingKey}`, 10)}`
    const deposit = new Date(end.getTime() + 2 * DAY_MS)

    type Line = Partial<Record<Column, string>>
    const lines: Line[] = []
    const minors: number[] = []
    const amazonDomain = marketplace.name
    for (const event of events) {
      for (const row of event.rows) {
        const item = row.item
        lines.push({
          "transaction-type": event.kind,
          "order-id": event.order.id,
          "merchant-order-id": event.order.seed.sellerOrderId ?? "",
          "adjustment-id": event.adjustmentId ?? "",
          "shipment-id": event.kind === "Order" ? `S${digitsFrom(event.order.id, 9)}` : "",
          "marketplace-name": amazonDomain,
          "amount-type": row.amountType,
          "amount-description": row.amountDescription,
          amount: formatAmount(row.amountMinor, currency, marketplace),
          "fulfillment-id": event.order.seed.fulfilledBy === "AMAZON" ? "AFN" : "MFN",
          "posted-date": formatDate(event.postedAt, marketplace),
          "posted-date-time": formatDateTime(event.postedAt, marketplace, "posted"),
          "order-item-code": item?.orderItemId ?? "",
          "merchant-adjustment-item-id": event.kind === "Refund" && item ? (row.merchantAdjustmentItemId ?? `A${digitsFrom(`${event.id}|${item.orderItemId}`, 8)}`) : "",
          sku: item?.seed.sku ?? "",
          "quantity-purchased": event.kind === "Order" && row.quantity !== undefined ? String(row.quantity) : "",
          "promotion-id": row.promotionId ?? "",
        })
        minors.push(row.amountMinor)
      }
    }
    for (const short of options.shortPay ?? []) {
      const index = lines.findIndex((line) => line["order-id"] === short.orderId && line["transaction-type"] === "Order" && line["amount-description"] === "Principal")
      if (index < 0) throw new Error(`closeSettlement: order ${short.orderId} has no Principal line in this settlement`)
      minors[index] -= short.amountMinor
      lines[index].amount = formatAmount(minors[index], currency, marketplace)
    }
    for (let index = 0; index < (options.bulkLines ?? 0); index++) {
      const orderId = `${marketplace.countryCode === "US" ? "111" : "302"}-${String(index % 10_000_000).padStart(7, "0")}-${String(this.sequence).padStart(7, "0")}`
      const minor = 1000 + (index % 5000)
      lines.push({
        "transaction-type": "Order", "order-id": orderId, "marketplace-name": amazonDomain, "amount-type": "ItemPrice", "amount-description": "Principal",
        amount: formatAmount(minor, currency, marketplace), "fulfillment-id": "MFN", "posted-date": formatDate(now, marketplace),
        "posted-date-time": formatDateTime(now, marketplace, "posted"), sku: `BULK-${index % 100}`, "quantity-purchased": "1",
      })
      minors.push(minor)
    }
    const subscription = -toMinor(39.99, currency)
    lines.push({
      "transaction-type": "other-transaction", "marketplace-name": amazonDomain, "amount-type": "other-transaction", "amount-description": "Subscription Fee",
      amount: formatAmount(subscription, currency, marketplace), "posted-date": formatDate(now, marketplace), "posted-date-time": formatDateTime(now, marketplace, "posted"),
    })
    minors.push(subscription)
    const totalMinor = minors.reduce((sum, minor) => sum + minor, 0)

    const render = (line: Line) => SETTLEMENT_COLUMNS.map((column) => (column === "settlement-id" ? settlementId : (line[column] ?? ""))).join("\t")
    const summary: Line = {
      "settlement-start-date": formatDateTime(start, marketplace, "period"),
      "settlement-end-date": formatDateTime(end, marketplace, "period"),
      "deposit-date": formatDateTime(deposit, marketplace, "period"),
      "total-amount": formatAmount(totalMinor, currency, marketplace),
      currency,
    }
    const text = damaged([SETTLEMENT_COLUMNS.join("\t"), render(summary), ...lines.map(render)], options.damage)
    const compression = options.compression === "NONE" ? null : "GZIP"
    const raw = Buffer.from(text, "utf8")
    const report: SettlementReportState = {
      sellerId,
      reportId: `5${digitsFrom(`report|${settlementId}`, 10)}`,
      reportDocumentId: `amzn1.spdoc.1.4.${marketplace.countryCode === "US" || marketplace.countryCode === "CA" ? "na" : "eu"}.${randomUUID()}`,
      settlementId,
      marketplace,
      currency,
      start,
      end,
      createdTime: now,
      compression,
      content: compression === "GZIP" ? gzipSync(raw) : raw,
      eventIds: events.map((event) => event.id),
      totalMinor,
      financialEventGroupId: this.openGroup(periodKey),
    }
    this.openGroups.delete(periodKey)
    this.reports.push(report)
    for (const event of events) this.settledEventIds.add(event.id)
    return {
      reportId: report.reportId,
      reportDocumentId: report.reportDocumentId,
      settlementId,
      marketplaceId: marketplace.id,
      currency,
      totalAmount: formatMinor(totalMinor, currency),
      lines: lines.length,
      compression,
    }
  }

  /** The settlement id an event was paid in, once settled. */
  settlementOf(event: FinancialEvent): string | null {
    return this.reports.find((report) => report.eventIds.includes(event.id))?.settlementId ?? null
  }

  documentUrl(baseUrl: string, report: SettlementReportState): string {
    const expires = this.state.now().getTime() + DOCUMENT_LINK_LIFETIME_MS
    const signature = this.sign(report.reportDocumentId, expires)
    return `${baseUrl}/_sim/documents/${encodeURIComponent(report.reportDocumentId)}?X-Amz-Expires=${expires}&X-Amz-Signature=${signature}`
  }

  /** The document a link points to, or why it cannot be served (S3 answers 403 to expired or forged links). */
  documentFor(reportDocumentId: string, query: URLSearchParams): { status: 200; report: SettlementReportState } | { status: 403 | 404; message: string } {
    const report = this.reports.find((candidate) => candidate.reportDocumentId === reportDocumentId)
    if (!report) return { status: 404, message: "NoSuchKey" }
    const expires = Number(query.get("X-Amz-Expires"))
    if (query.get("X-Amz-Signature") !== this.sign(reportDocumentId, expires)) return { status: 403, message: "SignatureDoesNotMatch" }
    if (!(this.state.now().getTime() <= expires)) return { status: 403, message: "Request has expired" }
    return { status: 200, report }
  }

  private sign(reportDocumentId: string, expires: number): string {
    return createHmac("sha256", this.signingKey).update(`${reportDocumentId}|${expires}`).digest("hex")
  }
}
