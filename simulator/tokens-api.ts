// Tokens API 2021-03-01: createRestrictedDataToken. The RDT it returns is accepted as
// x-amz-access-token for the restricted resources (method + path) it names.
import { randomBytes } from "node:crypto"
import { invalidInput, type SimResponse } from "./http"
import { matchTemplate, type RouteContext, type RouteDefinition } from "./route"
import type { RestrictedResourceGrant } from "./state"

export const RDT_LIFETIME_SECONDS = 3600

interface RestrictedOperation {
  method: string
  template: string
  /** Data elements that may be requested; `required` when Amazon insists on dataElements. */
  dataElements: string[]
  dataElementsRequired: boolean
}

/** The Orders API operations that return PII (see Amazon's Tokens API use case guide). */
const RESTRICTED_OPERATIONS: RestrictedOperation[] = [
  { method: "GET", template: "/orders/v0/orders", dataElements: ["buyerInfo", "shippingAddress", "buyerTaxInformation"], dataElementsRequired: true },
  { method: "GET", template: "/orders/v0/orders/{orderId}", dataElements: ["buyerInfo", "shippingAddress", "buyerTaxInformation"], dataElementsRequired: true },
  { method: "GET", template: "/orders/v0/orders/{orderId}/orderItems", dataElements: ["buyerInfo"], dataElementsRequired: true },
  { method: "GET", template: "/orders/v0/orders/{orderId}/address", dataElements: [], dataElementsRequired: false },
  { method: "GET", template: "/orders/v0/orders/{orderId}/buyerInfo", dataElements: [], dataElementsRequired: false },
  { method: "GET", template: "/orders/v0/orders/{orderId}/orderItems/buyerInfo", dataElements: [], dataElementsRequired: false },
]

export function newRestrictedDataToken(): string {
  return `Atz.sprdt|${randomBytes(48).toString("base64url")}`
}

/** True when an RDT resource path (concrete, or generic with `{orderId}`) covers the request path. */
export function resourceCovers(resource: RestrictedResourceGrant, method: string, path: string): boolean {
  return resource.method === method.toUpperCase() && matchTemplate(resource.path, path) !== null
}

function createRestrictedDataToken(context: RouteContext): SimResponse {
  const body = context.body
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw invalidInput("The request body must be a JSON object.")
  const resources = (body as Record<string, unknown>).restrictedResources
  if (!Array.isArray(resources) || resources.length === 0) throw invalidInput("restrictedResources must contain at least one restricted resource.")
  if (resources.length > 50) throw invalidInput("restrictedResources may contain at most 50 restricted resources.")

  const grants: RestrictedResourceGrant[] = resources.map((entry: unknown, index) => {
    const resource = (entry ?? {}) as Record<string, unknown>
    const method = resource.method
    const path = resource.path
    if (typeof method !== "string" || !["GET", "PUT", "POST", "DELETE"].includes(method)) {
      throw invalidInput(`restrictedResources[${index}].method must be one of GET, PUT, POST, DELETE.`)
    }
    if (typeof path !== "string" || !path.startsWith("/")) throw invalidInput(`restrictedResources[${index}].path is required.`)
    const operation = RESTRICTED_OPERATIONS.find((candidate) => candidate.method === method && matchTemplate(candidate.template, path) !== null)
    if (!operation) throw invalidInput(`${method} ${path} is not a restricted resource.`, "Only operations that return PII need a Restricted Data Token.")
    const dataElements = resource.dataElements
    if (dataElements !== undefined && (!Array.isArray(dataElements) || dataElements.some((e) => typeof e !== "string"))) {
      throw invalidInput(`restrictedResources[${index}].dataElements must be a list of strings.`)
    }
    const elements = (dataElements as string[] | undefined) ?? []
    if (operation.dataElementsRequired && elements.length === 0) {
      throw invalidInput(`restrictedResources[${index}].dataElements is required for ${method} ${operation.template}.`)
    }
    for (const element of elements) {
      if (!operation.dataElements.includes(element)) {
        throw invalidInput(`Invalid data element '${element}' for ${method} ${operation.template}.`, `Valid values: ${operation.dataElements.join(", ") || "none"}.`)
      }
    }
    return { method, path, dataElements: new Set(elements) }
  })

  const token = newRestrictedDataToken()
  context.state.tokens.set(token, {
    kind: "rdt",
    sellerId: context.auth.sellerId,
    resources: grants,
    expiresAt: context.now.getTime() + RDT_LIFETIME_SECONDS * 1000,
  })
  return { status: 200, body: { restrictedDataToken: token, expiresIn: RDT_LIFETIME_SECONDS } }
}

export const TOKENS_ROUTES: RouteDefinition[] = [
  {
    api: "tokens-2021-03-01",
    operationId: "createRestrictedDataToken",
    method: "POST",
    pathTemplate: "/tokens/2021-03-01/restrictedDataToken",
    handle: createRestrictedDataToken,
  },
]
