/**
 * Sorts what the library or Node throws (as opposed to HTTP answers) into the few situations the
 * client reacts to differently. Only error codes are read, never request objects, because the
 * library's errors can carry the request including its access token.
 */

export type TransportProblem =
  /** LWA refused the credentials: no retry, the merchant has to fix them. */
  | { kind: "lwa-auth"; lwaCode: string; description: string }
  /** LWA reported a temporary failure of its own. */
  | { kind: "lwa-unavailable"; lwaCode: string }
  /** LWA's answer was not JSON or had no access token (an HTML error page, a proxy, …). */
  | { kind: "lwa-malformed" }
  /** No usable connection; `retryable` is false when retrying cannot change the outcome (TLS, wrong protocol). */
  | { kind: "network"; code: string; reason: string; retryable: boolean }
  /** Connected, but the answer did not arrive in time. */
  | { kind: "timeout"; code: string }
  /** Anything else, e.g. the library refusing our parameters. */
  | { kind: "unknown"; code: string | null; message: string }

/** OAuth 2 error codes (RFC 6749 §5.2) that mean the credentials or the grant are wrong. */
const LWA_CREDENTIAL_ERRORS = new Set([
  "invalid_client",
  "invalid_grant",
  "unauthorized_client",
  "invalid_request",
  "unsupported_grant_type",
  "invalid_scope",
  "access_denied",
])

const LWA_TEMPORARY_ERRORS = new Set(["server_error", "temporarily_unavailable"])

/** The library's codes for an LWA answer it could not use. */
const LWA_UNUSABLE_ANSWER = new Set(["REFRESH_ACCESS_TOKEN_PARSE_ERROR", "UNKNOWN_REFRESH_ACCESS_TOKEN_ERROR"])

/** The library's TimeoutManager codes (we only set the deadline one, the others are listed for safety). */
const TIMEOUT_CODES = new Set(["API_DEADLINE_TIMEOUT", "API_RESPONSE_TIMEOUT", "API_IDLE_TIMEOUT", "ETIMEDOUT"])

const RETRYABLE_NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "the connection was closed unexpectedly",
  EPIPE: "the connection was closed unexpectedly",
  ECONNABORTED: "the connection was aborted",
  ENOTFOUND: "the host name could not be found",
  EAI_AGAIN: "the host name could not be looked up (DNS not answering)",
  EHOSTUNREACH: "the host is unreachable",
  ENETUNREACH: "the network is unreachable",
  ENETDOWN: "the network is down",
}

export function classifyThrown(error: unknown): TransportProblem {
  const code = errorCode(error)
  if (code !== null) {
    // The library puts LWA's error_description into the message.
    if (LWA_CREDENTIAL_ERRORS.has(code)) return { kind: "lwa-auth", lwaCode: code, description: errorMessage(error) }
    if (LWA_TEMPORARY_ERRORS.has(code)) return { kind: "lwa-unavailable", lwaCode: code }
    if (LWA_UNUSABLE_ANSWER.has(code)) return { kind: "lwa-malformed" }
    if (TIMEOUT_CODES.has(code)) return { kind: "timeout", code }
    const reason = RETRYABLE_NETWORK_REASONS[code]
    if (reason) return { kind: "network", code, reason, retryable: true }
    if (code.startsWith("HPE_")) {
      return {
        kind: "network",
        code,
        reason: "the server did not answer with HTTP (check http:// versus https:// in the setting)",
        retryable: false,
      }
    }
    if (isTlsCode(code)) {
      return {
        kind: "network",
        code,
        reason: `the secure (TLS) connection failed with ${code} (check http:// versus https:// and the server's certificate)`,
        retryable: false,
      }
    }
    if (isSystemError(error)) {
      // Some other operating-system level failure of the connection (EADDRNOTAVAIL, EMFILE, …).
      return { kind: "network", code, reason: `the connection failed (${code})`, retryable: true }
    }
  }
  return { kind: "unknown", code, message: errorMessage(error) }
}

/** Node marks errors of system calls (connect, read, write, getaddrinfo) with `syscall`. */
function isSystemError(error: unknown): boolean {
  return typeof error === "object" && error !== null && typeof (error as { syscall?: unknown }).syscall === "string"
}

function isTlsCode(code: string): boolean {
  return (
    // EPROTO: e.g. TLS spoken to a plain-HTTP server ("wrong version number").
    code === "EPROTO" ||
    code.startsWith("ERR_TLS_") ||
    code.startsWith("ERR_SSL_") ||
    code.includes("CERT") ||
    code === "UNABLE_TO_VERIFY_LEAF_SIGNATURE" ||
    code === "UNABLE_TO_GET_ISSUER_CERT_LOCALLY"
  )
}

function errorCode(error: unknown): string | null {
  if (typeof error !== "object" || error === null) return null
  const code = (error as { code?: unknown }).code
  return typeof code === "string" && code !== "" ? code : null
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message
  if (typeof error === "object" && error !== null) {
    const message = (error as { message?: unknown }).message
    if (typeof message === "string") return message
  }
  return String(error)
}
