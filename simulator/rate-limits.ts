// Amazon's usage plans as token buckets: each (selling partner, operation) starts with `burst`
// tokens, every request takes one, and tokens come back at `rate` per second. `timeScale`
// speeds the refill up so tests do not wait minutes for a searchOrders token.
import type { SimApiName } from "./types"

export interface UsagePlan {
  /** Requests per second. */
  rate: number
  burst: number
}

/**
 * Default usage plans, copied from the "Usage Plan" table in each operation's description in
 * Amazon's models (a conformance test re-reads the models and fails if these drift).
 */
export const USAGE_PLANS: Record<string, UsagePlan> = {
  "orders-2026-01-01:searchOrders": { rate: 0.0056, burst: 20 },
  "orders-2026-01-01:getOrder": { rate: 0.5, burst: 30 },
  "orders-v0:getOrders": { rate: 0.0167, burst: 20 },
  "orders-v0:getOrder": { rate: 0.5, burst: 30 },
  "orders-v0:getOrderBuyerInfo": { rate: 0.5, burst: 30 },
  "orders-v0:getOrderAddress": { rate: 0.5, burst: 30 },
  "orders-v0:getOrderItems": { rate: 0.5, burst: 30 },
  "orders-v0:getOrderItemsBuyerInfo": { rate: 0.5, burst: 30 },
  "orders-v0:confirmShipment": { rate: 2, burst: 10 },
  "tokens-2021-03-01:createRestrictedDataToken": { rate: 1, burst: 10 },
  "feeds-2021-06-30:createFeedDocument": { rate: 0.5, burst: 15 },
  "feeds-2021-06-30:createFeed": { rate: 0.0083, burst: 15 },
  "feeds-2021-06-30:getFeeds": { rate: 0.0222, burst: 10 },
  "feeds-2021-06-30:getFeed": { rate: 2, burst: 15 },
  "feeds-2021-06-30:cancelFeed": { rate: 2, burst: 15 },
  "feeds-2021-06-30:getFeedDocument": { rate: 0.0222, burst: 10 },
  "reports-2021-06-30:getReports": { rate: 0.0222, burst: 10 },
  "reports-2021-06-30:getReportDocument": { rate: 0.0167, burst: 15 },
  "finances-2024-06-19:listTransactions": { rate: 0.5, burst: 10 },
  "vendor-orders-v1:getPurchaseOrders": { rate: 10, burst: 10 },
  "vendor-orders-v1:getPurchaseOrder": { rate: 10, burst: 10 },
  "vendor-orders-v1:submitAcknowledgement": { rate: 10, burst: 10 },
  "vendor-orders-v1:getPurchaseOrdersStatus": { rate: 10, burst: 10 },
  "vendor-transactions-v1:getTransaction": { rate: 10, burst: 20 },
  "vendor-shipments-v1:SubmitShipmentConfirmations": { rate: 10, burst: 10 },
}

export function usagePlanFor(api: SimApiName, operationId: string): UsagePlan | undefined {
  return USAGE_PLANS[`${api}:${operationId}`]
}

interface Bucket {
  tokens: number
  refilledAt: number
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>()

  /** `monotonicNow` is injectable for tests; real time by default (the order clock may jump). */
  constructor(
    private readonly timeScale: number,
    private readonly monotonicNow: () => number = () => performance.now()
  ) {
    if (!(timeScale > 0)) throw new Error(`timeScale must be > 0, got ${timeScale}`)
  }

  /** The value of `x-amzn-RateLimit-Limit`: the effective rate (Amazon's rate x timeScale). */
  headerValue(plan: UsagePlan): string {
    return String(Number((plan.rate * this.timeScale).toPrecision(6)))
  }

  /** Takes a token; false when the bucket is empty (the caller answers 429 QuotaExceeded). */
  tryConsume(key: string, plan: UsagePlan): boolean {
    const now = this.monotonicNow()
    const bucket = this.buckets.get(key) ?? { tokens: plan.burst, refilledAt: now }
    const elapsedSeconds = (now - bucket.refilledAt) / 1000
    bucket.tokens = Math.min(plan.burst, bucket.tokens + elapsedSeconds * plan.rate * this.timeScale)
    bucket.refilledAt = now
    this.buckets.set(key, bucket)
    if (bucket.tokens < 1) return false
    bucket.tokens -= 1
    return true
  }

  reset(): void {
    this.buckets.clear()
  }
}
