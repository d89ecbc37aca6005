import { parse } from "csv-parse/sync"
import { looksLikeFormula } from "../../../utils/csv-safe"

/**
 * Reads the merchant's tracking CSV: one line per package (or per SKU of a package for a partial shipment).
 *
 * Columns (header names are matched without regard to case, spaces, dashes or underscores):
 *  - order:           Amazon order id (111-1234567-1234567) or Medusa order number (1042 or #1042)
 *  - carrier:         carrier name, e.g. UPS, USPS, FedEx, DHL, Royal Mail, DPD, or any other carrier's name
 *  - tracking number
 *  - ship date        (optional; 2026-11-23 or 2026-11-23T14:30:00Z; default: now)
 *  - sku, quantity    (optional; for a partial shipment. Without them the package holds everything not yet fulfilled.)
 * Lines with the same order and tracking number form one package.
 *
 * Row numbers are the spreadsheet's line numbers: the header is line 1, the first package line 2.
 */

export type OrderReference = { kind: "amazon"; amazon_order_id: string } | { kind: "display"; display_id: number }

export type TrackingCsvLine = {
  row: number
  order: OrderReference
  carrier: string
  tracking_number: string
  /** ISO 8601 */
  ship_date: string | null
  sku: string | null
  /** null: every unit of the SKU (or of the order) not yet fulfilled. */
  quantity: number | null
}

export type RowError = { row: number; message: string; amazon_order_id?: string }

export type TrackingCsvResult = { ok: true; lines: TrackingCsvLine[]; errors: RowError[] } | { ok: false; message: string }

/** One package to create: the lines of one order sharing a tracking number. */
export type TrackingPackageGroup = {
  rows: number[]
  order: OrderReference
  carrier: string
  tracking_number: string
  ship_date: string | null
  /** null: the whole remaining order; otherwise SKU → quantity (null = all remaining of that SKU). */
  skus: Array<{ sku: string; quantity: number | null }> | null
}

const COLUMN_ALIASES = {
  order: ["order", "orderid", "amazonorderid", "amazonorder", "displayid", "ordernumber", "orderno", "medusaorder"],
  carrier: ["carrier", "carriername", "carriercode", "shippingcarrier"],
  tracking_number: ["trackingnumber", "tracking", "trackingno", "trackingid", "trackingcode"],
  ship_date: ["shipdate", "shippedat", "shippingdate", "dateshipped", "shippeddate"],
  sku: ["sku", "sellersku", "variantsku"],
  quantity: ["quantity", "qty", "quantityshipped", "units"],
} as const

type Column = keyof typeof COLUMN_ALIASES

export const MAX_TRACKING_CSV_ROWS = 5000
const AMAZON_ORDER_ID = /^\d{3}-\d{7}-\d{7}$/
const DISPLAY_ID = /^#?(\d{1,12})$/
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/

// U+FFFD is what bytes that are not UTF-8 become when the upload is decoded; lone surrogates are not text either.
const NOT_UTF8 = /\uFFFD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
// C0/C1 controls, and invisible characters that reorder or hide text on a label or in Amazon's records.
const NOT_PRINTABLE = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/
const MAX_CARRIER_LENGTH = 100

/** Why a value cannot be printed on a label or sent to Amazon as the named field, or null when it can. */
export function unprintableProblem(value: string, field: string): string | null {
  if (NOT_UTF8.test(value)) {
    return `The ${field} contains characters that are not valid UTF-8. Save the file as CSV UTF-8 and upload it again.`
  }
  if (NOT_PRINTABLE.test(value)) {
    return `The ${field} contains control or invisible characters. Retype it with letters, digits and ordinary punctuation only.`
  }
  return null
}

function headerKey(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[\s_\-.#]+/g, "")
}

function columnOf(header: string): Column | null {
  const key = headerKey(header)
  for (const [column, aliases] of Object.entries(COLUMN_ALIASES) as Array<[Column, readonly string[]]>) {
    if (aliases.includes(key)) return column
  }
  return null
}

export function parseOrderReference(value: string): OrderReference | null {
  const text = value.trim()
  if (AMAZON_ORDER_ID.test(text)) return { kind: "amazon", amazon_order_id: text }
  const display = DISPLAY_ID.exec(text)
  if (display) return { kind: "display", display_id: Number(display[1]) }
  return null
}

/**
 * A ship date as the merchant wrote it. A bare date means "that day": noon UTC, or, for today, now when noon is
 * still ahead (Amazon refuses ship dates in the future).
 */
export function parseShipDate(value: string, now: Date): Date | null {
  const text = value.trim()
  const dateOnly = DATE_ONLY.exec(text)
  if (dateOnly) {
    const noon = new Date(Date.UTC(Number(dateOnly[1]), Number(dateOnly[2]) - 1, Number(dateOnly[3]), 12))
    if (Number.isNaN(noon.getTime()) || noon.getUTCDate() !== Number(dateOnly[3])) return null
    const today = now.toISOString().slice(0, 10) === text
    return today && noon.getTime() > now.getTime() ? now : noon
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) return null
  const date = new Date(text)
  return Number.isNaN(date.getTime()) ? null : date
}

export function parseTrackingCsv(text: string, now: Date): TrackingCsvResult {
  let records: string[][]
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][]
  } catch (error) {
    const reason = (error as Error).message?.replace(/\s+/g, " ").trim()
    return { ok: false, message: `The file is not valid CSV (${reason}). Save it as CSV (comma-separated, UTF-8) and upload it again.` }
  }
  if (records.length === 0) return { ok: false, message: "The file is empty. Upload a CSV file with a header line and one line per package." }

  const [header, ...body] = records
  const positions: Partial<Record<Column, number>> = {}
  header.forEach((name, index) => {
    const column = columnOf(name)
    if (column && positions[column] === undefined) positions[column] = index
  })
  const missing = (["order", "carrier", "tracking_number"] as const).filter((column) => positions[column] === undefined)
  if (missing.length) {
    const names = { order: "order (Amazon order id or order number)", carrier: "carrier", tracking_number: "tracking number" }
    return {
      ok: false,
      message: `The header line has no ${missing.map((column) => `"${names[column]}"`).join(", ")} column. The first line must name the columns: order, carrier, tracking number, and optionally ship date, sku, quantity.`,
    }
  }
  if (body.length === 0) return { ok: false, message: "The file has a header line but no packages. Add one line per package and upload it again." }
  if (body.length > MAX_TRACKING_CSV_ROWS) {
    return { ok: false, message: `The file has ${body.length} lines; at most ${MAX_TRACKING_CSV_ROWS} can be imported at once. Split it into smaller files.` }
  }

  const cell = (record: string[], column: Column) => {
    const index = positions[column]
    return index === undefined ? "" : (record[index] ?? "").trim()
  }

  const lines: TrackingCsvLine[] = []
  const errors: RowError[] = []
  body.forEach((record, index) => {
    const row = index + 2
    const orderText = cell(record, "order")
    const order = parseOrderReference(orderText)
    const amazonOrderId = order?.kind === "amazon" ? { amazon_order_id: order.amazon_order_id } : {}
    const fail = (message: string) => errors.push({ row, message, ...amazonOrderId })

    if (!orderText) return fail("The order is empty. Enter the Amazon order id (e.g. 111-1234567-1234567) or the Medusa order number.")
    if (!order) return fail(`"${orderText}" is neither an Amazon order id (like 111-1234567-1234567) nor a Medusa order number (like 1042).`)
    const carrier = cell(record, "carrier")
    if (!carrier) return fail("The carrier is empty. Enter the carrier's name, e.g. UPS, USPS, FedEx, DHL, Royal Mail or DPD.")
    const carrierProblem = unprintableProblem(carrier, "carrier")
    if (carrierProblem) return fail(carrierProblem)
    if (carrier.length > MAX_CARRIER_LENGTH) return fail(`The carrier is longer than ${MAX_CARRIER_LENGTH} characters. Enter the carrier's name, e.g. UPS or DHL.`)
    const trackingNumber = cell(record, "tracking_number")
    if (!trackingNumber) return fail("The tracking number is empty. Enter the carrier's tracking number of the package.")
    const trackingProblem = unprintableProblem(trackingNumber, "tracking number")
    if (trackingProblem) return fail(trackingProblem)
    if (looksLikeFormula(trackingNumber)) {
      return fail(`The tracking number "${trackingNumber.slice(0, 40)}" starts with ${trackingNumber.trimStart()[0]} like a spreadsheet formula, and is not something a carrier prints as a tracking number. Enter the carrier's tracking number itself.`)
    }
    if (trackingNumber.length > 100) return fail("The tracking number is longer than 100 characters. Check that the right column holds it.")

    const shipDateText = cell(record, "ship_date")
    let shipDate: string | null = null
    if (shipDateText) {
      const parsed = parseShipDate(shipDateText, now)
      if (!parsed) return fail(`The ship date "${shipDateText}" is not a date. Write it as 2026-11-23 or 2026-11-23T14:30:00Z.`)
      if (parsed.getTime() > now.getTime() + 10 * 60 * 1000) return fail(`The ship date ${shipDateText} is in the future. Amazon only accepts parcels already handed to the carrier.`)
      shipDate = parsed.toISOString()
    }

    const sku = cell(record, "sku") || null
    const quantityText = cell(record, "quantity")
    let quantity: number | null = null
    if (quantityText) {
      if (!/^\d+$/.test(quantityText) || Number(quantityText) < 1) return fail(`The quantity "${quantityText}" is not a whole number of at least 1.`)
      if (!sku) return fail("A quantity needs the SKU it applies to. Enter the SKU of the shipped item, or leave the quantity empty to ship the whole order.")
      quantity = Number(quantityText)
    }
    lines.push({ row, order, carrier, tracking_number: trackingNumber, ship_date: shipDate, sku, quantity })
  })
  return { ok: true, lines, errors }
}

function orderKey(order: OrderReference): string {
  return order.kind === "amazon" ? `amazon:${order.amazon_order_id}` : `display:${order.display_id}`
}

/** Lines of the same order and tracking number become one package; contradictory lines are errors. */
export function groupTrackingLines(lines: TrackingCsvLine[]): { groups: TrackingPackageGroup[]; errors: RowError[] } {
  const byKey = new Map<string, TrackingCsvLine[]>()
  for (const line of lines) {
    const key = `${orderKey(line.order)}|${line.tracking_number.toUpperCase()}`
    byKey.set(key, [...(byKey.get(key) ?? []), line])
  }
  const groups: TrackingPackageGroup[] = []
  const errors: RowError[] = []
  for (const members of byKey.values()) {
    const first = members[0]
    const rows = members.map((line) => line.row)
    const amazonOrderId = first.order.kind === "amazon" ? { amazon_order_id: first.order.amazon_order_id } : {}
    const failAll = (message: string) => rows.forEach((row) => errors.push({ row, message, ...amazonOrderId }))
    const label = `tracking number ${first.tracking_number}`

    if (new Set(members.map((line) => line.carrier.toLowerCase())).size > 1) {
      failAll(`Lines ${rows.join(", ")} give ${label} different carriers. Use the same carrier on every line of one package.`)
      continue
    }
    const withSku = members.filter((line) => line.sku)
    if (withSku.length > 0 && withSku.length < members.length) {
      failAll(`Lines ${rows.join(", ")} share ${label}, but only some name a SKU. Name the SKU on every line of a partial package, or on none to ship the whole order.`)
      continue
    }
    if (withSku.length === 0 && members.length > 1) {
      failAll(`Lines ${rows.join(", ")} repeat ${label} for the same order. Keep one line per package.`)
      continue
    }
    const skus = withSku.map((line) => line.sku as string)
    const duplicate = skus.find((sku, index) => skus.indexOf(sku) !== index)
    if (duplicate) {
      failAll(`SKU ${duplicate} appears twice under ${label}. Put its whole quantity on one line.`)
      continue
    }
    groups.push({
      rows,
      order: first.order,
      carrier: first.carrier,
      tracking_number: first.tracking_number,
      ship_date: members.find((line) => line.ship_date)?.ship_date ?? null,
      skus: withSku.length ? withSku.map((line) => ({ sku: line.sku as string, quantity: line.quantity })) : null,
    })
  }
  return { groups, errors }
}
