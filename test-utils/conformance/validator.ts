// Validates requests and responses against Amazon's SP-API models with ajv.
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv"
import addFormats from "ajv-formats"
import { findOperation, loadModels, type ModelFile, type ModelOperation, type SwaggerParameter } from "./models"
import { convertSchema, formatsUsed } from "./swagger-schema"

export type QueryValue = string | number | boolean | Array<string | number | boolean> | undefined | null
export type QueryInput = Record<string, QueryValue> | URLSearchParams | string

export interface RequestToValidate {
  method: string
  /** Concrete path, e.g. "/orders/2026-01-01/orders/902-1"; a "?query" suffix is used when `query` is absent. */
  path: string
  query?: QueryInput
  /** Parsed JSON body (or a JSON string). */
  body?: unknown
}

export interface ResponseToValidate {
  method: string
  path: string
  status: number
  /** Parsed JSON body, or the raw text (which must then parse as JSON). */
  body?: unknown
}

export interface ConformanceResult {
  operationId: string
  /** Model file the operation comes from, e.g. "ordersV0.json". */
  model: string
  errors: string[]
}

/** One recorded exchange, e.g. an entry of the simulator's request log. */
export interface RecordedExchange {
  method: string
  path: string
  query?: QueryInput
  body?: unknown
  status: number
  responseBody?: unknown
}

export interface ExchangeResult {
  /** null when the exchange is outside the SP-API models (Login with Amazon, simulator control). */
  operationId: string | null
  model: string | null
  errors: string[]
  skipped?: string
}

const MODEL_ID_BASE = "https://sp-api-models.conformance.local/"

let ajv: Ajv | null = null
const registeredModels = new Set<string>()
const compiled = new Map<string, ValidateFunction>()

function getAjv(): Ajv {
  if (!ajv) {
    ajv = new Ajv({ allErrors: true, strict: false, logger: false })
    addFormats(ajv)
  }
  return ajv
}

function fileIdOf(model: ModelFile): string {
  return `${MODEL_ID_BASE}${encodeURIComponent(model.fileName)}`
}

function ensureModelRegistered(model: ModelFile): void {
  if (registeredModels.has(model.fileName)) return
  const validator = getAjv()
  for (const format of formatsUsed(model.document)) {
    // Unknown Swagger formats (e.g. "int64" on strings in some models) are annotations only.
    if (!validator.formats[format]) validator.addFormat(format, true)
  }
  const options = { fileId: fileIdOf(model), document: model.document, strict: true }
  const definitions = Object.fromEntries(
    Object.entries(model.document.definitions ?? {}).map(([name, definition]) => [name, convertSchema(definition, options)])
  )
  validator.addSchema({ $id: fileIdOf(model), definitions }, fileIdOf(model))
  registeredModels.add(model.fileName)
}

function compile(cacheKey: string, model: ModelFile, schema: unknown): ValidateFunction {
  const cached = compiled.get(cacheKey)
  if (cached) return cached
  ensureModelRegistered(model)
  const converted = convertSchema(schema, { fileId: fileIdOf(model), document: model.document, strict: true }) as object
  const validate = getAjv().compile(converted)
  compiled.set(cacheKey, validate)
  return validate
}

function requireOperation(method: string, path: string): { operation: ModelOperation; pathParams: Record<string, string> } {
  const match = findOperation(method, path)
  if (!match) {
    const known = loadModels().models.map((m) => m.fileName).join(", ")
    throw new Error(`No operation in Amazon's SP-API models matches ${method.toUpperCase()} ${path.split("?")[0]} (models: ${known})`)
  }
  return match
}

/** JSON pointer "/payload/Orders/0/BuyerInfo" -> "payload.Orders[0].BuyerInfo". */
function readablePath(prefix: string, instancePath: string): string {
  const parts = instancePath.split("/").slice(1).map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
  let out = prefix
  for (const part of parts) out += /^\d+$/.test(part) ? `[${part}]` : `.${part}`
  return out
}

function describeErrors(prefix: string, errors: ErrorObject[] | null | undefined): string[] {
  if (!errors) return []
  const seen = new Set<string>()
  const messages: string[] = []
  for (const error of errors) {
    let detail = error.message ?? "is invalid"
    const params = error.params as Record<string, unknown>
    if (error.keyword === "additionalProperties") detail = `has property "${String(params.additionalProperty)}" that Amazon's model does not define`
    else if (error.keyword === "enum") detail = `must be one of ${JSON.stringify(params.allowedValues)}`
    const message =
      error.keyword === "required"
        ? `${readablePath(prefix, error.instancePath)}.${String(params.missingProperty)} is required`
        : `${readablePath(prefix, error.instancePath)} ${detail}`
    if (!seen.has(message)) {
      seen.add(message)
      messages.push(message)
    }
  }
  return messages
}

function queryEntries(path: string, query: QueryInput | undefined): Map<string, string[]> {
  const entries = new Map<string, string[]>()
  const add = (key: string, value: string) => entries.set(key, [...(entries.get(key) ?? []), value])
  const source = query ?? (path.includes("?") ? path.slice(path.indexOf("?") + 1) : undefined)
  if (source === undefined) return entries
  if (typeof source === "string" || source instanceof URLSearchParams) {
    const params = typeof source === "string" ? new URLSearchParams(source.replace(/^\?/, "")) : source
    params.forEach((value, key) => add(key, value))
    return entries
  }
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined || value === null) continue
    if (Array.isArray(value)) {
      // An array given programmatically is one value list; joined like a client would send it.
      add(key, value.map(String).join(","))
    } else add(key, String(value))
  }
  return entries
}

const SEPARATORS: Record<string, string> = { csv: ",", ssv: " ", tsv: "\t", pipes: "|" }

function coerceScalar(raw: string, type: unknown): unknown {
  if (type === "integer" && /^[-+]?\d+$/.test(raw.trim())) return Number(raw)
  if (type === "number" && raw.trim() !== "" && Number.isFinite(Number(raw))) return Number(raw)
  if (type === "boolean" && (raw === "true" || raw === "false")) return raw === "true"
  return raw
}

function coerceParameter(parameter: SwaggerParameter, rawValues: string[]): unknown {
  if (parameter.type === "array") {
    const format = parameter.collectionFormat ?? "csv"
    const items = format === "multi" ? rawValues : rawValues.flatMap((raw) => raw.split(SEPARATORS[format] ?? ","))
    return items.map((item) => coerceScalar(item, parameter.items?.type))
  }
  return coerceScalar(rawValues[rawValues.length - 1], parameter.type)
}

/** The JSON schema of a non-body parameter (its type, format, enum, limits, items). */
function parameterSchema(parameter: SwaggerParameter): Record<string, unknown> {
  const { name: _name, in: _in, required: _required, description: _description, schema: _schema, ...schema } = parameter
  return schema
}

function validateParameters(
  operation: ModelOperation,
  location: "query" | "path",
  provided: Map<string, string[]>
): string[] {
  const parameters = operation.parameters.filter((p) => p.in === location)
  const properties: Record<string, unknown> = {}
  const required: string[] = []
  const values: Record<string, unknown> = {}
  for (const parameter of parameters) {
    properties[parameter.name] = parameterSchema(parameter)
    if (parameter.required) required.push(parameter.name)
    const raw = provided.get(parameter.name)
    if (raw && raw.length > 0) values[parameter.name] = coerceParameter(parameter, raw)
  }
  const errors: string[] = []
  for (const name of provided.keys()) {
    if (!properties[name]) errors.push(`${location}.${name} is not a ${location} parameter of ${operation.operationId} in Amazon's model`)
  }
  const schema = { type: "object", properties, required, additionalProperties: true }
  const validate = compile(`${operation.model.fileName}#${operation.method} ${operation.pathTemplate}#${location}`, operation.model, schema)
  validate(values)
  return [...errors, ...describeErrors(location, validate.errors)]
}

function parseJsonIfText(body: unknown): { ok: true; value: unknown } | { ok: false; error: string } {
  if (typeof body !== "string") return { ok: true, value: body }
  try {
    return { ok: true, value: JSON.parse(body) }
  } catch (error) {
    return { ok: false, error: `body is not valid JSON (${(error as Error).message}): ${body.slice(0, 120)}` }
  }
}

function isEmptyBody(body: unknown): boolean {
  return body === undefined || body === null || body === ""
}

/** Validates path and query parameters and the body of a request against its operation. */
export function validateRequest(request: RequestToValidate): ConformanceResult {
  const { operation, pathParams } = requireOperation(request.method, request.path)
  const errors: string[] = []
  errors.push(...validateParameters(operation, "path", new Map(Object.entries(pathParams).map(([k, v]) => [k, [v]]))))
  errors.push(...validateParameters(operation, "query", queryEntries(request.path, request.query)))

  const bodyParameter = operation.parameters.find((p) => p.in === "body")
  if (!bodyParameter) {
    if (!isEmptyBody(request.body)) errors.push(`body: ${operation.operationId} takes no request body`)
  } else if (isEmptyBody(request.body)) {
    if (bodyParameter.required) errors.push(`body is required by ${operation.operationId}`)
  } else {
    const parsed = parseJsonIfText(request.body)
    if (!parsed.ok) errors.push(parsed.error)
    else {
      const validate = compile(`${operation.model.fileName}#${operation.method} ${operation.pathTemplate}#body`, operation.model, bodyParameter.schema ?? {})
      validate(parsed.value)
      errors.push(...describeErrors("body", validate.errors))
    }
  }
  return { operationId: operation.operationId, model: operation.model.fileName, errors }
}

/** Validates a response body against the schema the model declares for its status code. */
export function validateResponse(response: ResponseToValidate): ConformanceResult {
  const { operation } = requireOperation(response.method, response.path)
  const result = (errors: string[]): ConformanceResult => ({ operationId: operation.operationId, model: operation.model.fileName, errors })
  const declared = operation.responses[String(response.status)] ?? operation.responses.default
  if (!declared) {
    return result([`status ${response.status} is not a documented response of ${operation.operationId} (documented: ${Object.keys(operation.responses).join(", ")})`])
  }
  if (!declared.schema) {
    return result(isEmptyBody(response.body) ? [] : [`response: status ${response.status} of ${operation.operationId} has no body in Amazon's model, got ${JSON.stringify(response.body).slice(0, 120)}`])
  }
  if (isEmptyBody(response.body)) return result([`response: status ${response.status} of ${operation.operationId} must have a body`])
  const parsed = parseJsonIfText(response.body)
  if (!parsed.ok) return result([`response ${parsed.error}`])
  const validate = compile(`${operation.model.fileName}#${operation.method} ${operation.pathTemplate}#${response.status}`, operation.model, declared.schema)
  validate(parsed.value)
  return result(describeErrors("response", validate.errors))
}

/** Paths that are not SP-API operations: Login with Amazon and the simulator's own control API. */
const OUTSIDE_MODELS: Array<{ pattern: RegExp; reason: string }> = [
  { pattern: /^\/auth\/o2\/token\/?$/, reason: "Login with Amazon (LWA) is not described by the SP-API models" },
  { pattern: /^\/_sim(\/|$)/, reason: "simulator control endpoint" },
  { pattern: /^\/s3\//, reason: "pre-signed document link (Amazon serves these from S3, outside the SP-API models)" },
]

/** Validates both halves of a recorded exchange (request and response). */
export function validateExchange(entry: RecordedExchange): ExchangeResult {
  const pathOnly = entry.path.split("?")[0]
  const outside = OUTSIDE_MODELS.find((candidate) => candidate.pattern.test(pathOnly))
  if (outside) return { operationId: null, model: null, errors: [], skipped: outside.reason }
  const request = validateRequest({ method: entry.method, path: entry.path, query: entry.query, body: entry.body })
  const response = validateResponse({ method: entry.method, path: pathOnly, status: entry.status, body: entry.responseBody })
  return {
    operationId: request.operationId,
    model: request.model,
    errors: [...request.errors.map((e) => `request ${e}`), ...response.errors],
  }
}

/** Validates a whole request log and returns only the exchanges that do not conform. */
export function validateExchanges(entries: RecordedExchange[]): Array<ExchangeResult & { index: number; method: string; path: string; status: number }> {
  return entries
    .map((entry, index) => ({ ...validateExchange(entry), index, method: entry.method, path: entry.path, status: entry.status }))
    .filter((result) => result.errors.length > 0)
}
