// Opaque, stable pagination tokens. A token remembers the query it belongs to (as a hash), the
// upper time bound fixed by the first page, and the sort key of the last order returned, so the
// same request always yields the same token and later pages are not shifted by new orders.
import { createHash } from "node:crypto"
import { invalidInput } from "./http"

export interface PageCursor {
  /** Hash of the request parameters the token was issued for. */
  queryHash: string
  /** Upper bound (ms) of the time window, fixed when the first page was served. */
  upperBoundMs: number
  /** Sort key of the last order of the previous page: [lastUpdated ms, order id]. */
  after: [number, string]
}

const TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000

function checksum(payload: string): string {
  return createHash("sha256").update(`sp-api-simulator:${payload}`).digest("base64url").slice(0, 12)
}

export function hashQuery(parts: Record<string, unknown>): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("base64url").slice(0, 16)
}

/** Encodes JSON-able parts as an opaque token with a checksum (so edited tokens are rejected). */
export function encodeOpaque(parts: unknown[]): string {
  const payload = Buffer.from(JSON.stringify(parts)).toString("base64url")
  return `${payload}${checksum(payload)}`
}

/** Decodes a token made by encodeOpaque; null when it was not made here or was edited. */
export function decodeOpaque(token: string): unknown[] | null {
  if (token.length <= 12) return null
  const payload = token.slice(0, -12)
  if (checksum(payload) !== token.slice(-12)) return null
  try {
    const parts: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"))
    return Array.isArray(parts) ? parts : null
  } catch {
    return null
  }
}

export function encodeCursor(cursor: PageCursor): string {
  return encodeOpaque(["c", cursor.queryHash, cursor.upperBoundMs, cursor.after[0], cursor.after[1]])
}

/** Decodes a token; a tampered, foreign or expired token is Amazon's 400 InvalidInput. */
export function decodeCursor(token: string, parameterName: string, nowMs: number): PageCursor {
  const parts = decodeOpaque(token)
  if (!parts || parts.length !== 5 || parts[0] !== "c") throw invalidToken(parameterName)
  const [, queryHash, upperBoundMs, afterMs, afterId] = parts as [string, string, number, number, string]
  if (isExpired(upperBoundMs, nowMs)) throw invalidToken(parameterName)
  return { queryHash, upperBoundMs, after: [afterMs, afterId] }
}

export function invalidToken(parameterName: string) {
  return invalidInput(`Invalid ${parameterName}.`, "The pagination token is invalid or expired.")
}

/** Tokens expire 24 hours after the first page was served, as Amazon documents. */
export function isExpired(upperBoundMs: number, nowMs: number): boolean {
  return nowMs - upperBoundMs > TOKEN_LIFETIME_MS
}

/** Orders sorted by (lastUpdated, id) ascending, paged after the cursor key. */
export function pageAfter<T>(
  sorted: T[],
  keyOf: (entry: T) => [number, string],
  after: [number, string] | undefined,
  pageSize: number
): { page: T[]; hasMore: boolean } {
  const start = after
    ? sorted.findIndex((entry) => {
        const [ms, id] = keyOf(entry)
        return ms > after[0] || (ms === after[0] && id > after[1])
      })
    : 0
  if (start < 0) return { page: [], hasMore: false }
  const page = sorted.slice(start, start + pageSize)
  return { page, hasMore: start + pageSize < sorted.length }
}

export function compareByLastUpdated(a: { lastUpdated: Date; id: string }, b: { lastUpdated: Date; id: string }): number {
  const diff = a.lastUpdated.getTime() - b.lastUpdated.getTime()
  return diff !== 0 ? diff : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}
