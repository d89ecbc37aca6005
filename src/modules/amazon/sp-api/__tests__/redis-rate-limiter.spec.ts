/**
 * The Redis token bucket against the real Redis on 127.0.0.1:6379. Two limiter instances with their own
 * connections stand for two Medusa processes of one store sharing an account's bucket.
 */
import { randomUUID } from "node:crypto"
import { Redis } from "ioredis"
import { PACING_MARGIN, RateLimiter, RateLimitWaitTooLongError } from "../rate-limiter"
import { RedisRateLimiter } from "../redis-rate-limiter"

const REDIS_URL = process.env.AMAZON_PLUGIN_TEST_REDIS_URL ?? "redis://127.0.0.1:6379"
const PLAN = { ratePerSecond: 20, burst: 3 }

/** Largest number of requests inside any window of `windowMs`, from their send times. */
function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b)
  let most = 0
  for (let start = 0; start < sorted.length; start++) {
    let end = start
    while (end + 1 < sorted.length && sorted[end + 1] - sorted[start] < windowMs) end++
    most = Math.max(most, end - start + 1)
  }
  return most
}

/** Each "process" sends `count` requests as fast as its limiter lets it; returns the send times. */
async function sendAsFastAsAllowed(limiters: { acquire(account: string, operation: string): Promise<void> }[], count: number) {
  const sentAt: number[] = []
  await Promise.all(
    limiters.map(async (limiter) => {
      for (let i = 0; i < count; i++) {
        await limiter.acquire("seller-1", "sharedOp")
        sentAt.push(Date.now())
      }
    })
  )
  return sentAt
}

describe("RedisRateLimiter", () => {
  let admin: Redis
  let keyPrefix: string
  const limiters: RedisRateLimiter[] = []

  function processLimiter(): RedisRateLimiter {
    const limiter = new RedisRateLimiter({ redisUrl: REDIS_URL, keyPrefix, plans: { sharedOp: PLAN, slowOp: { ratePerSecond: 0.01, burst: 1 } } })
    limiters.push(limiter)
    return limiter
  }

  beforeAll(async () => {
    admin = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 })
    await admin.ping()
  })
  beforeEach(() => {
    keyPrefix = `medusa-plugin-amazon-test:${randomUUID()}:`
  })
  afterEach(async () => {
    const keys = await admin.keys(`${keyPrefix}*`)
    if (keys.length) await admin.del(...keys)
    await Promise.all(limiters.splice(0).map((limiter) => limiter.close()))
  })
  afterAll(async () => {
    await admin.quit()
  })

  it("keeps two processes together within the rate of one bucket", async () => {
    const sentAt = await sendAsFastAsAllowed([processLimiter(), processLimiter()], 15)
    const elapsedMs = Math.max(...sentAt) - Math.min(...sentAt)
    // 30 requests from a burst of 3 need 27 refills at the paced rate, whoever sends them.
    const refillMs = 1000 / (PLAN.ratePerSecond * PACING_MARGIN)
    expect(elapsedMs).toBeGreaterThanOrEqual(27 * refillMs - 50)
    // No second of the run saw more than the burst plus one second of Amazon's rate.
    expect(busiestWindow(sentAt, 1000)).toBeLessThanOrEqual(PLAN.burst + PLAN.ratePerSecond)
  })

  it("is what separate in-process limiters cannot do (control: they exceed the rate together)", async () => {
    const plans = { sharedOp: PLAN }
    const sentAt = await sendAsFastAsAllowed([new RateLimiter({ plans }), new RateLimiter({ plans })], 15)
    const elapsedMs = Math.max(...sentAt) - Math.min(...sentAt)
    const refillMs = 1000 / (PLAN.ratePerSecond * PACING_MARGIN)
    expect(elapsedMs).toBeLessThan(27 * refillMs - 50)
  })

  it("refuses a wait longer than maxWaitMs without taking the token, for every process", async () => {
    const [first, second] = [processLimiter(), processLimiter()]
    await first.acquire("seller-1", "slowOp")
    await expect(second.acquire("seller-1", "slowOp", { maxWaitMs: 1_000 })).rejects.toBeInstanceOf(RateLimitWaitTooLongError)
    const stored = await admin.hgetall(first.keyFor("seller-1", "slowOp"))
    expect(Number(stored.tokens)).toBeCloseTo(0, 1)
    expect(Number(stored.burst)).toBe(1)
  })

  it("shares a 429 and a rate from Amazon's header with the other process", async () => {
    const [first, second] = [processLimiter(), processLimiter()]
    await first.acquire("seller-1", "sharedOp")
    await first.updateRateFromHeader("seller-1", "sharedOp", "0.5")
    await first.recordThrottled("seller-1", "sharedOp")
    const stored = await admin.hgetall(second.keyFor("seller-1", "sharedOp"))
    expect(Number(stored.rate)).toBe(0.5)
    expect(Number(stored.tokens)).toBeLessThanOrEqual(0)
    await expect(second.acquire("seller-1", "sharedOp", { maxWaitMs: 1_000 })).rejects.toBeInstanceOf(RateLimitWaitTooLongError)
    // The key expires once the bucket would be full again, so idle accounts leave nothing behind.
    expect(await admin.pttl(second.keyFor("seller-1", "sharedOp"))).toBeGreaterThan(0)
  })

  it("keeps separate buckets per account and operation", async () => {
    const limiter = processLimiter()
    await limiter.acquire("seller-1", "slowOp")
    await expect(limiter.acquire("seller-2", "slowOp", { maxWaitMs: 0 })).resolves.toBeUndefined()
    await expect(limiter.acquire("seller-1", "sharedOp", { maxWaitMs: 0 })).resolves.toBeUndefined()
  })

  it("paces the process on its own, with a warning, when Redis does not answer", async () => {
    const warnings: string[] = []
    const unreachable = new RedisRateLimiter({
      redisUrl: "redis://127.0.0.1:1",
      keyPrefix,
      plans: { slowOp: { ratePerSecond: 0.01, burst: 1 } },
      warn: (message) => warnings.push(message),
    })
    limiters.push(unreachable)
    await unreachable.acquire("seller-1", "slowOp")
    await expect(unreachable.acquire("seller-1", "slowOp", { maxWaitMs: 1_000 })).rejects.toBeInstanceOf(RateLimitWaitTooLongError)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/paces its Amazon calls on its own/)
  })
})
