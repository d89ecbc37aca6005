import type { AmazonAddress, AmazonOrder } from "../../../modules/amazon/sp-api/types"

export type MedusaAddressInput = {
  first_name: string | null
  last_name: string | null
  company: string | null
  address_1: string | null
  address_2: string | null
  city: string | null
  province: string | null
  postal_code: string | null
  country_code: string | null
  phone: string | null
  metadata: Record<string, unknown> | null
}

function joined(parts: Array<string | null | undefined>): string | null {
  const present = parts.map((part) => part?.trim()).filter((part): part is string => !!part)
  return present.length ? present.join(", ") : null
}

/**
 * Amazon gives one name field. Splitting it into first/last would guess wrong for many cultures
 * ("山田 太郎" is family name first), so the whole name goes into first_name and last_name stays empty.
 */
export function toMedusaAddress(address: AmazonAddress | null): MedusaAddressInput | null {
  if (!address) return null
  const extra: Record<string, unknown> = {}
  if (address.districtOrCounty) extra.amazon_district_or_county = address.districtOrCounty
  if (address.municipality) extra.amazon_municipality = address.municipality
  if (address.addressType) extra.amazon_address_type = address.addressType
  if (address.extendedFields && Object.keys(address.extendedFields).length) extra.amazon_extended_fields = address.extendedFields
  const mapped: MedusaAddressInput = {
    first_name: address.name?.trim() || null,
    last_name: null,
    company: address.companyName?.trim() || null,
    address_1: address.addressLine1?.trim() || null,
    address_2: joined([address.addressLine2, address.addressLine3]),
    city: address.city?.trim() || null,
    province: address.stateOrRegion?.trim() || null,
    postal_code: address.postalCode?.trim() || null,
    country_code: address.countryCode?.trim().toLowerCase() || null,
    phone: address.phone?.trim() || null,
    metadata: Object.keys(extra).length ? extra : null,
  }
  const hasAnyField = Object.entries(mapped).some(([key, value]) => key !== "metadata" && value !== null)
  return hasAnyField ? mapped : null
}

/**
 * A seller can only ship to a street address in a known country. Without Amazon's PII role the order carries
 * just city/postcode/country, which is not enough.
 */
export function missingShippingAddressParts(address: AmazonAddress | null): string[] {
  if (!address) return ["the whole address"]
  const missing: string[] = []
  if (!address.name?.trim()) missing.push("recipient name")
  if (!address.addressLine1?.trim()) missing.push("street")
  if (!address.city?.trim() && !address.stateOrRegion?.trim()) missing.push("city")
  if (!address.countryCode?.trim()) missing.push("country")
  return missing
}

export function describeShippingAddressProblem(order: Pick<AmazonOrder, "shippingAddress">): string | null {
  const missing = missingShippingAddressParts(order.shippingAddress)
  if (!missing.length) return null
  return (
    `Amazon did not share a shippable address for this merchant-fulfilled order (missing: ${missing.join(", ")}). ` +
    "Make sure your SP-API app has the Direct-to-Consumer Delivery (PII) role and the order is not older than 30 days, then retry the import."
  )
}
