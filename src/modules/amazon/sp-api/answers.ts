/**
 * Interpretation of what one attempt produced: an HTTP answer (checked with zod) or a thrown transport
 * problem becomes success or a failure that says what to do next and which SpApiError to raise. Every text
 * that leaves here went through the redactor.
 */
import type { IncomingHttpHeaders } from "node:http"
import type { z } from "@medusajs/framework/zod"
import { SpApiError, type AmazonApiError, type SpApiErrorCode } from "./errors"
import * as messages from "./merchant-messages"
import type { OperationSpec } from "./operation"
import { summarizeIssues } from "./operation"
import type { SecretRedactor } from "./redaction"
import { ErrorListSchema } from "./schemas/common"
import type { TransportProblem } from "./transport-errors"

export type RawAnswer = {
  statusCode: number
  headers: IncomingHttpHeaders
  chunks: Buffer[]
}

/** What one attempt produced: a value, or a failure with what to do about it. */
export type AttemptOutcome<T> =
  | { kind: "success"; value: T }
  | {
      kind: "failure"
      /** "backoff": wait and try again; "renew-token": get a new access token and retry at once; "stop". */
      next: "backoff" | "renew-token" | "stop"
      /** Short description for the retry log line, e.g. "HTTP 503" or "ECONNREFUSED". */
      summary: string
      /** Builds the final error once we know how many attempts were made. */
      toError(attempts: number): SpApiError
    }

type ErrorExtra = { httpStatus?: number; requestId?: string | null; errors?: AmazonApiError[]; detail?: string; attempts?: number }

export class AnswerReader {
  constructor(
    private readonly redactor: SecretRedactor,
    private readonly endpoints: { spApiUrl: string; tokenUrl: string },
    private readonly requestTimeoutMs: number
  ) {}

  /**
   * Turns an HTTP answer into success or a failure with the right code and next step. `usedRestrictedToken`:
   * the call carried an RDT, so a token complaint is about the RDT and renewing the LWA token cannot help.
   */
  interpret<T>(spec: OperationSpec, raw: RawAnswer, schema: z.ZodType<T> | null, usedRestrictedToken: boolean): AttemptOutcome<T | void> {
    const status = raw.statusCode
    const requestId = headerValue(raw.headers, "x-amzn-requestid")
    const text = Buffer.concat(raw.chunks).toString("utf8")
    const common = { httpStatus: status, requestId }

    if (status >= 200 && status < 300) {
      if (schema === null) return { kind: "success", value: undefined }
      let json: unknown
      try {
        json = JSON.parse(text)
      } catch {
        return this.stop(spec, "MALFORMED_RESPONSE", messages.malformedJsonMessage(spec.amazonName), {
          ...common,
          detail: `HTTP ${status}, ${text.length} characters, content-type ${headerValue(raw.headers, "content-type") ?? "none"}`,
        })
      }
      const parsed = schema.safeParse(json)
      if (!parsed.success) {
        return this.stop(spec, "MALFORMED_RESPONSE", messages.malformedShapeMessage(spec.amazonName), {
          ...common,
          detail: summarizeIssues(parsed.error.issues),
        })
      }
      return { kind: "success", value: parsed.data }
    }

    const errors = this.amazonErrorsIn(text)
    const amazonSays = errors[0] ? `${errors[0].code}: ${errors[0].message}` : `HTTP ${status}`

    if (status === 429) {
      return this.retryable(`HTTP 429 (${amazonSays})`, (attempts) =>
        this.error(spec, "THROTTLED", messages.throttledMessage(spec.amazonName, attempts - 1), { ...common, errors, attempts })
      )
    }
    if (status >= 500) {
      return this.retryable(`HTTP ${status}`, (attempts) =>
        this.error(spec, "SERVER_ERROR", messages.serverErrorMessage(spec.amazonName, status, attempts - 1), { ...common, errors, attempts })
      )
    }
    if (!usedRestrictedToken && (status === 401 || (status === 403 && isExpiredTokenAnswer(errors)))) {
      return {
        kind: "failure",
        next: "renew-token",
        summary: `HTTP ${status} (${amazonSays})`,
        toError: (attempts) =>
          status === 401
            ? this.error(spec, "AUTH_FAILED", messages.accessTokenRejectedMessage(spec.amazonName), { ...common, errors, attempts })
            : this.error(spec, "ACCESS_DENIED", messages.accessDeniedMessage(spec.amazonName, errors), { ...common, errors, attempts }),
      }
    }
    if (status === 401 || status === 403) {
      return this.stop(spec, "ACCESS_DENIED", messages.accessDeniedMessage(spec.amazonName, errors), { ...common, errors })
    }
    if (status >= 400) {
      return this.stop(spec, "AMAZON_REJECTED", messages.rejectedMessage(spec.amazonName, status, errors), { ...common, errors })
    }
    // 1xx / 3xx: not something Amazon does; usually a misconfigured endpoint (redirecting proxy, web server).
    return this.stop(spec, "MALFORMED_RESPONSE", messages.unexpectedStatusMessage(spec.amazonName, status), common)
  }

  /** A failure before any HTTP answer: LWA refusing, a connection that failed, a deadline that passed. */
  problem(spec: OperationSpec, kind: messages.EndpointKind, problem: TransportProblem): AttemptOutcome<never> {
    const url = kind === "token" ? this.endpoints.tokenUrl : this.endpoints.spApiUrl
    const requestName = kind === "token" ? "the access token request" : spec.amazonName
    switch (problem.kind) {
      case "lwa-auth":
        return this.stop(spec, "AUTH_FAILED", messages.authFailedMessage(problem.lwaCode), {
          errors: [{ code: problem.lwaCode, message: this.redactor.redact(problem.description || "Login with Amazon refused the credentials") }],
        })
      case "lwa-unavailable":
        return this.retryable(`LWA ${problem.lwaCode}`, (attempts) =>
          this.error(spec, "SERVER_ERROR", messages.serverErrorMessage(requestName, null, attempts - 1, "token"), {
            attempts,
            errors: [{ code: problem.lwaCode, message: "Login with Amazon is temporarily unavailable" }],
          })
        )
      case "lwa-malformed":
        return this.retryable("unusable LWA answer", (attempts) =>
          this.error(spec, "MALFORMED_RESPONSE", messages.malformedJsonMessage(requestName, "token"), {
            attempts,
            detail: "the LWA answer was not JSON or had no usable access_token",
          })
        )
      case "timeout":
        return this.retryable(`no answer within ${this.requestTimeoutMs} ms`, (attempts) =>
          this.error(
            spec,
            "TIMEOUT",
            messages.timeoutMessage(kind, url, requestName, Math.max(1, Math.round(this.requestTimeoutMs / 1000)), attempts - 1),
            { attempts, detail: problem.code }
          )
        )
      case "network": {
        const build = (attempts: number) =>
          this.error(spec, "UNREACHABLE", messages.unreachableMessage(kind, url, problem.reason), { attempts, detail: problem.code })
        return problem.retryable
          ? this.retryable(`${problem.code} (${url})`, build)
          : { kind: "failure", next: "stop", summary: problem.code, toError: build }
      }
      case "unknown":
        // The library refused our parameters, or something we did not foresee: a bug, not Amazon.
        return this.stop(spec, "INVALID_REQUEST", messages.invalidRequestMessage(spec.amazonName, problem.code ?? "unexpected error"), {
          detail: this.redactor.redact(problem.message).slice(0, 500),
        })
    }
  }

  retryable(summary: string, toError: (attempts: number) => SpApiError): AttemptOutcome<never> {
    return { kind: "failure", next: "backoff", summary: this.redactor.redact(summary), toError }
  }

  stop(spec: Pick<OperationSpec, "amazonName">, code: SpApiErrorCode, merchantMessage: string, extra: ErrorExtra = {}): AttemptOutcome<never> {
    return { kind: "failure", next: "stop", summary: code, toError: (attempts) => this.error(spec, code, merchantMessage, { ...extra, attempts }) }
  }

  error(spec: Pick<OperationSpec, "amazonName">, code: SpApiErrorCode, merchantMessage: string, extra: ErrorExtra): SpApiError {
    return new SpApiError({
      code,
      operation: spec.amazonName,
      merchantMessage: this.redactor.redact(merchantMessage),
      httpStatus: extra.httpStatus ?? null,
      errors: extra.errors ?? [],
      requestId: extra.requestId ?? null,
      attempts: extra.attempts ?? 1,
      detail: extra.detail !== undefined ? this.redactor.redact(extra.detail) : null,
    })
  }

  private amazonErrorsIn(text: string): AmazonApiError[] {
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      return []
    }
    const parsed = ErrorListSchema.safeParse(json)
    if (!parsed.success || !parsed.data.errors) return []
    return parsed.data.errors.map((error) => ({
      code: this.redactor.redact(error.code),
      message: this.redactor.redact(error.message ?? ""),
      ...(error.details ? { details: this.redactor.redact(error.details) } : {}),
    }))
  }
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name]
  if (Array.isArray(value)) return value[0] ?? null
  return value ?? null
}

/** Amazon's answer when the access token has expired: 403 Unauthorized, "The access token you provided has expired." */
function isExpiredTokenAnswer(errors: AmazonApiError[]): boolean {
  return errors.some(
    (error) =>
      /unauthorized|invalidaccesstoken/i.test(error.code) &&
      /access token.*(expired|invalid)|expired.*token/i.test(`${error.message} ${error.details ?? ""}`)
  )
}
