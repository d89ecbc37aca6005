/**
 * Text from outside (Amazon, a CSV) is stored with a bound, so one absurd value cannot bloat rows, pages and exports.
 * Cut on code points, never inside a surrogate pair.
 */
export const TEXT_BOUNDS = {
  /** Names, company, address lines, city, phone: Medusa's admin shows them on one line. */
  short: 255,
  /** Free text a buyer typed (Amazon Custom personalisation). */
  long: 2000,
} as const

export function cutText(value: string, maximum: number): { text: string; cut: boolean } {
  const codePoints = Array.from(value)
  if (codePoints.length <= maximum) return { text: value, cut: false }
  return { text: codePoints.slice(0, maximum).join(""), cut: true }
}

/**
 * Cuts the named string fields of a record to `maximum` characters; returns the copy and the names of what was cut
 * (prefixed, for a note such as metadata.amazon_cut_fields).
 */
export function boundFields<T extends Record<string, unknown>>(
  record: T,
  maximum: number,
  prefix: string
): { value: T; cutFields: string[] } {
  const value: Record<string, unknown> = { ...record }
  const cutFields: string[] = []
  for (const [key, field] of Object.entries(record)) {
    if (typeof field !== "string") continue
    const { text, cut } = cutText(field, maximum)
    if (cut) {
      value[key] = text
      cutFields.push(`${prefix}${key}`)
    }
  }
  return { value: value as T, cutFields }
}
