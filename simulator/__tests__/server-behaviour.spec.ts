// Server-level behaviour: Login with Amazon, access tokens, Amazon's headers, routing by path
// whatever the Host, injected faults, token-bucket rate limits, the control API, start-up time.
import { request as httpRequest } from "node:http"
import { DEFAULT_SELLER, demoOrders, startSimulator, type Simulator } from "../index"
import { RateLimiter } from "../rate-limits"
import { expectResponsesConform, isoMinutesAgo, SimClient, sleep, US } from "./helpers"

const SEARCH = "/orders/2026-01-01/orders"
const GET_ORDERS = "/orders/v0/orders"

describe("simulator server", () => {
  let sim: Simulator
  let client: SimClient

  beforeAll(async () => {
    sim = await startSimulator({ timeScale: 100 })
    client = new SimClient(sim)
  })
  afterAll(() => sim.close())
  beforeEach(() => {
    sim.reset()
    sim.seedOrders(demoOrders({ now: sim.now() }))
  })
  afterEach(() => expectResponsesConform(sim))

  describe("Login with Amazon", () => {
    const good = {
      grant_type: "refresh_token",
      refresh_token: DEFAULT_SELLER.refreshToken,
      client_id: DEFAULT_SELLER.clientId,
      client_secret: DEFAULT_SELLER.clientSecret,
    }

    it("issues a one-hour bearer access token for a registered seller", async () => {
      const result = await client.lwa(good)
      expect(result.status).toBe(200)
      expect(result.body).toEqual({ access_token: expect.stringMatching(/^Atza\|/), token_type: "bearer", expires_in: 3600, refresh_token: DEFAULT_SELLER.refreshToken })
    })

    it("accepts the JSON body that the amazon-sp-api client sends", async () => {
      const response = await fetch(`${sim.url}/auth/o2/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(good) })
      expect(response.status).toBe(200)
    })

    it("answers wrong credentials exactly like LWA", async () => {
      expect(await client.lwa({ ...good, client_secret: "wrong" })).toMatchObject({ status: 400, body: { error: "invalid_client", error_description: "Client authentication failed" } })
      expect(await client.lwa({ ...good, client_id: "amzn1.application-oa2-client.unknown" })).toMatchObject({ status: 400, body: { error: "invalid_client" } })
      expect(await client.lwa({ ...good, refresh_token: "Atzr|revoked" })).toMatchObject({ status: 400, body: { error: "invalid_grant" } })
      expect(await client.lwa({ ...good, grant_type: "password" })).toMatchObject({ status: 400, body: { error: "unsupported_grant_type" } })
      const { refresh_token: _omitted, ...withoutRefreshToken } = good
      expect(await client.lwa(withoutRefreshToken)).toMatchObject({ status: 400, body: { error: "invalid_request" } })
    })

    it("registered sellers can log in with their own credentials and see only their orders", async () => {
      sim.addSeller({ clientId: "amzn1.application-oa2-client.second", clientSecret: "s2", refreshToken: "Atzr|second", sellerId: "A2SECOND", marketplaceIds: [US] })
      const login = await client.lwa({ grant_type: "refresh_token", refresh_token: "Atzr|second", client_id: "amzn1.application-oa2-client.second", client_secret: "s2" })
      const orders = await client.get(SEARCH, { createdAfter: isoMinutesAgo(sim, 10_000) }, { token: login.body.access_token })
      expect(orders.body.orders).toEqual([])
    })
  })

  describe("access tokens", () => {
    it("SP-API calls without a valid token get 403 with Amazon's error list", async () => {
      const denied = { errors: [{ code: "Unauthorized", message: "Access to requested resource is denied.", details: "" }] }
      const missing = await client.get(SEARCH, { createdAfter: isoMinutesAgo(sim, 60) }, { token: null })
      expect(missing.status).toBe(403)
      expect(missing.body).toEqual(denied)
      const forged = await client.get(SEARCH, { createdAfter: isoMinutesAgo(sim, 60) }, { token: "Atza|not-issued-here" })
      expect(forged.status).toBe(403)
      expect(forged.body.errors[0]).toMatchObject({ code: "Unauthorized", message: "Access to requested resource is denied." })
    })

    it("access tokens expire after an hour, with the details amazon-sp-api looks for", async () => {
      const token = (await client.lwa({ grant_type: "refresh_token", refresh_token: DEFAULT_SELLER.refreshToken, client_id: DEFAULT_SELLER.clientId, client_secret: DEFAULT_SELLER.clientSecret })).body.access_token
      sim.advanceTime(3601 * 1000)
      const expired = await client.get(SEARCH, { createdAfter: isoMinutesAgo(sim, 60) }, { token })
      expect(expired.status).toBe(403)
      expect(expired.body.errors[0].details).toMatch(/access token.*expired/)
    })
  })

  describe("headers and routing", () => {
    it("every SP-API response carries x-amzn-RequestId and x-amzn-RateLimit-Limit", async () => {
      const ok = await client.get(SEARCH, { createdAfter: isoMinutesAgo(sim, 60) })
      const notFound = await client.get("/orders/v0/orders/111-0000000-0000000")
      const badInput = await client.get(GET_ORDERS, { MarketplaceIds: US })
      for (const result of [ok, notFound, badInput]) {
        expect(result.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/)
        expect(result.headers.get("x-amzn-ratelimit-limit")).toMatch(/^\d+(\.\d+)?$/)
      }
      // At timeScale 100 the effective rates are Amazon's x 100.
      expect(ok.headers.get("x-amzn-ratelimit-limit")).toBe("0.56")
      expect(notFound.headers.get("x-amzn-ratelimit-limit")).toBe("50")
      expect(badInput.headers.get("x-amzn-ratelimit-limit")).toBe("1.67")
      expect(new Set([ok, notFound, badInput].map((r) => r.headers.get("x-amzn-requestid"))).size).toBe(3)
    })

    it("routes by path whatever the Host header (Amazon hosts reach it through a custom agent)", async () => {
      const token = await client.token()
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          {
            host: "127.0.0.1",
            port: sim.port,
            path: `/orders/v0/orders/111-5550102-0000002`,
            headers: { host: "sellingpartnerapi-na.amazon.com", "x-amz-access-token": token },
          },
          (res) => {
            res.resume()
            res.on("end", () => resolve(res.statusCode ?? 0))
          }
        )
        req.on("error", reject)
        req.end()
      })
      expect(status).toBe(200)
      expect(sim.requests().pop()!.headers.host).toBe("sellingpartnerapi-na.amazon.com")
    })

    it("unknown paths get 404 in Amazon's error shape", async () => {
      const result = await client.get("/catalog/2022-04-01/items")
      expect(result.status).toBe(404)
      expect(result.body.errors[0].code).toBe("NotFound")
    })
  })

  describe("request log", () => {
    it("records method, path, query, body, status and response, without secrets", async () => {
      const login200 = await client.lwa({ grant_type: "refresh_token", refresh_token: DEFAULT_SELLER.refreshToken, client_id: DEFAULT_SELLER.clientId, client_secret: DEFAULT_SELLER.clientSecret })
      await client.get(SEARCH, { createdAfter: "2025-01-01T00:00:00Z", marketplaceIds: US }, { token: login200.body.access_token })
      const [login, search] = sim.requests()
      expect(login).toMatchObject({ method: "POST", path: "/auth/o2/token", status: 200, operation: { api: "lwa", operationId: "lwaToken" } })
      expect(login.body).toMatchObject({ client_secret: "[redacted]", refresh_token: "[redacted]", client_id: DEFAULT_SELLER.clientId })
      expect(login.responseBody).toMatchObject({ access_token: "[redacted]", refresh_token: "[redacted]", token_type: "bearer" })
      expect(search).toMatchObject({
        method: "GET",
        path: SEARCH,
        query: { createdAfter: "2025-01-01T00:00:00Z", marketplaceIds: US },
        status: 200,
        operation: { api: "orders-2026-01-01", operationId: "searchOrders" },
        responseBody: { orders: expect.any(Array) },
      })
      expect(search.headers["x-amz-access-token"]).toBe("[redacted]")
      expect(JSON.stringify(sim.requests())).not.toContain(DEFAULT_SELLER.clientSecret)
    })
  })

  describe("fault injection", () => {
    const search = () => client.get(SEARCH, { createdAfter: isoMinutesAgo(sim, 60) })

    it("429 with the rate-limit header and Amazon's QuotaExceeded, for `times` requests", async () => {
      await client.token()
      sim.injectFault({ operation: "searchOrders", kind: "429", times: 2 })
      for (let i = 0; i < 2; i++) {
        const throttled = await search()
        expect(throttled.status).toBe(429)
        expect(throttled.headers.get("x-amzn-ratelimit-limit")).toBe("0.56")
        expect(throttled.body).toEqual({ errors: [{ code: "QuotaExceeded", message: "You exceeded your quota for the requested resource.", details: "" }] })
      }
      expect((await search()).status).toBe(200)
      expect(sim.requests().filter((entry) => entry.fault === "429")).toHaveLength(2)
    })

    it("500 InternalFailure", async () => {
      sim.injectFault({ operation: "getOrderItems", kind: "500" })
      const failed = await client.get("/orders/v0/orders/111-5550102-0000002/orderItems")
      expect(failed.status).toBe(500)
      expect(failed.body.errors[0].code).toBe("InternalFailure")
    })

    it("slow responses arrive after the delay", async () => {
      await client.token()
      sim.injectFault({ operation: "searchOrders", kind: "slow", delayMs: 300 })
      const started = Date.now()
      expect((await search()).status).toBe(200)
      expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    })

    it("malformed bodies cannot be parsed as JSON", async () => {
      sim.injectFault({ operation: "getOrder", api: "orders-v0", kind: "malformed" })
      const broken = await client.get("/orders/v0/orders/111-5550102-0000002")
      expect(broken.status).toBe(200)
      expect(() => JSON.parse(broken.text)).toThrow()
      // The fault was scoped to v0: the 2026 getOrder is untouched, and the next v0 call works again.
      expect((await client.get("/orders/2026-01-01/orders/111-5550102-0000002")).status).toBe(200)
      expect(JSON.parse((await client.get("/orders/v0/orders/111-5550102-0000002")).text).payload.AmazonOrderId).toBe("111-5550102-0000002")
    })

    it("faults can target Login with Amazon", async () => {
      sim.injectFault({ operation: "lwaToken", kind: "500" })
      expect((await client.lwa({ grant_type: "refresh_token", refresh_token: "x", client_id: "y", client_secret: "z" })).status).toBe(500)
    })
  })

  describe("rate limits", () => {
    it("getOrders: a burst of 20, then 429 until a token refills (0.0167/s x timeScale)", async () => {
      // Its own simulator at timeScale 40: one token per 1.5 s, slow enough that a loaded CI
      // machine cannot refill a token while the burst is being spent.
      const slow = await startSimulator({ timeScale: 40 })
      try {
        const slowClient = new SimClient(slow)
        slow.seedOrders(demoOrders({ now: slow.now() }))
        const query = { MarketplaceIds: US, CreatedAfter: isoMinutesAgo(slow, 600) }
        const statuses: number[] = []
        for (let i = 0; i < 20; i++) statuses.push((await slowClient.get(GET_ORDERS, query)).status)
        expect(statuses).toEqual(Array(20).fill(200))
        const throttled = await slowClient.get(GET_ORDERS, query)
        expect(throttled.status).toBe(429)
        expect(throttled.body.errors[0].code).toBe("QuotaExceeded")
        expect(throttled.headers.get("x-amzn-ratelimit-limit")).toBe("0.668")
        // Other operations have their own buckets.
        expect((await slowClient.get(SEARCH, { createdAfter: isoMinutesAgo(slow, 60) })).status).toBe(200)
        // 1 / 0.668 per second = 1.5 s for one token.
        await sleep(1600)
        expect((await slowClient.get(GET_ORDERS, query)).status).toBe(200)
        expect((await slowClient.get(GET_ORDERS, query)).status).toBe(429)
        expectResponsesConform(slow)
      } finally {
        await slow.close()
      }
    })

    it("token buckets refill at rate x timeScale up to the burst", () => {
      let now = 0
      const limiter = new RateLimiter(10, () => now)
      const plan = { rate: 0.5, burst: 3 }
      expect([1, 2, 3, 4].map(() => limiter.tryConsume("k", plan))).toEqual([true, true, true, false])
      now += 150 // 0.15 s x 5 tokens/s = 0.75 token
      expect(limiter.tryConsume("k", plan)).toBe(false)
      now += 100 // +0.5 token: 1 token available
      expect(limiter.tryConsume("k", plan)).toBe(true)
      now += 60_000 // capped at the burst
      expect([1, 2, 3, 4].map(() => limiter.tryConsume("k", plan))).toEqual([true, true, true, false])
      expect(limiter.headerValue({ rate: 0.0167, burst: 20 })).toBe("0.167")
    })
  })

  describe("control API over HTTP", () => {
    const control = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${sim.url}/_sim${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) })
      return { status: response.status, body: (await response.json()) as any }
    }

    it("seeds, changes orders, injects faults, advances the clock and resets", async () => {
      expect((await control("POST", "/reset")).status).toBe(200)
      expect((await control("GET", "/orders")).body.orders).toEqual([])
      expect((await control("POST", "/seed/demo")).body.ids).toHaveLength(demoOrders().length)
      const updated = await control("POST", "/orders/111-5550101-0000001/status", { status: "UNSHIPPED" })
      expect(updated.body.status).toBe("UNSHIPPED")
      expect((await control("POST", "/orders/111-5550102-0000002/address", { city: "Tacoma" })).body.address.city).toBe("Tacoma")
      expect((await control("POST", "/orders/111-5550102-0000002/buyer-cancel", { reason: "Too slow" })).body.buyerCancelRequest).toEqual({ reason: "Too slow" })
      expect((await control("POST", "/orders/111-5550102-0000002/status", { status: "LOST" })).status).toBe(400)
      expect((await control("GET", "/orders/111-9999999-9999999")).status).toBe(404)

      await control("POST", "/faults", { operation: "searchOrders", kind: "500" })
      expect((await control("GET", "/faults")).body.faults).toEqual([{ operation: "searchOrders", kind: "500", remaining: 1 }])
      expect((await client.get(SEARCH, { createdAfter: isoMinutesAgo(sim, 60) })).status).toBe(500)

      const before = sim.now().getTime()
      const advanced = await control("POST", "/clock/advance", { ms: 180_000 })
      expect(new Date(advanced.body.now).getTime() - before).toBeGreaterThanOrEqual(180_000)

      const requests = (await control("GET", "/requests")).body.requests
      expect(requests.map((entry: { path: string }) => entry.path)).toContain(SEARCH)
      expect(requests.some((entry: { path: string }) => entry.path.startsWith("/_sim"))).toBe(false)

      await control("POST", "/orders", [{ ...demoOrders()[0], id: "111-7777777-7777777" }])
      expect((await control("GET", "/orders/111-7777777-7777777")).body.status).toBe("PENDING")
      expect((await control("GET", "")).body.endpoints.length).toBeGreaterThan(10)
    })
  })

  it("starts in under a second", async () => {
    const started = performance.now()
    const another = await startSimulator()
    const elapsed = performance.now() - started
    await another.close()
    expect(elapsed).toBeLessThan(process.env.CI ? 3000 : 1000)
  })
})
