/**
 * Vendor Orders API v1 (vendorOrders.json): the purchase orders Amazon retail sends a vendor, and the vendor's
 * line-by-line acknowledgement. Amazon lists POs only in created or changed windows of at most 7 days that lie
 * within the last 6 months; longer spans are cut into such windows here (splitVendorOrderWindow).
 */
import { defineOperations, isoOrUndefined, splitByShape, summarizeIssues, type DateInput } from "./operation"
import {
  GetPurchaseOrderResponseSchema,
  GetPurchaseOrdersResponseSchema,
  GetPurchaseOrdersStatusResponseSchema,
  OrderAcknowledgementSchema,
  SubmitAcknowledgementResponseSchema,
  VendorPurchaseOrderSchema,
  type OrderAcknowledgement,
  type PurchaseOrderState,
  type VendorOrderStatus,
  type VendorPurchaseOrder,
} from "./schemas/vendor-orders"
import type { SpApiTransport } from "./transport"

const VENDOR_PLAN = { ratePerSecond: 10, burst: 10 }

export const VENDOR_ORDERS_OPERATIONS = defineOperations("vendorOrders", "v1", {
  getPurchaseOrders: { amazonName: "getPurchaseOrders", usagePlan: VENDOR_PLAN },
  getPurchaseOrder: { amazonName: "getPurchaseOrder", usagePlan: VENDOR_PLAN },
  submitAcknowledgement: { amazonName: "submitAcknowledgement", usagePlan: VENDOR_PLAN },
  getPurchaseOrdersStatus: { amazonName: "getPurchaseOrdersStatus", usagePlan: VENDOR_PLAN },
})

const DAY_MS = 24 * 60 * 60 * 1000
export const MAX_VENDOR_WINDOW_MS = 7 * DAY_MS

/** Amazon's "6 months back", counted as 180 days so a window never lands a day outside it. */
export const VENDOR_LOOKBACK_MS = 180 * DAY_MS

export type VendorWindow = { after: Date; before: Date }

/**
 * Cuts [from, to) into consecutive windows of at most 7 days, oldest first, after moving `from` forward to the
 * oldest instant Amazon still lists (now − 6 months). `clamped` says whether that happened.
 */
export function splitVendorOrderWindow(from: Date, to: Date, now: Date): { windows: VendorWindow[]; clamped: boolean } {
  const oldest = new Date(now.getTime() - VENDOR_LOOKBACK_MS)
  const end = to.getTime() > now.getTime() ? now : to
  const clamped = from.getTime() < oldest.getTime()
  let start = clamped ? oldest : from
  const windows: VendorWindow[] = []
  while (start.getTime() < end.getTime()) {
    const stop = new Date(Math.min(start.getTime() + MAX_VENDOR_WINDOW_MS, end.getTime()))
    windows.push({ after: start, before: stop })
    start = stop
  }
  return { windows, clamped }
}

export type GetPurchaseOrdersParams = {
  /** Which dates the window is about: when the PO was placed, or when Amazon last changed it. */
  window: { by: "created" | "changed"; after: DateInput; before: DateInput }
  limit?: number
  isPOChanged?: boolean
  poItemState?: "Cancelled"
  purchaseOrderState?: PurchaseOrderState
  orderingVendorCode?: string
  sortOrder?: "ASC" | "DESC"
  nextToken?: string
}

export type UnreadablePurchaseOrder = { raw: unknown; purchaseOrderNumber: string | null; problem: string }

export type GetPurchaseOrdersResult = {
  purchaseOrders: VendorPurchaseOrder[]
  unreadablePurchaseOrders: UnreadablePurchaseOrder[]
  nextToken: string | null
}

export type GetPurchaseOrdersStatusParams = {
  updatedAfter?: DateInput
  updatedBefore?: DateInput
  purchaseOrderNumber?: string
  nextToken?: string
}

export interface VendorOrdersApi {
  getPurchaseOrders(params: GetPurchaseOrdersParams): Promise<GetPurchaseOrdersResult>
  getPurchaseOrder(purchaseOrderNumber: string): Promise<VendorPurchaseOrder>
  /**
   * Not idempotent on Amazon's side: only a 429 is retried here; anything else is left to the caller, which
   * records the intent before calling and never sends the same acknowledgement twice.
   */
  submitAcknowledgement(acknowledgements: OrderAcknowledgement[]): Promise<{ transactionId: string }>
  getPurchaseOrdersStatus(params: GetPurchaseOrdersStatusParams): Promise<{ ordersStatus: VendorOrderStatus[]; nextToken: string | null }>
}

export function vendorOrdersApi(transport: SpApiTransport): VendorOrdersApi {
  const specs = VENDOR_ORDERS_OPERATIONS
  return {
    async getPurchaseOrders(params) {
      const spec = specs.getPurchaseOrders
      const after = isoOrUndefined(params.window.after)!
      const before = isoOrUndefined(params.window.before)!
      const afterMs = Date.parse(after)
      const beforeMs = Date.parse(before)
      if (Number.isNaN(afterMs) || Number.isNaN(beforeMs)) throw transport.invalidRequest(spec, "the window's dates are not dates")
      if (beforeMs <= afterMs) throw transport.invalidRequest(spec, "the window ends before it starts")
      if (beforeMs - afterMs > MAX_VENDOR_WINDOW_MS) throw transport.invalidRequest(spec, "the window is longer than 7 days")
      if (afterMs < transport.clock.now() - VENDOR_LOOKBACK_MS) throw transport.invalidRequest(spec, "the window starts more than 6 months ago")
      if (params.limit !== undefined && !(Number.isInteger(params.limit) && params.limit >= 1 && params.limit <= 100)) {
        throw transport.invalidRequest(spec, "limit must be a whole number from 1 to 100")
      }
      const windowQuery =
        params.window.by === "created" ? { createdAfter: after, createdBefore: before } : { changedAfter: after, changedBefore: before }
      const query = {
        ...windowQuery,
        limit: params.limit,
        includeDetails: "true",
        isPOChanged: params.isPOChanged === undefined ? undefined : String(params.isPOChanged),
        poItemState: params.poItemState,
        purchaseOrderState: params.purchaseOrderState,
        orderingVendorCode: params.orderingVendorCode,
        sortOrder: params.sortOrder,
        nextToken: params.nextToken,
      }
      const response = await transport.call(spec, { query }, GetPurchaseOrdersResponseSchema)
      const { valid, invalid } = splitByShape(response.payload?.orders ?? [], VendorPurchaseOrderSchema)
      return {
        purchaseOrders: valid,
        unreadablePurchaseOrders: invalid.map(({ raw, fields, problem }) => ({
          raw,
          purchaseOrderNumber: typeof fields.purchaseOrderNumber === "string" ? fields.purchaseOrderNumber : null,
          problem,
        })),
        nextToken: response.payload?.pagination?.nextToken || null,
      }
    },

    async getPurchaseOrder(purchaseOrderNumber) {
      const spec = specs.getPurchaseOrder
      if (typeof purchaseOrderNumber !== "string" || !purchaseOrderNumber.trim()) throw transport.invalidRequest(spec, "the purchase order number is empty")
      const response = await transport.call(spec, { path: { purchaseOrderNumber: purchaseOrderNumber.trim() } }, GetPurchaseOrderResponseSchema)
      const parsed = VendorPurchaseOrderSchema.safeParse(response.payload)
      if (!parsed.success) throw transport.invalidRequest(spec, `Amazon's purchase order is unreadable: ${summarizeIssues(parsed.error.issues)}`)
      return parsed.data
    },

    async submitAcknowledgement(acknowledgements) {
      const spec = specs.submitAcknowledgement
      if (!acknowledgements.length) throw transport.invalidRequest(spec, "there is nothing to acknowledge")
      for (const acknowledgement of acknowledgements) {
        const checked = OrderAcknowledgementSchema.safeParse(acknowledgement)
        if (!checked.success) throw transport.invalidRequest(spec, summarizeIssues(checked.error.issues))
      }
      const response = await transport.call(spec, { body: { acknowledgements } }, SubmitAcknowledgementResponseSchema, {
        retryWhen: (error) => error.code === "THROTTLED",
      })
      return { transactionId: response.payload.transactionId }
    },

    async getPurchaseOrdersStatus(params) {
      const spec = specs.getPurchaseOrdersStatus
      const query = {
        updatedAfter: isoOrUndefined(params.updatedAfter),
        updatedBefore: isoOrUndefined(params.updatedBefore),
        purchaseOrderNumber: params.purchaseOrderNumber,
        nextToken: params.nextToken,
      }
      const response = await transport.call(spec, { query }, GetPurchaseOrdersStatusResponseSchema)
      return { ordersStatus: response.payload?.ordersStatus ?? [], nextToken: response.payload?.pagination?.nextToken || null }
    },
  }
}
