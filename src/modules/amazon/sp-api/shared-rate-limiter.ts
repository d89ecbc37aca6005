import { RateLimiter, type SpApiRateLimiter } from "./rate-limiter"
import { RedisRateLimiter } from "./redis-rate-limiter"

/**
 * Limiters shared by every client of this process, one per time scale and Redis URL. Amazon counts per
 * seller and operation no matter how many client objects we create (the module creates one per use), so
 * the buckets must outlive a single client.
 */
const sharedRateLimiters = new Map<string, SpApiRateLimiter>()

export type SharedRateLimiterOptions = {
  /** Buckets in this Redis, shared with every process that uses it; without it, buckets of this process only. */
  redisUrl?: string | null
}

export function sharedRateLimiter(timeScale = 1, options: SharedRateLimiterOptions = {}): SpApiRateLimiter {
  const redisUrl = options.redisUrl?.trim() || null
  const key = `${timeScale} ${redisUrl ?? "-"}`
  let limiter = sharedRateLimiters.get(key)
  if (!limiter) {
    limiter = redisUrl ? new RedisRateLimiter({ redisUrl, timeScale }) : new RateLimiter({ timeScale })
    sharedRateLimiters.set(key, limiter)
  }
  return limiter
}

/** Closes the Redis connections of the shared limiters (graceful shutdown, tests). */
export async function closeSharedRateLimiters(): Promise<void> {
  const limiters = [...sharedRateLimiters.values()]
  sharedRateLimiters.clear()
  await Promise.all(limiters.map((limiter) => (limiter instanceof RedisRateLimiter ? limiter.close() : undefined)))
}
