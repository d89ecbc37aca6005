// Conformance tooling: checks that requests and responses have exactly the shapes described by
// Amazon's official SP-API models (read from SP_API_MODELS_DIR, default ../shared/sp-api-models).
import { configuredModelsDir, modelsDir } from "./models"
import {
  validateExchange,
  validateExchanges,
  validateRequest,
  validateResponse,
  type ConformanceResult,
  type RecordedExchange,
  type RequestToValidate,
  type ResponseToValidate,
} from "./validator"

export { configuredModelsDir, findOperation, findOperationById, loadModels, modelsDir, usagePlanOf } from "./models"
export type { ModelOperation } from "./models"
export { validateExchange, validateExchanges, validateRequest, validateResponse } from "./validator"
export type { ConformanceResult, ExchangeResult, QueryInput, RecordedExchange, RequestToValidate, ResponseToValidate } from "./validator"

export function modelsMissingMessage(): string {
  return `Amazon SP-API models not found at ${configuredModelsDir()}; set SP_API_MODELS_DIR to run conformance tests`
}

/**
 * Like jest's `describe`, but when Amazon's models are absent the block is replaced by one
 * skipped test whose name says why (and a console warning), instead of failing or silently passing.
 */
export function describeConformance(name: string, fn: () => void): void {
  if (modelsDir()) {
    describe(name, fn)
    return
  }
  const message = modelsMissingMessage()
  console.warn(message)
  describe(name, () => {
    test.skip(message, () => undefined)
  })
}

function failIfErrors(kind: string, subject: string, result: { operationId: string | null; errors: string[] }): void {
  if (result.errors.length === 0) return
  throw new Error(
    `${kind} ${subject} does not conform to Amazon's model (operation ${result.operationId ?? "?"}):\n` +
      result.errors.map((error) => `  - ${error}`).join("\n")
  )
}

/** Throws (failing the jest test) with the list of differences when the request does not conform. */
export function expectConformantRequest(request: RequestToValidate): ConformanceResult {
  const result = validateRequest(request)
  failIfErrors("Request", `${request.method.toUpperCase()} ${request.path}`, result)
  return result
}

/** Throws (failing the jest test) with the list of differences when the response does not conform. */
export function expectConformantResponse(response: ResponseToValidate): ConformanceResult {
  const result = validateResponse(response)
  failIfErrors(`Response ${response.status} of`, `${response.method.toUpperCase()} ${response.path}`, result)
  return result
}

/** Throws when a recorded exchange (request + response) does not conform. */
export function expectConformantExchange(entry: RecordedExchange): void {
  failIfErrors("Exchange", `${entry.method.toUpperCase()} ${entry.path} -> ${entry.status}`, validateExchange(entry))
}

/** Throws when any exchange of a recorded log does not conform, listing all of them. */
export function expectConformantExchanges(entries: RecordedExchange[]): void {
  const failures = validateExchanges(entries)
  if (failures.length === 0) return
  throw new Error(
    `${failures.length} of ${entries.length} recorded exchanges do not conform to Amazon's models:\n` +
      failures
        .map((f) => `#${f.index} ${f.method} ${f.path} -> ${f.status} (${f.operationId ?? "?"}):\n${f.errors.map((e) => `    - ${e}`).join("\n")}`)
        .join("\n")
  )
}
