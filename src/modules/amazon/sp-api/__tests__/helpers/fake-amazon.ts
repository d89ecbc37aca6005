/**
 * A tiny local HTTP server that plays LWA and the Selling Partner API for client tests.
 * Requests reach it through the EndpointAgent, so it sees Amazon's Host header and paths.
 */
import * as http from "node:http"
import type { AddressInfo } from "node:net"

export type RecordedRequest = {
  method: string
  path: string
  query: URLSearchParams
  host: string | undefined
  headers: http.IncomingHttpHeaders
  body: string
}

export type FakeResponse = {
  status: number
  body?: unknown
  /** Sent as is (for malformed answers); wins over body. */
  rawBody?: string
  headers?: Record<string, string>
  /** Never answer (timeout tests). */
  hang?: boolean
}

type Responder = (request: RecordedRequest) => FakeResponse

export const TEST_ACCESS_TOKEN = "Atza|IwEBIFakeAccessTokenForTests0123456789"

export class FakeAmazon {
  readonly requests: RecordedRequest[] = []
  /** TCP connections accepted so far (keep-alive reuses them). */
  connections = 0
  private readonly routes: { method: string; pattern: RegExp; responses: Responder[]; fallback: Responder }[] = []
  private server: http.Server | null = null
  private hangingResponses: http.ServerResponse[] = []

  /** Answers a successful LWA exchange unless a test overrides it. */
  constructor() {
    this.on("POST", /^\/auth\/o2\/token$/, () => ({
      status: 200,
      body: { access_token: TEST_ACCESS_TOKEN, refresh_token: "Atzr|should-not-matter", token_type: "bearer", expires_in: 3600 },
    }))
  }

  /**
   * Sets the answers for a route: the first requests get `responses` in order, later ones the
   * last one again. A later call for the same route replaces the earlier one.
   */
  on(method: string, pattern: RegExp, ...responses: Responder[]): this {
    const existing = this.routes.findIndex((route) => route.method === method && route.pattern.source === pattern.source)
    if (existing >= 0) this.routes.splice(existing, 1)
    this.routes.unshift({ method, pattern, responses: [...responses], fallback: responses[responses.length - 1] })
    return this
  }

  requestsTo(pattern: RegExp): RecordedRequest[] {
    return this.requests.filter((request) => pattern.test(request.path))
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null
    if (!address) throw new Error("FakeAmazon is not started")
    return `http://127.0.0.1:${address.port}`
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on("data", (chunk: Buffer) => chunks.push(chunk))
      req.on("end", () => {
        const url = new URL(req.url ?? "/", "http://placeholder")
        const recorded: RecordedRequest = {
          method: req.method ?? "GET",
          path: url.pathname,
          query: url.searchParams,
          host: req.headers.host,
          headers: req.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        }
        this.requests.push(recorded)
        const route = this.routes.find((candidate) => candidate.method === recorded.method && candidate.pattern.test(recorded.path))
        const responder: Responder = route
          ? (route.responses.shift() ?? route.fallback)
          : () => ({ status: 404, body: { errors: [{ code: "NotFound", message: "no route in FakeAmazon" }] } })
        const answer = responder(recorded)
        if (answer.hang) {
          this.hangingResponses.push(res)
          return
        }
        const payload = answer.rawBody ?? (answer.body === undefined ? "" : JSON.stringify(answer.body))
        res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers })
        res.end(payload)
      })
    })
    this.server.on("connection", () => this.connections++)
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve))
    return this
  }

  async stop(): Promise<void> {
    for (const res of this.hangingResponses) res.destroy()
    const server = this.server
    if (!server) return
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
    this.server = null
  }
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): Responder => () => ({ status, body, headers })
