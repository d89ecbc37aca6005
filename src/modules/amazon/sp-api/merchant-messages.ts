/**
 * The sentences a merchant reads in admin when talking to Amazon fails. Each says what happened
 * and what to do. They never contain secrets: callers pass only operation names, URLs of
 * endpoints (settings, not credentials), HTTP statuses and Amazon's own error texts (redacted).
 */
import type { AmazonApiError } from "./errors"

const SETTINGS = "Settings → Amazon"

const LWA_AUTH_MESSAGES: Record<string, string> = {
  invalid_client: `Amazon rejected the app credentials (invalid_client). Check the LWA client ID and client secret in ${SETTINGS}.`,
  invalid_grant: `Amazon rejected the refresh token (invalid_grant): it was revoked, has expired or belongs to another app. Authorize the app again in Seller Central and paste the new refresh token in ${SETTINGS}.`,
  unauthorized_client: `Amazon does not allow this app to use the refresh token (unauthorized_client). Check that the LWA client ID belongs to the app the seller authorized, in ${SETTINGS}.`,
}

export function authFailedMessage(lwaErrorCode: string): string {
  return (
    LWA_AUTH_MESSAGES[lwaErrorCode] ??
    `Amazon's login service refused to issue an access token (${lwaErrorCode}). Check the LWA client ID, client secret and refresh token in ${SETTINGS}.`
  )
}

export function accessTokenRejectedMessage(operation: string): string {
  return `Amazon did not accept the access token for ${operation} (HTTP 401) even after getting a new one. Check the LWA client ID, client secret and refresh token in ${SETTINGS}.`
}

export type EndpointKind = "sp-api" | "token"

function endpointName(kind: EndpointKind): string {
  return kind === "token" ? "Amazon's login service (LWA)" : "the Selling Partner API"
}

function endpointSetting(kind: EndpointKind): string {
  return kind === "token" ? "token endpoint" : "API endpoint"
}

export function unreachableMessage(kind: EndpointKind, url: string, reason: string): string {
  return `Could not reach ${endpointName(kind)} at ${url}: ${reason}. Check the ${endpointSetting(kind)} setting and your network.`
}

export function timeoutMessage(kind: EndpointKind, url: string, operation: string, seconds: number, retries: number): string {
  return `${capitalize(endpointName(kind))} at ${url} did not answer ${operation} within ${seconds} ${plural(seconds, "second", "seconds")} (${retries} ${plural(retries, "retry", "retries")}); the next sync retries. If it keeps happening, check the ${endpointSetting(kind)} setting and your network.`
}

export function throttledMessage(operation: string, retries: number): string {
  return `Amazon kept throttling ${operation} (HTTP 429) after ${retries} ${plural(retries, "retry", "retries")}; the next sync will continue where this one stopped.`
}

export function rateLimitBusyMessage(operation: string, waitSeconds: number): string {
  return `Amazon allows ${operation} only a few times per hour and a sync has just used them; try again in about ${waitSeconds} seconds.`
}

export function malformedJsonMessage(operation: string, kind: EndpointKind = "sp-api"): string {
  const who = kind === "token" ? "Amazon's login service" : "Amazon"
  return `${who} returned an answer that is not valid JSON for ${operation}; this is usually temporary — the next sync retries.`
}

export function malformedShapeMessage(operation: string): string {
  return `Amazon's answer to ${operation} did not have the expected format; this is usually temporary — the next sync retries. If it keeps happening, Amazon may have changed the API: report it to the plugin maintainers with the server log.`
}

export function serverErrorMessage(operation: string, httpStatus: number | null, retries: number, kind: EndpointKind = "sp-api"): string {
  const status = httpStatus !== null ? ` (HTTP ${httpStatus})` : ""
  return `${capitalize(endpointName(kind))} kept failing for ${operation}${status} after ${retries} ${plural(retries, "retry", "retries")}; this is on Amazon's side and usually temporary — the next sync retries.`
}

export function accessDeniedMessage(operation: string, amazonErrors: AmazonApiError[]): string {
  return `Amazon denied access to ${operation} (HTTP 403${describeAmazonErrors(amazonErrors)}). Make sure the app has the Orders role (and, for buyer names and addresses, the restricted Direct-to-Consumer Shipping role), that the seller authorized it for this region, and authorize it again if needed in ${SETTINGS}.`
}

export function rejectedMessage(operation: string, httpStatus: number, amazonErrors: AmazonApiError[]): string {
  return `Amazon rejected the ${operation} request (HTTP ${httpStatus}${describeAmazonErrors(amazonErrors)}); retrying the same request will not help.`
}

export function unexpectedStatusMessage(operation: string, httpStatus: number, kind: EndpointKind = "sp-api"): string {
  return `${capitalize(endpointName(kind))} answered ${operation} with the unexpected HTTP status ${httpStatus}. Check the ${endpointSetting(kind)} setting in ${SETTINGS}.`
}

export function invalidRequestMessage(operation: string, reason: string): string {
  return `The plugin tried to send an invalid ${operation} request to Amazon (${reason}). This is a bug in the plugin; please report it with the server log.`
}

function describeAmazonErrors(errors: AmazonApiError[]): string {
  const first = errors[0]
  if (!first) return ""
  const text = [first.code, first.message].filter(Boolean).join(": ")
  return text ? `, ${text}` : ""
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
