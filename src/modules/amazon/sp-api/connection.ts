/**
 * The connection test behind Settings → Amazon: a token and one cheap searchOrders call. It answers a person
 * waiting in the admin, so it retries little and never waits long for the rate limiter.
 */
import { isSpApiError, type SpApiErrorCode } from "./errors"
import { ORDERS_2026_OPERATIONS } from "./orders-2026"
import { VENDOR_ORDERS_OPERATIONS } from "./vendor-orders"
import { GetPurchaseOrdersResponseSchema } from "./schemas/vendor-orders"
import { SearchOrdersResponseSchema } from "./schemas/orders-2026"
import type { SpApiTransport } from "./transport"

export type TestConnectionResult =
  | { ok: true; sellerId?: string; marketplaces?: string[] }
  | { ok: false; code: SpApiErrorCode; message: string }

export interface ConnectionApi {
  /** Obtains a token and makes one cheap call; never throws. */
  testConnection(): Promise<TestConnectionResult>
  /** The same for a Vendor Central app: a token and one getPurchaseOrders call over the last day. */
  testVendorConnection(): Promise<TestConnectionResult>
}

const TEST_CONNECTION_MAX_RETRIES = 1
const TEST_CONNECTION_MAX_RATE_LIMIT_WAIT_MS = 10_000
const ONE_DAY_MS = 24 * 60 * 60 * 1000

export function connectionApi(transport: SpApiTransport): ConnectionApi {
  const interactive = {
    maxRetries: Math.min(transport.maxRetries, TEST_CONNECTION_MAX_RETRIES),
    maxRateLimitWaitMs: TEST_CONNECTION_MAX_RATE_LIMIT_WAIT_MS,
  }
  return {
    async testVendorConnection() {
      const now = transport.clock.now()
      return await answerNeverThrowing(transport, async () => {
        await transport.call(
          VENDOR_ORDERS_OPERATIONS.getPurchaseOrders,
          { query: { createdAfter: new Date(now - ONE_DAY_MS).toISOString(), createdBefore: new Date(now).toISOString(), limit: 1 } },
          GetPurchaseOrdersResponseSchema,
          interactive
        )
        return { ok: true }
      })
    },
    async testConnection() {
      try {
        const response = await transport.call(
          ORDERS_2026_OPERATIONS.searchOrders,
          { query: { createdAfter: new Date(transport.clock.now() - ONE_DAY_MS).toISOString(), maxResultsPerPage: 1 } },
          SearchOrdersResponseSchema,
          {
            maxRetries: Math.min(transport.maxRetries, TEST_CONNECTION_MAX_RETRIES),
            maxRateLimitWaitMs: TEST_CONNECTION_MAX_RATE_LIMIT_WAIT_MS,
          }
        )
        const marketplaces = [
          ...new Set(
            response.orders
              .map((order) => (order as { salesChannel?: { marketplaceId?: unknown } } | null)?.salesChannel?.marketplaceId)
              .filter((id): id is string => typeof id === "string" && !!id)
          ),
        ]
        // The Orders API does not reveal the seller ID, so it is left out rather than guessed.
        return marketplaces.length > 0 ? { ok: true, marketplaces } : { ok: true }
      } catch (error) {
        if (isSpApiError(error)) return { ok: false, code: error.code, message: error.merchantMessage }
        transport.log("error", `Amazon SP-API connection test failed unexpectedly: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`)
        return {
          ok: false,
          code: "INVALID_CONFIGURATION",
          message: "The connection test failed unexpectedly. Check the settings in Settings → Amazon and the server log.",
        }
      }
    },
  }
}

async function answerNeverThrowing(transport: SpApiTransport, test: () => Promise<TestConnectionResult>): Promise<TestConnectionResult> {
  try {
    return await test()
  } catch (error) {
    if (isSpApiError(error)) return { ok: false, code: error.code, message: error.merchantMessage }
    transport.log("error", `Amazon SP-API connection test failed unexpectedly: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`)
    return {
      ok: false,
      code: "INVALID_CONFIGURATION",
      message: "The connection test failed unexpectedly. Check the settings in Settings → Amazon and the server log.",
    }
  }
}
