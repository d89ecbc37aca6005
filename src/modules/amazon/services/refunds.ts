import { MedusaError } from "@medusajs/framework/utils"
import { ADJUSTMENT_REASONS, OrderRefundSchema, type AdjustmentReason } from "../feeds"

/**
 * Which lines and price components of an Amazon order a refund covers, and whether Amazon can still pay it back.
 * Amazon refunds per item and component (POST_PAYMENT_ADJUSTMENT_DATA) and refuses any component above what the
 * buyer paid for it minus what was already refunded, so the plugin keeps the same ledger and refuses first.
 *
 * The rule for a refund given only as an amount (Medusa's Refund button):
 *  1. the items of a received return not yet refunded first (their whole refundable value, in return order);
 *  2. whatever is left proportionally over what is still refundable per line and money component;
 *  3. cents lost to rounding go, one each, to the parts with the largest dropped fraction; ties to the earlier
 *     line (Amazon's item order) and then the earlier component (Principal, Tax, Shipping, ShippingTax).
 * In tax-inclusive marketplaces (EU, UK, JP) Tax and ShippingTax are the VAT inside Principal and Shipping: the
 * money is shared over Principal and Shipping, and each carries its VAT share along (Amazon needs both numbers).
 * Refunds Amazon made on its own side are known only as totals (settlements): Medusa's captured-minus-refunded
 * check covers them, the per-component ledger does not.
 */

export const REFUND_FEED_TYPE = "POST_PAYMENT_ADJUSTMENT_DATA"

export const REFUND_COMPONENTS = ["Principal", "Tax", "Shipping", "ShippingTax"] as const
export type RefundComponent = (typeof REFUND_COMPONENTS)[number]
export type ComponentCents = Record<RefundComponent, number>

/** The plain words the admin shows for each AdjustmentReason; Amazon receives the code. */
export const ADJUSTMENT_REASON_LABELS: Record<AdjustmentReason, string> = {
  NoInventory: "Out of stock",
  CustomerReturn: "The buyer returned the item",
  GeneralAdjustment: "Other / general adjustment",
  CouldNotShip: "Could not ship",
  DifferentItem: "A different item was sent",
  Abandoned: "The buyer abandoned the order",
  CustomerCancel: "The buyer cancelled",
  PriceError: "Price error",
  ProductOutofStock: "Product out of stock",
  CustomerAddressIncorrect: "The buyer's address is incorrect",
  Exchange: "Exchange",
  Other: "Other",
  CarrierCreditDecision: "Carrier credit decision",
  RiskAssessmentInformationNotValid: "Risk assessment: buyer information not valid",
  CarrierCoverageFailure: "No carrier covers the destination",
  TransactionRecord: "Transaction record",
  Undeliverable: "Undeliverable",
  RefusedDelivery: "The buyer refused the delivery",
}

/** Medusa refund reasons the plugin creates carry this code prefix, so a Refund-button refund keeps Amazon's reason. */
export const REFUND_REASON_CODE_PREFIX = "amazon_"

export function adjustmentReasonOfCode(code: string | null | undefined): AdjustmentReason | null {
  if (!code?.startsWith(REFUND_REASON_CODE_PREFIX)) return null
  const reason = code.slice(REFUND_REASON_CODE_PREFIX.length)
  return (ADJUSTMENT_REASONS as readonly string[]).includes(reason) ? (reason as AdjustmentReason) : null
}

export type RefundLine = {
  order_item_id: string
  line_item_id: string | null
  title: string | null
  quantity: number
  paid: ComponentCents
  /** Refunded or waiting for Amazon (queued, batched or accepted adjustments). */
  refunded: ComponentCents
}

export type PlannedItem = { order_item_id: string; components: Partial<ComponentCents>; quantity?: number }

export type RefundPlan = { reason: AdjustmentReason; items: PlannedItem[]; net_cents: number }

const zero = (): ComponentCents => ({ Principal: 0, Tax: 0, Shipping: 0, ShippingTax: 0 })

export function toCents(value: string | number | null | undefined): number {
  if (value === null || value === undefined || value === "") return 0
  return Math.round(Number(value) * 100)
}

export function centsToAmount(cents: number): string {
  const sign = cents < 0 ? "-" : ""
  const abs = Math.abs(cents)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`
}

/** The money components: what the buyer's money is made of (tax too, where it comes on top of prices). */
export function moneyComponents(taxInclusive: boolean): RefundComponent[] {
  return taxInclusive ? ["Principal", "Shipping"] : [...REFUND_COMPONENTS]
}

const VAT_OF: Partial<Record<RefundComponent, RefundComponent>> = { Principal: "Tax", Shipping: "ShippingTax" }

export function netCents(components: Partial<ComponentCents>, taxInclusive: boolean): number {
  return moneyComponents(taxInclusive).reduce((sum, type) => sum + (components[type] ?? 0), 0)
}

/** What the buyer paid per component of one Amazon item (the order snapshot's item), promotions taken off. */
export function paidOfSnapshotItem(item: Record<string, any>): ComponentCents {
  const less = (a: unknown, b: unknown) => Math.max(0, toCents(a as any) - toCents(b as any))
  return {
    Principal: less(item.itemPrice, item.promotionDiscount),
    Tax: less(item.itemTax, item.promotionDiscountTax),
    Shipping: less(item.shippingPrice, item.shippingDiscount),
    ShippingTax: less(item.shippingTax, item.shippingDiscountTax),
  }
}

/** Sums the components of adjustments already sent or waiting, per Amazon order item. */
export function refundedByItem(payloads: Array<{ items?: Array<{ orderItemId: string; components: Array<{ type: string; amount: string }> }> }>) {
  const refunded = new Map<string, ComponentCents>()
  for (const payload of payloads) {
    for (const item of payload.items ?? []) {
      const sums = refunded.get(item.orderItemId) ?? zero()
      for (const component of item.components) {
        if ((REFUND_COMPONENTS as readonly string[]).includes(component.type)) sums[component.type as RefundComponent] += toCents(component.amount)
      }
      refunded.set(item.orderItemId, sums)
    }
  }
  return refunded
}

const remaining = (line: RefundLine, type: RefundComponent) => Math.max(0, line.paid[type] - line.refunded[type])

export function refundableNet(lines: RefundLine[], taxInclusive: boolean): number {
  return lines.reduce((sum, line) => sum + moneyComponents(taxInclusive).reduce((s, type) => s + remaining(line, type), 0), 0)
}

function lineName(line: RefundLine): string {
  return line.title ? `"${line.title}" (Amazon item ${line.order_item_id})` : `Amazon item ${line.order_item_id}`
}

function refuse(sentence: string): never {
  throw new MedusaError(MedusaError.Types.NOT_ALLOWED, sentence)
}

/** VAT carried along with a share of Principal/Shipping in tax-inclusive marketplaces: the same share of what is left. */
function vatShare(line: RefundLine, money: RefundComponent, moneyCents: number): number {
  const vat = VAT_OF[money]!
  const leftMoney = remaining(line, money)
  const leftVat = remaining(line, vat)
  if (!leftMoney || !moneyCents) return 0
  if (moneyCents >= leftMoney) return leftVat
  return Math.min(leftVat, Math.round((moneyCents * leftVat) / leftMoney))
}

function withVat(line: RefundLine, components: Partial<ComponentCents>, taxInclusive: boolean, givenVat: Set<RefundComponent> = new Set()) {
  if (!taxInclusive) return components
  const out = { ...components }
  for (const money of ["Principal", "Shipping"] as const) {
    const vat = VAT_OF[money]!
    if (!givenVat.has(vat) && out[money]) out[vat] = vatShare(line, money, out[money]!)
  }
  return out
}

function compact(items: PlannedItem[]): PlannedItem[] {
  return items
    .map((item) => ({ ...item, components: Object.fromEntries(Object.entries(item.components).filter(([, cents]) => (cents ?? 0) > 0)) }))
    .filter((item) => Object.keys(item.components).length > 0)
}

/** Everything still refundable, every line and component. */
export function planWholeOrder(lines: RefundLine[]): PlannedItem[] {
  return compact(lines.map((line) => ({ order_item_id: line.order_item_id, components: Object.fromEntries(REFUND_COMPONENTS.map((type) => [type, remaining(line, type)])) })))
}

/** `amountCents` of money shared over what is still refundable (rule above, steps 2 and 3). */
export function planProportional(lines: RefundLine[], amountCents: number, taxInclusive: boolean): PlannedItem[] {
  const available = refundableNet(lines, taxInclusive)
  if (amountCents > available) {
    refuse(
      `Amazon can refund at most ${centsToAmount(available)} more on this order (what the buyer paid, less what was refunded or is waiting for Amazon); ${centsToAmount(amountCents)} is more. Enter a smaller amount.`
    )
  }
  const parts: Array<{ line: number; type: RefundComponent; left: number; share: number; fraction: number }> = []
  lines.forEach((line, index) => {
    for (const type of moneyComponents(taxInclusive)) {
      const left = remaining(line, type)
      if (left > 0) parts.push({ line: index, type, left, share: 0, fraction: 0 })
    }
  })
  let given = 0
  for (const part of parts) {
    part.share = Math.floor((amountCents * part.left) / available)
    part.fraction = (amountCents * part.left) % available
    given += part.share
  }
  const byFraction = parts.map((part, order) => ({ part, order })).sort((a, b) => b.part.fraction - a.part.fraction || a.order - b.order)
  for (const { part } of byFraction) {
    if (given >= amountCents) break
    if (part.share < part.left) {
      part.share++
      given++
    }
  }
  return compact(
    lines.map((line, index) => {
      const components: Partial<ComponentCents> = {}
      for (const part of parts.filter((candidate) => candidate.line === index)) components[part.type] = part.share
      return { order_item_id: line.order_item_id, components: withVat(line, components, taxInclusive) }
    })
  )
}

export type LineRequest = {
  order_item_id?: string
  line_item_id?: string
  quantity?: number
  amounts?: Partial<Record<RefundComponent, string>>
}

function findLine(lines: RefundLine[], request: LineRequest): RefundLine {
  const line = lines.find((candidate) =>
    request.order_item_id ? candidate.order_item_id === request.order_item_id : candidate.line_item_id === request.line_item_id
  )
  if (!line) refuse(`The order has no Amazon line ${request.order_item_id ?? request.line_item_id}. Pick one of the order's lines.`)
  return line
}

/**
 * The merchant's own breakdown: per line a quantity (that share of every component the buyer paid) and/or
 * amounts per component (which replace the quantity's share of those components). In tax-inclusive marketplaces a
 * Principal or Shipping amount carries its VAT share unless Tax/ShippingTax is given too.
 */
export function planLines(lines: RefundLine[], requests: LineRequest[], taxInclusive: boolean): PlannedItem[] {
  const seen = new Set<string>()
  const planned: PlannedItem[] = []
  for (const request of requests) {
    const line = findLine(lines, request)
    if (seen.has(line.order_item_id)) refuse(`${lineName(line)} is listed twice. List each line once.`)
    seen.add(line.order_item_id)
    let components: Partial<ComponentCents> = {}
    if (request.quantity !== undefined) {
      if (request.quantity > line.quantity) refuse(`${lineName(line)} has ${line.quantity} unit(s); ${request.quantity} cannot be refunded.`)
      for (const type of REFUND_COMPONENTS) {
        components[type] = request.quantity === line.quantity ? remaining(line, type) : Math.min(remaining(line, type), Math.round((line.paid[type] * request.quantity) / line.quantity))
      }
    }
    const given = new Set<RefundComponent>()
    for (const [type, amount] of Object.entries(request.amounts ?? {}) as Array<[RefundComponent, string]>) {
      components[type] = toCents(amount)
      given.add(type)
    }
    if (request.quantity === undefined) components = withVat(line, components, taxInclusive, given)
    for (const type of REFUND_COMPONENTS) {
      const cents = components[type] ?? 0
      if (cents > remaining(line, type)) {
        refuse(
          `${type} of ${lineName(line)} can be refunded by at most ${centsToAmount(remaining(line, type))} (the buyer paid ${centsToAmount(line.paid[type])}, ${centsToAmount(line.refunded[type])} is refunded or waiting for Amazon); ${centsToAmount(cents)} is more.`
        )
      }
    }
    planned.push({ order_item_id: line.order_item_id, components, ...(request.quantity !== undefined ? { quantity: request.quantity } : {}) })
  }
  const items = compact(planned)
  if (!items.length) refuse("Nothing is left to refund on the lines chosen: give an amount or a quantity that Amazon still owes the buyer.")
  return items
}

/** A breakdown planned earlier, checked again against the ledger as it is now (another refund may have come first). */
export function checkPlanned(lines: RefundLine[], items: PlannedItem[]): PlannedItem[] {
  for (const item of items) {
    const line = findLine(lines, { order_item_id: item.order_item_id })
    for (const type of REFUND_COMPONENTS) {
      const cents = item.components[type] ?? 0
      if (cents > remaining(line, type)) {
        refuse(
          `${type} of ${lineName(line)} can be refunded by at most ${centsToAmount(remaining(line, type))} now (the buyer paid ${centsToAmount(line.paid[type])}, ${centsToAmount(line.refunded[type])} is refunded or waiting for Amazon); ${centsToAmount(cents)} is more.`
        )
      }
    }
  }
  return compact(items)
}

/** Step 1 of the rule: the returned units first, then the rest proportionally. */
export function planWithReturn(
  lines: RefundLine[],
  returned: Array<{ order_item_id: string; quantity: number }>,
  amountCents: number,
  taxInclusive: boolean
): PlannedItem[] {
  const remainingLines = lines.map((line) => ({ ...line, refunded: { ...line.refunded } }))
  const planned = new Map<string, PlannedItem>()
  let left = amountCents
  for (const unit of returned) {
    const line = remainingLines.find((candidate) => candidate.order_item_id === unit.order_item_id)
    if (!line || left <= 0 || refundableNet([line], taxInclusive) === 0) continue
    const [full] = planLines([line], [{ order_item_id: line.order_item_id, quantity: Math.min(unit.quantity, line.quantity) }], taxInclusive)
    const fullNet = netCents(full.components, taxInclusive)
    const item = fullNet <= left ? full : { ...planProportional([line], left, taxInclusive)[0], quantity: full.quantity }
    left -= netCents(item.components, taxInclusive)
    for (const type of REFUND_COMPONENTS) line.refunded[type] += item.components[type] ?? 0
    planned.set(line.order_item_id, item)
  }
  if (left > 0) {
    for (const item of planProportional(remainingLines, left, taxInclusive)) {
      const before = planned.get(item.order_item_id)
      if (!before) {
        planned.set(item.order_item_id, item)
        continue
      }
      const components = { ...before.components }
      for (const type of REFUND_COMPONENTS) if (item.components[type]) components[type] = (components[type] ?? 0) + item.components[type]!
      planned.set(item.order_item_id, { ...before, components })
    }
  }
  return lines.map((line) => planned.get(line.order_item_id)).filter((item): item is PlannedItem => !!item)
}

/** The queued adjustment's payload (OrderRefundSchema), validated the way the feed builder will read it. */
export function refundPayload(input: { amazon_order_id: string; currency: string; reason: AdjustmentReason; items: PlannedItem[] }) {
  const parsed = OrderRefundSchema.safeParse({
    amazonOrderId: input.amazon_order_id,
    currency: input.currency.toUpperCase(),
    items: input.items.map((item) => ({
      orderItemId: item.order_item_id,
      adjustmentReason: input.reason,
      components: REFUND_COMPONENTS.filter((type) => (item.components[type] ?? 0) > 0).map((type) => ({ type, amount: centsToAmount(item.components[type]!) })),
      ...(item.quantity !== undefined ? { quantity: item.quantity } : {}),
    })),
  })
  if (!parsed.success) {
    refuse(`The refund of Amazon order ${input.amazon_order_id} cannot be sent: ${parsed.error.issues[0]?.message ?? "its lines are not valid"}.`)
  }
  return parsed.data
}
