/**
 * The merchant's answers to a PO → the OrderAcknowledgement Amazon takes, or the sentences saying what to fix.
 * Checks what Amazon would refuse (and what it would silently take badly: a missing line counts as rejected)
 * before anything is sent. Pure.
 */
import type { AcknowledgementCode, OrderAcknowledgement, RejectionReason } from "../sp-api"
import { REJECTION_REASONS } from "../sp-api"

export type LineAnswer = {
  code: AcknowledgementCode
  quantity: number
  rejection_reason?: RejectionReason | null
  scheduled_ship_date?: string | null
  scheduled_delivery_date?: string | null
}

export type AcknowledgementInput = { lines: Array<{ item_sequence_number: string; answers: LineAnswer[] }> }

export type PurchaseOrderForAcknowledgement = {
  purchase_order_number: string
  state: string
  selling_party_id: string | null
  raw: any
  lines: Array<{
    item_sequence_number: string
    asin: string | null
    vendor_product_id: string | null
    ordered_quantity: number
    unit_of_measure: "Eaches" | "Cases"
    unit_size: number | null
    is_back_order_allowed: boolean
    rejected_once: boolean
  }>
}

export class AcknowledgementRefused extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join(" "))
  }
}

function lineName(line: PurchaseOrderForAcknowledgement["lines"][number]): string {
  const ids = [line.asin && `ASIN ${line.asin}`, line.vendor_product_id].filter(Boolean).join(", ")
  return `Line ${line.item_sequence_number}${ids ? ` (${ids})` : ""}`
}

/** Amazon's exact money text for the line, from the PO as it sent it. */
function amazonMoney(po: PurchaseOrderForAcknowledgement, sequence: string, field: "netCost" | "listPrice") {
  const item = (po.raw?.orderDetails?.items ?? []).find((candidate: any) => candidate?.itemSequenceNumber === sequence)
  const money = item?.[field]
  return money?.amount && money?.currencyCode ? { currencyCode: String(money.currencyCode), amount: String(money.amount) } : undefined
}

export function buildAcknowledgement(
  po: PurchaseOrderForAcknowledgement,
  input: AcknowledgementInput,
  options: { sellingPartyId: string | null; now: Date }
): OrderAcknowledgement {
  const problems: string[] = []
  if (po.state === "Closed") throw new AcknowledgementRefused([`Purchase order ${po.purchase_order_number} is closed on Amazon; it cannot be acknowledged.`])
  const sellingPartyId = po.selling_party_id ?? options.sellingPartyId
  if (!sellingPartyId) problems.push("The account has no vendor code to acknowledge with; add one in Settings → Amazon.")
  const answered = new Map<string, LineAnswer[]>()
  for (const line of input.lines) {
    if (answered.has(line.item_sequence_number)) problems.push(`Line ${line.item_sequence_number} is answered twice; give each line one set of answers.`)
    answered.set(line.item_sequence_number, line.answers)
  }
  for (const sequence of answered.keys()) {
    if (!po.lines.some((line) => line.item_sequence_number === sequence)) problems.push(`Purchase order ${po.purchase_order_number} has no line ${sequence}.`)
  }
  const items: OrderAcknowledgement["items"] = []
  for (const line of [...po.lines].sort((a, b) => Number(a.item_sequence_number) - Number(b.item_sequence_number))) {
    if (line.ordered_quantity === 0) continue
    const name = lineName(line)
    const answers = answered.get(line.item_sequence_number)
    if (!answers?.length) {
      problems.push(`${name} has no answer. Amazon takes an unanswered line as rejected: accept, backorder or reject it.`)
      continue
    }
    const unit = line.unit_of_measure === "Cases" ? "cases" : "eaches"
    let total = 0
    for (const answer of answers) {
      if (!Number.isInteger(answer.quantity) || answer.quantity < 0) problems.push(`${name}: quantities are whole numbers of ${unit}, not ${answer.quantity}.`)
      total += answer.quantity
      if (answer.code === "Backordered" && !line.is_back_order_allowed) problems.push(`${name}: Amazon does not allow a backorder on this line; accept or reject it.`)
      if (answer.code === "Rejected" && !(answer.rejection_reason && (REJECTION_REASONS as readonly string[]).includes(answer.rejection_reason))) {
        problems.push(`${name}: a rejection needs a reason (${REJECTION_REASONS.join(", ")}).`)
      }
      if (answer.code !== "Rejected" && answer.rejection_reason) problems.push(`${name}: only rejected quantities take a rejection reason.`)
      if (answer.code !== "Rejected" && answer.quantity > 0 && line.rejected_once) {
        problems.push(`${name} was rejected before; Amazon never accepts a rejected line again.`)
      }
    }
    if (total !== line.ordered_quantity) problems.push(`${name}: the answers add up to ${total} ${unit}, Amazon ordered ${line.ordered_quantity}.`)
    const netCost = amazonMoney(po, line.item_sequence_number, "netCost") ?? amazonMoney(po, line.item_sequence_number, "listPrice")
    const listPrice = amazonMoney(po, line.item_sequence_number, "listPrice")
    if (!netCost) problems.push(`${name} has no cost from Amazon to echo back; Amazon refuses an acknowledgement without the net cost.`)
    const quantity = (amount: number) => ({
      amount,
      unitOfMeasure: line.unit_of_measure,
      ...(line.unit_of_measure === "Cases" ? { unitSize: line.unit_size ?? 1 } : {}),
    })
    items.push({
      itemSequenceNumber: line.item_sequence_number,
      ...(line.asin ? { amazonProductIdentifier: line.asin } : {}),
      ...(line.vendor_product_id ? { vendorProductIdentifier: line.vendor_product_id } : {}),
      orderedQuantity: quantity(line.ordered_quantity),
      ...(netCost ? { netCost } : {}),
      ...(listPrice ? { listPrice } : {}),
      itemAcknowledgements: answers
        .filter((answer) => answer.quantity > 0 || answers.length === 1)
        .map((answer) => ({
          acknowledgementCode: answer.code,
          acknowledgedQuantity: quantity(answer.quantity),
          ...(answer.scheduled_ship_date ? { scheduledShipDate: new Date(answer.scheduled_ship_date).toISOString() } : {}),
          ...(answer.scheduled_delivery_date ? { scheduledDeliveryDate: new Date(answer.scheduled_delivery_date).toISOString() } : {}),
          ...(answer.code === "Rejected" && answer.rejection_reason ? { rejectionReason: answer.rejection_reason } : {}),
        })),
    })
  }
  if (!items.length && !problems.length) problems.push(`Purchase order ${po.purchase_order_number} has no line left to answer.`)
  if (problems.length) throw new AcknowledgementRefused(problems)
  return {
    purchaseOrderNumber: po.purchase_order_number,
    sellingParty: { partyId: sellingPartyId! },
    acknowledgementDate: options.now.toISOString(),
    items,
  }
}
