// What an SP-API endpoint looks like to the server.
import type { Query, SimResponse } from "./http"
import type { SimState } from "./state"
import type { SimApiName } from "./types"

export interface AuthContext {
  sellerId: string
  /** Set when the call used a Restricted Data Token: the PII data elements it grants. */
  restricted?: { dataElements: Set<string> }
}

export interface RouteContext {
  state: SimState
  now: Date
  query: Query
  body: unknown
  params: Record<string, string>
  auth: AuthContext
  /** The simulator's own base URL (e.g. for customization ZIP links). */
  baseUrl: string
  orderItemsPageSize: number
  /** Transactions per listTransactions page. */
  financesPageSize: number
}

export interface RouteDefinition {
  api: SimApiName
  /** operationId exactly as in Amazon's model. */
  operationId: string
  method: string
  /** Path template as in Amazon's model, e.g. "/orders/v0/orders/{orderId}". */
  pathTemplate: string
  /** Operations that return PII and accept a Restricted Data Token. */
  restricted?: boolean
  handle(context: RouteContext): SimResponse
}

/** Matches a concrete path against a template; `{name}` segments capture one segment each. */
export function matchTemplate(template: string, path: string): Record<string, string> | null {
  const templateParts = template.split("/").filter(Boolean)
  const pathParts = path.split("/").filter(Boolean)
  if (templateParts.length !== pathParts.length) return null
  const params: Record<string, string> = {}
  for (let i = 0; i < templateParts.length; i++) {
    const placeholder = /^\{(.+)\}$/.exec(templateParts[i])
    let segment: string
    try {
      segment = decodeURIComponent(pathParts[i])
    } catch {
      return null
    }
    if (placeholder) params[placeholder[1]] = segment
    else if (templateParts[i] !== segment) return null
  }
  return params
}
