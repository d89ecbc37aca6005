import type { AmazonOrder } from "../../../modules/amazon/sp-api/types"

/** Metadata key marking a fulfilment that records what Amazon (FBA) or the seller (FBM, outside Medusa) shipped before the import. */
export const IMPORTED_SHIPMENT_METADATA_KEY = "amazon_imported_shipment"

/** The stock location FBA fulfilments are recorded at; its id is fixed so that two workers cannot make two. */
export const AMAZON_FBA_LOCATION_ID = "sloc_amazon_fba"
export const AMAZON_FBA_LOCATION_NAME = "Amazon FBA"

/** Medusa's built-in manual fulfilment provider (registered by default by defineConfig). */
export const MANUAL_FULFILLMENT_PROVIDER_ID = "manual_manual"

/**
 * The fulfilment an order's imported shipment gets has an id derived from the order's (chosen before the order
 * exists): a run after a crash finds the one it made, linked or not, and never makes a second.
 */
export function importedFulfillmentId(orderId: string): string {
  return `ful_amz_${orderId.replace(/^order_/, "")}`
}

export type ImportedShipmentLabel = { tracking_number: string; tracking_url: string; label_url: string }

export type ImportedShipment = {
  /** Units shipped per Amazon order item id (only items with at least one). */
  quantities: Record<string, number>
  /** When Amazon (or the seller) shipped, ISO 8601. */
  shipped_at: string
  labels: ImportedShipmentLabel[]
  /** Amazon's carrier name of the packages, when it gives one. */
  carrier: string | null
}

/**
 * What had shipped when the order was first imported: FBA orders are shipped in full by Amazon; FBM orders the
 * seller shipped outside Medusa carry Amazon's per-item shipped count. Null when nothing has shipped.
 */
export function importedShipmentOf(order: AmazonOrder): ImportedShipment | null {
  const quantities: Record<string, number> = {}
  for (const item of order.items ?? []) {
    const shipped = order.fulfillmentChannel === "FBA" ? item.quantityOrdered : Math.min(item.quantityShipped ?? 0, item.quantityOrdered)
    if (shipped > 0) quantities[item.orderItemId] = shipped
  }
  if (!Object.keys(quantities).length) return null
  const packages = order.packages ?? []
  const labels = packages
    .filter((pkg) => !!pkg.trackingNumber)
    .map((pkg) => ({ tracking_number: pkg.trackingNumber as string, tracking_url: "", label_url: "" }))
  const carriers = [...new Set(packages.map((pkg) => pkg.carrier).filter((carrier): carrier is string => !!carrier))]
  return { quantities, shipped_at: amazonShipTime(order), labels, carrier: carriers.length ? carriers.join(", ") : null }
}

/**
 * Amazon's ship time: the latest package ship time where Amazon lists packages (2026-01-01, FBM). Otherwise Amazon
 * gives no ship time (v0, FBA): the end of the ship-by window is the latest it says the order ships, and the
 * order's last update (when Amazon recorded it as shipped, at the latest) bounds it for orders shipped early.
 */
export function amazonShipTime(order: Pick<AmazonOrder, "packages" | "latestShipDate" | "lastUpdateDate" | "purchaseDate">): string {
  const shipTimes = (order.packages ?? [])
    .map((pkg) => (pkg.shipTime ? new Date(pkg.shipTime).getTime() : NaN))
    .filter((time) => !Number.isNaN(time))
  if (shipTimes.length) return new Date(Math.max(...shipTimes)).toISOString()
  const lastUpdate = new Date(order.lastUpdateDate ?? order.purchaseDate).getTime()
  const latestShip = order.latestShipDate ? new Date(order.latestShipDate).getTime() : NaN
  const time = Number.isNaN(latestShip) ? lastUpdate : Number.isNaN(lastUpdate) ? latestShip : Math.min(latestShip, lastUpdate)
  return new Date(Number.isNaN(time) ? new Date(order.purchaseDate).getTime() : time).toISOString()
}
