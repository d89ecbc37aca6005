// The time-window rules common to searchOrders (2026-01-01) and getOrders (v0).
import { MINUTE_MS, parseIsoDate } from "./dates"
import { invalidInput, type Query } from "./http"
import { marketplaceOf } from "./marketplaces"
import type { OrderState } from "./state"

/** Amazon serves data only up to two minutes before the request (eventual consistency). */
export const FRESHNESS_DELAY_MS = 2 * MINUTE_MS

export interface WindowParameterNames {
  createdAfter: string
  createdBefore: string
  lastUpdatedAfter: string
  lastUpdatedBefore: string
}

export interface SearchWindow {
  field: "created" | "lastUpdated"
  after: Date
  /** Upper bound actually applied: the one given, or two minutes before the request. */
  before: Date
}

function dateParam(query: Query, name: string): Date | undefined {
  const raw = query.get(name)
  if (raw === undefined) return undefined
  const date = parseIsoDate(raw)
  if (!date) throw invalidInput(`Invalid ${name}: '${raw}'. The date must be in ISO 8601 format.`)
  return date
}

export function parseSearchWindow(query: Query, names: WindowParameterNames, now: Date): SearchWindow {
  const createdAfter = dateParam(query, names.createdAfter)
  const createdBefore = dateParam(query, names.createdBefore)
  const lastUpdatedAfter = dateParam(query, names.lastUpdatedAfter)
  const lastUpdatedBefore = dateParam(query, names.lastUpdatedBefore)

  if (!createdAfter && !lastUpdatedAfter) {
    throw invalidInput(`Either ${names.createdAfter} or ${names.lastUpdatedAfter} must be provided.`)
  }
  if (createdAfter && lastUpdatedAfter) {
    throw invalidInput(`Only one of ${names.createdAfter} and ${names.lastUpdatedAfter} may be provided.`)
  }
  if (createdAfter && lastUpdatedBefore) {
    throw invalidInput(`${names.lastUpdatedBefore} cannot be provided together with ${names.createdAfter}.`)
  }
  if (lastUpdatedAfter && createdBefore) {
    throw invalidInput(`${names.createdBefore} cannot be provided together with ${names.lastUpdatedAfter}.`)
  }

  const field = createdAfter ? "created" : "lastUpdated"
  const after = (createdAfter ?? lastUpdatedAfter) as Date
  const beforeName = field === "created" ? names.createdBefore : names.lastUpdatedBefore
  const afterName = field === "created" ? names.createdAfter : names.lastUpdatedAfter
  const given = field === "created" ? createdBefore : lastUpdatedBefore
  const latestAllowed = new Date(now.getTime() - FRESHNESS_DELAY_MS)

  if (given && given > latestAllowed) {
    throw invalidInput(`${beforeName} must be at least 2 minutes before the time of the request.`, `Latest allowed value: ${latestAllowed.toISOString()}`)
  }
  const before = given ?? latestAllowed
  if (after > before) {
    throw invalidInput(
      given
        ? `${beforeName} must be equal to or after ${afterName}.`
        : `${afterName} must be at least 2 minutes before the time of the request.`
    )
  }
  return { field, after, before }
}

export function inWindow(order: OrderState, window: SearchWindow): boolean {
  const time = window.field === "created" ? order.purchaseDate : order.lastUpdated
  return time >= window.after && time <= window.before
}

/** Marketplace ids must be real Amazon marketplaces (at most 50). */
export function marketplaceIdsParam(query: Query, name: string, required: boolean): string[] | undefined {
  const ids = query.list(name)
  if (!ids || ids.length === 0) {
    if (required) throw invalidInput(`Missing required parameter ${name}.`)
    return undefined
  }
  if (ids.length > 50) throw invalidInput(`Too many ${name}: at most 50 are allowed.`)
  for (const id of ids) if (!marketplaceOf(id)) throw invalidInput(`Invalid ${name} value '${id}'.`, "The marketplace id is not valid.")
  return ids
}
