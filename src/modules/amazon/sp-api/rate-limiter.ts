/**
 * Client-side token buckets that mirror Amazon's usage plans, so that we rarely get a 429 at all.
 *
 * Amazon limits every (selling partner, application, operation) with a token bucket: `burst`
 * requests at once, refilled at `rate` requests per second. We keep the same bucket per
 * (account, operation) and wait for a token before each request. When Amazon tells us the rate
 * it really applies (x-amzn-RateLimit-Limit header) the bucket adopts it; after a 429 the bucket
 * is emptied because Amazon's own bucket evidently is.
 *
 * This limiter and the transport's retry policy are the only throttling logic: the amazon-sp-api
 * library's own retries are switched off. With several processes the buckets live in Redis instead
 * (redis-rate-limiter.ts), so that the processes together stay within Amazon's rate.
 */
import { AMAZON_USAGE_PLANS } from "./operations"

/** Time source; replaced by a fake one in unit tests so that nobody waits minutes. */
export type Clock = {
  now(): number
  sleep(milliseconds: number): Promise<void>
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (milliseconds) => new Promise((resolve) => setTimeout(resolve, Math.max(0, milliseconds))),
}

export type UsagePlan = {
  /** Sustained requests per second. */
  ratePerSecond: number
  /** Requests that may be made at once when the bucket is full. */
  burst: number
}

export { AMAZON_USAGE_PLANS, type SpApiOperationKey } from "./operations"

/** Used for an operation we have no published plan for: one request per second, no burst. */
const CAUTIOUS_PLAN: UsagePlan = { ratePerSecond: 1, burst: 1 }

export type RateLimiterOptions = {
  /** Refill speed multiplier: 1 in production; e.g. 1000 in tests so a 3-minute refill takes 180 ms. */
  timeScale?: number
  clock?: Clock
  /** Overrides of the default plans (e.g. a seller with a raised quota). */
  plans?: Partial<Record<string, UsagePlan>>
}

/** Thrown by acquire() when the caller set maxWaitMs and the bucket would make it wait longer. */
export class RateLimitWaitTooLongError extends Error {
  override readonly name = "RateLimitWaitTooLongError"
  constructor(
    readonly operation: string,
    readonly waitMilliseconds: number
  ) {
    super(`The rate limit of ${operation} would require waiting ${Math.ceil(waitMilliseconds / 1000)} s.`)
  }
}

type Bucket = {
  /** May go below zero: each negative unit is a caller already queued for a future token. */
  tokens: number
  burst: number
  ratePerSecond: number
  lastRefillAt: number
}

export type BucketSnapshot = { tokens: number; burst: number; ratePerSecond: number }

/**
 * We refill our buckets a little slower than Amazon refills theirs. Pacing at exactly Amazon's rate lets a
 * request that travels a few milliseconds faster than the previous one arrive before Amazon's bucket holds a
 * whole token, which Amazon answers with a 429; a small margin removes that at a negligible cost.
 */
export const PACING_MARGIN = 0.97

/** What the transport needs from a limiter: the in-process one below, or the Redis one shared by processes. */
export interface SpApiRateLimiter {
  readonly timeScale: number
  /** Waits until a request may be sent and takes the token; RateLimitWaitTooLongError past maxWaitMs. */
  acquire(accountKey: string, operation: string, options?: { maxWaitMs?: number }): Promise<void>
  updateRateFromHeader(accountKey: string, operation: string, headerValue: string | string[] | undefined): void | Promise<void>
  recordThrottled(accountKey: string, operation: string): void | Promise<void>
}

/** The plan an operation starts with: overrides first, then Amazon's published plan, else a cautious one. */
export function planFor(operation: string, overrides: Partial<Record<string, UsagePlan>> = {}): UsagePlan {
  return overrides[operation] ?? (AMAZON_USAGE_PLANS as Partial<Record<string, UsagePlan>>)[operation] ?? CAUTIOUS_PLAN
}

/** Parses x-amzn-RateLimit-Limit (requests per second); null when missing or unusable. */
export function rateFromHeader(headerValue: string | string[] | undefined): number | null {
  const raw = Array.isArray(headerValue) ? headerValue[0] : headerValue
  if (raw === undefined) return null
  const ratePerSecond = Number(raw.trim())
  return Number.isFinite(ratePerSecond) && ratePerSecond > 0 ? ratePerSecond : null
}

export class RateLimiter implements SpApiRateLimiter {
  readonly timeScale: number
  private readonly clock: Clock
  private readonly plans: Partial<Record<string, UsagePlan>>
  private readonly buckets = new Map<string, Bucket>()

  constructor(options: RateLimiterOptions = {}) {
    const timeScale = options.timeScale ?? 1
    if (!(timeScale > 0) || !Number.isFinite(timeScale)) {
      throw new RangeError(`timeScale must be a positive number, got ${options.timeScale}`)
    }
    this.timeScale = timeScale
    this.clock = options.clock ?? systemClock
    this.plans = { ...options.plans }
  }

  /**
   * Waits until a request of `operation` for `accountKey` may be sent, and takes the token.
   * Callers are served in the order they arrive (a reservation is made before waiting).
   */
  async acquire(accountKey: string, operation: string, options: { maxWaitMs?: number } = {}): Promise<void> {
    const bucket = this.refilledBucket(accountKey, operation)
    const waitMilliseconds = this.millisecondsUntilToken(bucket)
    if (options.maxWaitMs !== undefined && waitMilliseconds > options.maxWaitMs) {
      throw new RateLimitWaitTooLongError(operation, waitMilliseconds)
    }
    bucket.tokens -= 1
    if (waitMilliseconds > 0) await this.clock.sleep(waitMilliseconds)
  }

  /** How long a request made now would wait, without taking a token. */
  waitTimeMs(accountKey: string, operation: string): number {
    return this.millisecondsUntilToken(this.refilledBucket(accountKey, operation))
  }

  /**
   * Adopts the rate Amazon reports in x-amzn-RateLimit-Limit (requests per second, e.g. "0.0167").
   * Missing or unparsable values are ignored: Amazon only sends the header "when available".
   */
  updateRateFromHeader(accountKey: string, operation: string, headerValue: string | string[] | undefined): void {
    const ratePerSecond = rateFromHeader(headerValue)
    if (ratePerSecond === null) return
    const bucket = this.refilledBucket(accountKey, operation)
    bucket.ratePerSecond = ratePerSecond
  }

  /** After a 429 Amazon's bucket is empty, so ours must be too; queued reservations are kept. */
  recordThrottled(accountKey: string, operation: string): void {
    const bucket = this.refilledBucket(accountKey, operation)
    bucket.tokens = Math.min(bucket.tokens, 0)
  }

  snapshot(accountKey: string, operation: string): BucketSnapshot {
    const { tokens, burst, ratePerSecond } = this.refilledBucket(accountKey, operation)
    return { tokens, burst, ratePerSecond }
  }

  private refilledBucket(accountKey: string, operation: string): Bucket {
    const key = `${accountKey}\u0000${operation}`
    const now = this.clock.now()
    let bucket = this.buckets.get(key)
    if (!bucket) {
      const plan = planFor(operation, this.plans)
      // A new bucket starts full, like Amazon's for a client that has not called yet;
      // if another process drained it, the first 429 corrects us.
      bucket = { tokens: plan.burst, burst: plan.burst, ratePerSecond: plan.ratePerSecond, lastRefillAt: now }
      this.buckets.set(key, bucket)
      return bucket
    }
    const elapsedSeconds = Math.max(0, now - bucket.lastRefillAt) / 1000
    bucket.tokens = Math.min(bucket.burst, bucket.tokens + elapsedSeconds * this.refillPerSecond(bucket))
    bucket.lastRefillAt = now
    return bucket
  }

  private millisecondsUntilToken(bucket: Bucket): number {
    if (bucket.tokens >= 1) return 0
    const missingTokens = 1 - bucket.tokens
    return Math.ceil((missingTokens / this.refillPerSecond(bucket)) * 1000)
  }

  private refillPerSecond(bucket: Bucket): number {
    return bucket.ratePerSecond * PACING_MARGIN * this.timeScale
  }
}
