/** Which Medusa variant a vendor PO line is, and how many of it can be shipped now. Pure. */

export type VariantCandidate = { id: string; sku: string | null; barcodes: string[]; available: number | null }

type InventoryLink = { required_quantity?: number | null; inventory?: { location_levels?: Array<{ location_id: string; stocked_quantity?: unknown; reserved_quantity?: unknown }> | null } | null }

/**
 * Units of the variant available (stocked − reserved) at the location, or over all locations when none is set;
 * a variant made of several inventory items has as many units as its scarcest item allows.
 */
export function availableAtLocation(links: InventoryLink[], locationId: string | null): number | null {
  if (!links.length) return null
  let units = Number.POSITIVE_INFINITY
  for (const link of links) {
    const levels = (link.inventory?.location_levels ?? []).filter((level) => !locationId || level.location_id === locationId)
    const free = levels.reduce((sum, level) => sum + Math.max(0, Number(level.stocked_quantity ?? 0) - Number(level.reserved_quantity ?? 0)), 0)
    units = Math.min(units, Math.floor(free / Math.max(1, Number(link.required_quantity ?? 1))))
  }
  return Number.isFinite(units) ? units : 0
}

export function matchVendorLine(vendorProductId: string | null, candidates: VariantCandidate[]) {
  if (!vendorProductId) {
    return { variant_id: null, variant_sku: null, available_quantity: null, match_note: "Amazon sent no vendor product id for this line, so it is not matched to a product." }
  }
  const bySku = candidates.filter((candidate) => candidate.sku === vendorProductId)
  const found = bySku.length ? bySku : candidates.filter((candidate) => candidate.barcodes.includes(vendorProductId))
  if (found.length === 1) return { variant_id: found[0].id, variant_sku: found[0].sku, available_quantity: found[0].available, match_note: null }
  if (found.length > 1) {
    return { variant_id: null, variant_sku: null, available_quantity: null, match_note: `Several variants carry ${vendorProductId}; give it to one of them only.` }
  }
  return { variant_id: null, variant_sku: null, available_quantity: null, match_note: `No variant has the SKU or barcode ${vendorProductId}.` }
}
