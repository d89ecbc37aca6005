/**
 * The token buckets of rate-limiter.ts kept in Redis, so that every Medusa process of a store (server and
 * workers) draws from the same bucket per account and operation: Amazon counts requests per seller and
 * application, not per process, so buckets per process would together exceed Amazon's rate.
 *
 * One Lua script does refill, reservation and write-back atomically, on Redis's own clock, so two processes
 * can never take the same token and their clocks need not agree. Reservations work as in the in-process
 * limiter: the bucket may go below zero, each caller learns how long to wait for its token and sleeps here.
 *
 * When Redis does not answer, a call is paced by an in-process limiter instead of failing the sync; that
 * process then paces itself alone until Redis answers again, and a warning says so.
 */
import { Redis } from "ioredis"
import {
  PACING_MARGIN,
  planFor,
  rateFromHeader,
  RateLimiter,
  RateLimitWaitTooLongError,
  systemClock,
  type Clock,
  type SpApiRateLimiter,
  type UsagePlan,
} from "./rate-limiter"

const TOKEN_BUCKET_SCRIPT = `
if redis.replicate_commands then redis.replicate_commands() end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local action = ARGV[1]
local stored = redis.call('HMGET', KEYS[1], 'tokens', 'at', 'rate', 'burst')
local rate = tonumber(stored[3]) or tonumber(ARGV[2])
local burst = tonumber(stored[4]) or tonumber(ARGV[3])
local pace = tonumber(ARGV[4])
local tokens = tonumber(stored[1])
if tokens == nil then
  tokens = burst
else
  tokens = math.min(burst, tokens + math.max(0, now - tonumber(stored[2])) / 1000 * rate * pace)
end
local taken = 1
local wait = 0
if action == 'acquire' then
  if tokens < 1 then wait = math.ceil((1 - tokens) / (rate * pace) * 1000) end
  local maxWait = tonumber(ARGV[5])
  if maxWait >= 0 and wait > maxWait then taken = 0 else tokens = tokens - 1 end
elseif action == 'rate' then
  rate = tonumber(ARGV[5])
elseif action == 'throttled' then
  tokens = math.min(tokens, 0)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now), 'rate', tostring(rate), 'burst', tostring(burst))
-- Once a bucket has refilled completely its key holds nothing the defaults do not, so it may expire.
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / (rate * pace) * 1000) + 60000)
return {taken, wait}
`

type TokenBucketCommand = (key: string, action: string, rate: string, burst: string, pace: string, extra: string) => Promise<[number, number]>

export const DEFAULT_REDIS_KEY_PREFIX = "medusa-plugin-amazon:rate-limit:"

export type RedisRateLimiterOptions = {
  /** redis:// or rediss:// URL; ignored when `redis` is given. */
  redisUrl?: string
  /** An existing connection (tests); the limiter then does not close it. */
  redis?: Redis
  timeScale?: number
  /** Only sleeps run on it: the buckets run on Redis's clock. */
  clock?: Clock
  plans?: Partial<Record<string, UsagePlan>>
  /** Namespace of the bucket keys; tests use their own so that they never meet production buckets. */
  keyPrefix?: string
  /** Where the "Redis does not answer" warning goes; console by default. */
  warn?: (message: string) => void
}

/** How long one bucket update may take before the call is paced in-process instead. */
const REDIS_COMMAND_TIMEOUT_MS = 2_000
/** One warning per outage is enough; a sync makes many calls. */
const WARNING_INTERVAL_MS = 60_000

export class RedisRateLimiter implements SpApiRateLimiter {
  readonly timeScale: number
  private readonly redis: Redis
  private readonly ownsConnection: boolean
  private readonly clock: Clock
  private readonly plans: Partial<Record<string, UsagePlan>>
  private readonly keyPrefix: string
  private readonly warn: (message: string) => void
  private readonly fallback: RateLimiter
  private lastWarningAt = Number.NEGATIVE_INFINITY

  constructor(options: RedisRateLimiterOptions) {
    const timeScale = options.timeScale ?? 1
    if (!(timeScale > 0) || !Number.isFinite(timeScale)) {
      throw new RangeError(`timeScale must be a positive number, got ${options.timeScale}`)
    }
    if (!options.redis && !options.redisUrl) throw new RangeError("RedisRateLimiter needs a redisUrl or a redis connection")
    this.timeScale = timeScale
    this.clock = options.clock ?? systemClock
    this.plans = { ...options.plans }
    this.keyPrefix = options.keyPrefix ?? DEFAULT_REDIS_KEY_PREFIX
    this.warn = options.warn ?? ((message) => console.warn(message))
    this.fallback = new RateLimiter({ timeScale, clock: this.clock, plans: this.plans })
    this.ownsConnection = !options.redis
    this.redis =
      options.redis ??
      new Redis(options.redisUrl!, {
        // Fail a bucket update quickly so the in-process fallback paces the call instead of a hung sync.
        maxRetriesPerRequest: 1,
        commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
        connectionName: "medusa-plugin-amazon-rate-limit",
      })
    // Without a listener ioredis prints every failed reconnect; the fallback's warning says what matters.
    this.redis.on("error", () => undefined)
    this.redis.defineCommand("amazonTokenBucket", { numberOfKeys: 1, lua: TOKEN_BUCKET_SCRIPT })
  }

  async acquire(accountKey: string, operation: string, options: { maxWaitMs?: number } = {}): Promise<void> {
    const extra = options.maxWaitMs === undefined ? "-1" : String(Math.max(0, options.maxWaitMs))
    const answer = await this.bucket(accountKey, operation, "acquire", extra)
    if (answer === null) return this.fallback.acquire(accountKey, operation, options)
    const [taken, waitMilliseconds] = answer
    if (!taken) throw new RateLimitWaitTooLongError(operation, waitMilliseconds)
    if (waitMilliseconds > 0) await this.clock.sleep(waitMilliseconds)
  }

  async updateRateFromHeader(accountKey: string, operation: string, headerValue: string | string[] | undefined): Promise<void> {
    const ratePerSecond = rateFromHeader(headerValue)
    if (ratePerSecond === null) return
    if ((await this.bucket(accountKey, operation, "rate", String(ratePerSecond))) === null) {
      this.fallback.updateRateFromHeader(accountKey, operation, headerValue)
    }
  }

  async recordThrottled(accountKey: string, operation: string): Promise<void> {
    if ((await this.bucket(accountKey, operation, "throttled", "")) === null) this.fallback.recordThrottled(accountKey, operation)
  }

  /** The Redis key of a bucket (tests clean up with it). */
  keyFor(accountKey: string, operation: string): string {
    return `${this.keyPrefix}${accountKey}:${operation}`
  }

  async close(): Promise<void> {
    if (!this.ownsConnection) return
    // quit() waits for a connection that may never come; a limiter that never reached Redis just stops trying.
    if (this.redis.status !== "ready") return this.redis.disconnect()
    try {
      await this.redis.quit()
    } catch {
      this.redis.disconnect()
    }
  }

  /** Runs the script; null when Redis did not answer, so that the caller falls back. */
  private async bucket(accountKey: string, operation: string, action: string, extra: string): Promise<[number, number] | null> {
    const plan = planFor(operation, this.plans)
    const command = (this.redis as unknown as { amazonTokenBucket: TokenBucketCommand }).amazonTokenBucket
    try {
      const [taken, wait] = await command.call(
        this.redis,
        this.keyFor(accountKey, operation),
        action,
        String(plan.ratePerSecond),
        String(plan.burst),
        String(PACING_MARGIN * this.timeScale),
        extra
      )
      return [Number(taken), Number(wait)]
    } catch (error) {
      const now = Date.now()
      if (now - this.lastWarningAt >= WARNING_INTERVAL_MS) {
        this.lastWarningAt = now
        this.warn(
          `Amazon plugin: the Redis rate limiter did not answer (${(error as Error)?.message ?? error}); this process paces its Amazon calls on its own until Redis answers again, so several processes together may exceed Amazon's rate.`
        )
      }
      return null
    }
  }
}
