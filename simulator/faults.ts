// Injected faults: the next N matching requests get a 429, a 500, a delay, or a broken body.
import type { SimApiName, SimFaultKind, SimFaultSpec } from "./types"

const KINDS: readonly SimFaultKind[] = ["429", "500", "slow", "malformed", "corruptOrder"]

interface ActiveFault {
  spec: SimFaultSpec
  remaining: number
}

export class FaultInjector {
  private faults: ActiveFault[] = []

  inject(spec: SimFaultSpec): void {
    if (!spec || typeof spec.operation !== "string" || spec.operation === "") throw new Error("injectFault: operation is required")
    if (!KINDS.includes(spec.kind)) throw new Error(`injectFault: kind must be one of ${KINDS.join(", ")}`)
    if (spec.kind === "corruptOrder" && !spec.orderId) throw new Error("injectFault: corruptOrder needs the orderId to corrupt")
    const times = spec.times ?? 1
    if (!Number.isInteger(times) || times < 1) throw new Error("injectFault: times must be a positive integer")
    this.faults.push({ spec: { ...spec }, remaining: times })
  }

  /** Consumes and returns the first fault matching the operation, if any. */
  take(api: SimApiName, operationId: string): SimFaultSpec | undefined {
    const index = this.faults.findIndex(
      (fault) => (fault.spec.operation === operationId || fault.spec.operation === "*") && (!fault.spec.api || fault.spec.api === api)
    )
    if (index < 0) return undefined
    const fault = this.faults[index]
    fault.remaining -= 1
    if (fault.remaining <= 0) this.faults.splice(index, 1)
    return fault.spec
  }

  pending(): Array<SimFaultSpec & { remaining: number }> {
    return this.faults.map((fault) => ({ ...fault.spec, remaining: fault.remaining }))
  }

  clear(): void {
    this.faults = []
  }
}

/** Amazon's throttling answer. */
export const QUOTA_EXCEEDED = { code: "QuotaExceeded", message: "You exceeded your quota for the requested resource.", details: "" }

/** Amazon's generic server error answer. */
export const INTERNAL_FAILURE = { code: "InternalFailure", message: "We encountered an internal error. Please try again.", details: "" }

/** Cuts a JSON text in half so that a client's JSON.parse fails, as with a connection cut mid-body. */
export function malformedBody(json: string | undefined): string {
  const text = json && json.length > 2 ? json : '{"payload":{"errors":[{"code":"InternalFailure"}]}}'
  return text.slice(0, Math.max(1, Math.floor(text.length / 2)))
}

/**
 * One order of a page in a shape Amazon's model forbids, the rest as usual: how a client copes with a single bad
 * order among good ones. Works on both Orders API versions' bodies (2026 `orders[]` and v0 `payload.Orders[]`).
 */
export function corruptOneOrder(body: unknown, orderId: string): unknown {
  const page = body as { orders?: any[]; order?: any; payload?: { Orders?: any[]; OrderItems?: any[]; AmazonOrderId?: string } } | undefined
  const corruptItem = (item: any, quantityField: string) => (item ? { ...item, [quantityField]: String(item[quantityField]) } : item)
  if (Array.isArray(page?.orders)) {
    return {
      ...page,
      orders: page!.orders.map((order) =>
        order?.orderId === orderId ? { ...order, orderItems: [corruptItem(order.orderItems?.[0], "quantityOrdered"), ...(order.orderItems ?? []).slice(1)] } : order
      ),
    }
  }
  if (Array.isArray(page?.payload?.Orders)) {
    return { ...page, payload: { ...page!.payload, Orders: page!.payload!.Orders!.map((order) => (order?.AmazonOrderId === orderId ? { ...order, IsPrime: "maybe" } : order)) } }
  }
  return body
}
