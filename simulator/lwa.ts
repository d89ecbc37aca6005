// Login with Amazon: POST /auth/o2/token exchanges a seller's refresh token (or, grantless,
// the app's client credentials) for a one-hour access token, with LWA's OAuth error shapes.
import { randomBytes } from "node:crypto"
import type { SimResponse } from "./http"
import type { SimState } from "./state"

export const ACCESS_TOKEN_LIFETIME_SECONDS = 3600

function lwaError(error: string, description: string): SimResponse {
  return { status: 400, body: { error, error_description: description } }
}

function field(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name]
  return typeof value === "string" && value !== "" ? value : undefined
}

export function newAccessToken(): string {
  return `Atza|${randomBytes(48).toString("base64url")}`
}

/** Handles the token request; the body may be a form (LWA's documented format) or JSON (what amazon-sp-api sends). */
export function handleLwaToken(state: SimState, body: unknown): SimResponse {
  const params = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {}
  const grantType = field(params, "grant_type")
  const clientId = field(params, "client_id")
  const clientSecret = field(params, "client_secret")
  if (!grantType) return lwaError("invalid_request", "The request is missing a required parameter : grant_type")
  if (grantType !== "refresh_token" && grantType !== "client_credentials") {
    return lwaError("unsupported_grant_type", `The authorization grant type is not supported by the authorization server : ${grantType}`)
  }
  if (!clientId) return lwaError("invalid_request", "The request is missing a required parameter : client_id")
  if (!clientSecret) return lwaError("invalid_request", "The request is missing a required parameter : client_secret")

  const sellers = [...state.sellers.values()]
  const clientKnown = sellers.some((seller) => seller.clientId === clientId && seller.clientSecret === clientSecret)
  if (!clientKnown) return lwaError("invalid_client", "Client authentication failed")

  const expiresAt = state.now().getTime() + ACCESS_TOKEN_LIFETIME_SECONDS * 1000
  const accessToken = newAccessToken()

  if (grantType === "client_credentials") {
    if (!field(params, "scope")) return lwaError("invalid_request", "The request is missing a required parameter : scope")
    state.tokens.set(accessToken, { kind: "access", sellerId: null, clientId, expiresAt })
    return { status: 200, body: { access_token: accessToken, scope: field(params, "scope"), token_type: "bearer", expires_in: ACCESS_TOKEN_LIFETIME_SECONDS } }
  }

  const refreshToken = field(params, "refresh_token")
  if (!refreshToken) return lwaError("invalid_request", "The request is missing a required parameter : refresh_token")
  const seller = state.sellers.get(refreshToken)
  // A refresh token is bound to the app that the seller authorized.
  if (!seller || seller.clientId !== clientId) {
    return lwaError("invalid_grant", "The request has an invalid grant parameter : refresh_token")
  }
  state.tokens.set(accessToken, { kind: "access", sellerId: seller.sellerId, clientId, expiresAt })
  return {
    status: 200,
    body: { access_token: accessToken, refresh_token: refreshToken, token_type: "bearer", expires_in: ACCESS_TOKEN_LIFETIME_SECONDS },
  }
}
