/**
 * Dates of settlement files. Amazon writes them in several ways, depending on the column and the marketplace:
 * "2026-03-01T00:00:00+00:00" (settlement-start-date, deposit-date), "2026-03-02 14:23:00 UTC"
 * (posted-date-time), "2026-03-02" (posted-date), and in EU files "02.03.2026" or "02.03.2026 14:23:00 UTC".
 * Slashed dates ("03/02/26") are refused: day and month cannot be told apart.
 */

const ISO_WITH_ZONE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i
const DATE_TIME_UTC = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\s*(UTC|GMT|Z|[+-]\d{2}:?\d{2}))?$/i
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*(UTC|GMT|Z|[+-]\d{2}:?\d{2}))?)?$/i

function offsetMinutes(zone: string | undefined): number {
  if (!zone || /^(utc|gmt|z)$/i.test(zone)) return 0
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!
  const minutes = Number(match[2]) * 60 + Number(match[3])
  return match[1] === "-" ? -minutes : minutes
}

function build(year: string, month: string, day: string, hour = "0", minute = "0", second = "0", zone?: string): Date | null {
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number)
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null
  const utc = Date.UTC(y, mo - 1, d, h, mi, s)
  // 31.02. must not roll over into March.
  const check = new Date(utc)
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null
  return new Date(utc - offsetMinutes(zone) * 60_000)
}

/** The instant a settlement-file date stands for (date-only values: midnight UTC), or null when unreadable. */
export function parseSettlementDate(text: string): Date | null {
  const value = text.trim()
  let match = ISO_WITH_ZONE.exec(value)
  if (match) return build(match[1], match[2], match[3], match[4], match[5], match[6], match[7])
  match = DATE_TIME_UTC.exec(value)
  if (match) return build(match[1], match[2], match[3], match[4], match[5], match[6], match[7])
  match = DATE_ONLY.exec(value)
  if (match) return build(match[1], match[2], match[3])
  match = DOTTED.exec(value)
  if (match) return build(match[3], match[2], match[1], match[4], match[5], match[6], match[7])
  return null
}
