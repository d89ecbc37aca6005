/**
 * Orders API v0 (ordersV0.json), the per-account fallback: getOrders + getOrderItems, buyer and address through a
 * Restricted Data Token, and confirmShipment for tracking.
 */
import { isSpApiError } from "./errors"
import { defineOperations, isoOrUndefined, nonEmpty, splitByShape, summarizeIssues, textField, type DateInput } from "./operation"
import {
  ConfirmShipmentRequestSchema,
  GetOrderAddressV0ResponseSchema,
  GetOrderBuyerInfoV0ResponseSchema,
  GetOrderItemsV0ResponseSchema,
  GetOrdersV0ResponseSchema,
  GetOrderV0ResponseSchema,
  OrderV0Schema,
  type ConfirmShipmentRequest,
  type OrderAddressV0,
  type OrderBuyerInfoV0,
  type OrderItemV0,
  type OrderStatusV0,
  type OrderV0,
} from "./schemas/orders-v0"
import type { RestrictedTokenRenewal } from "./tokens"
import type { SpApiTransport } from "./transport"

const ORDER_READ = { ratePerSecond: 0.5, burst: 30 }

export const ORDERS_V0_OPERATIONS = defineOperations("orders", "v0", {
  getOrdersV0: { amazonName: "getOrders", usagePlan: { ratePerSecond: 0.0167, burst: 20 } },
  getOrderV0: { amazonName: "getOrder", usagePlan: ORDER_READ },
  getOrderItemsV0: { amazonName: "getOrderItems", usagePlan: ORDER_READ },
  getOrderAddressV0: { amazonName: "getOrderAddress", usagePlan: ORDER_READ },
  getOrderBuyerInfoV0: { amazonName: "getOrderBuyerInfo", usagePlan: ORDER_READ },
  confirmShipmentV0: { amazonName: "confirmShipment", usagePlan: { ratePerSecond: 2, burst: 10 } },
})

export type GetOrdersV0Params = {
  marketplaceIds: string[]
  createdAfter?: DateInput
  createdBefore?: DateInput
  lastUpdatedAfter?: DateInput
  lastUpdatedBefore?: DateInput
  orderStatuses?: OrderStatusV0[]
  fulfillmentChannels?: ("AFN" | "MFN")[]
  maxResultsPerPage?: number
  nextToken?: string
  amazonOrderIds?: string[]
  /** RDT for ShippingAddress / BuyerInfo of the listed orders. */
  restrictedDataToken?: string
}

/** An order of a getOrders page that does not have Amazon's documented shape; kept so it can be parked. */
export type UnreadableOrderV0 = {
  raw: unknown
  amazonOrderId: string | null
  purchaseDate: string | null
  lastUpdateDate: string | null
  problem: string
}

export type GetOrdersV0Result = {
  orders: OrderV0[]
  unreadableOrders: UnreadableOrderV0[]
  nextToken: string | null
  lastUpdatedBefore: string | null
  createdBefore: string | null
}

export type GetOrderItemsV0Result = {
  amazonOrderId: string
  items: OrderItemV0[]
  nextToken: string | null
}

export interface OrdersV0Api {
  getOrdersV0(params: GetOrdersV0Params): Promise<GetOrdersV0Result>
  getOrderV0(orderId: string, restrictedDataToken?: string): Promise<OrderV0>
  getOrderItemsV0(orderId: string, nextToken?: string, restrictedDataToken?: string): Promise<GetOrderItemsV0Result>
  /** Follows NextToken until all items of the order are read. */
  getAllOrderItemsV0(orderId: string, restrictedDataToken?: string): Promise<OrderItemV0[]>
  getOrderAddressV0(orderId: string, restrictedDataToken?: string): Promise<OrderAddressV0>
  getOrderBuyerInfoV0(orderId: string, restrictedDataToken?: string): Promise<OrderBuyerInfoV0>
  /** POST /orders/v0/orders/{orderId}/shipmentConfirmation; resolves when Amazon answers 204. */
  confirmShipmentV0(orderId: string, payload: ConfirmShipmentRequest): Promise<void>
}

/**
 * Amazon's answer to a call whose RDT it no longer accepts (expired after its hour, revoked, or not matching):
 * 403 with Unauthorized or an invalid-token code. The transport does not renew the LWA token for it, because
 * the LWA token was not sent.
 */
function isRejectedRestrictedToken(error: unknown): boolean {
  return (
    isSpApiError(error) &&
    (error.httpStatus === 403 || error.httpStatus === 401) &&
    error.errors.some((amazonError) => /unauthorized|invalid.*token|token.*(expired|invalid)/i.test(amazonError.code))
  )
}

export function ordersV0Api(transport: SpApiTransport, restrictedTokens: RestrictedTokenRenewal): OrdersV0Api {
  const specs = ORDERS_V0_OPERATIONS

  /** Runs a PII call; a token Amazon stopped accepting is renewed once for its resources and the call repeated. */
  async function withRestrictedToken<T>(token: string | undefined, run: (token: string | undefined) => Promise<T>): Promise<T> {
    const sent = restrictedTokens.current(token)
    try {
      return await run(sent)
    } catch (error) {
      if (sent === undefined || !isRejectedRestrictedToken(error)) throw error
      const renewed = await restrictedTokens.renew(sent)
      if (renewed === null) throw error
      return run(renewed)
    }
  }

  const api: OrdersV0Api = {
    async getOrdersV0(params) {
      const spec = specs.getOrdersV0
      if (!params.marketplaceIds || params.marketplaceIds.length === 0) {
        throw transport.invalidRequest(spec, "MarketplaceIds is required")
      }
      transport.assertPageSize(spec, params.maxResultsPerPage)
      const query = {
        MarketplaceIds: params.marketplaceIds,
        CreatedAfter: isoOrUndefined(params.createdAfter),
        CreatedBefore: isoOrUndefined(params.createdBefore),
        LastUpdatedAfter: isoOrUndefined(params.lastUpdatedAfter),
        LastUpdatedBefore: isoOrUndefined(params.lastUpdatedBefore),
        OrderStatuses: nonEmpty(params.orderStatuses),
        FulfillmentChannels: nonEmpty(params.fulfillmentChannels),
        MaxResultsPerPage: params.maxResultsPerPage,
        NextToken: params.nextToken,
        AmazonOrderIds: nonEmpty(params.amazonOrderIds),
      }
      const response = await withRestrictedToken(params.restrictedDataToken, (restrictedDataToken) =>
        transport.call(spec, { query, restrictedDataToken }, GetOrdersV0ResponseSchema)
      )
      const { valid: orders, invalid } = splitByShape(response.payload.Orders, OrderV0Schema)
      return {
        orders,
        unreadableOrders: invalid.map(({ raw, fields, problem }) => ({
          raw,
          amazonOrderId: textField(fields.AmazonOrderId),
          purchaseDate: textField(fields.PurchaseDate),
          lastUpdateDate: textField(fields.LastUpdateDate),
          problem,
        })),
        nextToken: response.payload.NextToken || null,
        lastUpdatedBefore: response.payload.LastUpdatedBefore ?? null,
        createdBefore: response.payload.CreatedBefore ?? null,
      }
    },

    async getOrderV0(orderId, restrictedDataToken) {
      const spec = specs.getOrderV0
      const path = { orderId: transport.requireId(spec, orderId) }
      const response = await withRestrictedToken(restrictedDataToken, (token) =>
        transport.call(spec, { path, restrictedDataToken: token }, GetOrderV0ResponseSchema)
      )
      return response.payload
    },

    async getOrderItemsV0(orderId, nextToken, restrictedDataToken) {
      const spec = specs.getOrderItemsV0
      const path = { orderId: transport.requireId(spec, orderId) }
      const response = await withRestrictedToken(restrictedDataToken, (token) =>
        transport.call(spec, { path, query: { NextToken: nextToken }, restrictedDataToken: token }, GetOrderItemsV0ResponseSchema)
      )
      return {
        amazonOrderId: response.payload.AmazonOrderId,
        items: response.payload.OrderItems,
        nextToken: response.payload.NextToken || null,
      }
    },

    async getAllOrderItemsV0(orderId, restrictedDataToken) {
      const items: OrderItemV0[] = []
      let nextToken: string | undefined
      do {
        const page = await api.getOrderItemsV0(orderId, nextToken, restrictedDataToken)
        items.push(...page.items)
        nextToken = page.nextToken ?? undefined
      } while (nextToken)
      return items
    },

    async getOrderAddressV0(orderId, restrictedDataToken) {
      const spec = specs.getOrderAddressV0
      const path = { orderId: transport.requireId(spec, orderId) }
      const response = await withRestrictedToken(restrictedDataToken, (token) =>
        transport.call(spec, { path, restrictedDataToken: token }, GetOrderAddressV0ResponseSchema)
      )
      return response.payload
    },

    async getOrderBuyerInfoV0(orderId, restrictedDataToken) {
      const spec = specs.getOrderBuyerInfoV0
      const path = { orderId: transport.requireId(spec, orderId) }
      const response = await withRestrictedToken(restrictedDataToken, (token) =>
        transport.call(spec, { path, restrictedDataToken: token }, GetOrderBuyerInfoV0ResponseSchema)
      )
      return response.payload
    },

    async confirmShipmentV0(orderId, payload) {
      const spec = specs.confirmShipmentV0
      const body = ConfirmShipmentRequestSchema.safeParse(payload)
      if (!body.success) throw transport.invalidRequest(spec, summarizeIssues(body.error.issues))
      await transport.call(spec, { path: { orderId: transport.requireId(spec, orderId) }, body: body.data }, null)
    },
  }
  return api
}
