/**
 * What an Amazon API file declares about each of its operations, and the small helpers every API file
 * uses to build requests and read pages. No HTTP here: the transport runs the requests.
 */
import type { z } from "@medusajs/framework/zod"
import type { SpApiError } from "./errors"
import type { UsagePlan } from "./rate-limiter"

export type OperationSpec = {
  /** Our key for the operation: v0 and 2026-01-01 operations of the same name are separate Amazon buckets. */
  key: string
  /** Amazon's operationId, used in messages and in the library call. */
  amazonName: string
  /** The amazon-sp-api library's endpoint (API section) and the version we parse. */
  libraryEndpoint: string
  version: string
  /** Amazon's default usage plan, as in the "Usage Plan" table of the operation in Amazon's model. */
  usagePlan: UsagePlan
}

/** Declares an API's operations with their keys filled in from the table's own keys. */
export function defineOperations<K extends string>(
  libraryEndpoint: string,
  version: string,
  operations: Record<K, { amazonName: string; usagePlan: UsagePlan }>
): Record<K, OperationSpec> {
  const specs = {} as Record<K, OperationSpec>
  for (const key of Object.keys(operations) as K[]) {
    specs[key] = { key, libraryEndpoint, version, ...operations[key] }
  }
  return specs
}

export type OperationRequest = {
  path?: Record<string, string>
  query?: Record<string, string | number | string[] | undefined>
  body?: unknown
  restrictedDataToken?: string
}

export type CallOverrides = {
  maxRetries?: number
  /** Give up instead of waiting longer than this for the rate limiter (interactive calls). */
  maxRateLimitWaitMs?: number
  /**
   * Which retryable failures may be retried (default: all). A call that is not idempotent (createFeed) retries
   * only what Amazon certainly did not act on, e.g. a 429, and leaves a 5xx or a timeout to its caller.
   */
  retryWhen?: (error: SpApiError) => boolean
}

export type DateInput = string | Date

export function isoOrUndefined(value: DateInput | undefined): string | undefined {
  if (value === undefined) return undefined
  return value instanceof Date ? value.toISOString() : value
}

/** Empty filter lists are left out: Amazon treats `marketplaceIds=` as an invalid value, not as "all". */
export function nonEmpty<T>(values: readonly T[] | undefined): T[] | undefined {
  return values && values.length > 0 ? [...values] : undefined
}

export function textField(value: unknown): string | null {
  return typeof value === "string" && value ? value : null
}

/** First few zod issues as "path: message"; zod messages name types, not the (possibly personal) values. */
export function summarizeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  const shown = issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join(".") || "(root)"}: ${issue.message}`)
    .join("; ")
  return issues.length > 3 ? `${shown}; and ${issues.length - 3} more` : shown
}

/**
 * Checks each order of a page on its own: the valid ones come back typed, the others with what is wrong
 * (as a clause for a sentence, e.g. "orderItems.0.quantityOrdered: expected number"), so one bad order is
 * parked by the import instead of failing the rest of the page.
 */
export function splitByShape<T>(raws: unknown[], schema: z.ZodType<T>) {
  const valid: T[] = []
  const invalid: Array<{ raw: unknown; fields: Record<string, unknown>; problem: string }> = []
  for (const raw of raws) {
    const parsed = schema.safeParse(raw)
    if (parsed.success) {
      valid.push(parsed.data)
      continue
    }
    invalid.push({
      raw,
      fields: raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {},
      problem: parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join(".") || "order"}: ${issue.message}`)
        .join("; "),
    })
  }
  return { valid, invalid }
}
