/**
 * The shipment builder's rules, pure: what the merchant packed (pallets → cartons → items, cartons alone, or pallets
 * of loose items) is checked against what Amazon accepted and what already shipped, and turned into Amazon's
 * ShipmentConfirmation. Every problem is a sentence naming the pallet, carton and PO line, and all of them are
 * found in one pass, so the merchant fixes the shipment once. Nothing here talks to Amazon or the database.
 */
import type { ShipmentConfirmation } from "../../sp-api/schemas/vendor-shipments"
import { normalizeSscc, ssccProblem } from "./sscc"

export const WEIGHT_UNITS = ["Kg", "Lb", "G", "Oz"] as const
export const SHIPMENT_TYPES = ["TruckLoad", "LessThanTruckLoad", "SmallParcel"] as const
export type WeightInput = { value: number; unit: (typeof WEIGHT_UNITS)[number] }
export type ShipmentItemInput = { purchase_order_number: string; item_sequence_number: string; quantity: number }
export type CartonInput = { reference: string; sscc?: string | null; weight?: WeightInput | null; tracking_number?: string | null; items: ShipmentItemInput[] }
export type PalletInput = { reference: string; sscc?: string | null; weight?: WeightInput | null; cartons?: string[]; items?: ShipmentItemInput[] }
export type ShipmentInput = {
  shipment_identifier?: string | null
  ship_to_party_id?: string | null
  shipment_type?: (typeof SHIPMENT_TYPES)[number] | null
  carrier_scac?: string | null
  bill_of_lading_number?: string | null
  shipped_at?: string | null
  estimated_delivery_at?: string | null
  gross_weight?: WeightInput | null
  pallets?: PalletInput[]
  cartons?: CartonInput[]
}

/** One PO line as the builder needs it: what Amazon took, and what earlier shipments already carry. */
export type ShippableLine = {
  purchase_order_number: string
  item_sequence_number: string
  asin: string | null
  vendor_product_id: string | null
  /** Eaches in Amazon's last accepted acknowledgement of the PO (Accepted loops only). */
  accepted_eaches: number
  /** Eaches in this account's other shipments that are sent or on their way. */
  shipped_eaches: number
}
export type ShippablePurchaseOrder = {
  purchase_order_number: string
  state: string
  ship_to_party_id: string | null
  selling_party_id: string | null
  acknowledged: boolean
}
export type ShipmentContext = {
  region: string
  ship_from_party_id: string | null
  vendor_codes: string[]
  purchase_orders: ShippablePurchaseOrder[]
  lines: ShippableLine[]
  /** SSCCs already used by the account's other shipments (normalised "00" + 18 digits). */
  used_ssccs: Set<string>
  used_identifiers: Set<string>
}

/** The packed shipment as stored: every container carries its SSCC. */
export type StoredContents = {
  pallets: Array<{ reference: string; sscc: string; weight: WeightInput | null; cartons: string[]; items: ShipmentItemInput[] }>
  cartons: Array<{ reference: string; sscc: string; weight: WeightInput | null; tracking_number: string | null; items: ShipmentItemInput[] }>
}

export class ShipmentRefused extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join(" "))
  }
}

const lineKey = (po: string, sequence: string) => `${po}#${sequence}`
const SCAC = /^[A-Z]{2,4}$/
const IDENTIFIER = /^[A-Za-z0-9_-]{1,30}$/

/** Amazon's shipmentStructure for what was packed, or null when the containers mix structures. */
export function shipmentStructure(input: Pick<ShipmentInput, "pallets" | "cartons">): string | null {
  const pallets = input.pallets ?? []
  const cartons = input.cartons ?? []
  const standard = cartons.every((carton) => new Set(carton.items.map((item) => lineKey(item.purchase_order_number, item.item_sequence_number))).size === 1)
  if (!pallets.length) return cartons.length ? (standard ? "LooseStandardCase" : "LooseAssortmentCase") : null
  const withCartons = pallets.filter((pallet) => (pallet.cartons ?? []).length)
  const withItems = pallets.filter((pallet) => (pallet.items ?? []).length)
  if (withCartons.length === pallets.length && !withItems.length) return standard ? "PalletizedStandardCase" : "PalletizedAssortmentCase"
  if (withItems.length === pallets.length && !withCartons.length && !cartons.length) return "PalletOfItems"
  return null
}

function where(container: { kind: "pallet" | "carton"; reference: string; pallet?: string }) {
  if (container.kind === "pallet") return `Pallet ${container.reference}`
  return container.pallet ? `Carton ${container.reference} on pallet ${container.pallet}` : `Carton ${container.reference}`
}

function weightProblem(weight: WeightInput | null | undefined, name: string): string | null {
  if (!weight) return null
  if (!(typeof weight.value === "number" && weight.value > 0 && Number.isFinite(weight.value))) return `${name}: its weight must be more than 0.`
  if (!(WEIGHT_UNITS as readonly string[]).includes(weight.unit)) return `${name}: weigh it in ${WEIGHT_UNITS.join(", ")}.`
  return null
}

/** Every reason the shipment cannot be sent as packed; empty when it can. */
export function validateShipment(input: ShipmentInput, context: ShipmentContext): string[] {
  const problems: string[] = []
  const pallets = input.pallets ?? []
  const cartons = input.cartons ?? []
  if (!context.ship_from_party_id) problems.push("The vendor account has no ship-from party id (Amazon's id of your warehouse); add it in Settings → Amazon.")
  if (!pallets.length && !cartons.length) problems.push("The shipment holds no pallet and no carton; add what you are shipping.")

  if (input.shipment_identifier != null) {
    if (!IDENTIFIER.test(input.shipment_identifier)) problems.push(`Shipment identifier "${input.shipment_identifier}" must be 1 to 30 letters, digits, - or _.`)
    else if (context.used_identifiers.has(input.shipment_identifier)) problems.push(`Shipment identifier ${input.shipment_identifier} was used by another shipment; Amazon needs a new one for 365 days.`)
  }

  const palletRefs = new Set<string>()
  for (const pallet of pallets) {
    if (!pallet.reference?.trim()) problems.push("A pallet has no name; name every pallet (e.g. P1).")
    else if (palletRefs.has(pallet.reference)) problems.push(`Two pallets are named ${pallet.reference}; give each pallet its own name.`)
    palletRefs.add(pallet.reference)
  }
  const cartonRefs = new Set<string>()
  for (const carton of cartons) {
    if (!carton.reference?.trim()) problems.push("A carton has no name; name every carton (e.g. C1).")
    else if (cartonRefs.has(carton.reference)) problems.push(`Two cartons are named ${carton.reference}; give each carton its own name.`)
    cartonRefs.add(carton.reference)
  }

  // Every carton on at most one pallet.
  const palletOf = new Map<string, string>()
  for (const pallet of pallets) {
    const listed = pallet.cartons ?? []
    if (new Set(listed).size !== listed.length) problems.push(`Pallet ${pallet.reference} lists a carton twice; list each carton once.`)
    for (const reference of new Set(listed)) {
      if (!cartonRefs.has(reference)) problems.push(`Pallet ${pallet.reference} lists carton ${reference}, which is not in the shipment; add the carton or take it off the pallet.`)
      const earlier = palletOf.get(reference)
      if (earlier && earlier !== pallet.reference) problems.push(`Carton ${reference} is on pallet ${earlier} and on pallet ${pallet.reference}; a carton can be on one pallet only.`)
      else palletOf.set(reference, pallet.reference)
    }
    if ((pallet.cartons ?? []).length && (pallet.items ?? []).length) problems.push(`Pallet ${pallet.reference} holds cartons and loose items; Amazon takes a pallet of cartons or a pallet of items, so put the loose items in a carton.`)
    if (!(pallet.cartons ?? []).length && !(pallet.items ?? []).length) problems.push(`Pallet ${pallet.reference} is empty; put cartons or items on it, or remove it.`)
  }
  if (pallets.some((pallet) => (pallet.cartons ?? []).length)) {
    for (const carton of cartons) if (!palletOf.has(carton.reference)) problems.push(`Carton ${carton.reference} is on no pallet while the other cartons are; put it on a pallet (Amazon takes one structure per shipment).`)
  }
  if (pallets.some((pallet) => (pallet.items ?? []).length) && cartons.length) {
    problems.push("The shipment mixes pallets of loose items with cartons; Amazon takes one structure per shipment: pallets of cartons, cartons alone, or pallets of items.")
  }

  // Items: known, acknowledged lines; quantities within accepted minus already shipped.
  const linesByKey = new Map(context.lines.map((line) => [lineKey(line.purchase_order_number, line.item_sequence_number), line]))
  const pos = new Map(context.purchase_orders.map((po) => [po.purchase_order_number, po]))
  const packed = new Map<string, Array<{ name: string; quantity: number }>>()
  const containers: Array<{ name: string; items: ShipmentItemInput[] }> = [
    ...pallets.map((pallet) => ({ name: where({ kind: "pallet", reference: pallet.reference }), items: pallet.items ?? [] })),
    ...cartons.map((carton) => ({ name: where({ kind: "carton", reference: carton.reference, pallet: palletOf.get(carton.reference) }), items: carton.items ?? [] })),
  ]
  const reportedPos = new Set<string>()
  for (const carton of cartons) if (!(carton.items ?? []).length) problems.push(`${where({ kind: "carton", reference: carton.reference, pallet: palletOf.get(carton.reference) })} holds no items; pack items in it or remove it.`)
  for (const container of containers) {
    for (const item of container.items) {
      const lineName = `PO ${item.purchase_order_number} line ${item.item_sequence_number}`
      if (!Number.isInteger(item.quantity) || item.quantity <= 0) {
        problems.push(`${container.name}, ${lineName}: the quantity must be a whole number of eaches above 0, not ${item.quantity}.`)
        continue
      }
      const po = pos.get(item.purchase_order_number)
      if (!po) {
        if (!reportedPos.has(item.purchase_order_number)) problems.push(`${container.name}: purchase order ${item.purchase_order_number} is not one of this account's purchase orders.`)
        reportedPos.add(item.purchase_order_number)
        continue
      }
      const line = linesByKey.get(lineKey(item.purchase_order_number, item.item_sequence_number))
      if (!line) {
        problems.push(`${container.name}: purchase order ${item.purchase_order_number} has no line ${item.item_sequence_number}.`)
        continue
      }
      const list = packed.get(lineKey(item.purchase_order_number, item.item_sequence_number)) ?? []
      list.push({ name: container.name.replace(/^Pallet/, "pallet").replace(/^Carton/, "carton"), quantity: item.quantity })
      packed.set(lineKey(item.purchase_order_number, item.item_sequence_number), list)
    }
  }
  const shippedPos = new Set<string>()
  for (const [key, list] of packed) {
    const line = linesByKey.get(key)!
    shippedPos.add(line.purchase_order_number)
    const total = list.reduce((sum, entry) => sum + entry.quantity, 0)
    const left = Math.max(0, line.accepted_eaches - line.shipped_eaches)
    if (total > left) {
      const product = line.vendor_product_id ?? line.asin
      problems.push(
        `PO ${line.purchase_order_number} line ${line.item_sequence_number}${product ? ` (${product})` : ""}: ${total} eaches are packed (${list.map((entry) => `${entry.name}: ${entry.quantity}`).join(", ")}), ` +
          `but Amazon accepted ${line.accepted_eaches} and ${line.shipped_eaches} already shipped, so at most ${left} can go; take ${total - left} out.`
      )
    }
  }
  const fcs = new Set<string>()
  const sellers = new Set<string>()
  for (const number of shippedPos) {
    const po = pos.get(number)!
    if (po.state === "Closed") problems.push(`Purchase order ${number} is closed on Amazon; nothing can ship against it.`)
    if (!po.acknowledged) problems.push(`Purchase order ${number} has no acknowledgement Amazon took; acknowledge it before shipping.`)
    if (po.ship_to_party_id) fcs.add(po.ship_to_party_id)
    if (po.selling_party_id) sellers.add(po.selling_party_id)
  }
  if (fcs.size > 1) problems.push(`The purchase orders go to different Amazon warehouses (${[...fcs].join(", ")}); one shipment goes to one FC, so ship them separately.`)
  if (input.ship_to_party_id && fcs.size === 1 && !fcs.has(input.ship_to_party_id)) problems.push(`The purchase orders go to ${[...fcs][0]}, not to ${input.ship_to_party_id}.`)
  if (sellers.size > 1) problems.push(`The purchase orders were placed with different vendor codes (${[...sellers].join(", ")}); one shipment confirms one vendor code.`)

  // Identifiers: valid, unique in the shipment, never used before.
  const seen = new Map<string, string>()
  const named = [
    ...pallets.map((pallet) => ({ name: where({ kind: "pallet", reference: pallet.reference }), sscc: pallet.sscc })),
    ...cartons.map((carton) => ({ name: where({ kind: "carton", reference: carton.reference, pallet: palletOf.get(carton.reference) }), sscc: carton.sscc })),
  ]
  for (const { name, sscc } of named) {
    if (sscc == null || sscc === "") continue
    const problem = ssccProblem(sscc)
    if (problem) {
      problems.push(`${name}: ${problem}`)
      continue
    }
    const normalized = normalizeSscc(sscc)!
    if (seen.has(normalized)) problems.push(`${name} has SSCC ${normalized}, which ${seen.get(normalized)} has too; every pallet and carton needs its own.`)
    else if (context.used_ssccs.has(normalized)) problems.push(`${name}: SSCC ${normalized} was used by an earlier shipment; an SSCC is never reused.`)
    seen.set(normalized, name.toLowerCase())
  }

  // Carrier, bill of lading and weights where Amazon requires them.
  const type = input.shipment_type ?? (pallets.length ? "LessThanTruckLoad" : "SmallParcel")
  if (!(SHIPMENT_TYPES as readonly string[]).includes(type)) problems.push(`Shipment type ${type} is not one of ${SHIPMENT_TYPES.join(", ")}.`)
  const scac = input.carrier_scac?.trim()
  if (scac && !SCAC.test(scac)) problems.push(`Carrier SCAC "${scac}" must be 2 to 4 capital letters (the carrier's Standard Carrier Alpha Code).`)
  if (!scac && context.region === "na") problems.push("Amazon requires the carrier's SCAC for shipments in the US, Canada and Mexico; enter the carrier's 2-4 letter code.")
  if ((type === "TruckLoad" || type === "LessThanTruckLoad") && !input.bill_of_lading_number?.trim()) problems.push(`A ${type === "TruckLoad" ? "truckload" : "less-than-truckload"} shipment needs the bill of lading number; enter it from the carrier's BOL.`)
  if (type === "SmallParcel" && pallets.length) problems.push("A small-parcel shipment has no pallets; choose less-than-truckload or truckload for palletised goods.")
  for (const pallet of pallets) {
    if (!pallet.weight) problems.push(`Pallet ${pallet.reference} has no weight; Amazon needs the weight of every pallet.`)
    const problem = weightProblem(pallet.weight, `Pallet ${pallet.reference}`)
    if (problem) problems.push(problem)
  }
  for (const carton of cartons) {
    const name = where({ kind: "carton", reference: carton.reference, pallet: palletOf.get(carton.reference) })
    const problem = weightProblem(carton.weight, name)
    if (problem) problems.push(problem)
    if (type === "SmallParcel") {
      if (!carton.weight) problems.push(`${name} has no weight; Amazon needs the weight of every parcel.`)
      if (!carton.tracking_number?.trim()) problems.push(`${name} has no tracking number; Amazon needs one for every carton of a small-parcel shipment.`)
    }
  }
  const grossProblem = weightProblem(input.gross_weight, "The shipment")
  if (grossProblem) problems.push(grossProblem)
  if (!problems.length && !shipmentStructure(input)) problems.push("The containers do not form one of Amazon's shipment structures: pallets of cartons, cartons alone, or pallets of items.")
  return problems
}

/** Eaches per PO line over all containers. */
export function lineQuantities(contents: StoredContents): Array<{ purchase_order_number: string; item_sequence_number: string; quantity: number }> {
  const totals = new Map<string, { purchase_order_number: string; item_sequence_number: string; quantity: number }>()
  for (const container of [...contents.pallets, ...contents.cartons]) {
    for (const item of container.items) {
      const key = lineKey(item.purchase_order_number, item.item_sequence_number)
      const entry = totals.get(key) ?? { purchase_order_number: item.purchase_order_number, item_sequence_number: item.item_sequence_number, quantity: 0 }
      entry.quantity += item.quantity
      totals.set(key, entry)
    }
  }
  return [...totals.values()].sort((a, b) => a.purchase_order_number.localeCompare(b.purchase_order_number) || Number(a.item_sequence_number) - Number(b.item_sequence_number))
}

/** Gives every container without an SSCC the next one from `next()` (pallets first, in order). */
export function assignSsccs(input: ShipmentInput, next: () => string): StoredContents {
  const weight = (value: WeightInput | null | undefined) => (value ? { value: value.value, unit: value.unit } : null)
  const items = (list: ShipmentItemInput[] | undefined) => (list ?? []).map((item) => ({ purchase_order_number: item.purchase_order_number, item_sequence_number: item.item_sequence_number, quantity: item.quantity }))
  return {
    pallets: (input.pallets ?? []).map((pallet) => ({
      reference: pallet.reference,
      sscc: pallet.sscc ? normalizeSscc(pallet.sscc)! : next(),
      weight: weight(pallet.weight),
      cartons: [...(pallet.cartons ?? [])],
      items: items(pallet.items),
    })),
    cartons: (input.cartons ?? []).map((carton) => ({
      reference: carton.reference,
      sscc: carton.sscc ? normalizeSscc(carton.sscc)! : next(),
      weight: weight(carton.weight),
      tracking_number: carton.tracking_number?.trim() || null,
      items: items(carton.items),
    })),
  }
}

export function containersWithoutSscc(input: ShipmentInput): number {
  return [...(input.pallets ?? []), ...(input.cartons ?? [])].filter((container) => !container.sscc).length
}

const seq = (n: number) => String(n).padStart(3, "0")
const amazonWeight = (weight: WeightInput) => ({ unitOfMeasure: weight.unit, value: String(weight.value) })

/**
 * Amazon's ShipmentConfirmation for the stored contents. shippedItems are numbered here (001, 002, …) per PO line
 * in this shipment; cartons and pallets point at those numbers, and pallets at cartons by cartonSequenceNumber.
 */
export function buildShipmentConfirmation(options: {
  shipment_identifier: string
  selling_party_id: string
  ship_from_party_id: string
  ship_to_party_id: string
  shipment_type: string
  carrier_scac: string | null
  bill_of_lading_number: string | null
  shipped_at: Date
  estimated_delivery_at: Date | null
  gross_weight: WeightInput | null
  contents: StoredContents
  lines: ShippableLine[]
  now: Date
}): ShipmentConfirmation {
  const { contents } = options
  const totals = lineQuantities(contents)
  const byKey = new Map(options.lines.map((line) => [lineKey(line.purchase_order_number, line.item_sequence_number), line]))
  const itemNumber = new Map(totals.map((total, index) => [lineKey(total.purchase_order_number, total.item_sequence_number), seq(index + 1)]))
  const cartonNumber = new Map(contents.cartons.map((carton, index) => [carton.reference, seq(index + 1)]))
  const eaches = (amount: number) => ({ amount, unitOfMeasure: "Eaches" as const, unitSize: 1 })
  const containerItems = (items: ShipmentItemInput[]) =>
    items.map((item) => ({
      itemReference: itemNumber.get(lineKey(item.purchase_order_number, item.item_sequence_number))!,
      shippedQuantity: eaches(item.quantity),
      itemDetails: { purchaseOrderNumber: item.purchase_order_number },
    }))
  const sscc = (code: string) => [{ containerIdentificationType: "SSCC" as const, containerIdentificationNumber: code }]
  const structure = shipmentStructure(contents)!
  const transportation = {
    ...(options.carrier_scac ? { carrierScac: options.carrier_scac } : {}),
    ...(options.bill_of_lading_number ? { billOfLadingNumber: options.bill_of_lading_number } : {}),
    transportationMode: "Road" as const,
  }
  return {
    shipmentIdentifier: options.shipment_identifier,
    shipmentConfirmationType: "Original",
    shipmentType: options.shipment_type as ShipmentConfirmation["shipmentType"],
    shipmentStructure: structure as ShipmentConfirmation["shipmentStructure"],
    transportationDetails: transportation,
    shipmentConfirmationDate: options.now.toISOString(),
    shippedDate: options.shipped_at.toISOString(),
    ...(options.estimated_delivery_at ? { estimatedDeliveryDate: options.estimated_delivery_at.toISOString() } : {}),
    sellingParty: { partyId: options.selling_party_id },
    shipFromParty: { partyId: options.ship_from_party_id },
    shipToParty: { partyId: options.ship_to_party_id },
    shipmentMeasurements: {
      ...(options.gross_weight ? { grossShipmentWeight: amazonWeight(options.gross_weight) } : {}),
      ...(contents.pallets.length ? { palletCount: contents.pallets.length } : { cartonCount: contents.cartons.length }),
    },
    shippedItems: totals.map((total) => {
      const line = byKey.get(lineKey(total.purchase_order_number, total.item_sequence_number))
      return {
        itemSequenceNumber: itemNumber.get(lineKey(total.purchase_order_number, total.item_sequence_number))!,
        ...(line?.asin ? { amazonProductIdentifier: line.asin } : {}),
        ...(line?.vendor_product_id ? { vendorProductIdentifier: line.vendor_product_id } : {}),
        shippedQuantity: eaches(total.quantity),
        itemDetails: { purchaseOrderNumber: total.purchase_order_number },
      }
    }),
    ...(contents.cartons.length
      ? {
          cartons: contents.cartons.map((carton) => ({
            cartonIdentifiers: sscc(carton.sscc),
            cartonSequenceNumber: cartonNumber.get(carton.reference)!,
            ...(carton.weight ? { weight: amazonWeight(carton.weight) } : {}),
            ...(carton.tracking_number ? { trackingNumber: carton.tracking_number } : {}),
            items: containerItems(carton.items),
          })),
        }
      : {}),
    ...(contents.pallets.length
      ? {
          pallets: contents.pallets.map((pallet) => ({
            palletIdentifiers: sscc(pallet.sscc),
            ...(pallet.weight ? { weight: amazonWeight(pallet.weight) } : {}),
            ...(pallet.cartons.length
              ? { cartonReferenceDetails: { cartonCount: pallet.cartons.length, cartonReferenceNumbers: pallet.cartons.map((reference) => cartonNumber.get(reference)!) } }
              : {}),
            ...(pallet.items.length ? { items: containerItems(pallet.items) } : {}),
          })),
        }
      : {}),
  }
}
