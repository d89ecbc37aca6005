// Vendor Shipments API v1, SubmitShipmentConfirmations (the ASN), in the shape of vendorShipments.json. As with
// acknowledgements, the request's shape is checked at once (400 InvalidInput) and Amazon's business rules while the
// transaction processes (Failure with errors, read through the Vendor Transaction Status API).
import { DAY_MS, parseIsoDate } from "./dates"
import { invalidInput, type SimResponse } from "./http"
import type { RouteContext, RouteDefinition } from "./route"

type Json = Record<string, any>
type SimError = { code: string; message: string; details?: string }

const STRUCTURES = ["PalletizedAssortmentCase", "LooseAssortmentCase", "PalletOfItems", "PalletizedStandardCase", "LooseStandardCase", "MasterPallet", "MasterCase"]
const SHIPMENT_TYPES = ["TruckLoad", "LessThanTruckLoad", "SmallParcel"]
const IDENTIFIER_TYPES = ["SSCC", "AMZNCC", "GTIN", "BPS", "CID"]
const SCAC_REQUIRED_IN = new Set(["US", "CA", "MX"])
/** Which country an FC is in, for the carrier rules (the simulator's FCs are US ones unless named here). */
const FC_COUNTRY: Record<string, string> = { LCY2: "GB", MUC3: "DE", YYZ4: "CA" }

function checkShape(body: unknown): Json[] {
  const confirmations = (body as Json | null)?.shipmentConfirmations
  if (!Array.isArray(confirmations) || !confirmations.length) throw invalidInput("The request body must contain a non-empty shipmentConfirmations array.")
  confirmations.forEach((confirmation: Json, index: number) => {
    const at = `shipmentConfirmations[${index}]`
    for (const field of ["shipmentIdentifier", "shipmentConfirmationDate"]) if (typeof confirmation?.[field] !== "string") throw invalidInput(`${at}.${field} is required.`)
    if (!parseIsoDate(confirmation.shipmentConfirmationDate)) throw invalidInput(`${at}.shipmentConfirmationDate must be an ISO 8601 date-time.`)
    if (!["Original", "Replace"].includes(confirmation.shipmentConfirmationType)) throw invalidInput(`${at}.shipmentConfirmationType must be Original or Replace.`)
    for (const party of ["sellingParty", "shipFromParty", "shipToParty"]) if (typeof confirmation[party]?.partyId !== "string") throw invalidInput(`${at}.${party}.partyId is required.`)
    if (confirmation.shipmentStructure !== undefined && !STRUCTURES.includes(confirmation.shipmentStructure)) throw invalidInput(`${at}.shipmentStructure must be one of ${STRUCTURES.join(", ")}.`)
    if (confirmation.shipmentType !== undefined && !SHIPMENT_TYPES.includes(confirmation.shipmentType)) throw invalidInput(`${at}.shipmentType must be one of ${SHIPMENT_TYPES.join(", ")}.`)
    if (!Array.isArray(confirmation.shippedItems) || !confirmation.shippedItems.length) throw invalidInput(`${at}.shippedItems is required.`)
    confirmation.shippedItems.forEach((item: Json, itemIndex: number) => {
      if (typeof item?.itemSequenceNumber !== "string") throw invalidInput(`${at}.shippedItems[${itemIndex}].itemSequenceNumber is required.`)
      if (typeof item.shippedQuantity?.amount !== "number" || !["Cases", "Eaches"].includes(item.shippedQuantity.unitOfMeasure)) throw invalidInput(`${at}.shippedItems[${itemIndex}].shippedQuantity is required.`)
    })
    for (const [listName, idField] of [["cartons", "cartonIdentifiers"], ["pallets", "palletIdentifiers"]] as const) {
      const list = confirmation[listName]
      if (list === undefined) continue
      if (!Array.isArray(list)) throw invalidInput(`${at}.${listName} must be an array.`)
      list.forEach((container: Json, containerIndex: number) => {
        const where = `${at}.${listName}[${containerIndex}]`
        if (listName === "cartons" && typeof container?.cartonSequenceNumber !== "string") throw invalidInput(`${where}.cartonSequenceNumber is required.`)
        if (listName === "cartons" && !Array.isArray(container.items)) throw invalidInput(`${where}.items is required.`)
        if (listName === "pallets" && !Array.isArray(container?.palletIdentifiers)) throw invalidInput(`${where}.palletIdentifiers is required.`)
        for (const id of container[idField] ?? []) {
          if (!IDENTIFIER_TYPES.includes(id?.containerIdentificationType) || typeof id.containerIdentificationNumber !== "string") throw invalidInput(`${where}.${idField} needs containerIdentificationType and containerIdentificationNumber.`)
        }
        for (const item of container.items ?? []) {
          if (typeof item?.itemReference !== "string" || typeof item.shippedQuantity?.amount !== "number") throw invalidInput(`${where}.items need itemReference and shippedQuantity.`)
        }
      })
    }
  })
  return confirmations
}

function ssccValid(code: string): boolean {
  if (!/^00\d{18}$/.test(code)) return false
  const data = code.slice(2, 19)
  let sum = 0
  for (let i = 0; i < data.length; i++) sum += Number(data[data.length - 1 - i]) * (i % 2 === 0 ? 3 : 1)
  return (10 - (sum % 10)) % 10 === Number(code[19])
}

const eachesOf = (quantity: Json) => quantity.amount * (quantity.unitOfMeasure === "Cases" ? quantity.unitSize ?? 1 : 1)

/** Amazon's business rules for one confirmation; returns what taking it changes, or null when it fails. */
function checkRules(context: RouteContext, confirmation: Json, errors: SimError[], seenSsccs: Set<string>): (() => void) | null {
  const store = context.state.vendor
  const id = confirmation.shipmentIdentifier
  const fail = (message: string) => errors.push({ code: "InvalidInput", message, details: `shipmentIdentifier ${id}` })
  const before = errors.length
  const usedAt = store.shipmentIdentifiers.get(id)
  if (confirmation.shipmentConfirmationType === "Original" && usedAt && context.now.getTime() - usedAt.getTime() < 365 * DAY_MS) fail(`Shipment identifier ${id} was used in the last 365 days.`)
  if (confirmation.shipmentConfirmationType === "Replace") {
    if (!usedAt) fail(`Shipment ${id} cannot be replaced: no confirmation with that identifier was received.`)
    else if (context.now.getTime() - usedAt.getTime() > 7 * DAY_MS) fail(`Shipment ${id} was confirmed more than 7 days ago and can no longer be replaced.`)
  }
  const country = FC_COUNTRY[confirmation.shipToParty.partyId] ?? "US"
  if (SCAC_REQUIRED_IN.has(country) && !confirmation.transportationDetails?.carrierScac) fail(`carrierScac is required for shipments to ${confirmation.shipToParty.partyId} (${country}).`)
  if (["TruckLoad", "LessThanTruckLoad"].includes(confirmation.shipmentType) && !confirmation.transportationDetails?.billOfLadingNumber) fail(`billOfLadingNumber is required for ${confirmation.shipmentType} shipments.`)

  const items = new Map<string, Json>()
  for (const item of confirmation.shippedItems as Json[]) {
    if (items.has(item.itemSequenceNumber)) fail(`itemSequenceNumber ${item.itemSequenceNumber} appears twice in shippedItems.`)
    items.set(item.itemSequenceNumber, item)
  }
  const cartons = (confirmation.cartons ?? []) as Json[]
  const pallets = (confirmation.pallets ?? []) as Json[]
  const cartonsBySequence = new Map<string, Json>()
  for (const carton of cartons) {
    if (cartonsBySequence.has(carton.cartonSequenceNumber)) fail(`cartonSequenceNumber ${carton.cartonSequenceNumber} appears twice.`)
    cartonsBySequence.set(carton.cartonSequenceNumber, carton)
  }
  const onPallet = new Map<string, number>()
  pallets.forEach((pallet, index) => {
    for (const reference of pallet.cartonReferenceDetails?.cartonReferenceNumbers ?? []) {
      if (!cartonsBySequence.has(reference)) fail(`Pallet ${index + 1} refers to carton ${reference}, which is not in cartons.`)
      if (onPallet.has(reference)) fail(`Carton ${reference} is referenced by pallet ${onPallet.get(reference)! + 1} and pallet ${index + 1}.`)
      onPallet.set(reference, index)
    }
  })
  for (const [kind, list, idField] of [["Carton", cartons, "cartonIdentifiers"], ["Pallet", pallets, "palletIdentifiers"]] as const) {
    list.forEach((container, index) => {
      for (const identifier of container[idField] ?? []) {
        if (identifier.containerIdentificationType !== "SSCC") continue
        const code = identifier.containerIdentificationNumber
        const name = `${kind} ${kind === "Carton" ? container.cartonSequenceNumber : index + 1}`
        if (!ssccValid(code)) fail(`${name}: ${code} is not a valid SSCC ("00" followed by 18 digits with a correct check digit).`)
        else if (seenSsccs.has(code) || store.usedSsccs.has(code)) fail(`${name}: SSCC ${code} was already used.`)
        seenSsccs.add(code)
      }
    })
  }
  // shippedItems are the totals over the containers.
  const packed = new Map<string, number>()
  const count = (list: Json[] | undefined, where: string) => {
    for (const item of list ?? []) {
      if (!items.has(item.itemReference)) fail(`${where} refers to item ${item.itemReference}, which is not in shippedItems.`)
      packed.set(item.itemReference, (packed.get(item.itemReference) ?? 0) + eachesOf(item.shippedQuantity))
    }
  }
  for (const carton of cartons) count(carton.items, `Carton ${carton.cartonSequenceNumber}`)
  pallets.forEach((pallet, index) => count(pallet.items, `Pallet ${index + 1}`))
  const effects: Array<{ item: Json; eaches: number }> = []
  const perLine = new Map<string, { line: Json; eaches: number; po: string }>()
  for (const [sequence, item] of items) {
    const total = eachesOf(item.shippedQuantity)
    if ((cartons.length || pallets.length) && (packed.get(sequence) ?? 0) !== total) fail(`Item ${sequence}: shippedQuantity ${total} does not equal the ${packed.get(sequence) ?? 0} in the cartons and pallets.`)
    const number = item.itemDetails?.purchaseOrderNumber
    const po = number ? store.purchaseOrders.get(number) : undefined
    if (!po) { fail(`Item ${sequence}: purchase order ${number ?? "(none)"} was not found.`); continue }
    if (po.vendorCode !== confirmation.sellingParty.partyId) fail(`Purchase order ${po.number} was not placed with selling party ${confirmation.sellingParty.partyId}.`)
    if (po.shipToPartyId !== confirmation.shipToParty.partyId) fail(`Purchase order ${po.number} ships to ${po.shipToPartyId}, not ${confirmation.shipToParty.partyId}.`)
    if (po.state !== "Acknowledged") fail(`Purchase order ${po.number} is ${po.state}; only acknowledged purchase orders ship.`)
    const line = po.items.find((candidate) => (item.amazonProductIdentifier && candidate.asin === item.amazonProductIdentifier) || (item.vendorProductIdentifier && candidate.vendorProductId === item.vendorProductIdentifier))
    if (!line) { fail(`Item ${sequence}: purchase order ${po.number} has no item ${item.amazonProductIdentifier ?? item.vendorProductIdentifier}.`); continue }
    const entry = perLine.get(`${po.number}#${line.itemSequenceNumber}`) ?? { line, eaches: 0, po: po.number }
    entry.eaches += total
    perLine.set(`${po.number}#${line.itemSequenceNumber}`, entry)
  }
  for (const { line, eaches, po } of perLine.values()) {
    const unit = line.unitOfMeasure === "Cases" ? line.unitSize ?? 1 : 1
    const accepted = (line.acknowledged ?? []).filter((answer: Json) => answer.code === "Accepted").reduce((sum: number, answer: Json) => sum + answer.quantity * unit, 0)
    if ((line.shippedEaches ?? 0) + eaches > accepted) fail(`Purchase order ${po} item ${line.itemSequenceNumber}: ${eaches} shipped, but only ${accepted - (line.shippedEaches ?? 0)} accepted and not yet shipped.`)
    effects.push({ item: line, eaches })
  }
  if (errors.length > before) return null
  return () => {
    store.shipmentIdentifiers.set(id, context.now)
    for (const list of [cartons, pallets]) for (const container of list) for (const identifier of [...(container.cartonIdentifiers ?? []), ...(container.palletIdentifiers ?? [])]) store.usedSsccs.add(identifier.containerIdentificationNumber)
    for (const { item, eaches } of effects) item.shippedEaches = (item.shippedEaches ?? 0) + eaches
  }
}

function submitShipmentConfirmations(context: RouteContext): SimResponse {
  const confirmations = checkShape(context.body)
  const errors: SimError[] = []
  const seen = new Set<string>()
  const effects = confirmations.map((confirmation) => checkRules(context, confirmation, errors, seen))
  const transaction = context.state.vendor.addTransaction(context.body, errors, () => undefined, "shipmentConfirmation")
  if (!errors.length) for (const effect of effects) effect?.()
  return { status: 202, body: { payload: { transactionId: transaction.transactionId } } }
}

export const VENDOR_SHIPMENT_ROUTES: RouteDefinition[] = [
  { api: "vendor-shipments-v1", operationId: "SubmitShipmentConfirmations", method: "POST", pathTemplate: "/vendor/shipping/v1/shipmentConfirmations", handle: submitShipmentConfirmations },
]
