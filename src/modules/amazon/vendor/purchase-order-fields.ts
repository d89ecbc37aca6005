/**
 * Amazon's purchase order (as the boundary parsed it) → the columns of our PO and its lines. Pure: no database,
 * no Medusa. Costs are computed in decimals (MathBN), never in floats.
 */
import { createHash } from "node:crypto"
import { MathBN } from "@medusajs/framework/utils"
import type { VendorMoney, VendorOrderItem, VendorPurchaseOrder } from "../sp-api"

export const ACKNOWLEDGEMENT_WINDOW_MS = 24 * 60 * 60 * 1000

export class PurchaseOrderMappingError extends Error {}

/** "2026-12-04T00:00:00Z--2026-12-11T00:00:00Z" → its two instants; null when either end is not a date. */
export function parseAmazonWindow(window: string | null | undefined): { start: Date; end: Date } | null {
  if (!window) return null
  const parts = window.split("--")
  if (parts.length !== 2) return null
  const start = new Date(parts[0].trim())
  const end = new Date(parts[1].trim())
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return null
  return { start, end }
}

/** Eaches the line stands for: Cases × case size, or the eaches themselves. */
export function orderedEaches(quantity: VendorOrderItem["orderedQuantity"]): number {
  const amount = quantity.amount ?? 0
  if (quantity.unitOfMeasure === "Cases") return amount * (quantity.unitSize ?? 1)
  return amount
}

type LineCost = { cost: string | null; source: "net_cost" | "list_price" | "none"; note: string | null }

/** netCost, or listPrice when Amazon sent none (its model makes each conditional), and a sentence saying so. */
export function lineCost(item: VendorOrderItem): LineCost {
  if (item.netCost?.amount) return { cost: item.netCost.amount, source: "net_cost", note: null }
  if (item.listPrice?.amount) {
    return { cost: item.listPrice.amount, source: "list_price", note: "Amazon sent no net cost for this line; it is valued at its list price." }
  }
  return { cost: null, source: "none", note: "Amazon sent neither a net cost nor a list price for this line; it counts as 0 in the PO total." }
}

function moneyColumn(money: VendorMoney | null | undefined): number | null {
  return money?.amount ? Number(money.amount) : null
}

/** A fingerprint of what Amazon says about the PO: the same PO read again is recognised as unchanged. */
export function purchaseOrderHash(po: VendorPurchaseOrder): string {
  const stable = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(stable)
      : value && typeof value === "object"
        ? Object.fromEntries(Object.keys(value as object).sort().map((key) => [key, stable((value as Record<string, unknown>)[key])]))
        : value
  return createHash("sha256").update(JSON.stringify(stable(po))).digest("hex")
}

export type PurchaseOrderLineFields = ReturnType<typeof purchaseOrderLineFields>

export function purchaseOrderLineFields(item: VendorOrderItem, fallbackCurrency: string | null) {
  const cost = lineCost(item)
  return {
    item_sequence_number: item.itemSequenceNumber,
    asin: item.amazonProductIdentifier ?? null,
    vendor_product_id: item.vendorProductIdentifier ?? null,
    ordered_quantity: item.orderedQuantity.amount ?? 0,
    unit_of_measure: (item.orderedQuantity.unitOfMeasure ?? "Eaches") as "Eaches" | "Cases",
    unit_size: item.orderedQuantity.unitOfMeasure === "Cases" ? (item.orderedQuantity.unitSize ?? 1) : null,
    ordered_eaches: orderedEaches(item.orderedQuantity),
    is_back_order_allowed: item.isBackOrderAllowed,
    net_cost: moneyColumn(item.netCost),
    list_price: moneyColumn(item.listPrice),
    cost: cost.cost === null ? null : Number(cost.cost),
    cost_source: cost.source,
    cost_note: cost.note,
    currency_code: item.netCost?.currencyCode ?? item.listPrice?.currencyCode ?? fallbackCurrency,
  }
}

/** The PO's columns (without account and first-seen date) and its lines. */
export function purchaseOrderFields(po: VendorPurchaseOrder) {
  const details = po.orderDetails
  if (!details) throw new PurchaseOrderMappingError(`Amazon sent purchase order ${po.purchaseOrderNumber} without its details.`)
  const currency = details.items.map((item) => item.netCost?.currencyCode ?? item.listPrice?.currencyCode).find((code) => !!code) ?? null
  const lines = details.items.map((item) => purchaseOrderLineFields(item, currency))
  const currencies = new Set(lines.map((line) => line.currency_code).filter(Boolean))
  if (currencies.size > 1) {
    throw new PurchaseOrderMappingError(`Purchase order ${po.purchaseOrderNumber} prices its lines in several currencies (${[...currencies].join(", ")}).`)
  }
  const windowKind = details.shipWindow ? "ship" : details.deliveryWindow ? "delivery" : null
  const window = parseAmazonWindow(details.shipWindow ?? details.deliveryWindow)
  if ((details.shipWindow ?? details.deliveryWindow) && !window) {
    throw new PurchaseOrderMappingError(`Purchase order ${po.purchaseOrderNumber} has a window Amazon wrote unreadably: "${details.shipWindow ?? details.deliveryWindow}".`)
  }
  const costTotal = details.items.reduce((total, item) => {
    const cost = lineCost(item).cost
    return cost === null ? total : MathBN.add(total, MathBN.mult(cost, orderedEaches(item.orderedQuantity)))
  }, MathBN.convert(0))
  const placedAt = new Date(details.purchaseOrderDate)
  return {
    po: {
      purchase_order_number: po.purchaseOrderNumber,
      state: po.purchaseOrderState,
      purchase_order_type: details.purchaseOrderType ?? null,
      purchase_order_date: placedAt,
      amazon_changed_at: details.purchaseOrderChangedDate ? new Date(details.purchaseOrderChangedDate) : null,
      state_changed_at: new Date(details.purchaseOrderStateChangedDate),
      selling_party_id: details.sellingParty?.partyId ?? null,
      buying_party_id: details.buyingParty?.partyId ?? null,
      ship_to_party_id: details.shipToParty?.partyId ?? null,
      bill_to_party_id: details.billToParty?.partyId ?? null,
      window_kind: windowKind as "ship" | "delivery" | null,
      window_start: window?.start ?? null,
      window_end: window?.end ?? null,
      currency_code: currency,
      cost_total: costTotal.toString(),
      acknowledgement_due_at: new Date(placedAt.getTime() + ACKNOWLEDGEMENT_WINDOW_MS),
      content_hash: purchaseOrderHash(po),
      raw: po as unknown as Record<string, unknown>,
    },
    lines,
  }
}

export type PurchaseOrderFields = ReturnType<typeof purchaseOrderFields>

/** What Amazon changed on the lines, as a sentence ("line 1: 10 → 6 eaches; line 2 cancelled"), or null. */
export function describeLineChanges(
  before: Array<{ item_sequence_number: string; ordered_eaches: number }>,
  after: Array<{ item_sequence_number: string; ordered_eaches: number }>
): string | null {
  const parts: string[] = []
  for (const line of after) {
    const old = before.find((candidate) => candidate.item_sequence_number === line.item_sequence_number)
    if (!old) parts.push(`line ${line.item_sequence_number} added (${line.ordered_eaches} eaches)`)
    else if (old.ordered_eaches !== line.ordered_eaches) {
      parts.push(line.ordered_eaches === 0 ? `line ${line.item_sequence_number} cancelled` : `line ${line.item_sequence_number}: ${old.ordered_eaches} → ${line.ordered_eaches} eaches`)
    }
  }
  return parts.length ? parts.join("; ") : null
}
