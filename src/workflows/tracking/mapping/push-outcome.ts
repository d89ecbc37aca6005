/**
 * What to do with a tracking push after Amazon answered (or could not be reached): retry later, or stop and
 * tell the merchant what to fix. Pure, so the policy is unit-tested without Amazon.
 */

/** The fields of SpApiError this policy reads (kept structural so tests need no real client). */
export type SendFailure = {
  code?: string
  transient?: boolean
  merchantMessage?: string
  message?: string
  httpStatus?: number | null
  requestId?: string | null
  errors?: Array<{ code: string; message: string; details?: string }>
}

export type PushFailureDecision = {
  /** "retry": stays waiting until next_attempt_at; "stop": failed, the merchant must act. */
  next: "retry" | "stop"
  code: string
  message: string
  next_attempt_at: Date | null
}

/** After this many attempts a push stops retrying on its own (about a day and a half with the back-off below). */
export const MAX_PUSH_ATTEMPTS = 12
const FIRST_RETRY_DELAY_MS = 60 * 1000
const MAX_RETRY_DELAY_MS = 6 * 60 * 60 * 1000

/** 1, 2, 4, 8 … minutes, at most 6 hours, after the given (1-based) attempt. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_DELAY_MS)
}

/**
 * Codes that will not go away by waiting but need no change to the package: the merchant fixes the account
 * settings and the waiting pushes then go out by themselves, so they keep retrying (with the same back-off).
 */
const SETTINGS_CODES = new Set(["AUTH_FAILED", "ACCESS_DENIED", "INVALID_CONFIGURATION"])

function amazonSays(failure: SendFailure): string {
  const first = failure.errors?.[0]
  if (!first) return failure.httpStatus ? `HTTP ${failure.httpStatus}` : "no reason given"
  // Without its final full stop: it is quoted inside our own sentence.
  return [first.code, first.message].filter(Boolean).join(": ").replace(/[.\s]+$/, "")
}

/** Amazon's refusal of a shipment confirmation, as a sentence that says what to fix. */
export function rejectionMessage(amazonOrderId: string, failure: SendFailure): { code: string; message: string } {
  const text = (failure.errors ?? []).map((error) => `${error.message} ${error.details ?? ""}`).join(" ")
  const said = amazonSays(failure)
  if (/cancel/i.test(text)) {
    return {
      code: "ORDER_CANCELLED",
      message: `Amazon refused the shipment confirmation because order ${amazonOrderId} was cancelled on Amazon (Amazon said: ${said}). Do not send the parcel; cancel the fulfillment in Medusa (and refund the buyer on Amazon if they were charged).`,
    }
  }
  if (/already shipped/i.test(text)) {
    return {
      code: "ORDER_ALREADY_SHIPPED",
      message: `Amazon says order ${amazonOrderId} is already fully shipped (Amazon said: ${said}). It was probably confirmed in Seller Central; nothing needs to be done unless the tracking number there is wrong.`,
    }
  }
  if (/exceeds|left to ship|quantity/i.test(text)) {
    return {
      code: "QUANTITY_ABOVE_UNSHIPPED",
      message: `Amazon refused the quantities for order ${amazonOrderId}: more units than are left to ship (Amazon said: ${said}). Some units were probably confirmed elsewhere; check the order in Seller Central, correct the fulfillment in Medusa, then retry.`,
    }
  }
  if (/order ?item|does not belong/i.test(text)) {
    return {
      code: "ITEM_NOT_ON_AMAZON_ORDER",
      message: `Amazon says an item of this package is not part of order ${amazonOrderId} (Amazon said: ${said}). Run "Sync now" for the account so the order's items are current, correct the fulfillment, then retry.`,
    }
  }
  if (/packageReferenceId/i.test(text)) {
    return {
      code: "PACKAGE_ALREADY_CONFIRMED",
      message: `Amazon already has this package for order ${amazonOrderId} (Amazon said: ${said}); an earlier attempt probably reached Amazon. Check the tracking number in Seller Central; if it is there, nothing needs to be done.`,
    }
  }
  return {
    code: "AMAZON_REJECTED",
    message: `Amazon refused the shipment confirmation for order ${amazonOrderId} (Amazon said: ${said}). Correct what Amazon names in the fulfillment or the order, then retry.`,
  }
}

/**
 * The SP-API client's sentences end with advice for order syncs ("— the next sync retries"); a push says when it
 * is retried itself, so that advice is dropped.
 */
function withoutSyncAdvice(message: string): string {
  return message.replace(/\s*(?:—|;)\s*the next sync[^.]*\./i, ".")
}

/** Decides what happens to a push whose attempt number `attempts` (1-based) just failed. */
export function decideAfterFailure(amazonOrderId: string, failure: SendFailure, attempts: number, now: Date): PushFailureDecision {
  if (failure.code === "AMAZON_REJECTED") {
    return { next: "stop", ...rejectionMessage(amazonOrderId, failure), next_attempt_at: null }
  }
  if (failure.code === "INVALID_REQUEST") {
    return {
      next: "stop",
      code: "INVALID_REQUEST",
      message: failure.merchantMessage ?? `The plugin built an invalid shipment confirmation for order ${amazonOrderId}. Report this to the plugin maintainers with the server log.`,
      next_attempt_at: null,
    }
  }
  const reason = withoutSyncAdvice(failure.merchantMessage ?? failure.message ?? "Amazon could not be reached.")
  const retrying = failure.transient === true || SETTINGS_CODES.has(failure.code ?? "") || !failure.code
  if (!retrying || attempts >= MAX_PUSH_ATTEMPTS) {
    return {
      next: "stop",
      code: failure.code ?? "SEND_FAILED",
      message: retrying
        ? `The shipment confirmation for order ${amazonOrderId} failed ${attempts} times and is no longer retried on its own. Last problem: ${reason} Retry it from the Amazon tracking list once this is solved.`
        : `The shipment confirmation for order ${amazonOrderId} could not be sent: ${reason}`,
      next_attempt_at: null,
    }
  }
  const nextAttemptAt = new Date(now.getTime() + retryDelayMs(attempts))
  return {
    next: "retry",
    code: failure.code ?? "SEND_FAILED",
    message: `${reason} The confirmation for order ${amazonOrderId} is retried automatically (attempt ${attempts + 1} of ${MAX_PUSH_ATTEMPTS} at ${nextAttemptAt.toISOString()}).`,
    next_attempt_at: nextAttemptAt,
  }
}

/** Amazon's answer as stored on the push row. */
export function amazonResponseRecord(failure: SendFailure | null): Record<string, unknown> {
  if (!failure) return { http_status: 204 }
  return {
    http_status: failure.httpStatus ?? null,
    request_id: failure.requestId ?? null,
    code: failure.code ?? null,
    errors: failure.errors ?? [],
  }
}

/** Staging status of an Amazon order from its items' shipped quantities. */
export function shippedStatus(items: Array<{ quantity_ordered: number; quantity_shipped: number }>): "SHIPPED" | "PARTIALLY_SHIPPED" | null {
  if (items.length === 0) return null
  if (items.every((item) => item.quantity_shipped >= item.quantity_ordered)) return "SHIPPED"
  if (items.some((item) => item.quantity_shipped > 0)) return "PARTIALLY_SHIPPED"
  return null
}
