/**
 * What the transport and the API files add to the calls the client tests cover: one LWA token per account for
 * all clients of a process, renewal of a Restricted Data Token Amazon stopped accepting, document downloads and uploads.
 */
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { gzipSync } from "node:zlib"
import { createSpApiClient, type SpApiClientOptions } from "../client"
import { closeIdleSpApiConnections } from "../endpoint-agent"
import { SpApiError } from "../errors"
import { RateLimiter } from "../rate-limiter"
import type { SpApiCredentials } from "../types"
import { FakeAmazon, json } from "./helpers/fake-amazon"
import * as ordersV0 from "./fixtures/orders-v0"

const TOKEN_PATH = /^\/auth\/o2\/token$/
const RDT_PATH = /^\/tokens\/2021-03-01\/restrictedDataToken$/
const ITEMS_PATH = /^\/orders\/v0\/orders\/113-5926331-5834609\/orderItems$/
const FIRST_RDT = "Atz.sprdt|AYABeFirstRestrictedDataToken0001"
const SECOND_RDT = "Atz.sprdt|AYABeSecondRestrictedDataToken0002"
const EXPIRED = json(403, { errors: [{ code: "Unauthorized", message: "Access to requested resource is denied.", details: "The access token you provided has expired." }] })
const ITEMS = json(200, { payload: { AmazonOrderId: "113-5926331-5834609", OrderItems: ordersV0.usTaxOnTopItems } })

describe("SP-API transport", () => {
  let fake: FakeAmazon
  let accountNumber = 0
  const logLines: string[] = []

  beforeEach(async () => {
    fake = await new FakeAmazon().start()
    accountNumber++
  })
  afterEach(async () => {
    closeIdleSpApiConnections()
    await fake.stop()
  })

  function credentials(overrides: Partial<SpApiCredentials> = {}): SpApiCredentials {
    return {
      region: "na",
      clientId: "amzn1.application-oa2-client.0123456789abcdef",
      clientSecret: "amzn1.oa2-cs.v1.transport-spec-secret",
      refreshToken: "Atzr|IwEBITransportSpecRefreshToken",
      endpoint: fake.url,
      tokenEndpoint: `${fake.url}/auth/o2/token`,
      accountKey: `transport-account-${accountNumber}`,
      ...overrides,
    }
  }

  function client(overrides: Partial<SpApiCredentials> = {}, options: SpApiClientOptions = {}) {
    const record = (message: string) => logLines.push(message)
    return createSpApiClient(credentials(overrides), {
      timeScale: 1000,
      rateLimiter: new RateLimiter({ timeScale: 1000 }),
      logger: { info: record, warn: record, error: record },
      ...options,
    })
  }

  it("asks LWA once for all clients of an account, and again for another account", async () => {
    fake.on("GET", ITEMS_PATH, ITEMS)
    await client().getOrderItemsV0("113-5926331-5834609")
    await client().getOrderItemsV0("113-5926331-5834609")
    await Promise.all([client().getOrderItemsV0("113-5926331-5834609"), client().getOrderItemsV0("113-5926331-5834609")])
    expect(fake.requestsTo(TOKEN_PATH)).toHaveLength(1)
    await client({ accountKey: `transport-other-${accountNumber}` }).getOrderItemsV0("113-5926331-5834609")
    expect(fake.requestsTo(TOKEN_PATH)).toHaveLength(2)
    expect(fake.requestsTo(ITEMS_PATH)).toHaveLength(5)
  })

  it("renews a restricted data token Amazon no longer accepts, once, and uses the new one from then on", async () => {
    fake.on("POST", RDT_PATH, json(200, { restrictedDataToken: FIRST_RDT, expiresIn: 3600 }), json(200, { restrictedDataToken: SECOND_RDT, expiresIn: 3600 }))
    fake.on("GET", ITEMS_PATH, EXPIRED, ITEMS)
    const spApi = client()
    const resources = [{ method: "GET" as const, path: "/orders/v0/orders/{orderId}/orderItems", dataElements: ["buyerInfo"] }]
    const { restrictedDataToken } = await spApi.createRestrictedDataToken(resources)

    const first = await spApi.getOrderItemsV0("113-5926331-5834609", undefined, restrictedDataToken)
    const later = await spApi.getOrderItemsV0("113-5926331-5834609", undefined, restrictedDataToken)

    expect(first.items).toHaveLength(1)
    expect(later.items).toHaveLength(1)
    expect(fake.requestsTo(ITEMS_PATH).map((request) => request.headers["x-amz-access-token"])).toEqual([FIRST_RDT, SECOND_RDT, SECOND_RDT])
    const renewal = fake.requestsTo(RDT_PATH)[1]
    expect(JSON.parse(renewal.body)).toEqual({ restrictedResources: resources })
    // The LWA token was not what Amazon refused, so it is not fetched again.
    expect(fake.requestsTo(TOKEN_PATH)).toHaveLength(1)
    expect(logLines.join("\n")).not.toContain("Atz.sprdt|")
  })

  it("reports ACCESS_DENIED when the renewed token is refused too", async () => {
    fake.on("POST", RDT_PATH, json(200, { restrictedDataToken: FIRST_RDT, expiresIn: 3600 }), json(200, { restrictedDataToken: SECOND_RDT, expiresIn: 3600 }))
    fake.on("GET", /\/address$/, json(403, { errors: [{ code: "Unauthorized", message: "Access to requested resource is denied.", details: "" }] }))
    const spApi = client()
    const { restrictedDataToken } = await spApi.createRestrictedDataToken([{ method: "GET", path: "/orders/v0/orders/113-5926331-5834609/address" }])
    const error = await spApi.getOrderAddressV0("113-5926331-5834609", restrictedDataToken).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(SpApiError)
    expect(error).toMatchObject({ code: "ACCESS_DENIED", operation: "getOrderAddress", httpStatus: 403 })
    expect(fake.requestsTo(/\/address$/)).toHaveLength(2)
    expect(fake.requestsTo(RDT_PATH)).toHaveLength(2)
  })

  describe("downloadDocument", () => {
    it("returns the bytes of a document link and sends none of our tokens with it", async () => {
      fake.on("GET", /^\/documents\/custom\.zip$/, () => ({ status: 200, rawBody: "zip-bytes", headers: { "content-type": "application/zip" } }))
      const bytes = await client().downloadDocument(`${fake.url}/documents/custom.zip?X-Amz-Signature=abc`)
      expect(bytes.toString("utf8")).toBe("zip-bytes")
      const [request] = fake.requestsTo(/custom\.zip$/)
      expect(request.headers["x-amz-access-token"]).toBeUndefined()
      expect(request.query.get("X-Amz-Signature")).toBe("abc")
    })

    it("unpacks GZIP documents and refuses one that is not GZIP", async () => {
      const packed = gzipSync(Buffer.from("report line"))
      const server = http.createServer((_request, response) => {
        response.writeHead(200, { "content-type": "application/octet-stream" })
        response.end(_request.url === "/packed" ? packed : "not gzip")
      })
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      try {
        const spApi = client()
        await expect(spApi.downloadDocument(`${base}/packed`, { compressionAlgorithm: "GZIP" })).resolves.toEqual(Buffer.from("report line"))
        await expect(spApi.downloadDocument(`${base}/plain`, { compressionAlgorithm: "GZIP" })).rejects.toMatchObject({ code: "MALFORMED_RESPONSE" })
      } finally {
        server.closeAllConnections()
        await new Promise<void>((resolve) => server.close(() => resolve()))
      }
    })

    it("names the link without its signed query when the host refuses it, and does not retry a 403", async () => {
      fake.on("GET", /^\/documents\/expired\.zip$/, () => ({ status: 403, rawBody: "<Error>AccessDenied</Error>" }))
      const error = await client().downloadDocument(`${fake.url}/documents/expired.zip?X-Amz-Signature=secret-signature`).catch((caught: unknown) => caught)
      expect(error).toMatchObject({ code: "AMAZON_REJECTED", httpStatus: 403 })
      expect((error as SpApiError).merchantMessage).toContain(`${fake.url}/documents/expired.zip`)
      expect(JSON.stringify(error)).not.toContain("secret-signature")
      expect(fake.requestsTo(/expired\.zip$/)).toHaveLength(1)
    })

    it("retries a document host that fails with 5xx", async () => {
      fake.on("GET", /^\/documents\/flaky$/, () => ({ status: 503, rawBody: "busy" }), () => ({ status: 200, rawBody: "ok" }))
      await expect(client().downloadDocument(`${fake.url}/documents/flaky`)).resolves.toEqual(Buffer.from("ok"))
      expect(fake.requestsTo(/flaky$/)).toHaveLength(2)
    })

    it("refuses plain http links unless the account itself points at a plain-http endpoint", async () => {
      const onAmazon = client({ endpoint: null, tokenEndpoint: null })
      await expect(onAmazon.downloadDocument(`${fake.url}/documents/custom.zip`)).rejects.toMatchObject({ code: "INVALID_REQUEST" })
      await expect(onAmazon.downloadDocument("file:///etc/passwd")).rejects.toMatchObject({ code: "INVALID_REQUEST" })
      expect(fake.requests).toHaveLength(0)
    })
  })

  describe("uploadDocument", () => {
    const XML = "text/xml; charset=UTF-8"

    it("PUTs the bytes with the given content type and none of our tokens", async () => {
      fake.on("PUT", /^\/uploads\/doc-1$/, () => ({ status: 200, rawBody: "" }))
      await client().uploadDocument(`${fake.url}/uploads/doc-1?X-Amz-Signature=abc`, "<AmazonEnvelope/>", XML)
      const [request] = fake.requestsTo(/doc-1$/)
      expect([request.method, request.headers["content-type"], request.body, request.query.get("X-Amz-Signature")]).toEqual(["PUT", XML, "<AmazonEnvelope/>", "abc"])
      expect(request.headers["x-amz-access-token"]).toBeUndefined()
    })

    it("retries a 5xx, stops at a 403 without naming the signed query, and refuses links Amazon would not give", async () => {
      fake.on("PUT", /^\/uploads\/flaky$/, () => ({ status: 503, rawBody: "busy" }), () => ({ status: 200, rawBody: "" }))
      await client().uploadDocument(`${fake.url}/uploads/flaky`, "<x/>", XML)
      expect(fake.requestsTo(/flaky$/)).toHaveLength(2)

      fake.on("PUT", /^\/uploads\/expired$/, () => ({ status: 403, rawBody: "<Error><Code>AccessDenied</Code></Error>" }))
      const error = await client().uploadDocument(`${fake.url}/uploads/expired?X-Amz-Signature=secret-signature`, "<x/>", XML).catch((caught: unknown) => caught)
      expect(error).toMatchObject({ code: "AMAZON_REJECTED", httpStatus: 403, operation: "document upload" })
      expect(JSON.stringify(error)).not.toContain("secret-signature")
      expect(fake.requestsTo(/expired$/)).toHaveLength(1)

      const onAmazon = client({ endpoint: null, tokenEndpoint: null })
      await expect(onAmazon.uploadDocument(`${fake.url}/uploads/doc`, "<x/>", XML)).rejects.toMatchObject({ code: "INVALID_REQUEST" })
      await expect(client().uploadDocument(`${fake.url}/uploads/doc`, "", XML)).rejects.toMatchObject({ code: "INVALID_REQUEST" })
      expect(fake.requestsTo(/uploads\/doc$/)).toHaveLength(0)
    })
  })
})
