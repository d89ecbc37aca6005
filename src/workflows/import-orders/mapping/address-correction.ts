import type { AmazonAddress } from "../../../modules/amazon/sp-api/types"
import { cutText, TEXT_BOUNDS } from "../../../utils/bounded-text"
import { toMedusaAddress } from "./address"

/** The address fields Amazon can correct; metadata and ids stay as they are. */
const CORRECTABLE_FIELDS = ["first_name", "company", "address_1", "address_2", "city", "province", "postal_code", "phone"] as const

export type AddressFields = Partial<Record<(typeof CORRECTABLE_FIELDS)[number], string | null>>

/**
 * What to change on the Medusa order's shipping address so it matches Amazon's, or null when nothing differs.
 * The country is never changed: Medusa refuses that on a placed order, and Amazon only lets buyers correct an
 * address within the same country. A field Amazon no longer shares (PII withheld) is left as it is.
 */
export function addressCorrection(
  current: Record<string, unknown> | null,
  amazonAddress: AmazonAddress | null
): { next: AddressFields; previous: AddressFields } | null {
  const wanted = toMedusaAddress(amazonAddress)
  if (!current || !wanted) return null
  if (wanted.country_code && current.country_code && wanted.country_code !== String(current.country_code).toLowerCase()) return null
  const next: AddressFields = {}
  const previous: AddressFields = {}
  for (const field of CORRECTABLE_FIELDS) {
    const amazonValue = wanted[field]
    if (amazonValue === null || amazonValue === undefined) continue
    // Bounded exactly as at import, so an over-long correction neither bloats the row nor differs from it forever.
    const value = cutText(amazonValue, TEXT_BOUNDS.short).text
    const currentValue = (current[field] as string | null | undefined) ?? null
    if (value !== currentValue) {
      next[field] = value
      previous[field] = currentValue
    }
  }
  return Object.keys(next).length ? { next, previous } : null
}
