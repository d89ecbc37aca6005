// The simulator's HTTP server: routes by PATH (any Host is accepted, because the plugin reaches it
// through a custom agent while still addressing sellingpartnerapi-*.amazon.com / api.amazon.com),
// then applies, in Amazon's order: authentication, injected faults, rate limits, the operation.
import { randomUUID } from "node:crypto"
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { authenticate, isSimResponse } from "./auth"
import { handleControl, type SimulatorControls } from "./control-api"
import { corruptOneOrder, FaultInjector, INTERNAL_FAILURE, malformedBody, QUOTA_EXCEEDED } from "./faults"
import { errorResponse, parseBody, Query, readBody, SpApiError, type SimResponse } from "./http"
import { DOCUMENT_LINK_PREFIX, FEEDS_ROUTES, handleDocumentLink } from "./feeds-api"
import { handleLwaToken } from "./lwa"
import { ORDERS_2026_ROUTES } from "./orders-2026"
import { ORDERS_V0_ROUTES } from "./orders-v0"
import { FINANCES_ROUTES } from "./finances-api"
import { REPORTS_ROUTES } from "./reports-api"
import type { ClosedSettlement, CloseSettlementOptions, SimRefund } from "./settlements"
import { RateLimiter, usagePlanFor } from "./rate-limits"
import { matchTemplate, type RouteDefinition } from "./route"
import { clone, SimState } from "./state"
import { TOKENS_ROUTES } from "./tokens-api"
import { VENDOR_ROUTES } from "./vendor-orders-api"
import { VENDOR_SHIPMENT_ROUTES } from "./vendor-shipments-api"
import type { VendorStore } from "./vendor-store"
import type {
  SimAddress,
  SimApiName,
  SimFeedSnapshot,
  SimFaultKind,
  SimFaultSpec,
  SimOrderSeed,
  SimOrderSnapshot,
  SimOrderStatus,
  SimRequestLogEntry,
  SimSeller,
} from "./types"

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
  /** Rate-limit refill speed multiplier (default 1 = Amazon's real rates; tests use e.g. 100). */
  timeScale?: number
  /** The simulator's notion of "now" (order timestamps, the 2-minute rule, token expiry). */
  clock?: () => Date
  /** Page size of getOrderItems / getOrderItemsBuyerInfo (default 20). */
  orderItemsPageSize?: number
  /** Most recent requests kept in the log (default 5000). */
  requestLogLimit?: number
  /** Transactions per listTransactions page (default 100). */
  financesPageSize?: number
}

export interface Simulator extends SimulatorControls {
  /** e.g. "http://127.0.0.1:54321" */
  readonly url: string
  readonly port: number
  /** Amazon retail's side of Vendor Central: seed, change and close purchase orders; see what was acknowledged. */
  readonly vendor: VendorStore
  close(): Promise<void>
}

const ROUTES: RouteDefinition[] = [...ORDERS_2026_ROUTES, ...ORDERS_V0_ROUTES, ...TOKENS_ROUTES, ...FEEDS_ROUTES, ...REPORTS_ROUTES, ...FINANCES_ROUTES, ...VENDOR_ROUTES, ...VENDOR_SHIPMENT_ROUTES]

const SECRET_HEADERS = new Set(["x-amz-access-token", "authorization", "cookie", "x-amz-security-token", "proxy-authorization"])
const SECRET_FIELDS = new Set(["client_secret", "clientSecret", "refresh_token", "refreshToken", "access_token", "restrictedDataToken"])

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact)
  if (typeof value !== "object" || value === null) return value
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, SECRET_FIELDS.has(key) ? "[redacted]" : redact(inner)]))
}

function loggedHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue
    headers[name] = SECRET_HEADERS.has(name) ? "[redacted]" : Array.isArray(value) ? value.join(", ") : value
  }
  return headers
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

interface Outcome {
  status: number
  headers: Record<string, string>
  /** Serialized body (JSON text, or malformed text on purpose). */
  text?: string
  operation?: { api: SimApiName; operationId: string }
  fault?: SimFaultKind
}

export class SpApiSimulator implements Simulator {
  readonly state: SimState
  private readonly faults = new FaultInjector()
  private readonly limiter: RateLimiter
  private readonly log: SimRequestLogEntry[] = []
  private readonly server: Server
  private readonly orderItemsPageSize: number
  private readonly financesPageSize: number
  private readonly requestLogLimit: number
  private boundPort = 0
  private host: string

  constructor(private readonly options: SimulatorOptions = {}) {
    this.state = new SimState(options.clock ?? (() => new Date()), options.timeScale ?? 1)
    this.limiter = new RateLimiter(options.timeScale ?? 1)
    this.orderItemsPageSize = options.orderItemsPageSize ?? 20
    this.financesPageSize = options.financesPageSize ?? 100
    this.requestLogLimit = options.requestLogLimit ?? 5000
    this.host = options.host ?? "127.0.0.1"
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        console.error("[sp-api-simulator] unexpected error", error)
        if (!response.headersSent) response.writeHead(500, { "content-type": "application/json" })
        response.end(JSON.stringify({ errors: [INTERNAL_FAILURE] }))
      })
    })
    // Keep-alive sockets from clients must not keep close() waiting.
    this.server.keepAliveTimeout = 1000
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject)
      this.server.listen(this.options.port ?? 0, this.host, () => {
        this.server.off("error", reject)
        resolve()
      })
    })
    this.boundPort = (this.server.address() as AddressInfo).port
  }

  get vendor(): VendorStore {
    return this.state.vendor
  }

  get port(): number {
    return this.boundPort
  }

  get url(): string {
    const host = this.host.includes(":") ? `[${this.host}]` : this.host
    return `http://${host}:${this.boundPort}`
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()))
      this.server.closeAllConnections()
    })
  }

  // ---- programmatic control API ----

  seedOrders(orders: SimOrderSeed[]): void {
    this.state.seedOrders(orders)
  }

  listOrders(): SimOrderSnapshot[] {
    return [...this.state.orders.values()].map((order) => this.state.snapshot(order))
  }

  getOrderSnapshot(id: string): SimOrderSnapshot | undefined {
    const order = this.state.orders.get(id)
    return order ? this.state.snapshot(order) : undefined
  }

  setOrderStatus(id: string, status: SimOrderStatus): void {
    this.state.setOrderStatus(id, status)
  }

  updateAddress(id: string, address: Partial<SimAddress>): void {
    this.state.updateAddress(id, address)
  }

  requestBuyerCancel(id: string, reason: string): void {
    this.state.requestBuyerCancel(id, reason)
  }

  /** Removes orders, faults and the request log, refills rate limits and resets the clock. Sellers and issued tokens stay valid. */
  reset(): void {
    this.state.removeAllOrders()
    this.state.feedStore.clear()
    this.state.ledger.clear()
    this.state.vendor.clear()
    this.state.resetClock()
    this.faults.clear()
    this.limiter.reset()
    this.log.length = 0
  }

  requests(): SimRequestLogEntry[] {
    return clone(this.log)
  }

  clearRequests(): void {
    this.log.length = 0
  }

  injectFault(fault: SimFaultSpec): void {
    this.faults.inject(fault)
  }

  clearFaults(): void {
    this.faults.clear()
  }

  pendingFaults(): Array<SimFaultSpec & { remaining: number }> {
    return this.faults.pending()
  }

  addSeller(seller: SimSeller): void {
    this.state.addSeller(seller)
  }

  advanceTime(ms: number): void {
    this.state.advanceTime(ms)
  }

  now(): Date {
    return this.state.now()
  }

  listFeeds(): SimFeedSnapshot[] {
    this.state.feedStore.settle(this.state)
    return [...this.state.feedStore.feeds.values()].map((feed) => this.state.feedStore.snapshot(this.state, feed))
  }

  getFeedSnapshot(feedId: string): SimFeedSnapshot | undefined {
    this.state.feedStore.settle(this.state)
    const feed = this.state.feedStore.feeds.get(feedId)
    return feed ? this.state.feedStore.snapshot(this.state, feed) : undefined
  }

  closeSettlement(options: CloseSettlementOptions = {}): ClosedSettlement[] {
    return this.state.ledger.close(options)
  }

  refundOrder(orderId: string, items?: Array<{ orderItemId: string; quantity: number }>): SimRefund {
    return this.state.ledger.refundOrder(orderId, items)
  }

  settlementDocument(reportDocumentId: string): Buffer | undefined {
    const report = this.state.ledger.reports.find((candidate) => candidate.reportDocumentId === reportDocumentId)
    return report?.content
  }

  customizationText(orderItemId: string): string | undefined {
    for (const order of this.state.orders.values()) {
      const item = order.items.find((candidate) => candidate.orderItemId === orderItemId)
      if (item) return item.seed.customization?.text
    }
    return undefined
  }

  // ---- HTTP ----

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const startedAt = performance.now()
    const arrivedAt = this.state.now()
    const method = (request.method ?? "GET").toUpperCase()
    const url = new URL(request.url ?? "/", "http://simulator.invalid")
    const rawBody = await readBody(request)
    // Feeds whose time has come are processed before anything can observe their orders.
    this.state.feedStore.settle(this.state)

    if (url.pathname.startsWith(DOCUMENT_LINK_PREFIX)) {
      const answer = handleDocumentLink(this.state, method, url, request.headers["content-type"], rawBody)
      if (!response.destroyed) {
        response.writeHead(answer.status, { ...answer.headers, "content-length": answer.body.length })
        response.end(answer.body)
      }
      this.record({
        requestId: randomUUID(),
        time: arrivedAt.toISOString(),
        method,
        path: url.pathname,
        // The signature is the link's authorisation.
        query: Object.fromEntries([...url.searchParams.keys()].map((key) => [key, key === "X-Amz-Signature" ? "[redacted]" : (url.searchParams.get(key) ?? "")])),
        headers: loggedHeaders(request),
        body: method === "PUT" ? rawBody.toString("utf8") : undefined,
        status: answer.status,
        responseHeaders: { ...answer.headers },
        responseBody: answer.headers["content-type"]?.includes("xml") && !answer.headers["content-encoding"] && answer.status !== 200 ? answer.body.toString("utf8") : undefined,
        durationMs: Math.round(performance.now() - startedAt),
      })
      return
    }
    const body = parseBody(rawBody, request.headers["content-type"])

    if (method === "GET" && url.pathname.startsWith("/_sim/documents/")) {
      // Pre-signed document links (as S3 serves them): no access token, the query string is the authorisation.
      const found = this.state.ledger.documentFor(decodeURIComponent(url.pathname.slice("/_sim/documents/".length)), url.searchParams)
      if (found.status !== 200) {
        response.writeHead(found.status, { "content-type": "application/xml" })
        response.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${found.status === 404 ? "NoSuchKey" : "AccessDenied"}</Code><Message>${found.message}</Message></Error>`)
        return
      }
      const fault = this.faults.take("reports-2021-06-30", "documentDownload")
      if (fault?.kind === "500") {
        response.writeHead(500, { "content-type": "application/xml" })
        response.end("<Error><Code>InternalError</Code></Error>")
        return
      }
      const content = fault?.kind === "malformed" ? found.report.content.subarray(0, Math.floor(found.report.content.length / 2)) : found.report.content
      response.writeHead(200, { "content-type": "text/plain; charset=utf-8", "content-length": content.length })
      response.end(content)
      return
    }

    if (url.pathname === "/_sim" || url.pathname.startsWith("/_sim/")) {
      // Control bodies are always JSON, whatever content-type a quick `curl -d` sends.
      const control = handleControl(this, method, url.pathname, parseBody(rawBody, "application/json"))
      if (control.raw) {
        response.writeHead(control.status, { "content-type": control.raw.contentType, "content-length": control.raw.data.length })
        response.end(control.raw.data)
      } else {
        response.writeHead(control.status, { "content-type": "application/json" })
        response.end(JSON.stringify(control.json ?? {}))
      }
      return
    }

    const requestId = randomUUID()
    const query = new Query(url.searchParams)
    const outcome = await this.dispatch(method, url.pathname, query, body, request)
    outcome.headers["x-amzn-RequestId"] = requestId
    if (outcome.text !== undefined) outcome.headers["content-type"] = outcome.operation?.api === "lwa" ? "application/json;charset=UTF-8" : "application/json"

    if (!response.destroyed) {
      response.writeHead(outcome.status, outcome.headers)
      response.end(outcome.text)
    }

    this.record({
      requestId,
      time: arrivedAt.toISOString(),
      method,
      path: url.pathname,
      query: query.toRecord(),
      headers: loggedHeaders(request),
      body: redact(body),
      status: outcome.status,
      responseHeaders: { ...outcome.headers },
      responseBody: outcome.text === undefined ? undefined : redact(parseBody(Buffer.from(outcome.text), "application/json")),
      operation: outcome.operation,
      fault: outcome.fault,
      durationMs: Math.round(performance.now() - startedAt),
    })
  }

  private record(entry: SimRequestLogEntry): void {
    this.log.push(entry)
    if (this.log.length > this.requestLogLimit) this.log.splice(0, this.log.length - this.requestLogLimit)
  }

  private async dispatch(method: string, path: string, query: Query, body: unknown, request: IncomingMessage): Promise<Outcome> {
    if (method === "POST" && /^\/auth\/o2\/token\/?$/.test(path)) {
      const operation = { api: "lwa" as const, operationId: "lwaToken" }
      const fault = this.faults.take(operation.api, operation.operationId)
      if (fault?.kind === "slow") await delay(fault.delayMs ?? 2000)
      if (fault?.kind === "500") return { ...this.serialize(errorResponse(500, [INTERNAL_FAILURE])), operation, fault: fault.kind }
      if (fault?.kind === "429") return { ...this.serialize(errorResponse(429, [QUOTA_EXCEEDED])), operation, fault: fault.kind }
      const outcome = { ...this.serialize(handleLwaToken(this.state, body)), operation, fault: fault?.kind }
      if (fault?.kind === "malformed") outcome.text = malformedBody(outcome.text)
      return outcome
    }

    let route: RouteDefinition | undefined
    let params: Record<string, string> = {}
    for (const candidate of ROUTES) {
      const match = candidate.method === method ? matchTemplate(candidate.pathTemplate, path) : null
      if (match) {
        route = candidate
        params = match
        break
      }
    }
    if (!route) {
      return this.serialize(errorResponse(404, [{ code: "NotFound", message: `The requested resource ${method} ${path} was not found.`, details: "" }]))
    }

    const operation = { api: route.api, operationId: route.operationId }
    const plan = usagePlanFor(route.api, route.operationId)
    const rateHeader: Record<string, string> = plan ? { "x-amzn-RateLimit-Limit": this.limiter.headerValue(plan) } : {}
    const finish = (result: SimResponse, fault?: SimFaultKind): Outcome => {
      const outcome = this.serialize(result)
      return { ...outcome, headers: { ...rateHeader, ...outcome.headers }, operation, fault }
    }

    const tokenHeader = request.headers["x-amz-access-token"]
    const auth = authenticate(this.state, Array.isArray(tokenHeader) ? tokenHeader[0] : tokenHeader, route, method, path)
    if (isSimResponse(auth)) return finish(auth)

    const fault = this.faults.take(route.api, route.operationId)
    if (fault?.kind === "slow") await delay(fault.delayMs ?? 2000)
    if (fault?.kind === "429") return finish(errorResponse(429, [QUOTA_EXCEEDED]), fault.kind)
    if (fault?.kind === "500") return finish(errorResponse(500, [INTERNAL_FAILURE]), fault.kind)

    if (plan && !this.limiter.tryConsume(`${auth.sellerId}|${route.api}:${route.operationId}`, plan)) {
      return finish(errorResponse(429, [QUOTA_EXCEEDED]))
    }

    let result: SimResponse
    try {
      result = route.handle({
        state: this.state,
        now: this.state.now(),
        query,
        body,
        params,
        auth,
        baseUrl: this.url,
        orderItemsPageSize: this.orderItemsPageSize,
        financesPageSize: this.financesPageSize,
      })
    } catch (error) {
      if (error instanceof SpApiError) result = error.toResponse()
      else {
        console.error(`[sp-api-simulator] ${route.operationId} failed`, error)
        result = errorResponse(500, [INTERNAL_FAILURE])
      }
    }
    if (fault?.kind === "corruptOrder" && result.status === 200) result = { ...result, body: corruptOneOrder(result.body, fault.orderId!) }
    const outcome = finish(result, fault?.kind)
    if (fault?.kind === "malformed") {
      outcome.status = 200
      outcome.text = malformedBody(outcome.text)
    }
    return outcome
  }

  private serialize(result: SimResponse): Outcome {
    return {
      status: result.status,
      headers: { ...(result.headers ?? {}) },
      text: result.body === undefined ? undefined : JSON.stringify(result.body),
    }
  }
}
