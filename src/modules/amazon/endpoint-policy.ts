/**
 * Which URLs may receive an account's credentials. The LWA client secret and refresh token are sent to the token
 * endpoint and the access token to the SP-API endpoint, so whoever chooses those URLs can read the secrets: only
 * Amazon's own hosts, unless the store's server configuration (plugin option `allowedEndpointHosts`, never an admin
 * field) names others, such as a simulator or a proxy.
 */

/** The hosts amazon-sp-api talks to: `[sandbox.]sellingpartnerapi-<region>.amazon.com` and LWA's token host. */
export const AMAZON_API_HOSTS = ["na", "eu", "fe"].flatMap((region) => [
  `sellingpartnerapi-${region}.amazon.com`,
  `sandbox.sellingpartnerapi-${region}.amazon.com`,
])
export const AMAZON_TOKEN_HOSTS = ["api.amazon.com"]

export type EndpointKind = "api" | "token"

const CONFIGURE_HINT =
  "To use another host (a simulator, a proxy), add it to the plugin option `allowedEndpointHosts` in medusa-config.ts " +
  '(e.g. allowedEndpointHosts: ["127.0.0.1", "proxy.example.com:8443"]).'

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || hostname === "::1" || /^127(\.\d{1,3}){3}$/.test(hostname)
}

function defaultPort(protocol: string): string {
  return protocol === "https:" ? "443" : "80"
}

/** An entry is a host (any port) or host:port; compared case-insensitively. */
function matchesAllowedHost(url: URL, allowedHosts: readonly string[]): boolean {
  const hostname = url.hostname.toLowerCase()
  const port = url.port || defaultPort(url.protocol)
  return allowedHosts.some((entry) => {
    const normalised = entry.trim().toLowerCase()
    if (!normalised) return false
    const withPort = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(normalised)
    if (withPort) return withPort[1] === hostname && withPort[2] === port
    return normalised === hostname
  })
}

/**
 * Why a URL may not receive credentials, as a sentence for the merchant; null when it may.
 * `https:` to Amazon's hosts or to a configured host; `http:` only to a configured loopback host (a local simulator).
 */
export function endpointRefusal(
  rawUrl: string,
  kind: EndpointKind,
  allowedHosts: readonly string[] = []
): string | null {
  const label = kind === "api" ? "API endpoint" : "token endpoint"
  const amazonHosts = kind === "api" ? AMAZON_API_HOSTS : AMAZON_TOKEN_HOSTS
  const example = kind === "api" ? "https://sellingpartnerapi-na.amazon.com" : "https://api.amazon.com/auth/o2/token"
  let url: URL
  try {
    url = new URL(rawUrl)
  } catch {
    return `The ${label} "${rawUrl}" is not a URL. Leave it blank to use Amazon's, or enter a full URL such as ${example}.`
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return (
      `The ${label} must be an https:// URL (http:// only to a local simulator allowed by the store's configuration); ` +
      `"${url.protocol}" is not accepted. Leave it blank to use Amazon's (${example}).`
    )
  }
  if (url.username || url.password) {
    return `The ${label} must not contain a user name or password. Enter the URL without them.`
  }
  const configured = matchesAllowedHost(url, allowedHosts)
  if (url.protocol === "http:") {
    if (configured && isLoopback(url.hostname)) return null
    return (
      `The ${label} must use https://; http:// is accepted only for a local simulator on this machine (localhost, 127.0.0.1) ` +
      `that the store's configuration allows. ${CONFIGURE_HINT}`
    )
  }
  const isAmazon = amazonHosts.includes(url.hostname.toLowerCase()) && (url.port === "" || url.port === "443")
  if (isAmazon || configured) return null
  return (
    `The ${label} "${url.host}" is not one of Amazon's hosts (${amazonHosts.join(", ")}), and Amazon credentials are only sent ` +
    `to Amazon or to hosts the store allows. ${CONFIGURE_HINT}`
  )
}

/** The same URL written differently (trailing slash, host case) is not a change of endpoint. */
export function sameEndpoint(a: string | null | undefined, b: string | null | undefined): boolean {
  const normalise = (value: string | null | undefined) => {
    if (!value) return ""
    try {
      return new URL(value).href.replace(/\/+$/, "")
    } catch {
      return value.trim()
    }
  }
  return normalise(a) === normalise(b)
}
