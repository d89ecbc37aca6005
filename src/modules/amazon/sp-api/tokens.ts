/**
 * Tokens API 2021-03-01 (tokens_2021-03-01.json): Restricted Data Tokens, which unlock buyer PII for the
 * resources they name. A token this client created can be renewed for the same resources when Amazon stops
 * accepting it (expired after its hour, or revoked), so a long page does not fail half-way.
 */
import { defineOperations, summarizeIssues } from "./operation"
import {
  CreateRestrictedDataTokenRequestSchema,
  CreateRestrictedDataTokenResponseSchema,
  type RestrictedResource,
} from "./schemas/tokens"
import type { SpApiTransport } from "./transport"

export const TOKENS_OPERATIONS = defineOperations("tokens", "2021-03-01", {
  createRestrictedDataToken: { amazonName: "createRestrictedDataToken", usagePlan: { ratePerSecond: 1, burst: 10 } },
})

export type RestrictedDataToken = { restrictedDataToken: string; expiresIn: number }

export interface TokensApi {
  createRestrictedDataToken(restrictedResources: RestrictedResource[], targetApplication?: string): Promise<RestrictedDataToken>
}

/** What the other API files of the same client use to keep RDT calls working. */
export interface RestrictedTokenRenewal {
  /** The token to send in place of `token`: itself, or the one that replaced it after a renewal. */
  current(token: string | undefined): string | undefined
  /** A new token for the resources `token` was created for; null when this client did not create it. */
  renew(token: string): Promise<string | null>
}

type Grant = { restrictedResources: RestrictedResource[]; targetApplication?: string }

export function tokensApi(transport: SpApiTransport): TokensApi & { restrictedTokenRenewal: RestrictedTokenRenewal } {
  const grants = new Map<string, Grant>()
  const replacedBy = new Map<string, string>()
  // Calls of one page that fail together share one renewal instead of each minting a token.
  const renewals = new Map<string, Promise<string>>()

  async function create(restrictedResources: RestrictedResource[], targetApplication?: string): Promise<RestrictedDataToken> {
    const spec = TOKENS_OPERATIONS.createRestrictedDataToken
    const body = CreateRestrictedDataTokenRequestSchema.safeParse({ restrictedResources, targetApplication })
    if (!body.success) throw transport.invalidRequest(spec, summarizeIssues(body.error.issues))
    const response = await transport.call(spec, { body: body.data }, CreateRestrictedDataTokenResponseSchema)
    // An RDT opens buyer PII: it must never show up in a log line or error from now on.
    transport.keepSecret(response.restrictedDataToken)
    grants.set(response.restrictedDataToken, body.data)
    return { restrictedDataToken: response.restrictedDataToken, expiresIn: response.expiresIn }
  }

  function current(token: string | undefined): string | undefined {
    let latest = token
    while (latest !== undefined && replacedBy.has(latest)) latest = replacedBy.get(latest)
    return latest
  }

  async function renew(token: string): Promise<string | null> {
    const grant = grants.get(token)
    if (!grant) return null
    let renewal = renewals.get(token)
    if (!renewal) {
      renewal = create(grant.restrictedResources, grant.targetApplication).then(({ restrictedDataToken }) => {
        replacedBy.set(token, restrictedDataToken)
        grants.delete(token)
        return restrictedDataToken
      })
      renewals.set(token, renewal)
      renewal.finally(() => renewals.delete(token)).catch(() => undefined)
    }
    transport.log("info", `Amazon SP-API: a restricted data token was no longer accepted; getting a new one for the same resources.`)
    return renewal
  }

  return { createRestrictedDataToken: create, restrictedTokenRenewal: { current, renew } }
}
