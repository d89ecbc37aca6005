import { AMAZON_USAGE_PLANS, PACING_MARGIN, RateLimiter, RateLimitWaitTooLongError, type Clock } from "../rate-limiter"

/**
 * Time only moves when told. By default a sleep moves it (one caller at a time, like a sync loop);
 * with `advanceOnSleep: false` concurrent sleeps overlap as they would in real time.
 */
class FakeClock implements Clock {
  current = 1_000_000
  readonly sleeps: number[] = []
  constructor(private readonly advanceOnSleep = true) {}
  now(): number {
    return this.current
  }
  async sleep(milliseconds: number): Promise<void> {
    this.sleeps.push(milliseconds)
    if (this.advanceOnSleep) this.current += milliseconds
  }
  advance(milliseconds: number): void {
    this.current += milliseconds
  }
}

describe("RateLimiter", () => {
  it("uses the usage plans published in Amazon's models", () => {
    expect(AMAZON_USAGE_PLANS.searchOrders).toEqual({ ratePerSecond: 0.0056, burst: 20 })
    expect(AMAZON_USAGE_PLANS.getOrdersV0).toEqual({ ratePerSecond: 0.0167, burst: 20 })
    expect(AMAZON_USAGE_PLANS.getOrderItemsV0).toEqual({ ratePerSecond: 0.5, burst: 30 })
    expect(AMAZON_USAGE_PLANS.confirmShipmentV0).toEqual({ ratePerSecond: 2, burst: 10 })
    expect(AMAZON_USAGE_PLANS.createRestrictedDataToken).toEqual({ ratePerSecond: 1, burst: 10 })
  })

  it("lets the burst through at once, then waits one refill interval per request", async () => {
    const clock = new FakeClock()
    const limiter = new RateLimiter({ clock })
    for (let i = 0; i < 20; i++) await limiter.acquire("seller-1", "getOrdersV0")
    expect(clock.sleeps).toEqual([])
    await limiter.acquire("seller-1", "getOrdersV0")
    // 1 / 0.0167 r/s ≈ 59.9 s, paced a little slower than Amazon (PACING_MARGIN)
    expect(clock.sleeps).toEqual([Math.ceil(1000 / (0.0167 * PACING_MARGIN))])
  })

  it("refills over time up to the burst, not beyond", async () => {
    const clock = new FakeClock()
    const limiter = new RateLimiter({ clock })
    for (let i = 0; i < 10; i++) await limiter.acquire("seller-1", "confirmShipmentV0")
    clock.advance(2_000) // 2 r/s × 2 s = 4 tokens at Amazon's pace; ours is PACING_MARGIN slower
    expect(limiter.snapshot("seller-1", "confirmShipmentV0").tokens).toBeCloseTo(4 * PACING_MARGIN)
    clock.advance(60_000)
    expect(limiter.snapshot("seller-1", "confirmShipmentV0").tokens).toBe(10)
  })

  it("keeps separate buckets per account and per operation", async () => {
    const clock = new FakeClock()
    const limiter = new RateLimiter({ clock })
    for (let i = 0; i < 20; i++) await limiter.acquire("seller-1", "searchOrders")
    expect(limiter.waitTimeMs("seller-1", "searchOrders")).toBeGreaterThan(0)
    expect(limiter.waitTimeMs("seller-2", "searchOrders")).toBe(0)
    expect(limiter.waitTimeMs("seller-1", "getOrder2026")).toBe(0)
  })

  it("serves concurrent callers in order, each one interval after the previous", async () => {
    const clock = new FakeClock(false)
    const limiter = new RateLimiter({ clock, plans: { slowOp: { ratePerSecond: 1, burst: 1 } } })
    await limiter.acquire("s", "slowOp")
    // Three callers arrive at the same instant; their reservations are 1, 2 and 3 refill intervals away.
    const interval = 1000 / PACING_MARGIN
    const waits = [limiter.waitTimeMs("s", "slowOp")]
    const pending = [limiter.acquire("s", "slowOp"), limiter.acquire("s", "slowOp"), limiter.acquire("s", "slowOp")]
    await Promise.all(pending)
    expect(waits).toEqual([Math.ceil(interval)])
    expect(clock.sleeps).toEqual([Math.ceil(interval), Math.ceil(2 * interval), Math.ceil(3 * interval)])
  })

  it("timeScale speeds up refills so tests need not wait minutes", async () => {
    const clock = new FakeClock()
    const limiter = new RateLimiter({ clock, timeScale: 1000 })
    for (let i = 0; i < 20; i++) await limiter.acquire("seller-1", "searchOrders")
    await limiter.acquire("seller-1", "searchOrders")
    // 1 / 0.0056 r/s ≈ 178.6 s, divided by 1000
    expect(clock.sleeps).toEqual([Math.ceil(1000 / (0.0056 * PACING_MARGIN) / 1000)])
  })

  it("adopts the rate from x-amzn-RateLimit-Limit and ignores garbage", async () => {
    const clock = new FakeClock()
    const limiter = new RateLimiter({ clock })
    limiter.updateRateFromHeader("seller-1", "getOrderV0", "2.0")
    expect(limiter.snapshot("seller-1", "getOrderV0").ratePerSecond).toBe(2)
    limiter.updateRateFromHeader("seller-1", "getOrderV0", "abc")
    limiter.updateRateFromHeader("seller-1", "getOrderV0", "0")
    limiter.updateRateFromHeader("seller-1", "getOrderV0", undefined)
    expect(limiter.snapshot("seller-1", "getOrderV0").ratePerSecond).toBe(2)
    limiter.updateRateFromHeader("seller-1", "getOrderV0", ["0.25"])
    expect(limiter.snapshot("seller-1", "getOrderV0").ratePerSecond).toBe(0.25)
  })

  it("empties the bucket after a 429 so the next request waits a full interval", async () => {
    const clock = new FakeClock()
    const limiter = new RateLimiter({ clock })
    limiter.recordThrottled("seller-1", "getOrderItemsV0")
    await limiter.acquire("seller-1", "getOrderItemsV0")
    expect(clock.sleeps).toEqual([Math.ceil(2000 / PACING_MARGIN)]) // 1 / 0.5 r/s, paced PACING_MARGIN slower
  })

  it("refuses to wait longer than maxWaitMs without taking a token", async () => {
    const clock = new FakeClock()
    const limiter = new RateLimiter({ clock })
    for (let i = 0; i < 20; i++) await limiter.acquire("seller-1", "searchOrders")
    await expect(limiter.acquire("seller-1", "searchOrders", { maxWaitMs: 10_000 })).rejects.toBeInstanceOf(RateLimitWaitTooLongError)
    expect(limiter.snapshot("seller-1", "searchOrders").tokens).toBeCloseTo(0)
  })

  it("rejects a nonsensical timeScale", () => {
    expect(() => new RateLimiter({ timeScale: 0 })).toThrow(RangeError)
    expect(() => new RateLimiter({ timeScale: Number.NaN })).toThrow(RangeError)
  })
})
