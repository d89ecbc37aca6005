// Checks the x-amz-access-token of an SP-API call: an LWA access token issued by the
// simulator, or a Restricted Data Token covering the called resource.
import { errorResponse, type SimResponse } from "./http"
import type { AuthContext, RouteDefinition } from "./route"
import type { SimState } from "./state"
import { resourceCovers } from "./tokens-api"

const DENIED_MESSAGE = "Access to requested resource is denied."

function denied(details: string): SimResponse {
  return errorResponse(403, [{ code: "Unauthorized", message: DENIED_MESSAGE, details }])
}

export function authenticate(
  state: SimState,
  token: string | undefined,
  route: RouteDefinition,
  method: string,
  path: string
): AuthContext | SimResponse {
  if (!token) return denied("")
  const grant = state.tokens.get(token)
  if (!grant) return denied("The access token you provided is revoked, malformed or invalid.")
  // amazon-sp-api refreshes its token when the details match /access token.*expired/.
  if (grant.expiresAt <= state.now().getTime()) return denied("The access token you provided has expired.")

  if (grant.kind === "access") {
    // Grantless tokens (client_credentials) only work for grantless operations, none of which are simulated.
    if (!grant.sellerId) return denied("")
    return { sellerId: grant.sellerId }
  }
  if (!route.restricted) return denied("")
  const resource = grant.resources.find((candidate) => resourceCovers(candidate, method, path))
  if (!resource) return denied("")
  return { sellerId: grant.sellerId, restricted: { dataElements: resource.dataElements } }
}

export function isSimResponse(value: AuthContext | SimResponse): value is SimResponse {
  return typeof (value as SimResponse).status === "number"
}
