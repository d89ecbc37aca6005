/**
 * Orders API 2026-01-01 (orders_2026-01-01.json): searchOrders brings up to 100 complete orders per call.
 */
import type { z } from "@medusajs/framework/zod"
import { INCLUDED_DATA_FOR_MAPPING } from "./mappers/orders-2026"
import {
  defineOperations,
  isoOrUndefined,
  nonEmpty,
  splitByShape,
  textField,
  type DateInput,
} from "./operation"
import {
  GetOrder2026ResponseSchema,
  Order2026Schema,
  SearchOrdersResponseSchema,
  type FulfillmentStatus2026Schema,
  type Order2026,
} from "./schemas/orders-2026"
import type { SpApiTransport } from "./transport"

export const ORDERS_2026_OPERATIONS = defineOperations("orders", "2026-01-01", {
  // Stricter than v0 getOrders: after the burst, about one call every three minutes.
  searchOrders: { amazonName: "searchOrders", usagePlan: { ratePerSecond: 0.0056, burst: 20 } },
  getOrder2026: { amazonName: "getOrder", usagePlan: { ratePerSecond: 0.5, burst: 30 } },
})

export type OrdersIncludedData =
  | "BUYER"
  | "RECIPIENT"
  | "PROCEEDS"
  | "EXPENSE"
  | "PROMOTION"
  | "CANCELLATION"
  | "FULFILLMENT"
  | "PACKAGES"
  | "TAX"
  | "PAYMENT"
  | "FULFILLMENT_ORDERS"

/** Amazon requires exactly one of createdAfter / lastUpdatedAfter, and forbids mixing the two families. */
export type SearchOrdersTimeFilter =
  | { createdAfter: DateInput; createdBefore?: DateInput; lastUpdatedAfter?: never; lastUpdatedBefore?: never }
  | { lastUpdatedAfter: DateInput; lastUpdatedBefore?: DateInput; createdAfter?: never; createdBefore?: never }

export type SearchOrdersParams = SearchOrdersTimeFilter & {
  marketplaceIds?: string[]
  fulfillmentStatuses?: z.infer<typeof FulfillmentStatus2026Schema>[]
  fulfilledBy?: ("MERCHANT" | "AMAZON")[]
  /** 1–100, Amazon's default 100. */
  maxResultsPerPage?: number
  /** `nextToken` of the previous page; all other parameters must stay the same. */
  paginationToken?: string
  /** Defaults to everything the mappers need (INCLUDED_DATA_FOR_MAPPING). */
  includedData?: OrdersIncludedData[]
}

/** An order of a searchOrders page that does not have Amazon's documented shape; kept so it can be parked. */
export type UnreadableOrder2026 = {
  raw: unknown
  orderId: string | null
  createdTime: string | null
  lastUpdatedTime: string | null
  /** What is wrong, as a clause for a sentence (e.g. "orderItems.0.quantityOrdered: expected number"). */
  problem: string
}

export type SearchOrdersResult = {
  orders: Order2026[]
  unreadableOrders: UnreadableOrder2026[]
  nextToken: string | null
  lastUpdatedBefore: string | null
  createdBefore: string | null
}

export interface Orders2026Api {
  searchOrders(params: SearchOrdersParams): Promise<SearchOrdersResult>
  getOrder2026(orderId: string, includedData?: OrdersIncludedData[]): Promise<Order2026>
}

export function orders2026Api(transport: SpApiTransport): Orders2026Api {
  const specs = ORDERS_2026_OPERATIONS
  return {
    async searchOrders(params) {
      const spec = specs.searchOrders
      const hasCreated = params.createdAfter !== undefined
      const hasUpdated = params.lastUpdatedAfter !== undefined
      if (hasCreated === hasUpdated) {
        throw transport.invalidRequest(spec, "exactly one of createdAfter and lastUpdatedAfter is required")
      }
      if ((hasCreated && params.lastUpdatedBefore !== undefined) || (hasUpdated && params.createdBefore !== undefined)) {
        throw transport.invalidRequest(spec, "created… and lastUpdated… filters cannot be combined")
      }
      transport.assertPageSize(spec, params.maxResultsPerPage)
      const response = await transport.call(
        spec,
        {
          query: {
            createdAfter: isoOrUndefined(params.createdAfter),
            createdBefore: isoOrUndefined(params.createdBefore),
            lastUpdatedAfter: isoOrUndefined(params.lastUpdatedAfter),
            lastUpdatedBefore: isoOrUndefined(params.lastUpdatedBefore),
            marketplaceIds: nonEmpty(params.marketplaceIds),
            fulfillmentStatuses: nonEmpty(params.fulfillmentStatuses),
            fulfilledBy: nonEmpty(params.fulfilledBy),
            maxResultsPerPage: params.maxResultsPerPage,
            paginationToken: params.paginationToken,
            includedData: nonEmpty(params.includedData ?? [...INCLUDED_DATA_FOR_MAPPING]),
          },
        },
        SearchOrdersResponseSchema
      )
      const { valid: orders, invalid } = splitByShape(response.orders, Order2026Schema)
      return {
        orders,
        unreadableOrders: invalid.map(({ raw, fields, problem }) => ({
          raw,
          orderId: textField(fields.orderId),
          createdTime: textField(fields.createdTime),
          lastUpdatedTime: textField(fields.lastUpdatedTime),
          problem,
        })),
        nextToken: response.pagination?.nextToken || null,
        lastUpdatedBefore: response.lastUpdatedBefore ?? null,
        createdBefore: response.createdBefore ?? null,
      }
    },

    async getOrder2026(orderId, includedData) {
      const spec = specs.getOrder2026
      const response = await transport.call(
        spec,
        {
          path: { orderId: transport.requireId(spec, orderId) },
          query: { includedData: nonEmpty(includedData ?? [...INCLUDED_DATA_FOR_MAPPING]) },
        },
        GetOrder2026ResponseSchema
      )
      return response.order
    },
  }
}
