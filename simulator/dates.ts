// Date handling shared by the APIs: Amazon accepts ISO 8601 and answers with second precision.

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i

/** Parses an ISO 8601 date; null when the text is not ISO 8601 (e.g. "01/02/2025"). */
export function parseIsoDate(text: string): Date | null {
  if (!ISO_8601.test(text.trim())) return null
  const date = new Date(text.trim())
  return Number.isNaN(date.getTime()) ? null : date
}

/** "2025-01-01T10:00:00Z": Amazon's response format (no milliseconds). */
export function formatAmazonDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z")
}

export function toDate(value: string | Date): Date {
  const date = value instanceof Date ? new Date(value.getTime()) : new Date(value)
  if (Number.isNaN(date.getTime())) throw new Error(`Invalid date: ${String(value)}`)
  return date
}

export const MINUTE_MS = 60_000
export const HOUR_MS = 60 * MINUTE_MS
export const DAY_MS = 24 * HOUR_MS
