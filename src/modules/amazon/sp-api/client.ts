/**
 * The only code in the plugin that talks to Amazon's Selling Partner API.
 *
 * Transport is the amazon-sp-api library (URL building, query encoding, headers, LWA call), with:
 *  - an EndpointAgent routing its connections to the configured endpoints (simulator, sandbox, proxy);
 *  - its own throttling retries, remote-timeout retries and debug logging switched OFF, so that our
 *    RateLimiter and the retry policy below are the single source of truth and nothing secret is printed;
 *  - `raw_result`, so that WE read the HTTP status and headers (the library would keep only
 *    the first error of an answer and lose its status and rate-limit header).
 *
 * Every answer body is validated with zod before it leaves this file; every failure leaves as an
 * SpApiError with a merchant-readable sentence and without secrets.
 */
import { createHash } from "node:crypto"
import type { IncomingHttpHeaders } from "node:http"
import { SellingPartner } from "amazon-sp-api"
import type { z } from "@medusajs/framework/zod"
import type { SpApiCredentials } from "./types"
import { SpApiError, type AmazonApiError, type SpApiErrorCode } from "./errors"
import { SecretRedactor } from "./redaction"
import {
  RateLimitWaitTooLongError,
  sharedRateLimiter,
  systemClock,
  type Clock,
  type RateLimiter,
  type SpApiOperationKey,
} from "./rate-limiter"
import {
  AMAZON_TOKEN_URL,
  parseEndpointSetting,
  sharedEndpointAgent,
  type EndpointAgent,
  type EndpointRoutes,
} from "./endpoint-agent"
import { classifyThrown, type TransportProblem } from "./transport-errors"
import * as messages from "./merchant-messages"
import { ErrorListSchema } from "./schemas/common"
import {
  GetOrder2026ResponseSchema,
  SearchOrdersResponseSchema,
  type FulfillmentStatus2026Schema,
  Order2026Schema,
  type Order2026,
} from "./schemas/orders-2026"
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
import {
  CreateRestrictedDataTokenRequestSchema,
  CreateRestrictedDataTokenResponseSchema,
  LwaAccessTokenSchema,
  type RestrictedResource,
} from "./schemas/tokens"
import { INCLUDED_DATA_FOR_MAPPING } from "./mappers/orders-2026"

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

/** Medusa's logger fits; only single strings are passed, already redacted. */
export type SpApiLogger = {
  info(message: string): void
  warn(message: string): void
  error(message: string): void
}

export type SpApiClientOptions = {
  /** Speeds up rate-limit refills and retry back-off (tests, simulator); 1 in production. */
  timeScale?: number
  /** Retries after the first attempt for 429, 5xx and network failures. Default 4. */
  maxRetries?: number
  logger?: SpApiLogger
  /** Deadline of one HTTP request in real milliseconds. Default 30 000. */
  requestTimeoutMs?: number
  /** Defaults to the process-wide limiter for the time scale, shared by all clients. */
  rateLimiter?: RateLimiter
  /** Time source for back-off sleeps and token age; tests inject a fake one. */
  clock?: Clock
  /** Source of jitter in [0, 1); tests make it deterministic. */
  random?: () => number
}

export type DateInput = string | Date

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

export type RestrictedDataToken = { restrictedDataToken: string; expiresIn: number }

export type TestConnectionResult =
  | { ok: true; sellerId?: string; marketplaces?: string[] }
  | { ok: false; code: SpApiErrorCode; message: string }

export interface SpApiClient {
  searchOrders(params: SearchOrdersParams): Promise<SearchOrdersResult>
  getOrder2026(orderId: string, includedData?: OrdersIncludedData[]): Promise<Order2026>
  getOrdersV0(params: GetOrdersV0Params): Promise<GetOrdersV0Result>
  getOrderV0(orderId: string, restrictedDataToken?: string): Promise<OrderV0>
  getOrderItemsV0(orderId: string, nextToken?: string, restrictedDataToken?: string): Promise<GetOrderItemsV0Result>
  /** Follows NextToken until all items of the order are read. */
  getAllOrderItemsV0(orderId: string, restrictedDataToken?: string): Promise<OrderItemV0[]>
  getOrderAddressV0(orderId: string, restrictedDataToken?: string): Promise<OrderAddressV0>
  getOrderBuyerInfoV0(orderId: string, restrictedDataToken?: string): Promise<OrderBuyerInfoV0>
  createRestrictedDataToken(restrictedResources: RestrictedResource[], targetApplication?: string): Promise<RestrictedDataToken>
  /** POST /orders/v0/orders/{orderId}/shipmentConfirmation; resolves when Amazon answers 204. */
  confirmShipmentV0(orderId: string, payload: ConfirmShipmentRequest): Promise<void>
  /** Obtains a token and makes one cheap call; never throws. */
  testConnection(): Promise<TestConnectionResult>
}

/**
 * Checks each order of a page on its own: the valid ones come back typed, the others with what is wrong
 * (as a clause for a sentence, e.g. "orderItems.0.quantityOrdered: expected number"), so one bad order is
 * parked by the import instead of failing the other 99.
 */
function splitByShape<T>(raws: unknown[], schema: z.ZodType<T>) {
  const valid: T[] = []
  const invalid: Array<{ raw: unknown; fields: Record<string, unknown>; problem: string }> = []
  for (const raw of raws) {
    const parsed = schema.safeParse(raw)
    if (parsed.success) {
      valid.push(parsed.data)
      continue
    }
    invalid.push({
      raw,
      fields: raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {},
      problem: parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join(".") || "order"}: ${issue.message}`)
        .join("; "),
    })
  }
  return { valid, invalid }
}

function textField(value: unknown): string | null {
  return typeof value === "string" && value ? value : null
}

// ---------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------

type OperationSpec = {
  key: SpApiOperationKey
  /** Amazon's operationId, used in messages and in the library call. */
  amazonName: string
  /** The library's endpoint (API section) and version. */
  libraryEndpoint: "orders" | "tokens"
  version: "v0" | "2026-01-01" | "2021-03-01"
}

const OPERATIONS: Record<SpApiOperationKey, OperationSpec> = {
  searchOrders: { key: "searchOrders", amazonName: "searchOrders", libraryEndpoint: "orders", version: "2026-01-01" },
  getOrder2026: { key: "getOrder2026", amazonName: "getOrder", libraryEndpoint: "orders", version: "2026-01-01" },
  getOrdersV0: { key: "getOrdersV0", amazonName: "getOrders", libraryEndpoint: "orders", version: "v0" },
  getOrderV0: { key: "getOrderV0", amazonName: "getOrder", libraryEndpoint: "orders", version: "v0" },
  getOrderItemsV0: { key: "getOrderItemsV0", amazonName: "getOrderItems", libraryEndpoint: "orders", version: "v0" },
  getOrderAddressV0: { key: "getOrderAddressV0", amazonName: "getOrderAddress", libraryEndpoint: "orders", version: "v0" },
  getOrderBuyerInfoV0: { key: "getOrderBuyerInfoV0", amazonName: "getOrderBuyerInfo", libraryEndpoint: "orders", version: "v0" },
  confirmShipmentV0: { key: "confirmShipmentV0", amazonName: "confirmShipment", libraryEndpoint: "orders", version: "v0" },
  createRestrictedDataToken: {
    key: "createRestrictedDataToken",
    amazonName: "createRestrictedDataToken",
    libraryEndpoint: "tokens",
    version: "2021-03-01",
  },
}

type OperationRequest = {
  path?: Record<string, string>
  query?: Record<string, string | number | string[] | undefined>
  body?: unknown
  restrictedDataToken?: string
}

type CallOverrides = {
  maxRetries?: number
  /** Give up instead of waiting longer than this for the rate limiter (interactive calls). */
  maxRateLimitWaitMs?: number
}

// ---------------------------------------------------------------------------------------------
// Library surface we use (its own typings do not describe raw_result)
// ---------------------------------------------------------------------------------------------

type LibraryCallParams = {
  operation: string
  endpoint: string
  path?: Record<string, string>
  query?: Record<string, unknown>
  body?: unknown
  restricted_data_token?: string
  options: { version: string; raw_result: true }
}

type LibraryRawResponse = {
  statusCode: number
  headers: IncomingHttpHeaders
  chunks: Buffer[]
}

type LibrarySellingPartner = {
  callAPI(params: LibraryCallParams): Promise<unknown>
  refreshAccessToken(): Promise<void>
  readonly access_token: string | undefined
}

type LibraryConstructor = new (config: Record<string, unknown>) => LibrarySellingPartner

// ---------------------------------------------------------------------------------------------
// Policy constants
// ---------------------------------------------------------------------------------------------

const DEFAULT_MAX_RETRIES = 4
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000
/** First back-off step before time scaling; doubles per retry. */
const BASE_RETRY_DELAY_MS = 1_000
const MAX_RETRY_DELAY_MS = 30_000
/** LWA access tokens live one hour; renew a little early so none expires mid-request. */
const ACCESS_TOKEN_RENEW_AFTER_MS = 50 * 60 * 1000
/** The connection test answers a person waiting in admin: few retries, no long rate-limit waits. */
const TEST_CONNECTION_MAX_RETRIES = 1
const TEST_CONNECTION_MAX_RATE_LIMIT_WAIT_MS = 10_000
const USER_AGENT = `medusa-plugin-amazon (Language=Node.js/${process.version})`

// ---------------------------------------------------------------------------------------------
// Client
// ---------------------------------------------------------------------------------------------

export function createSpApiClient(credentials: SpApiCredentials, options: SpApiClientOptions = {}): SpApiClient {
  return new SellingPartnerApiClient(credentials, options)
}

/** What one attempt produced: a value, or a failure with what to do about it. */
type AttemptOutcome<T> =
  | { kind: "success"; value: T }
  | {
      kind: "failure"
      /** "backoff": wait and try again; "renew-token": get a new access token and retry at once; "stop". */
      next: "backoff" | "renew-token" | "stop"
      /** Short description for the retry log line, e.g. "HTTP 503" or "ECONNREFUSED". */
      summary: string
      /** Builds the final error once we know how many attempts were made. */
      toError(attempts: number): SpApiError
    }

class SellingPartnerApiClient implements SpApiClient {
  private readonly timeScale: number
  private readonly maxRetries: number
  private readonly requestTimeoutMs: number
  private readonly logger: SpApiLogger | null
  private readonly clock: Clock
  private readonly random: () => number
  private readonly rateLimiter: RateLimiter
  private readonly redactor: SecretRedactor
  private readonly accountKey: string
  private readonly spApiUrl: string
  private readonly tokenUrl: string

  /** Set when the settings cannot work; every call then fails with it, without any network traffic. */
  private readonly configurationError: SpApiError | null
  private readonly library: LibrarySellingPartner | null
  private accessTokenObtainedAt: number | null = null
  /** Single flight: concurrent calls wait for the same LWA request. */
  private accessTokenRequest: Promise<TransportProblem | null> | null = null

  constructor(credentials: SpApiCredentials, options: SpApiClientOptions) {
    this.timeScale = options.timeScale && options.timeScale > 0 ? options.timeScale : 1
    this.maxRetries = Math.max(0, Math.floor(options.maxRetries ?? DEFAULT_MAX_RETRIES))
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS
    this.logger = options.logger ?? null
    this.clock = options.clock ?? systemClock
    this.random = options.random ?? Math.random
    this.rateLimiter = options.rateLimiter ?? sharedRateLimiter(this.timeScale)
    this.redactor = new SecretRedactor([credentials.clientSecret, credentials.refreshToken])
    this.accountKey = credentials.accountKey?.trim() || anonymousAccountKey(credentials)
    this.spApiUrl = credentials.endpoint?.trim() || `https://sellingpartnerapi-${credentials.region}.amazon.com`
    this.tokenUrl = credentials.tokenEndpoint?.trim() || AMAZON_TOKEN_URL

    let configurationError: SpApiError | null = null
    let library: LibrarySellingPartner | null = null
    try {
      assertUsableCredentials(credentials)
      const routes: EndpointRoutes = {
        spApi: parseEndpointSetting(credentials.endpoint, "API endpoint"),
        token: parseEndpointSetting(credentials.tokenEndpoint, "token endpoint"),
      }
      library = this.createLibrary(credentials, sharedEndpointAgent(routes))
    } catch (error) {
      configurationError =
        error instanceof SpApiError
          ? error
          : new SpApiError({
              code: "INVALID_CONFIGURATION",
              operation: "configuration",
              merchantMessage:
                "The Amazon connection settings could not be used. Check region, LWA client ID, client secret and refresh token in Settings → Amazon.",
              detail: this.redactor.redact(describeUnknown(error)),
            })
    }
    this.configurationError = configurationError
    this.library = library
  }

  private createLibrary(credentials: SpApiCredentials, agent: EndpointAgent): LibrarySellingPartner {
    const Library = SellingPartner as unknown as LibraryConstructor
    return new Library({
      region: credentials.region,
      refresh_token: credentials.refreshToken,
      credentials: {
        SELLING_PARTNER_APP_CLIENT_ID: credentials.clientId,
        SELLING_PARTNER_APP_CLIENT_SECRET: credentials.clientSecret,
      },
      options: {
        // We fetch and renew tokens ourselves (single flight, renewal before expiry, typed errors).
        auto_request_tokens: false,
        // Our RateLimiter + retry policy decide about throttling; the library must not retry on its own.
        auto_request_throttled: false,
        // Its remote-timeout retry loops without waiting unless debug logging is on; we retry instead.
        retry_remote_timeout: false,
        // Its debug log prints whole requests including access tokens.
        debug_log: false,
        use_sandbox: false,
        only_grantless_operations: false,
        // Never silently call an older API version than the one we parse.
        version_fallback: false,
        https_proxy_agent: agent,
        // Only the deadline: the library clears it on every outcome (its response timer would linger).
        timeouts: { deadline: this.requestTimeoutMs },
        user_agent: USER_AGENT,
      },
    })
  }

  // ----- public operations --------------------------------------------------------------------

  async searchOrders(params: SearchOrdersParams): Promise<SearchOrdersResult> {
    const spec = OPERATIONS.searchOrders
    const hasCreated = params.createdAfter !== undefined
    const hasUpdated = params.lastUpdatedAfter !== undefined
    if (hasCreated === hasUpdated) {
      throw this.invalidRequest(spec, "exactly one of createdAfter and lastUpdatedAfter is required")
    }
    if ((hasCreated && params.lastUpdatedBefore !== undefined) || (hasUpdated && params.createdBefore !== undefined)) {
      throw this.invalidRequest(spec, "created… and lastUpdated… filters cannot be combined")
    }
    assertPageSize(this, spec, params.maxResultsPerPage)
    const response = await this.execute(
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
    const unreadableOrders: UnreadableOrder2026[] = invalid.map(({ raw, fields, problem }) => ({
      raw,
      orderId: textField(fields.orderId),
      createdTime: textField(fields.createdTime),
      lastUpdatedTime: textField(fields.lastUpdatedTime),
      problem,
    }))
    return {
      orders,
      unreadableOrders,
      nextToken: response.pagination?.nextToken || null,
      lastUpdatedBefore: response.lastUpdatedBefore ?? null,
      createdBefore: response.createdBefore ?? null,
    }
  }

  async getOrder2026(orderId: string, includedData?: OrdersIncludedData[]): Promise<Order2026> {
    const spec = OPERATIONS.getOrder2026
    const response = await this.execute(
      spec,
      {
        path: { orderId: this.requireId(spec, orderId) },
        query: { includedData: nonEmpty(includedData ?? [...INCLUDED_DATA_FOR_MAPPING]) },
      },
      GetOrder2026ResponseSchema
    )
    return response.order
  }

  async getOrdersV0(params: GetOrdersV0Params): Promise<GetOrdersV0Result> {
    const spec = OPERATIONS.getOrdersV0
    if (!params.marketplaceIds || params.marketplaceIds.length === 0) {
      throw this.invalidRequest(spec, "MarketplaceIds is required")
    }
    assertPageSize(this, spec, params.maxResultsPerPage)
    const response = await this.execute(
      spec,
      {
        query: {
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
        },
        restrictedDataToken: params.restrictedDataToken,
      },
      GetOrdersV0ResponseSchema
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
  }

  async getOrderV0(orderId: string, restrictedDataToken?: string): Promise<OrderV0> {
    const spec = OPERATIONS.getOrderV0
    const response = await this.execute(
      spec,
      { path: { orderId: this.requireId(spec, orderId) }, restrictedDataToken },
      GetOrderV0ResponseSchema
    )
    return response.payload
  }

  async getOrderItemsV0(orderId: string, nextToken?: string, restrictedDataToken?: string): Promise<GetOrderItemsV0Result> {
    const spec = OPERATIONS.getOrderItemsV0
    const response = await this.execute(
      spec,
      { path: { orderId: this.requireId(spec, orderId) }, query: { NextToken: nextToken }, restrictedDataToken },
      GetOrderItemsV0ResponseSchema
    )
    return {
      amazonOrderId: response.payload.AmazonOrderId,
      items: response.payload.OrderItems,
      nextToken: response.payload.NextToken || null,
    }
  }

  async getAllOrderItemsV0(orderId: string, restrictedDataToken?: string): Promise<OrderItemV0[]> {
    const items: OrderItemV0[] = []
    let nextToken: string | undefined
    do {
      const page = await this.getOrderItemsV0(orderId, nextToken, restrictedDataToken)
      items.push(...page.items)
      nextToken = page.nextToken ?? undefined
    } while (nextToken)
    return items
  }

  async getOrderAddressV0(orderId: string, restrictedDataToken?: string): Promise<OrderAddressV0> {
    const spec = OPERATIONS.getOrderAddressV0
    const response = await this.execute(
      spec,
      { path: { orderId: this.requireId(spec, orderId) }, restrictedDataToken },
      GetOrderAddressV0ResponseSchema
    )
    return response.payload
  }

  async getOrderBuyerInfoV0(orderId: string, restrictedDataToken?: string): Promise<OrderBuyerInfoV0> {
    const spec = OPERATIONS.getOrderBuyerInfoV0
    const response = await this.execute(
      spec,
      { path: { orderId: this.requireId(spec, orderId) }, restrictedDataToken },
      GetOrderBuyerInfoV0ResponseSchema
    )
    return response.payload
  }

  async createRestrictedDataToken(
    restrictedResources: RestrictedResource[],
    targetApplication?: string
  ): Promise<RestrictedDataToken> {
    const spec = OPERATIONS.createRestrictedDataToken
    const body = CreateRestrictedDataTokenRequestSchema.safeParse({ restrictedResources, targetApplication })
    if (!body.success) throw this.invalidRequest(spec, summarizeIssues(body.error.issues))
    const response = await this.execute(spec, { body: body.data }, CreateRestrictedDataTokenResponseSchema)
    // An RDT opens buyer PII: it must never show up in a log line or error from now on.
    this.redactor.add(response.restrictedDataToken)
    return { restrictedDataToken: response.restrictedDataToken, expiresIn: response.expiresIn }
  }

  async confirmShipmentV0(orderId: string, payload: ConfirmShipmentRequest): Promise<void> {
    const spec = OPERATIONS.confirmShipmentV0
    const body = ConfirmShipmentRequestSchema.safeParse(payload)
    if (!body.success) throw this.invalidRequest(spec, summarizeIssues(body.error.issues))
    await this.execute(spec, { path: { orderId: this.requireId(spec, orderId) }, body: body.data }, null)
  }

  async testConnection(): Promise<TestConnectionResult> {
    try {
      const oneDayAgo = new Date(this.clock.now() - 24 * 60 * 60 * 1000)
      const response = await this.execute(
        OPERATIONS.searchOrders,
        { query: { createdAfter: oneDayAgo.toISOString(), maxResultsPerPage: 1 } },
        SearchOrdersResponseSchema,
        { maxRetries: Math.min(this.maxRetries, TEST_CONNECTION_MAX_RETRIES), maxRateLimitWaitMs: TEST_CONNECTION_MAX_RATE_LIMIT_WAIT_MS }
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
      if (error instanceof SpApiError) return { ok: false, code: error.code, message: error.merchantMessage }
      this.log("error", `Amazon SP-API connection test failed unexpectedly: ${describeUnknown(error)}`)
      return {
        ok: false,
        code: "INVALID_CONFIGURATION",
        message: "The connection test failed unexpectedly. Check the settings in Settings → Amazon and the server log.",
      }
    }
  }

  // ----- the request loop ---------------------------------------------------------------------

  /**
   * Runs one operation with rate limiting and the retry policy; returns the zod-validated body
   * (undefined when `schema` is null, i.e. a 204 is expected).
   */
  private async execute<T>(spec: OperationSpec, request: OperationRequest, schema: z.ZodType<T>, overrides?: CallOverrides): Promise<T>
  private async execute(spec: OperationSpec, request: OperationRequest, schema: null, overrides?: CallOverrides): Promise<void>
  private async execute<T>(
    spec: OperationSpec,
    request: OperationRequest,
    schema: z.ZodType<T> | null,
    overrides: CallOverrides = {}
  ): Promise<T | void> {
    if (this.configurationError || !this.library) throw this.configurationError ?? this.invalidRequest(spec, "no client")
    const maxRetries = overrides.maxRetries ?? this.maxRetries
    let retriesUsed = 0
    let tokenRenewedForThisCall = false

    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(spec, request, schema, overrides)
      if (outcome.kind === "success") return outcome.value

      if (outcome.next === "renew-token" && !tokenRenewedForThisCall) {
        // An expired token is not Amazon failing: renew once and repeat at once, outside the retry budget.
        tokenRenewedForThisCall = true
        this.accessTokenObtainedAt = null
        this.log("info", `Amazon SP-API ${spec.amazonName}: access token expired; getting a new one.`)
        continue
      }
      if (outcome.next !== "backoff" || retriesUsed >= maxRetries) {
        const error = outcome.toError(attempt)
        this.log("error", `Amazon SP-API ${spec.amazonName} failed (${error.code}): ${error.merchantMessage}`)
        throw error
      }
      retriesUsed++
      const delayMs = this.backoffDelayMs(retriesUsed)
      this.log(
        "warn",
        `Amazon SP-API ${spec.amazonName}: ${outcome.summary}; retry ${retriesUsed}/${maxRetries} in ${(delayMs / 1000).toFixed(2)} s.`
      )
      await this.clock.sleep(delayMs)
    }
  }

  private async attempt<T>(
    spec: OperationSpec,
    request: OperationRequest,
    schema: z.ZodType<T> | null,
    overrides: CallOverrides
  ): Promise<AttemptOutcome<T | void>> {
    const token = await this.ensureAccessToken(spec)
    if (token.kind === "failure") return token

    try {
      await this.rateLimiter.acquire(this.accountKey, spec.key, { maxWaitMs: overrides.maxRateLimitWaitMs })
    } catch (error) {
      if (!(error instanceof RateLimitWaitTooLongError)) throw error
      const waitSeconds = Math.ceil(error.waitMilliseconds / 1000)
      return this.stop(spec, "THROTTLED", messages.rateLimitBusyMessage(spec.amazonName, waitSeconds), {
        detail: `local rate limit: next ${spec.amazonName} allowed in ${waitSeconds} s`,
      })
    }

    let raw: LibraryRawResponse
    try {
      const result = await this.library!.callAPI({
        operation: spec.amazonName,
        endpoint: spec.libraryEndpoint,
        path: request.path ? { ...request.path } : undefined,
        query: request.query ? withoutUndefined(request.query) : undefined,
        body: request.body,
        restricted_data_token: request.restrictedDataToken,
        options: { version: spec.version, raw_result: true },
      })
      raw = asRawResponse(result)
    } catch (error) {
      return this.transportFailure(spec, "sp-api", classifyThrown(error))
    }
    return this.interpret(spec, raw, schema)
  }

  /** Turns an HTTP answer into success or a failure with the right code and next step. */
  private interpret<T>(spec: OperationSpec, raw: LibraryRawResponse, schema: z.ZodType<T> | null): AttemptOutcome<T | void> {
    const status = raw.statusCode
    const requestId = headerValue(raw.headers, "x-amzn-requestid")
    this.rateLimiter.updateRateFromHeader(this.accountKey, spec.key, raw.headers["x-amzn-ratelimit-limit"])
    const text = Buffer.concat(raw.chunks).toString("utf8")
    const common = { httpStatus: status, requestId }

    if (status >= 200 && status < 300) {
      if (schema === null) return { kind: "success", value: undefined }
      let json: unknown
      try {
        json = JSON.parse(text)
      } catch {
        return this.stop(spec, "MALFORMED_RESPONSE", messages.malformedJsonMessage(spec.amazonName), {
          ...common,
          detail: `HTTP ${status}, ${text.length} characters, content-type ${headerValue(raw.headers, "content-type") ?? "none"}`,
        })
      }
      const parsed = schema.safeParse(json)
      if (!parsed.success) {
        return this.stop(spec, "MALFORMED_RESPONSE", messages.malformedShapeMessage(spec.amazonName), {
          ...common,
          detail: summarizeIssues(parsed.error.issues),
        })
      }
      return { kind: "success", value: parsed.data }
    }

    const errors = this.amazonErrorsIn(text)
    const amazonSays = errors[0] ? `${errors[0].code}: ${errors[0].message}` : `HTTP ${status}`

    if (status === 429) {
      this.rateLimiter.recordThrottled(this.accountKey, spec.key)
      return this.retryable(`HTTP 429 (${amazonSays})`, (attempts) =>
        this.error(spec, "THROTTLED", messages.throttledMessage(spec.amazonName, attempts - 1), { ...common, errors, attempts })
      )
    }
    if (status >= 500) {
      return this.retryable(`HTTP ${status}`, (attempts) =>
        this.error(spec, "SERVER_ERROR", messages.serverErrorMessage(spec.amazonName, status, attempts - 1), {
          ...common,
          errors,
          attempts,
        })
      )
    }
    if (status === 401 || (status === 403 && isExpiredTokenAnswer(errors))) {
      return {
        kind: "failure",
        next: "renew-token",
        summary: `HTTP ${status} (${amazonSays})`,
        toError: (attempts) =>
          status === 401
            ? this.error(spec, "AUTH_FAILED", messages.accessTokenRejectedMessage(spec.amazonName), { ...common, errors, attempts })
            : this.error(spec, "ACCESS_DENIED", messages.accessDeniedMessage(spec.amazonName, errors), { ...common, errors, attempts }),
      }
    }
    if (status === 403) {
      return this.stop(spec, "ACCESS_DENIED", messages.accessDeniedMessage(spec.amazonName, errors), { ...common, errors })
    }
    if (status >= 400) {
      return this.stop(spec, "AMAZON_REJECTED", messages.rejectedMessage(spec.amazonName, status, errors), { ...common, errors })
    }
    // 1xx / 3xx: not something Amazon does; usually a misconfigured endpoint (redirecting proxy, web server).
    return this.stop(spec, "MALFORMED_RESPONSE", messages.unexpectedStatusMessage(spec.amazonName, status), common)
  }

  private amazonErrorsIn(text: string): AmazonApiError[] {
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      return []
    }
    const parsed = ErrorListSchema.safeParse(json)
    if (!parsed.success || !parsed.data.errors) return []
    return parsed.data.errors.map((error) => ({
      code: this.redactor.redact(error.code),
      message: this.redactor.redact(error.message ?? ""),
      ...(error.details ? { details: this.redactor.redact(error.details) } : {}),
    }))
  }

  // ----- access token -------------------------------------------------------------------------

  /** Makes sure the library holds a fresh LWA access token; concurrent callers share one request. */
  private async ensureAccessToken(spec: OperationSpec): Promise<AttemptOutcome<void>> {
    const obtainedAt = this.accessTokenObtainedAt
    if (obtainedAt !== null && this.clock.now() - obtainedAt < ACCESS_TOKEN_RENEW_AFTER_MS) {
      return { kind: "success", value: undefined }
    }
    if (!this.accessTokenRequest) {
      this.accessTokenRequest = this.requestAccessToken().finally(() => {
        this.accessTokenRequest = null
      })
    }
    const problem = await this.accessTokenRequest
    // Each waiting caller reports the failure under its own operation.
    return problem === null ? { kind: "success", value: undefined } : this.transportFailure(spec, "token", problem)
  }

  /** One LWA exchange through the library; null on success, otherwise what went wrong. */
  private async requestAccessToken(): Promise<TransportProblem | null> {
    const library = this.library!
    try {
      await library.refreshAccessToken()
    } catch (error) {
      return classifyThrown(error)
    }
    const token = LwaAccessTokenSchema.safeParse(library.access_token)
    if (!token.success) return { kind: "lwa-malformed" }
    this.redactor.add(token.data)
    this.accessTokenObtainedAt = this.clock.now()
    this.log("info", `Amazon SP-API: obtained an access token from ${this.tokenUrl}.`)
    return null
  }

  // ----- failures -----------------------------------------------------------------------------

  private transportFailure(spec: OperationSpec, kind: messages.EndpointKind, problem: TransportProblem): AttemptOutcome<never> {
    const url = kind === "token" ? this.tokenUrl : this.spApiUrl
    const requestName = kind === "token" ? "the access token request" : spec.amazonName
    switch (problem.kind) {
      case "lwa-auth":
        return this.stop(spec, "AUTH_FAILED", messages.authFailedMessage(problem.lwaCode), {
          errors: [{ code: problem.lwaCode, message: this.redactor.redact(problem.description || "Login with Amazon refused the credentials") }],
        })
      case "lwa-unavailable":
        return this.retryable(`LWA ${problem.lwaCode}`, (attempts) =>
          this.error(spec, "SERVER_ERROR", messages.serverErrorMessage(requestName, null, attempts - 1, "token"), {
            attempts,
            errors: [{ code: problem.lwaCode, message: "Login with Amazon is temporarily unavailable" }],
          })
        )
      case "lwa-malformed":
        return this.retryable("unusable LWA answer", (attempts) =>
          this.error(spec, "MALFORMED_RESPONSE", messages.malformedJsonMessage(requestName, "token"), {
            attempts,
            detail: "the LWA answer was not JSON or had no usable access_token",
          })
        )
      case "timeout":
        return this.retryable(`no answer within ${this.requestTimeoutMs} ms`, (attempts) =>
          this.error(
            spec,
            "TIMEOUT",
            messages.timeoutMessage(kind, url, requestName, Math.max(1, Math.round(this.requestTimeoutMs / 1000)), attempts - 1),
            { attempts, detail: problem.code }
          )
        )
      case "network": {
        const build = (attempts: number) =>
          this.error(spec, "UNREACHABLE", messages.unreachableMessage(kind, url, problem.reason), { attempts, detail: problem.code })
        return problem.retryable
          ? this.retryable(`${problem.code} (${url})`, build)
          : { kind: "failure", next: "stop", summary: problem.code, toError: build }
      }
      case "unknown":
        // The library refused our parameters, or something we did not foresee: a bug, not Amazon.
        return this.stop(
          spec,
          "INVALID_REQUEST",
          messages.invalidRequestMessage(spec.amazonName, problem.code ?? "unexpected error"),
          { detail: this.redactor.redact(problem.message).slice(0, 500) }
        )
    }
  }

  private retryable(summary: string, toError: (attempts: number) => SpApiError): AttemptOutcome<never> {
    return { kind: "failure", next: "backoff", summary: this.redactor.redact(summary), toError }
  }

  private stop(
    spec: OperationSpec,
    code: SpApiErrorCode,
    merchantMessage: string,
    extra: { httpStatus?: number; requestId?: string | null; errors?: AmazonApiError[]; detail?: string } = {}
  ): AttemptOutcome<never> {
    return {
      kind: "failure",
      next: "stop",
      summary: code,
      toError: (attempts) => this.error(spec, code, merchantMessage, { ...extra, attempts }),
    }
  }

  private error(
    spec: OperationSpec,
    code: SpApiErrorCode,
    merchantMessage: string,
    extra: { httpStatus?: number; requestId?: string | null; errors?: AmazonApiError[]; detail?: string; attempts?: number }
  ): SpApiError {
    return new SpApiError({
      code,
      operation: spec.amazonName,
      merchantMessage: this.redactor.redact(merchantMessage),
      httpStatus: extra.httpStatus ?? null,
      errors: extra.errors ?? [],
      requestId: extra.requestId ?? null,
      attempts: extra.attempts ?? 1,
      detail: extra.detail !== undefined ? this.redactor.redact(extra.detail) : null,
    })
  }

  /** Thrown synchronously-in-promise for requests our own code built wrongly; never reaches Amazon. */
  invalidRequest(spec: OperationSpec, reason: string): SpApiError {
    return this.error(spec, "INVALID_REQUEST", messages.invalidRequestMessage(spec.amazonName, reason), { detail: reason })
  }

  private requireId(spec: OperationSpec, orderId: string): string {
    if (typeof orderId !== "string" || orderId.trim() === "") throw this.invalidRequest(spec, "the order ID is empty")
    return orderId.trim()
  }

  // ----- helpers ------------------------------------------------------------------------------

  /** Exponential back-off with jitter (half fixed, half random) so that parallel syncs spread out. */
  private backoffDelayMs(retryNumber: number): number {
    const exponential = Math.min(BASE_RETRY_DELAY_MS * 2 ** (retryNumber - 1), MAX_RETRY_DELAY_MS)
    const jittered = exponential / 2 + this.random() * (exponential / 2)
    return jittered / this.timeScale
  }

  private log(level: keyof SpApiLogger, message: string): void {
    if (!this.logger) return
    try {
      this.logger[level](this.redactor.redact(message))
    } catch {
      // A broken logger must not break a sync.
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Module helpers
// ---------------------------------------------------------------------------------------------

function assertUsableCredentials(credentials: SpApiCredentials): void {
  const problem = (merchantMessage: string) =>
    new SpApiError({ code: "INVALID_CONFIGURATION", operation: "configuration", merchantMessage })
  if (!["na", "eu", "fe"].includes(credentials.region)) {
    throw problem(`The region "${credentials.region}" is not one of na, eu or fe. Choose the region of the seller account in Settings → Amazon.`)
  }
  if (!credentials.clientId?.trim()) throw problem("The LWA client ID is empty. Enter it in Settings → Amazon.")
  if (!credentials.clientSecret?.trim()) throw problem("The LWA client secret is empty. Enter it in Settings → Amazon.")
  if (!credentials.refreshToken?.trim()) throw problem("The refresh token is empty. Enter it in Settings → Amazon.")
}

/**
 * Identity of the seller account for rate limiting when the caller gives none: a one-way hash of
 * the LWA grant, so that the secret itself is never used as a map key or printed.
 */
function anonymousAccountKey(credentials: SpApiCredentials): string {
  const digest = createHash("sha256").update(`${credentials.clientId}\u0000${credentials.refreshToken}`).digest("hex")
  return `lwa:${digest.slice(0, 24)}`
}

function assertPageSize(client: SellingPartnerApiClient, spec: OperationSpec, size: number | undefined): void {
  if (size === undefined) return
  if (!Number.isInteger(size) || size < 1 || size > 100) {
    throw client.invalidRequest(spec, "maxResultsPerPage must be a whole number from 1 to 100")
  }
}

function isoOrUndefined(value: DateInput | undefined): string | undefined {
  if (value === undefined) return undefined
  return value instanceof Date ? value.toISOString() : value
}

/** Empty filter lists are left out: Amazon treats `marketplaceIds=` as an invalid value, not as "all". */
function nonEmpty<T>(values: readonly T[] | undefined): T[] | undefined {
  return values && values.length > 0 ? [...values] : undefined
}

function withoutUndefined(query: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined))
}

function asRawResponse(value: unknown): LibraryRawResponse {
  const candidate = value as Partial<LibraryRawResponse> | null
  if (!candidate || typeof candidate.statusCode !== "number" || !Array.isArray(candidate.chunks)) {
    // Only possible if the library changes its raw_result contract.
    throw Object.assign(new Error("amazon-sp-api returned no raw response"), { code: "LIBRARY_CONTRACT" })
  }
  return { statusCode: candidate.statusCode, headers: candidate.headers ?? {}, chunks: candidate.chunks }
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name]
  if (Array.isArray(value)) return value[0] ?? null
  return value ?? null
}

/** Amazon's answer when the access token has expired: 403 Unauthorized, "The access token you provided has expired." */
function isExpiredTokenAnswer(errors: AmazonApiError[]): boolean {
  return errors.some(
    (error) =>
      /unauthorized|invalidaccesstoken/i.test(error.code) &&
      /access token.*(expired|invalid)|expired.*token/i.test(`${error.message} ${error.details ?? ""}`)
  )
}

/** First few zod issues as "path: message"; zod messages name types, not the (possibly personal) values. */
function summarizeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  const shown = issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join(".") || "(root)"}: ${issue.message}`)
    .join("; ")
  return issues.length > 3 ? `${shown}; and ${issues.length - 3} more` : shown
}

function describeUnknown(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`
  return String(error)
}
