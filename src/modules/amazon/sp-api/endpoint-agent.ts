/**
 * Points the amazon-sp-api library at the endpoints configured for an account.
 *
 * The library always builds `https://api.amazon.com/auth/o2/token` and
 * `https://sellingpartnerapi-<region>.amazon.com/...` on port 443, but hands `https_proxy_agent` to
 * every https.request it makes. This agent decides, per connection, where the socket really goes:
 *
 *   api.amazon.com                 → the account's tokenEndpoint, if set
 *   [sandbox.]sellingpartnerapi-*  → the account's endpoint, if set
 *   anything else / not set        → ordinary TLS to the named host
 *
 * An `http://host:port` target gets a plain TCP socket (the request is then sent as plain HTTP,
 * e.g. to a local simulator); an `https://host[:port]` target gets TLS verified against that host.
 * The Host header and the path stay Amazon's, so only scheme, host and port of a target are used.
 */
import * as https from "node:https"
import * as net from "node:net"
import * as tls from "node:tls"
import type { Duplex } from "node:stream"
import { SpApiError } from "./errors"

export const AMAZON_TOKEN_HOST = "api.amazon.com"
export const AMAZON_TOKEN_URL = "https://api.amazon.com/auth/o2/token"
const AMAZON_SP_API_HOST = /^(?:sandbox\.)?sellingpartnerapi-[a-z]+\.amazon\.com$/i

export type EndpointTarget = {
  protocol: "http:" | "https:"
  hostname: string
  port: number
  /** The setting as the merchant typed it, for messages. */
  url: string
}

export type EndpointRoutes = {
  /** Where Selling Partner API requests go; null = Amazon's own host for the region. */
  spApi: EndpointTarget | null
  /** Where LWA token requests go; null = api.amazon.com. */
  token: EndpointTarget | null
}

/**
 * Reads an endpoint setting. Throws INVALID_CONFIGURATION for anything we cannot route to,
 * because silently falling back to Amazon would send a test account's credentials to production.
 */
export function parseEndpointSetting(value: string | null | undefined, settingLabel: string): EndpointTarget | null {
  const trimmed = value?.trim()
  if (!trimmed) return null
  let parsed: URL
  try {
    parsed = new URL(trimmed)
  } catch {
    throw invalidEndpoint(trimmed, settingLabel, "it is not a URL")
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw invalidEndpoint(trimmed, settingLabel, "only http:// and https:// are supported")
  }
  if (parsed.username || parsed.password) {
    throw invalidEndpoint(trimmed, settingLabel, "it must not contain a user name or password")
  }
  const hostname = parsed.hostname.replace(/^\[(.*)\]$/, "$1") // IPv6 literals come bracketed
  const defaultPort = parsed.protocol === "https:" ? 443 : 80
  return {
    protocol: parsed.protocol,
    hostname,
    port: parsed.port ? Number(parsed.port) : defaultPort,
    url: trimmed,
  }
}

function invalidEndpoint(value: string, settingLabel: string, reason: string): SpApiError {
  return new SpApiError({
    code: "INVALID_CONFIGURATION",
    operation: "configuration",
    merchantMessage: `The ${settingLabel} setting "${value}" cannot be used: ${reason}. Correct it in Settings → Amazon, or leave it empty to use Amazon's own endpoint.`,
  })
}

type ConnectionOptions = https.RequestOptions & { servername?: string }
type ConnectionCallback = (error: Error | null, stream: Duplex) => void

export class EndpointAgent extends https.Agent {
  constructor(
    readonly routes: EndpointRoutes,
    agentOptions: https.AgentOptions = {}
  ) {
    // Keep-alive: a sync makes many small requests to the same host; the TLS handshake dominates otherwise.
    // The timeout closes idle pooled sockets before servers drop them under us.
    super({ keepAlive: true, maxSockets: 16, timeout: 60_000, ...agentOptions })
  }

  /** The target a request to `hostname` is routed to, or null when it goes to that host itself. */
  targetFor(hostname: string | null | undefined): EndpointTarget | null {
    const host = (hostname ?? "").toLowerCase()
    if (host === AMAZON_TOKEN_HOST) return this.routes.token
    if (AMAZON_SP_API_HOST.test(host)) return this.routes.spApi
    return null
  }

  override createConnection(options: ConnectionOptions, callback?: ConnectionCallback): Duplex | null | undefined {
    const target = this.targetFor(options.hostname ?? options.host)
    if (!target) return super.createConnection(options, callback)

    if (target.protocol === "http:") {
      return net.connect({ host: target.hostname, port: target.port })
    }
    return tls.connect({
      host: target.hostname,
      port: target.port,
      // SNI is only allowed for host names, not IP literals.
      servername: net.isIP(target.hostname) ? undefined : target.hostname,
      rejectUnauthorized: this.options.rejectUnauthorized ?? true,
      ca: this.options.ca,
      cert: this.options.cert,
      key: this.options.key,
      ALPNProtocols: ["http/1.1"],
    })
  }
}

/**
 * Agents shared per routing, so that the many short-lived clients the module creates reuse
 * keep-alive connections instead of each leaving their own pool behind.
 */
const sharedAgents = new Map<string, EndpointAgent>()

export function sharedEndpointAgent(routes: EndpointRoutes): EndpointAgent {
  const key = `${routes.spApi?.url ?? "-"} ${routes.token?.url ?? "-"}`
  let agent = sharedAgents.get(key)
  if (!agent) {
    agent = new EndpointAgent(routes)
    sharedAgents.set(key, agent)
  }
  return agent
}

/** Closes every pooled connection (tests, graceful shutdown); later requests open new ones. */
export function closeIdleSpApiConnections(): void {
  for (const agent of sharedAgents.values()) agent.destroy()
  sharedAgents.clear()
}
