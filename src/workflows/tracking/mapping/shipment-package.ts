import type { ConfirmShipmentRequest } from "../../../modules/amazon/sp-api"
import { resolveCarrier, type AmazonCarrier } from "./carriers"

/**
 * Builds the package Amazon's confirmShipment expects from one Medusa fulfillment of an imported FBM order,
 * or says in a sentence why it cannot be built. Pure: everything it needs is passed in.
 */

export type FulfillmentForPackage = {
  id: string
  provider_id: string | null
  shipped_at: Date | string | null
  canceled_at: Date | string | null
  labels: Array<{ tracking_number: string | null; tracking_url: string | null }>
  metadata: Record<string, unknown> | null
  items: Array<{ line_item_id: string | null; quantity: number; inventory_item_id: string | null; sku: string | null }>
}

export type OrderLineForPackage = {
  id: string
  variant_sku: string | null
  /** required_quantity per inventory item of the variant (inventory kits); empty when inventory is not managed. */
  required_quantities: Record<string, number>
}

export type AmazonOrderForPackage = {
  amazon_order_id: string
  marketplace_id: string | null
  status: string
  fulfillment_channel: "FBM" | "FBA"
  items: Array<{
    order_item_id: string
    seller_sku: string | null
    line_item_id: string | null
    quantity_ordered: number
    quantity_shipped: number
  }>
}

export type PackageLine = { order_item_id: string; line_item_id: string; quantity: number }

export type BuiltPackage = {
  ok: true
  request: ConfirmShipmentRequest
  lines: PackageLine[]
  carrier: AmazonCarrier
  tracking_number: string
  ship_date: string
}

export type PackageProblemCode =
  | "ORDER_CANCELLED"
  | "ORDER_ALREADY_SHIPPED"
  | "FULFILLMENT_CANCELED"
  | "NO_TRACKING_NUMBER"
  | "UNKNOWN_CARRIER"
  | "INVALID_SHIP_DATE"
  | "NO_ITEMS"
  | "ITEM_NOT_ON_AMAZON_ORDER"
  | "QUANTITY_ABOVE_UNSHIPPED"
  | "NO_MARKETPLACE"

export type PackageProblem = { ok: false; code: PackageProblemCode; message: string }

export type PackageInput = {
  fulfillment: FulfillmentForPackage
  orderLines: OrderLineForPackage[]
  amazonOrder: AmazonOrderForPackage
  packageReferenceId: string
  /** Units of each Amazon order item already in other confirmations that are waiting or on their way. */
  unitsInOtherPushes: Record<string, number>
  now: Date
}

/** Metadata keys a fulfillment may carry (the CSV import sets them; a shipping integration may too). */
export const FULFILLMENT_METADATA = {
  carrier: "amazon_carrier",
  shipDate: "amazon_ship_date",
  shippingMethod: "amazon_shipping_method",
  /** true on fulfillments created by the tracking CSV import. */
  importedFromCsv: "amazon_tracking_import",
} as const

/** Amazon rejects ship dates in the future; allow a little clock skew between the store and Amazon. */
const FUTURE_SHIP_DATE_TOLERANCE_MS = 10 * 60 * 1000

function metadataText(metadata: Record<string, unknown> | null, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = metadata?.[key]
    if (typeof value === "string" && value.trim()) return value.trim()
  }
  return null
}

function problem(code: PackageProblemCode, message: string): PackageProblem {
  return { ok: false, code, message }
}

/** Whether Amazon still lets the seller confirm shipments for an order in this status. */
export function cancelledOnAmazonMessage(amazonOrderId: string): string {
  return `Amazon order ${amazonOrderId} was cancelled on Amazon, so its shipment cannot be confirmed. Do not send the parcel; cancel the fulfillment in Medusa (and refund the buyer on Amazon if they were charged).`
}

export function buildShipmentPackage(input: PackageInput): BuiltPackage | PackageProblem {
  const { fulfillment, amazonOrder } = input
  const orderName = `Amazon order ${amazonOrder.amazon_order_id}`

  if (amazonOrder.status === "CANCELLED") return problem("ORDER_CANCELLED", cancelledOnAmazonMessage(amazonOrder.amazon_order_id))
  if (fulfillment.canceled_at) {
    return problem("FULFILLMENT_CANCELED", `The fulfillment ${fulfillment.id} was cancelled in Medusa, so there is no shipment to confirm to Amazon for ${orderName}.`)
  }
  const allShipped = amazonOrder.items.length > 0 && amazonOrder.items.every((item) => item.quantity_shipped >= item.quantity_ordered)
  if (amazonOrder.status === "SHIPPED" || allShipped) {
    return problem(
      "ORDER_ALREADY_SHIPPED",
      `Amazon already shows ${orderName} as shipped (for example confirmed in Seller Central), so this fulfillment was not confirmed again. Nothing needs to be done unless the tracking number on Amazon is wrong; correct it in Seller Central then.`
    )
  }
  if (!amazonOrder.marketplace_id) {
    return problem("NO_MARKETPLACE", `${orderName} has no marketplace id in the plugin's records. Run "Sync now" for its Amazon account, then retry this confirmation.`)
  }

  const label = fulfillment.labels.find((candidate) => candidate.tracking_number?.trim())
  const trackingNumber = label?.tracking_number?.trim() ?? null
  if (!trackingNumber) {
    return problem(
      "NO_TRACKING_NUMBER",
      `The fulfillment ${fulfillment.id} has no tracking number, and Amazon needs one to confirm ${orderName}. Mark it as shipped with the carrier's tracking number, or import the tracking number from a CSV file.`
    )
  }

  const carrier = resolveCarrier({
    named: metadataText(fulfillment.metadata, FULFILLMENT_METADATA.carrier, "carrier", "carrier_name"),
    providerId: fulfillment.provider_id,
    trackingUrl: label?.tracking_url ?? null,
    trackingNumber,
  })
  if (!carrier) {
    return problem(
      "UNKNOWN_CARRIER",
      `Amazon needs the carrier of tracking number ${trackingNumber} (${orderName}), and the fulfillment does not say which it is. Add the carrier's tracking URL to the shipment (for example https://www.ups.com/track?tracknum=…), or set "${FULFILLMENT_METADATA.carrier}" in the fulfillment's metadata to the carrier's name, then retry.`
    )
  }

  const shipDateText = metadataText(fulfillment.metadata, FULFILLMENT_METADATA.shipDate)
  const shipDate = shipDateText ? new Date(shipDateText) : fulfillment.shipped_at ? new Date(fulfillment.shipped_at) : input.now
  if (Number.isNaN(shipDate.getTime())) {
    return problem("INVALID_SHIP_DATE", `The ship date "${shipDateText}" of fulfillment ${fulfillment.id} is not a date. Write it as 2026-11-23 or 2026-11-23T14:30:00Z, then retry.`)
  }
  if (shipDate.getTime() > input.now.getTime() + FUTURE_SHIP_DATE_TOLERANCE_MS) {
    return problem("INVALID_SHIP_DATE", `The ship date ${shipDate.toISOString()} of fulfillment ${fulfillment.id} is in the future; Amazon only accepts parcels already handed to the carrier. Correct the date, then retry.`)
  }

  const lines = packageLines(input)
  if (!lines.ok) return lines

  const shippingMethod = metadataText(fulfillment.metadata, FULFILLMENT_METADATA.shippingMethod)
  const request: ConfirmShipmentRequest = {
    marketplaceId: amazonOrder.marketplace_id,
    packageDetail: {
      packageReferenceId: input.packageReferenceId,
      carrierCode: carrier.carrierCode,
      ...(carrier.carrierName ? { carrierName: carrier.carrierName } : {}),
      ...(shippingMethod ? { shippingMethod } : {}),
      trackingNumber,
      shipDate: shipDate.toISOString(),
      orderItems: lines.lines.map((line) => ({ orderItemId: line.order_item_id, quantity: line.quantity })),
    },
  }
  return { ok: true, request, lines: lines.lines, carrier, tracking_number: trackingNumber, ship_date: shipDate.toISOString() }
}

/**
 * Amazon order items and quantities for exactly the units of this fulfillment. Medusa lines are matched to
 * Amazon items by the line item the import created (line_item_id), or else by SKU when exactly one Amazon
 * item has it. Inventory kits: Medusa stores one fulfillment item per inventory item with quantity × required
 * quantity, so the line's units are the first one's quantity divided by its required quantity (as core-flows'
 * createOrderShipmentWorkflow computes it).
 */
function packageLines(input: PackageInput): { ok: true; lines: PackageLine[] } | PackageProblem {
  const { fulfillment, amazonOrder } = input
  const orderName = `Amazon order ${amazonOrder.amazon_order_id}`
  const lineById = new Map(input.orderLines.map((line) => [line.id, line]))

  const unitsByLine = new Map<string, number>()
  for (const item of fulfillment.items) {
    if (!item.line_item_id || unitsByLine.has(item.line_item_id)) continue
    const required = item.inventory_item_id ? lineById.get(item.line_item_id)?.required_quantities[item.inventory_item_id] : undefined
    const units = required && required > 0 ? item.quantity / required : item.quantity
    if (units > 0) unitsByLine.set(item.line_item_id, units)
  }
  if (unitsByLine.size === 0) {
    return problem("NO_ITEMS", `The fulfillment ${fulfillment.id} contains no items of ${orderName}, so there is nothing to confirm to Amazon.`)
  }

  const lines: PackageLine[] = []
  for (const [lineItemId, units] of unitsByLine) {
    const sku = lineById.get(lineItemId)?.variant_sku ?? fulfillment.items.find((item) => item.line_item_id === lineItemId)?.sku ?? null
    const byLink = amazonOrder.items.find((item) => item.line_item_id === lineItemId)
    const bySku = sku ? amazonOrder.items.filter((item) => !item.line_item_id && item.seller_sku === sku) : []
    const amazonItem = byLink ?? (bySku.length === 1 ? bySku[0] : undefined)
    if (!amazonItem) {
      return problem(
        "ITEM_NOT_ON_AMAZON_ORDER",
        `The fulfillment ${fulfillment.id} contains ${sku ? `SKU ${sku}` : `line item ${lineItemId}`}, which is not an item of ${orderName}. Cancel the fulfillment and fulfil only the items the buyer ordered on Amazon.`
      )
    }
    if (!Number.isInteger(units)) {
      return problem("NO_ITEMS", `The fulfillment ${fulfillment.id} ships ${units} units of SKU ${amazonItem.seller_sku ?? amazonItem.order_item_id}; Amazon only accepts whole units. Correct the fulfillment, then retry.`)
    }
    lines.push({ order_item_id: amazonItem.order_item_id, line_item_id: lineItemId, quantity: units })
  }

  const unitsByAmazonItem = new Map<string, number>()
  for (const line of lines) unitsByAmazonItem.set(line.order_item_id, (unitsByAmazonItem.get(line.order_item_id) ?? 0) + line.quantity)
  for (const [orderItemId, units] of unitsByAmazonItem) {
    const item = amazonOrder.items.find((candidate) => candidate.order_item_id === orderItemId)!
    const left = item.quantity_ordered - item.quantity_shipped - (input.unitsInOtherPushes[orderItemId] ?? 0)
    if (units > left) {
      return problem(
        "QUANTITY_ABOVE_UNSHIPPED",
        `The fulfillment ${fulfillment.id} ships ${units} of SKU ${item.seller_sku ?? orderItemId}, but only ${Math.max(0, left)} of the ${item.quantity_ordered} ordered on ${orderName} are left to confirm (the rest are shipped or in other confirmations). Correct the fulfillment's quantities, then retry.`
      )
    }
  }
  return { ok: true, lines }
}
