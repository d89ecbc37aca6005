/**
 * The client against a local HTTP server, reached exactly as in production: through the
 * amazon-sp-api library and the EndpointAgent (so requests carry Amazon's Host header).
 */
import { createSpApiClient, type SpApiClient, type SpApiClientOptions } from "../client"
import { closeIdleSpApiConnections } from "../endpoint-agent"
import { SpApiError } from "../errors"
import { RateLimiter } from "../rate-limiter"
import type { SpApiCredentials } from "../types"
import { FakeAmazon, json, TEST_ACCESS_TOKEN } from "./helpers/fake-amazon"
import * as orders2026 from "./fixtures/orders-2026"
import * as ordersV0 from "./fixtures/orders-v0"

const CLIENT_SECRET = "amzn1.oa2-cs.v1.3f9c0c2d5e8a4b7f9e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d0c1b2a3f4"
const REFRESH_TOKEN = "Atzr|IwEBIRefreshTokenThatMustNeverBeLogged0123456789"
const RESTRICTED_DATA_TOKEN = "Atz.sprdt|AYABeRestrictedDataTokenForTests42"
const SECRETS = [CLIENT_SECRET, REFRESH_TOKEN, TEST_ACCESS_TOKEN, RESTRICTED_DATA_TOKEN]

const SEARCH_PATH = /^\/orders\/2026-01-01\/orders$/
const TOKEN_PATH = /^\/auth\/o2\/token$/

/** Everything any client or error in this file produced, checked for secrets at the end. */
const everythingObserved: string[] = []

function capturingLogger() {
  const lines: { level: string; message: string }[] = []
  const record = (level: string) => (message: string) => {
    lines.push({ level, message })
    everythingObserved.push(message)
  }
  return { lines, logger: { info: record("info"), warn: record("warn"), error: record("error") } }
}

async function caught(promise: Promise<unknown>): Promise<SpApiError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(SpApiError)
    everythingObserved.push(JSON.stringify(error), String((error as Error).stack))
    return error as SpApiError
  }
  throw new Error("expected the call to fail")
}

describe("createSpApiClient against a local Amazon", () => {
  let fake: FakeAmazon
  let accountNumber = 0

  beforeEach(async () => {
    fake = await new FakeAmazon().start()
  })
  afterEach(async () => {
    closeIdleSpApiConnections()
    await fake.stop()
  })
  afterAll(() => {
    // No secret may ever reach a log line, an error message, an error's JSON or its stack.
    const observed = everythingObserved.join("\n")
    expect(observed.length).toBeGreaterThan(1000)
    for (const secret of SECRETS) expect(observed).not.toContain(secret)
  })

  function credentials(overrides: Partial<SpApiCredentials> = {}): SpApiCredentials {
    accountNumber++
    return {
      region: "na",
      clientId: "amzn1.application-oa2-client.0123456789abcdef",
      clientSecret: CLIENT_SECRET,
      refreshToken: REFRESH_TOKEN,
      endpoint: fake.url,
      tokenEndpoint: `${fake.url}/auth/o2/token`,
      // A fresh account per test: the shared rate-limit buckets of one test must not slow the next.
      accountKey: `test-account-${accountNumber}`,
      ...overrides,
    }
  }

  function client(overrides: Partial<SpApiCredentials> = {}, options: SpApiClientOptions = {}) {
    const { logger, lines } = capturingLogger()
    const spApi: SpApiClient = createSpApiClient(credentials(overrides), {
      timeScale: 1000,
      maxRetries: 4,
      logger,
      rateLimiter: new RateLimiter({ timeScale: 1000 }),
      ...options,
    })
    return { spApi, logLines: lines }
  }

  const searchAnswer = { orders: [orders2026.usTaxOnTop2026], pagination: { nextToken: "page-2" }, lastUpdatedBefore: "2025-03-03T19:00:00Z" }

  it("gets a token from the token endpoint, then calls searchOrders with Amazon's Host header", async () => {
    fake.on("GET", SEARCH_PATH, json(200, searchAnswer, { "x-amzn-RateLimit-Limit": "0.0056", "x-amzn-RequestId": "req-1" }))
    const { spApi, logLines } = client()

    const result = await spApi.searchOrders({
      lastUpdatedAfter: new Date("2025-03-01T00:00:00Z"),
      marketplaceIds: ["ATVPDKIKX0DER", "A2EUQ1WTGCTBG2"],
      maxResultsPerPage: 50,
    })

    expect(result.orders.map((order) => order.orderId)).toEqual(["113-5926331-5834609"])
    expect(result.nextToken).toBe("page-2")
    expect(result.lastUpdatedBefore).toBe("2025-03-03T19:00:00Z")

    const [tokenRequest] = fake.requestsTo(TOKEN_PATH)
    expect(tokenRequest.host).toBe("api.amazon.com")
    expect(tokenRequest.method).toBe("POST")
    expect(JSON.parse(tokenRequest.body)).toMatchObject({ grant_type: "refresh_token", client_id: "amzn1.application-oa2-client.0123456789abcdef" })

    const [search] = fake.requestsTo(SEARCH_PATH)
    expect(search.host).toBe("sellingpartnerapi-na.amazon.com")
    expect(search.headers["x-amz-access-token"]).toBe(TEST_ACCESS_TOKEN)
    expect(search.query.get("lastUpdatedAfter")).toBe("2025-03-01T00:00:00.000Z")
    expect(search.query.get("marketplaceIds")).toBe("ATVPDKIKX0DER,A2EUQ1WTGCTBG2")
    expect(search.query.get("maxResultsPerPage")).toBe("50")
    expect(search.query.get("includedData")?.split(",").sort()).toEqual(
      ["BUYER", "CANCELLATION", "FULFILLMENT", "PACKAGES", "PROCEEDS", "PROMOTION", "RECIPIENT"]
    )
    expect(logLines.map((line) => line.message)).toContain(`Amazon SP-API: obtained an access token from ${fake.url}/auth/o2/token.`)
  })

  it("reuses the token and shares one LWA request between concurrent calls", async () => {
    fake.on("GET", SEARCH_PATH, json(200, searchAnswer))
    const { spApi } = client()
    await Promise.all([
      spApi.searchOrders({ createdAfter: "2025-03-01T00:00:00Z" }),
      spApi.searchOrders({ createdAfter: "2025-03-01T00:00:00Z" }),
    ])
    await spApi.searchOrders({ createdAfter: "2025-03-01T00:00:00Z" })
    expect(fake.requestsTo(TOKEN_PATH)).toHaveLength(1)
    expect(fake.requestsTo(SEARCH_PATH)).toHaveLength(3)
  })

  it("retries a 429 after backing off and adopts the rate limit header", async () => {
    const limiter = new RateLimiter({ timeScale: 1000 })
    fake.on(
      "GET",
      SEARCH_PATH,
      json(429, { errors: [{ code: "QuotaExceeded", message: "You exceeded your quota for the requested resource." }] }, { "x-amzn-RateLimit-Limit": "0.0167" }),
      json(200, searchAnswer)
    )
    const { spApi, logLines } = client({ accountKey: "throttled-account" }, { rateLimiter: limiter })
    const result = await spApi.searchOrders({ createdAfter: "2025-03-01T00:00:00Z" })
    expect(result.orders).toHaveLength(1)
    expect(fake.requestsTo(SEARCH_PATH)).toHaveLength(2)
    expect(limiter.snapshot("throttled-account", "searchOrders").ratePerSecond).toBe(0.0167)
    expect(logLines.some((line) => line.level === "warn" && /searchOrders: HTTP 429 .*retry 1\/4/.test(line.message))).toBe(true)
  })

  it("gives up on a 429 storm with THROTTLED and a sentence for the merchant", async () => {
    fake.on("GET", SEARCH_PATH, json(429, { errors: [{ code: "QuotaExceeded", message: "You exceeded your quota for the requested resource." }] }))
    const { spApi } = client()
    const error = await caught(spApi.searchOrders({ createdAfter: "2025-03-01T00:00:00Z" }))
    expect(error).toMatchObject({
      code: "THROTTLED",
      operation: "searchOrders",
      httpStatus: 429,
      attempts: 5,
      transient: true,
      errors: [{ code: "QuotaExceeded", message: "You exceeded your quota for the requested resource." }],
    })
    expect(error.merchantMessage).toBe(
      "Amazon kept throttling searchOrders (HTTP 429) after 4 retries; the next sync will continue where this one stopped."
    )
    expect(fake.requestsTo(SEARCH_PATH)).toHaveLength(5)
  })

  it("retries 5xx answers and succeeds when Amazon recovers", async () => {
    fake.on(
      "GET",
      /^\/orders\/v0\/orders$/,
      json(500, { errors: [{ code: "InternalFailure", message: "We encountered an internal error." }] }),
      () => ({ status: 503, rawBody: "<html>Service Unavailable</html>", headers: { "content-type": "text/html" } }),
      json(200, { payload: { Orders: [ordersV0.usTaxOnTopOrder], NextToken: "next-v0" } })
    )
    const { spApi } = client()
    const result = await spApi.getOrdersV0({ marketplaceIds: ["ATVPDKIKX0DER"], createdAfter: "2025-03-01T00:00:00Z" })
    expect(result.orders[0].AmazonOrderId).toBe("113-5926331-5834609")
    expect(result.nextToken).toBe("next-v0")
    const requests = fake.requestsTo(/^\/orders\/v0\/orders$/)
    expect(requests).toHaveLength(3)
    expect(requests[0].query.get("MarketplaceIds")).toBe("ATVPDKIKX0DER")
    expect(requests[0].query.get("CreatedAfter")).toBe("2025-03-01T00:00:00Z")
  })

  it("reports SERVER_ERROR when 5xx persists past maxRetries", async () => {
    fake.on("GET", /^\/orders\/v0\/orders\/[^/]+$/, json(503, { errors: [{ code: "ServiceUnavailable", message: "Service temporarily unavailable." }] }))
    const { spApi } = client({}, { maxRetries: 2 })
    const error = await caught(spApi.getOrderV0("113-5926331-5834609"))
    expect(error).toMatchObject({ code: "SERVER_ERROR", operation: "getOrder", httpStatus: 503, attempts: 3 })
    expect(error.merchantMessage).toBe(
      "The Selling Partner API kept failing for getOrder (HTTP 503) after 2 retries; this is on Amazon's side and usually temporary — the next sync retries."
    )
  })

  it("turns a non-JSON 200 into MALFORMED_RESPONSE without retrying", async () => {
    fake.on("GET", SEARCH_PATH, () => ({ status: 200, rawBody: '{"orders": [ {"orderId": ', headers: { "content-type": "application/json" } }))
    const { spApi } = client()
    const error = await caught(spApi.searchOrders({ createdAfter: "2025-03-01T00:00:00Z" }))
    expect(error.code).toBe("MALFORMED_RESPONSE")
    expect(error.merchantMessage).toBe(
      "Amazon returned an answer that is not valid JSON for searchOrders; this is usually temporary — the next sync retries."
    )
    expect(fake.requestsTo(SEARCH_PATH)).toHaveLength(1)
  })

  it("turns a page of the wrong shape into MALFORMED_RESPONSE naming the field", async () => {
    fake.on("GET", SEARCH_PATH, json(200, { orders: { not: "a list" } }))
    const { spApi } = client()
    const error = await caught(spApi.searchOrders({ createdAfter: "2025-03-01T00:00:00Z" }))
    expect(error.code).toBe("MALFORMED_RESPONSE")
    expect(error.detail).toContain("orders")
    expect(error.merchantMessage).toMatch(/^Amazon's answer to searchOrders did not have the expected format/)
  })

  it("returns an order of the wrong shape apart, naming the field, and the rest of the page as usual", async () => {
    const broken = { ...orders2026.usTaxOnTop2026, orderId: "111-0000000-BROKEN", orderItems: [{ ...orders2026.usTaxOnTop2026.orderItems[0], quantityOrdered: "1" }] }
    fake.on("GET", SEARCH_PATH, json(200, { orders: [broken, orders2026.usTaxOnTop2026] }))
    const { spApi } = client()
    const page = await spApi.searchOrders({ createdAfter: "2025-03-01T00:00:00Z" })
    expect(page.orders.map((order) => order.orderId)).toEqual([orders2026.usTaxOnTop2026.orderId])
    expect(page.unreadableOrders).toHaveLength(1)
    expect(page.unreadableOrders[0]).toMatchObject({ orderId: "111-0000000-BROKEN", raw: broken })
    expect(page.unreadableOrders[0].problem).toContain("orderItems.0.quantityOrdered")
  })

  it("reports an unreachable endpoint (ECONNREFUSED) as UNREACHABLE after retrying", async () => {
    const { spApi, logLines } = client({ endpoint: "http://127.0.0.1:1" }, { maxRetries: 2 })
    const error = await caught(spApi.searchOrders({ createdAfter: "2025-03-01T00:00:00Z" }))
    expect(error).toMatchObject({ code: "UNREACHABLE", operation: "searchOrders", httpStatus: null, attempts: 3, detail: "ECONNREFUSED" })
    expect(error.merchantMessage).toBe(
      "Could not reach the Selling Partner API at http://127.0.0.1:1: connection refused. Check the API endpoint setting and your network."
    )
    expect(logLines.filter((line) => line.level === "warn")).toHaveLength(2)
  })

  it("does not retry when https:// is used for a plain-HTTP endpoint, and says what to check", async () => {
    const httpsToPlainServer = fake.url.replace("http://", "https://")
    const { spApi } = client({ endpoint: httpsToPlainServer })
    const error = await caught(spApi.searchOrders({ createdAfter: "2025-03-01T00:00:00Z" }))
    expect(error).toMatchObject({ code: "UNREACHABLE", attempts: 1, detail: "EPROTO" })
    expect(error.merchantMessage).toBe(
      `Could not reach the Selling Partner API at ${httpsToPlainServer}: the secure (TLS) connection failed with EPROTO (check http:// versus https:// and the server's certificate). Check the API endpoint setting and your network.`
    )
  })

  it("reports an unreachable token endpoint as UNREACHABLE naming the login service", async () => {
    const { spApi } = client({ tokenEndpoint: "http://127.0.0.1:1/auth/o2/token" }, { maxRetries: 1 })
    const error = await caught(spApi.getOrderV0("113-5926331-5834609"))
    expect(error.code).toBe("UNREACHABLE")
    expect(error.merchantMessage).toBe(
      "Could not reach Amazon's login service (LWA) at http://127.0.0.1:1/auth/o2/token: connection refused. Check the token endpoint setting and your network."
    )
  })

  it("reports invalid_client as AUTH_FAILED at once, without retries", async () => {
    fake.on("POST", TOKEN_PATH, json(401, { error: "invalid_client", error_description: "Client authentication failed" }))
    const { spApi } = client()
    const error = await caught(spApi.searchOrders({ createdAfter: "2025-03-01T00:00:00Z" }))
    expect(error).toMatchObject({
      code: "AUTH_FAILED",
      transient: false,
      attempts: 1,
      errors: [{ code: "invalid_client", message: "Client authentication failed" }],
    })
    expect(error.merchantMessage).toBe(
      "Amazon rejected the app credentials (invalid_client). Check the LWA client ID and client secret in Settings → Amazon."
    )
    expect(fake.requestsTo(TOKEN_PATH)).toHaveLength(1)
    expect(fake.requestsTo(SEARCH_PATH)).toHaveLength(0)
  })

  it("reports invalid_grant as AUTH_FAILED asking for a new refresh token", async () => {
    fake.on("POST", TOKEN_PATH, json(400, { error: "invalid_grant", error_description: "The request has an invalid grant parameter : refresh_token" }))
    const { spApi } = client()
    const error = await caught(spApi.getOrderItemsV0("113-5926331-5834609"))
    expect(error.code).toBe("AUTH_FAILED")
    expect(error.merchantMessage).toMatch(/^Amazon rejected the refresh token \(invalid_grant\).*Settings → Amazon\.$/)
  })

  it("retries an LWA answer that is not JSON, then calls it MALFORMED_RESPONSE", async () => {
    fake.on("POST", TOKEN_PATH, () => ({ status: 502, rawBody: "<html>Bad Gateway</html>", headers: { "content-type": "text/html" } }))
    const { spApi } = client({}, { maxRetries: 1 })
    const error = await caught(spApi.searchOrders({ createdAfter: "2025-03-01T00:00:00Z" }))
    expect(error.code).toBe("MALFORMED_RESPONSE")
    expect(error.merchantMessage).toBe(
      "Amazon's login service returned an answer that is not valid JSON for the access token request; this is usually temporary — the next sync retries."
    )
    expect(fake.requestsTo(TOKEN_PATH)).toHaveLength(2)
  })

  it("reports 403 Unauthorized as ACCESS_DENIED", async () => {
    fake.on("GET", /\/address$/, json(403, { errors: [{ code: "Unauthorized", message: "Access to requested resource is denied.", details: "" }] }))
    const { spApi } = client()
    const error = await caught(spApi.getOrderAddressV0("113-5926331-5834609"))
    expect(error).toMatchObject({ code: "ACCESS_DENIED", operation: "getOrderAddress", httpStatus: 403 })
    expect(error.merchantMessage).toMatch(/^Amazon denied access to getOrderAddress \(HTTP 403, Unauthorized: Access to requested resource is denied\.\)\. Make sure the app has the Orders role/)
  })

  it("renews an expired access token once and repeats the call", async () => {
    fake.on(
      "GET",
      /\/orderItems$/,
      json(403, { errors: [{ code: "Unauthorized", message: "Access to requested resource is denied.", details: "The access token you provided has expired." }] }),
      json(200, { payload: { AmazonOrderId: "113-5926331-5834609", OrderItems: ordersV0.usTaxOnTopItems } })
    )
    const { spApi } = client({}, { maxRetries: 0 })
    const result = await spApi.getOrderItemsV0("113-5926331-5834609")
    expect(result.items).toHaveLength(1)
    expect(fake.requestsTo(TOKEN_PATH)).toHaveLength(2)
  })

  it("reports 404 as AMAZON_REJECTED with Amazon's errors and does not retry", async () => {
    fake.on("GET", /^\/orders\/2026-01-01\/orders\/[^/]+$/, json(404, { errors: [{ code: "NotFound", message: "Order not found", details: "" }] }))
    const { spApi } = client()
    const error = await caught(spApi.getOrder2026("999-0000000-0000000"))
    expect(error).toMatchObject({ code: "AMAZON_REJECTED", operation: "getOrder", httpStatus: 404, errors: [{ code: "NotFound", message: "Order not found" }] })
    expect(error.merchantMessage).toBe(
      "Amazon rejected the getOrder request (HTTP 404, NotFound: Order not found); retrying the same request will not help."
    )
    expect(fake.requestsTo(/^\/orders\/2026-01-01\/orders\//)).toHaveLength(1)
  })

  it("redacts a token that Amazon echoes back in an error", async () => {
    fake.on("GET", /\/buyerInfo$/, (request) =>
      ({ status: 400, body: { errors: [{ code: "InvalidInput", message: `Bad token ${String(request.headers["x-amz-access-token"])}` }] } })
    )
    const { spApi } = client()
    const error = await caught(spApi.getOrderBuyerInfoV0("113-5926331-5834609"))
    expect(error.code).toBe("AMAZON_REJECTED")
    expect(error.merchantMessage).toContain("Bad token [REDACTED]")
  })

  it("times out a hanging request as TIMEOUT", async () => {
    fake.on("GET", SEARCH_PATH, () => ({ status: 200, hang: true }))
    const { spApi } = client({}, { maxRetries: 1, requestTimeoutMs: 150 })
    const error = await caught(spApi.searchOrders({ createdAfter: "2025-03-01T00:00:00Z" }))
    expect(error).toMatchObject({ code: "TIMEOUT", attempts: 2, transient: true })
    expect(error.merchantMessage).toMatch(/^The Selling Partner API at http:\/\/127\.0\.0\.1:\d+ did not answer searchOrders within 1 second \(1 retry\); the next sync retries\./)
  })

  it("uses a restricted data token for PII calls and never logs it", async () => {
    fake.on("POST", /^\/tokens\/2021-03-01\/restrictedDataToken$/, json(200, { restrictedDataToken: RESTRICTED_DATA_TOKEN, expiresIn: 3600 }))
    fake.on("GET", /\/address$/, json(200, { payload: ordersV0.usTaxOnTopAddress }))
    const { spApi } = client()
    const rdt = await spApi.createRestrictedDataToken([
      { method: "GET", path: "/orders/v0/orders/113-5926331-5834609/address" },
    ])
    expect(rdt).toEqual({ restrictedDataToken: RESTRICTED_DATA_TOKEN, expiresIn: 3600 })
    const address = await spApi.getOrderAddressV0("113-5926331-5834609", rdt.restrictedDataToken)
    expect(address.ShippingAddress?.Name).toBe("Jane Doe")

    const [rdtRequest] = fake.requestsTo(/restrictedDataToken$/)
    expect(JSON.parse(rdtRequest.body)).toEqual({ restrictedResources: [{ method: "GET", path: "/orders/v0/orders/113-5926331-5834609/address" }] })
    expect(fake.requestsTo(/\/address$/)[0].headers["x-amz-access-token"]).toBe(RESTRICTED_DATA_TOKEN)
  })

  it("reads all pages of order items", async () => {
    const itemPath = /\/orders\/v0\/orders\/113-5926331-5834609\/orderItems$/
    fake.on(
      "GET",
      itemPath,
      json(200, { payload: { AmazonOrderId: "113-5926331-5834609", OrderItems: ordersV0.usTaxOnTopItems, NextToken: "items-2" } }),
      json(200, { payload: { AmazonOrderId: "113-5926331-5834609", OrderItems: ordersV0.buyerCancelItems } })
    )
    const { spApi } = client()
    const items = await spApi.getAllOrderItemsV0("113-5926331-5834609")
    expect(items.map((item) => item.OrderItemId)).toEqual(["40914375630122", "55443322110099", "55443322110100"])
    expect(fake.requestsTo(itemPath).map((request) => request.query.get("NextToken"))).toEqual([null, "items-2"])
  })

  it("confirms a shipment with POST and accepts Amazon's 204", async () => {
    const path = /^\/orders\/v0\/orders\/113-5926331-5834609\/shipmentConfirmation$/
    fake.on("POST", path, () => ({ status: 204 }))
    const { spApi } = client()
    const payload = {
      marketplaceId: "ATVPDKIKX0DER",
      packageDetail: {
        packageReferenceId: "1",
        carrierCode: "UPS",
        trackingNumber: "1Z999AA10123456784",
        shipDate: "2025-03-04T16:00:00Z",
        orderItems: [{ orderItemId: "40914375630122", quantity: 1 }],
      },
    }
    await expect(spApi.confirmShipmentV0("113-5926331-5834609", payload)).resolves.toBeUndefined()
    const [request] = fake.requestsTo(path)
    expect(request.method).toBe("POST")
    expect(JSON.parse(request.body)).toEqual(payload)
  })

  it("refuses an invalid shipment confirmation before it reaches Amazon", async () => {
    const { spApi } = client()
    const error = await caught(
      spApi.confirmShipmentV0("113-5926331-5834609", {
        marketplaceId: "ATVPDKIKX0DER",
        packageDetail: { packageReferenceId: "PKG-A", carrierCode: "UPS", trackingNumber: "1Z", shipDate: "2025-03-04T16:00:00Z", orderItems: [] },
      })
    )
    expect(error.code).toBe("INVALID_REQUEST")
    expect(error.detail).toContain("packageDetail.packageReferenceId")
    expect(fake.requests).toHaveLength(0)
  })

  it("validates searchOrders filters before calling Amazon", async () => {
    const { spApi } = client()
    const noFilter = {} as unknown as Parameters<SpApiClient["searchOrders"]>[0]
    expect((await caught(spApi.searchOrders(noFilter))).code).toBe("INVALID_REQUEST")
    expect((await caught(spApi.searchOrders({ createdAfter: "2025-03-01T00:00:00Z", maxResultsPerPage: 500 }))).code).toBe("INVALID_REQUEST")
    expect(fake.requests).toHaveLength(0)
  })

  describe("testConnection", () => {
    it("answers ok with the marketplaces it saw", async () => {
      fake.on("GET", SEARCH_PATH, json(200, { orders: [orders2026.usTaxOnTop2026, orders2026.deVatInclusive2026] }))
      const { spApi } = client()
      await expect(spApi.testConnection()).resolves.toEqual({ ok: true, marketplaces: ["ATVPDKIKX0DER", "A1PA6795UKMFR9"] })
      const [search] = fake.requestsTo(SEARCH_PATH)
      expect(search.query.get("maxResultsPerPage")).toBe("1")
      expect(search.query.get("createdAfter")).not.toBeNull()
    })

    it("answers ok without marketplaces when there were no orders", async () => {
      fake.on("GET", SEARCH_PATH, json(200, { orders: [] }))
      const { spApi } = client()
      await expect(spApi.testConnection()).resolves.toEqual({ ok: true })
    })

    it("answers with the merchant message when the credentials are wrong", async () => {
      fake.on("POST", TOKEN_PATH, json(401, { error: "invalid_client", error_description: "Client authentication failed" }))
      const { spApi } = client()
      const result = await spApi.testConnection()
      everythingObserved.push(JSON.stringify(result))
      expect(result).toEqual({
        ok: false,
        code: "AUTH_FAILED",
        message: "Amazon rejected the app credentials (invalid_client). Check the LWA client ID and client secret in Settings → Amazon.",
      })
    })

    it("answers without touching the network when the settings cannot work", async () => {
      const { spApi } = client({ endpoint: "ftp://sellingpartnerapi.example" })
      const result = await spApi.testConnection()
      expect(result).toMatchObject({ ok: false, code: "INVALID_CONFIGURATION" })
      expect(result.ok === false && result.message).toMatch(/The API endpoint setting "ftp:\/\/sellingpartnerapi\.example" cannot be used/)
      const emptySecret = await client({ clientSecret: "  " }).spApi.testConnection()
      expect(emptySecret).toEqual({ ok: false, code: "INVALID_CONFIGURATION", message: "The LWA client secret is empty. Enter it in Settings → Amazon." })
      expect(fake.requests).toHaveLength(0)
    })

    it("does not make a person wait minutes for the rate limiter", async () => {
      fake.on("GET", SEARCH_PATH, json(200, { orders: [] }))
      const slowLimiter = new RateLimiter({ timeScale: 1 })
      const { spApi } = client({ accountKey: "busy-account" }, { rateLimiter: slowLimiter, timeScale: 1 })
      for (let i = 0; i < 20; i++) await slowLimiter.acquire("busy-account", "searchOrders")
      const result = await spApi.testConnection()
      expect(result).toMatchObject({ ok: false, code: "THROTTLED" })
      expect(result.ok === false && result.message).toMatch(/^Amazon allows searchOrders only a few times per hour .* try again in about \d+ seconds\.$/)
    })
  })
})
