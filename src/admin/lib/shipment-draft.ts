/**
 * The shipment builder's draft (what the merchant typed, names as typed, quantities as text) and how it becomes
 * the API's ShipmentInput, and where each of the server's problem sentences belongs on the page. Pure, so the
 * placement is tested against the server's own sentences.
 */
import type { ShippableLine, VendorShipmentBody, VendorShipmentType, WeightUnit } from "./vendor-shipments-api"

export type DraftItem = { key: string; line: string; quantity: string }
export type DraftPallet = { key: string; reference: string; weight: string; items: DraftItem[] }
export type DraftCarton = { key: string; reference: string; pallet: string | null; weight: string; tracking: string; items: DraftItem[] }
export type Draft = {
  poNumbers: string[]
  shipmentType: VendorShipmentType
  scac: string
  bol: string
  shippedAt: string
  deliveryAt: string
  grossWeight: string
  unit: WeightUnit
  pallets: DraftPallet[]
  cartons: DraftCarton[]
}

export const lineKeyOf = (line: Pick<ShippableLine, "purchase_order_number" | "item_sequence_number">) => `${line.purchase_order_number}#${line.item_sequence_number}`

/** The next free name of the form P1, P2… (or C1, C2…). */
export function nextReference(prefix: string, taken: string[]): string {
  let n = taken.length + 1
  while (taken.includes(`${prefix}${n}`)) n++
  return `${prefix}${n}`
}

function weightOf(value: string, unit: WeightUnit) {
  return value.trim() === "" ? null : { value: Number(value), unit }
}

function toItems(items: DraftItem[]) {
  return items.map((item) => {
    const [purchase_order_number, item_sequence_number] = item.line.split("#")
    return { purchase_order_number, item_sequence_number, quantity: item.quantity.trim() === "" ? 0 : Number(item.quantity) }
  })
}

export function toBody(accountId: string, draft: Draft): VendorShipmentBody {
  return {
    account_id: accountId,
    shipment_type: draft.shipmentType,
    carrier_scac: draft.scac || null,
    bill_of_lading_number: draft.bol || null,
    shipped_at: draft.shippedAt || null,
    estimated_delivery_at: draft.deliveryAt || null,
    gross_weight: weightOf(draft.grossWeight, draft.unit),
    pallets: draft.pallets.map((pallet) => ({
      reference: pallet.reference,
      weight: weightOf(pallet.weight, draft.unit),
      cartons: draft.cartons.filter((carton) => carton.pallet === pallet.key).map((carton) => carton.reference),
      items: toItems(pallet.items),
    })),
    cartons: draft.cartons.map((carton) => ({
      reference: carton.reference,
      weight: weightOf(carton.weight, draft.unit),
      tracking_number: carton.tracking || null,
      items: toItems(carton.items),
    })),
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
/** Matches "Carton C1" / "carton C1" (or pallet) as the server's sentences name a part. */
function names(kind: "carton" | "pallet", reference: string): RegExp | null {
  if (!reference) return null
  const word = `[${kind[0].toUpperCase()}${kind[0]}]${kind.slice(1)}`
  return new RegExp(`(^|[\\s(,])${word} ${escapeRegExp(reference)}(?=[\\s:;,.)]|$)`)
}

export type Placed = { pallets: Map<string, string[]>; cartons: Map<string, string[]>; lines: Map<string, string[]>; fields: Map<string, string[]>; general: string[] }

/** Which part each problem is about: the cartons it names, else the pallets it names, else the PO line, else a field. */
export function placeProblems(problems: string[], draft: Draft): Placed {
  const placed: Placed = { pallets: new Map(), cartons: new Map(), lines: new Map(), fields: new Map(), general: [] }
  const add = (map: Map<string, string[]>, key: string, problem: string) => map.set(key, [...(map.get(key) ?? []), problem])
  for (const problem of problems) {
    let shown = false
    const line = problem.match(/^PO (\S+) line (\S+?)[\s:]/)
    if (line) {
      add(placed.lines, `${line[1]}#${line[2]}`, problem)
      shown = true
    }
    const cartons = draft.cartons.filter((carton) => names("carton", carton.reference)?.test(problem))
    for (const carton of cartons) add(placed.cartons, carton.key, problem)
    if (cartons.length) continue
    const pallets = draft.pallets.filter((pallet) => names("pallet", pallet.reference)?.test(problem))
    for (const pallet of pallets) add(placed.pallets, pallet.key, problem)
    if (pallets.length || shown) continue
    if (/SCAC/.test(problem)) add(placed.fields, "scac", problem)
    else if (/bill of lading/i.test(problem)) add(placed.fields, "bol", problem)
    else placed.general.push(problem)
  }
  return placed
}
