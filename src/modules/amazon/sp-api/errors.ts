/**
 * The one error type that leaves the SP-API boundary.
 *
 * Everything that can go wrong while talking to Amazon (bad credentials, network, throttling,
 * garbage answers, rejections) is turned into an SpApiError so that callers only need to look at
 * `code` to decide what to do, and can show `merchantMessage` to the merchant as is.
 * No field ever contains a secret: messages are redacted before they are stored here.
 */

export type SpApiErrorCode =
  /** Login with Amazon refused the client ID / client secret / refresh token. Merchant must fix settings. */
  | "AUTH_FAILED"
  /** SP-API answered 403: the app lacks a role, the authorization was revoked or is for another region. */
  | "ACCESS_DENIED"
  /** No connection could be made (refused, DNS, reset, TLS), even after retries. */
  | "UNREACHABLE"
  /** The endpoint accepted the connection but did not answer in time, even after retries. */
  | "TIMEOUT"
  /** Amazon kept answering 429 until the retries were used up. */
  | "THROTTLED"
  /** The answer was not JSON or did not have the shape of Amazon's model. */
  | "MALFORMED_RESPONSE"
  /** Amazon refused the request itself (400, 404, 413, …); retrying unchanged will not help. */
  | "AMAZON_REJECTED"
  /** Amazon kept failing with 5xx until the retries were used up. */
  | "SERVER_ERROR"
  /** The account settings cannot work (empty client ID, endpoint that is not a URL, …). */
  | "INVALID_CONFIGURATION"
  /** Our own code passed a request that cannot be valid (caught before it reaches Amazon). */
  | "INVALID_REQUEST"

/** One entry of Amazon's `errors` list (ErrorList in every SP-API model). */
export type AmazonApiError = {
  code: string
  message: string
  details?: string
}

export type SpApiErrorInit = {
  code: SpApiErrorCode
  /** Amazon's operation name, e.g. "searchOrders", "getOrderItems", or "getAccessToken" for LWA. */
  operation: string
  merchantMessage: string
  httpStatus?: number | null
  errors?: AmazonApiError[]
  /** Value of the x-amzn-RequestId header; Amazon support asks for it. */
  requestId?: string | null
  /** How many requests were made for this call (1 = no retry). */
  attempts?: number
  /** Low-level cause (error code such as ECONNREFUSED, zod issue summary), already redacted. */
  detail?: string | null
}

/** Codes where a later attempt (e.g. the next scheduled sync) can succeed without the merchant doing anything. */
const TRANSIENT_CODES: ReadonlySet<SpApiErrorCode> = new Set<SpApiErrorCode>([
  "UNREACHABLE",
  "TIMEOUT",
  "THROTTLED",
  "MALFORMED_RESPONSE",
  "SERVER_ERROR",
])

export class SpApiError extends Error {
  override readonly name = "SpApiError"
  readonly code: SpApiErrorCode
  readonly operation: string
  readonly httpStatus: number | null
  readonly errors: AmazonApiError[]
  readonly merchantMessage: string
  readonly requestId: string | null
  readonly attempts: number
  readonly detail: string | null
  /** True when waiting and trying again later may help; false when someone has to change something. */
  readonly transient: boolean

  constructor(init: SpApiErrorInit) {
    super(init.merchantMessage)
    this.code = init.code
    this.operation = init.operation
    this.httpStatus = init.httpStatus ?? null
    this.errors = init.errors ?? []
    this.merchantMessage = init.merchantMessage
    this.requestId = init.requestId ?? null
    this.attempts = init.attempts ?? 1
    this.detail = init.detail ?? null
    this.transient = TRANSIENT_CODES.has(init.code)
  }

  /** Plain, secret-free representation for logs and stored sync runs. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      operation: this.operation,
      httpStatus: this.httpStatus,
      errors: this.errors,
      merchantMessage: this.merchantMessage,
      requestId: this.requestId,
      attempts: this.attempts,
      detail: this.detail,
      transient: this.transient,
    }
  }
}

export function isSpApiError(error: unknown): error is SpApiError {
  return error instanceof SpApiError
}
