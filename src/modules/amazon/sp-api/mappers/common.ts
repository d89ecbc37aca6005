/**
 * Helpers shared by the v0 and 2026-01-01 mappers. Everything here is pure.
 */
import type { AmazonOrderSubtype } from "../types"

/**
 * Thrown when a payload passed schema validation but lacks something an AmazonOrder cannot be
 * without (e.g. the fulfillment channel). We refuse instead of guessing.
 */
export class OrderMappingError extends Error {
  override readonly name = "OrderMappingError"
  constructor(
    readonly amazonOrderId: string,
    reason: string
  ) {
    super(`Amazon order ${amazonOrderId} cannot be imported: ${reason}`)
  }
}

/** Amazon sends "" for absent address lines and names; for us absent is null. */
export function textOrNull(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null
  const trimmed = value.trim()
  return trimmed === "" ? null : trimmed
}

/** Keeps the string-valued extended address fields exactly as sent (keys included); null when none. */
export function stringFieldsOrNull(fields: Record<string, unknown> | null | undefined): Record<string, string> | null {
  if (!fields) return null
  const strings: Record<string, string> = {}
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === "string" && value.trim() !== "") strings[key] = value
  }
  return Object.keys(strings).length > 0 ? strings : null
}

export type SubtypeFacts = {
  prime: boolean
  business: boolean
  premium: boolean
  preorder: boolean
  replacement: boolean
  /** Normalised shipping speed, when it is one we tag. */
  speed: "SECOND_DAY" | "NEXT_DAY" | "SAME_DAY" | null
}

/**
 * One place decides the subtype list, so both API versions produce the same tags in the same order.
 * A Prime order of a business buyer is BUSINESS_PRIME alone (not also PRIME and BUSINESS), because
 * it is handled as its own kind of order.
 */
export function subtypesFrom(facts: SubtypeFacts): AmazonOrderSubtype[] {
  const subtypes: AmazonOrderSubtype[] = []
  if (facts.business && facts.prime) subtypes.push("BUSINESS_PRIME")
  else if (facts.prime) subtypes.push("PRIME")
  else if (facts.business) subtypes.push("BUSINESS")
  if (facts.premium) subtypes.push("PREMIUM")
  if (facts.preorder) subtypes.push("PREORDER")
  if (facts.replacement) subtypes.push("REPLACEMENT")
  if (facts.speed) subtypes.push(facts.speed)
  return subtypes
}

/** Both API versions name gift options differently; the order carries one shape, or null when there is no gift. */
export function giftOptionOf(message: string | null | undefined, wrapLevel: string | null | undefined): { message: string | null; wrapLevel: string | null } | null {
  const gift = { message: textOrNull(message), wrapLevel: textOrNull(wrapLevel) }
  return gift.message || gift.wrapLevel ? gift : null
}
