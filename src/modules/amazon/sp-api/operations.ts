/**
 * Every SP-API operation the plugin calls, gathered from the API files. A new Amazon API adds its table here
 * (one line) and its methods to the client in client.ts; nothing else in the boundary changes.
 */
import { FEEDS_OPERATIONS } from "./feeds"
import { FINANCES_OPERATIONS } from "./finances"
import { ORDERS_2026_OPERATIONS } from "./orders-2026"
import { ORDERS_V0_OPERATIONS } from "./orders-v0"
import { REPORTS_OPERATIONS } from "./reports"
import { TOKENS_OPERATIONS } from "./tokens"
import { VENDOR_ORDERS_OPERATIONS } from "./vendor-orders"
import { VENDOR_SHIPMENTS_OPERATIONS } from "./vendor-shipments"
import { VENDOR_TRANSACTIONS_OPERATIONS } from "./vendor-transactions"
import type { UsagePlan } from "./rate-limiter"

export const SP_API_OPERATIONS = {
  ...ORDERS_2026_OPERATIONS,
  ...ORDERS_V0_OPERATIONS,
  ...TOKENS_OPERATIONS,
  ...FEEDS_OPERATIONS,
  ...REPORTS_OPERATIONS,
  ...FINANCES_OPERATIONS,
  ...VENDOR_ORDERS_OPERATIONS,
  ...VENDOR_TRANSACTIONS_OPERATIONS,
  ...VENDOR_SHIPMENTS_OPERATIONS,
}

export type SpApiOperationKey = keyof typeof SP_API_OPERATIONS

/** Default usage plans, as published in the "Usage Plan" table of each operation in Amazon's models. */
export const AMAZON_USAGE_PLANS: Readonly<Record<SpApiOperationKey, UsagePlan>> = Object.fromEntries(
  Object.entries(SP_API_OPERATIONS).map(([key, spec]) => [key, spec.usagePlan])
) as Record<SpApiOperationKey, UsagePlan>
