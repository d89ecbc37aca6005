/**
 * Print-ready GS1-128 labels (4 × 6 in, one page per pallet and carton) drawn from the stored shipment: the SSCC in
 * the barcode, the ship-from, the FC, the carrier and the contents come from the same row as the ASN Amazon got,
 * so the label on the box and the ASN cannot differ.
 */
import bwipjs from "bwip-js"
import { PDFDocument, StandardFonts, rgb } from "pdf-lib"
import type { StoredContents } from "./build-shipment"
import { formatSscc } from "./sscc"

export type LabelShipment = {
  shipment_identifier: string
  ship_from_party_id: string
  ship_to_party_id: string
  selling_party_id: string
  carrier_scac: string | null
  bill_of_lading_number: string | null
  contents: StoredContents
  /** PO line → what is printed for it (vendor product id or ASIN). */
  products: Map<string, string>
  gs1_prefix_length?: number
}

const WIDTH = 4 * 72
const HEIGHT = 6 * 72
const MARGIN = 14

async function barcode(sscc: string): Promise<Buffer> {
  // GS1-128 with the (00) application identifier; the human-readable line is drawn by us, in GS1's grouping.
  return await bwipjs.toBuffer({ bcid: "gs1-128", text: `(00)${sscc.slice(2)}`, scale: 3, height: 22, includetext: false })
}

export async function renderShipmentLabels(shipment: LabelShipment): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  pdf.setTitle(`Labels of shipment ${shipment.shipment_identifier}`)
  pdf.setCreator("medusa-plugin-amazon")
  const regular = await pdf.embedFont(StandardFonts.Helvetica)
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold)
  const { pallets, cartons } = shipment.contents
  const palletOf = new Map<string, string>()
  for (const pallet of pallets) for (const reference of pallet.cartons) palletOf.set(reference, pallet.reference)
  const product = (po: string, line: string) => shipment.products.get(`${po}#${line}`) ?? `line ${line}`

  const containers = [
    ...pallets.map((pallet, index) => ({ kind: "PALLET", name: pallet.reference, index, count: pallets.length, sscc: pallet.sscc, weight: pallet.weight, items: pallet.items, cartons: pallet.cartons, on: null as string | null })),
    ...cartons.map((carton, index) => ({ kind: "CARTON", name: carton.reference, index, count: cartons.length, sscc: carton.sscc, weight: carton.weight, items: carton.items, cartons: [] as string[], on: palletOf.get(carton.reference) ?? null })),
  ]
  for (const container of containers) {
    const page = pdf.addPage([WIDTH, HEIGHT])
    let y = HEIGHT - MARGIN - 10
    const text = (value: string, size = 9, font = regular) => {
      page.drawText(value, { x: MARGIN, y, size, font, color: rgb(0, 0, 0) })
      y -= size + 4
    }
    text(`SHIP FROM: ${shipment.ship_from_party_id}`, 9, bold)
    text(`VENDOR CODE: ${shipment.selling_party_id}`)
    y -= 4
    text(`SHIP TO: AMAZON ${shipment.ship_to_party_id}`, 14, bold)
    text(`CARRIER: ${shipment.carrier_scac ?? "-"}   BOL: ${shipment.bill_of_lading_number ?? "-"}`)
    text(`SHIPMENT: ${shipment.shipment_identifier}`)
    page.drawLine({ start: { x: MARGIN, y: y + 2 }, end: { x: WIDTH - MARGIN, y: y + 2 }, thickness: 1 })
    y -= 8
    text(`${container.kind} ${container.name}  (${container.index + 1} of ${container.count})${container.on ? `  ON PALLET ${container.on}` : ""}`, 12, bold)
    if (container.weight) text(`WEIGHT: ${container.weight.value} ${container.weight.unit}`)
    const purchaseOrders = new Set<string>()
    const lines: string[] = []
    const itemsOf = container.kind === "PALLET" && container.cartons.length
      ? cartons.filter((carton) => container.cartons.includes(carton.reference)).flatMap((carton) => carton.items)
      : container.items
    const totals = new Map<string, { po: string; line: string; quantity: number }>()
    for (const item of itemsOf) {
      purchaseOrders.add(item.purchase_order_number)
      const key = `${item.purchase_order_number}#${item.item_sequence_number}`
      const entry = totals.get(key) ?? { po: item.purchase_order_number, line: item.item_sequence_number, quantity: 0 }
      entry.quantity += item.quantity
      totals.set(key, entry)
    }
    for (const entry of totals.values()) lines.push(`PO ${entry.po}  ${product(entry.po, entry.line)}  QTY ${entry.quantity}`)
    text(`PO: ${[...purchaseOrders].join(", ")}`, 9, bold)
    if (container.cartons.length) text(`CARTONS: ${container.cartons.join(", ")}`)
    for (const line of lines.slice(0, 12)) text(line, 8)
    if (lines.length > 12) text(`… and ${lines.length - 12} more lines`, 8)

    const png = await pdf.embedPng(await barcode(container.sscc))
    const barWidth = WIDTH - 2 * MARGIN
    const barHeight = Math.min(90, (png.height / png.width) * barWidth)
    page.drawText("SSCC", { x: MARGIN, y: MARGIN + barHeight + 26, size: 9, font: bold })
    page.drawImage(png, { x: MARGIN, y: MARGIN + 22, width: barWidth, height: barHeight })
    page.drawText(formatSscc(container.sscc, shipment.gs1_prefix_length), { x: MARGIN + 20, y: MARGIN + 6, size: 12, font: bold })
  }
  return await pdf.save({ useObjectStreams: false })
}
