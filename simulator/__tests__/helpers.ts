// Test helpers: a tiny fetch-based client for the simulator and the response-conformance sweep.
import { modelsDir, validateResponse } from "../../test-utils/conformance"
import { DEFAULT_SELLER, type SimRequestLogEntry, type Simulator } from "../index"

export interface CallResult {
  status: number
  headers: Headers
  /** Parsed JSON, or undefined for an empty body. Throws on invalid JSON unless `raw` is used. */
  body: any
  text: string
}

export type QueryParams = Record<string, string | number | string[] | undefined>

function queryString(query: QueryParams | undefined): string {
  if (!query) return ""
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue
    // Amazon's list convention: one comma-separated value.
    params.set(key, Array.isArray(value) ? value.join(",") : String(value))
  }
  const text = params.toString()
  return text ? `?${text}` : ""
}

export class SimClient {
  private accessToken: string | undefined

  constructor(readonly sim: Simulator) {}

  async lwa(form: Record<string, string>): Promise<CallResult> {
    const response = await fetch(`${this.sim.url}/auth/o2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
    })
    return toResult(response)
  }

  /** An access token for the default seller (cached per client). */
  async token(): Promise<string> {
    if (!this.accessToken) {
      const result = await this.lwa({
        grant_type: "refresh_token",
        refresh_token: DEFAULT_SELLER.refreshToken,
        client_id: DEFAULT_SELLER.clientId,
        client_secret: DEFAULT_SELLER.clientSecret,
      })
      if (result.status !== 200) throw new Error(`LWA failed: ${result.text}`)
      this.accessToken = result.body.access_token as string
    }
    return this.accessToken
  }

  async get(path: string, query?: QueryParams, options: { token?: string | null } = {}): Promise<CallResult> {
    return this.call("GET", `${path}${queryString(query)}`, undefined, options.token)
  }

  async post(path: string, body: unknown, options: { token?: string | null } = {}): Promise<CallResult> {
    return this.call("POST", path, body, options.token)
  }

  /** `token`: undefined = the default seller's access token, null = no token header at all. */
  async call(method: string, pathWithQuery: string, body: unknown, token: string | null | undefined): Promise<CallResult> {
    const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8" }
    const effectiveToken = token === undefined ? await this.token() : token
    if (effectiveToken) headers["x-amz-access-token"] = effectiveToken
    const response = await fetch(`${this.sim.url}${pathWithQuery}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    })
    return toResult(response)
  }

  /** A Restricted Data Token for the given resources. */
  async rdt(restrictedResources: Array<{ method: string; path: string; dataElements?: string[] }>): Promise<string> {
    const result = await this.post("/tokens/2021-03-01/restrictedDataToken", { restrictedResources })
    if (result.status !== 200) throw new Error(`createRestrictedDataToken failed: ${result.text}`)
    return result.body.restrictedDataToken as string
  }
}

async function toResult(response: Response): Promise<CallResult> {
  const text = await response.text()
  let body: unknown
  if (text !== "") {
    try {
      body = JSON.parse(text)
    } catch {
      body = undefined
    }
  }
  return { status: response.status, headers: response.headers, body, text }
}

/** Exchanges of SP-API operations whose response must match Amazon's models (malformed faults excepted). */
export function checkableResponses(entries: SimRequestLogEntry[]): SimRequestLogEntry[] {
  return entries.filter((entry) => entry.operation && entry.operation.api !== "lwa" && entry.fault !== "malformed")
}

/**
 * Every response the simulator sent must conform to Amazon's models. Used in afterEach of the
 * behaviour suites (when the models are available), so each scenario doubles as a shape check.
 */
export function expectResponsesConform(sim: Simulator): void {
  if (!modelsDir()) return
  const problems: string[] = []
  for (const entry of checkableResponses(sim.requests())) {
    const result = validateResponse({ method: entry.method, path: entry.path, status: entry.status, body: entry.responseBody })
    if (result.errors.length > 0) problems.push(`${entry.method} ${entry.path} -> ${entry.status}:\n    ${result.errors.join("\n    ")}`)
  }
  if (problems.length > 0) throw new Error(`Responses that do not match Amazon's models:\n${problems.join("\n")}`)
}

export const MINUTE = 60_000
export const US = "ATVPDKIKX0DER"
export const DE = "A1PA6795UKMFR9"
export const JP = "A1VC38T7YXB528"

export function isoMinutesAgo(sim: Simulator, minutes: number): string {
  return new Date(sim.now().getTime() - minutes * MINUTE).toISOString()
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
