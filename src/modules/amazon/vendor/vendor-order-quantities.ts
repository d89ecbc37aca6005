/**
 * What the Medusa order of a vendor PO should hold, from the PO as Amazon now orders it and the acknowledgement Amazon
 * took. Pure: no database, no Medusa.
 */
import type { OrderAcknowledgement } from "../sp-api"

type AcknowledgedItem = OrderAcknowledgement["items"][number]

export type VendorLineForOrder = {
  id: string
  item_sequence_number: string
  ordered_eaches: number
  unit_of_measure: "Eaches" | "Cases"
  unit_size: number | null
}

function eaches(quantity: AcknowledgedItem["itemAcknowledgements"][number]["acknowledgedQuantity"]): number {
  return quantity.unitOfMeasure === "Cases" ? quantity.amount * (quantity.unitSize ?? 1) : quantity.amount
}

/** Accepted eaches per item sequence number in the acknowledgement Amazon took (Backordered and Rejected are not). */
export function acceptedEachesByLine(payload: Pick<OrderAcknowledgement, "items">): Map<string, number> {
  const accepted = new Map<string, number>()
  for (const item of payload.items ?? []) {
    const total = item.itemAcknowledgements.filter((answer) => answer.acknowledgementCode === "Accepted").reduce((sum, answer) => sum + eaches(answer.acknowledgedQuantity), 0)
    accepted.set(item.itemSequenceNumber, total)
  }
  return accepted
}

/**
 * Eaches of each line the order should carry: what was accepted, but never more than Amazon still orders. When Amazon
 * reduces a line that was partly backordered, the backordered units go first (Amazon can cancel what was not promised
 * for now before what was); a line Amazon zeroes (poItemState Cancelled) goes to 0.
 */
export function orderQuantitiesFor(lines: VendorLineForOrder[], accepted: Map<string, number>): Map<string, number> {
  const quantities = new Map<string, number>()
  for (const line of lines) quantities.set(line.id, Math.max(0, Math.min(accepted.get(line.item_sequence_number) ?? 0, line.ordered_eaches)))
  return quantities
}

export type VendorOrderItemChange = { item_id: string; line_id: string; from: number; to: number }

/** The order items whose quantity must change to match `wanted` (by PO line id); lines the order does not carry are left out. */
export function itemChanges(items: Array<{ id: string; quantity: number; line_id: string | null }>, wanted: Map<string, number>): VendorOrderItemChange[] {
  const changes: VendorOrderItemChange[] = []
  for (const item of items) {
    if (!item.line_id || !wanted.has(item.line_id)) continue
    const to = wanted.get(item.line_id)!
    if (to !== item.quantity) changes.push({ item_id: item.id, line_id: item.line_id, from: item.quantity, to })
  }
  return changes
}

/** PO lines the order should carry but has no item for (accepted only later, or raised from 0): to be added by the edit. */
export function itemAdditions(items: Array<{ line_id: string | null }>, wanted: Map<string, number>): Array<{ line_id: string; quantity: number }> {
  const carried = new Set(items.map((item) => item.line_id).filter(Boolean))
  return [...wanted.entries()].filter(([lineId, quantity]) => quantity > 0 && !carried.has(lineId)).map(([line_id, quantity]) => ({ line_id, quantity }))
}

/**
 * The stable identity of Amazon's buying party as a Medusa guest customer. Medusa finds guests by email; Amazon gives
 * a vendor no email for its buying party, so one is derived under `.invalid`, a top-level domain reserved never to
 * resolve: nothing the store sends to it can reach anyone.
 */
export function buyingPartyEmail(buyingPartyId: string | null, sellingPartyId: string | null): string {
  const party = (buyingPartyId ?? sellingPartyId ?? "unknown").toLowerCase().replace(/[^a-z0-9-]/g, "-")
  return `buying-party-${party}@amazon-vendor.invalid`
}
