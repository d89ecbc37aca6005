// Loads Amazon's official SP-API OpenAPI (Swagger 2.0) models from disk and finds the
// operation that a concrete request (method + path) belongs to.
// The models are read from SP_API_MODELS_DIR (default: ../shared/sp-api-models next to the
// repository) and are never copied into this repository.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import path from "node:path"

export type JsonObject = Record<string, unknown>

export interface SwaggerParameter {
  name: string
  in: "query" | "path" | "body" | "header" | "formData"
  required?: boolean
  type?: string
  format?: string
  items?: JsonObject
  collectionFormat?: "csv" | "ssv" | "tsv" | "pipes" | "multi"
  schema?: JsonObject
  [keyword: string]: unknown
}

export interface SwaggerResponse {
  description?: string
  schema?: JsonObject
  headers?: JsonObject
}

export interface SwaggerDocument {
  swagger?: string
  basePath?: string
  paths: Record<string, Record<string, unknown>>
  definitions?: Record<string, JsonObject>
  parameters?: Record<string, SwaggerParameter>
}

export interface ModelFile {
  /** File name, e.g. "ordersV0.json". */
  fileName: string
  document: SwaggerDocument
}

export interface ModelOperation {
  model: ModelFile
  operationId: string
  method: string
  /** Path template as written in the model, e.g. "/orders/v0/orders/{orderId}". */
  pathTemplate: string
  parameters: SwaggerParameter[]
  responses: Record<string, SwaggerResponse>
  /** Human-readable operation description (contains the usage plan table). */
  description: string
}

const HTTP_METHODS = new Set(["get", "put", "post", "delete", "patch", "head", "options"])

/** Repository root: test-utils/conformance/ is two levels below it. */
const REPO_ROOT = path.resolve(__dirname, "..", "..")

/** Where the models are expected, whether or not they exist. */
export function configuredModelsDir(): string {
  const fromEnv = process.env.SP_API_MODELS_DIR
  return fromEnv && fromEnv.trim() !== "" ? path.resolve(fromEnv) : path.resolve(REPO_ROOT, "../shared/sp-api-models")
}

/** The models folder, or null when it is absent (conformance tests are then skipped). */
export function modelsDir(): string | null {
  const dir = configuredModelsDir()
  try {
    if (!statSync(dir).isDirectory()) return null
  } catch {
    return null
  }
  return readdirSync(dir).some((file) => file.endsWith(".json")) ? dir : null
}

let cache: { dir: string; models: ModelFile[]; operations: ModelOperation[] } | null = null

/** Every model file in the folder that looks like a Swagger document with paths. */
export function loadModels(): { models: ModelFile[]; operations: ModelOperation[] } {
  const dir = modelsDir()
  if (!dir) {
    throw new Error(
      `Amazon SP-API models not found at ${configuredModelsDir()}; set SP_API_MODELS_DIR to run conformance tests`
    )
  }
  if (cache && cache.dir === dir) return cache

  const models: ModelFile[] = []
  const operations: ModelOperation[] = []
  for (const fileName of readdirSync(dir).filter((file) => file.endsWith(".json")).sort()) {
    const fullPath = path.join(dir, fileName)
    if (!existsSync(fullPath)) continue
    let document: SwaggerDocument
    try {
      document = JSON.parse(readFileSync(fullPath, "utf8")) as SwaggerDocument
    } catch (error) {
      throw new Error(`Cannot parse SP-API model ${fullPath}: ${(error as Error).message}`)
    }
    // Notification schemas etc. are JSON schemas without paths; they hold no operations.
    if (!document || typeof document.paths !== "object" || document.paths === null) continue
    const model: ModelFile = { fileName, document }
    models.push(model)
    operations.push(...operationsOf(model))
  }
  cache = { dir, models, operations }
  return cache
}

function operationsOf(model: ModelFile): ModelOperation[] {
  const result: ModelOperation[] = []
  for (const [pathTemplate, pathItem] of Object.entries(model.document.paths)) {
    const pathLevelParameters = ((pathItem.parameters as unknown[]) ?? []).map((p) => resolveParameter(model, p))
    for (const [method, rawOperation] of Object.entries(pathItem)) {
      if (!HTTP_METHODS.has(method)) continue
      const operation = rawOperation as JsonObject
      const ownParameters = ((operation.parameters as unknown[]) ?? []).map((p) => resolveParameter(model, p))
      // Operation-level parameters override path-level ones with the same name and location.
      const merged = [...pathLevelParameters.filter((pp) => !ownParameters.some((op) => op.name === pp.name && op.in === pp.in)), ...ownParameters]
      result.push({
        model,
        operationId: String(operation.operationId ?? `${method.toUpperCase()} ${pathTemplate}`),
        method: method.toUpperCase(),
        pathTemplate,
        parameters: merged,
        responses: (operation.responses as Record<string, SwaggerResponse>) ?? {},
        description: String(operation.description ?? ""),
      })
    }
  }
  return result
}

function resolveParameter(model: ModelFile, parameter: unknown): SwaggerParameter {
  const candidate = parameter as JsonObject
  const ref = candidate.$ref
  if (typeof ref === "string") {
    const name = ref.replace(/^#\/parameters\//, "")
    const resolved = model.document.parameters?.[name]
    if (!resolved) throw new Error(`${model.fileName}: unresolved parameter reference ${ref}`)
    return resolved
  }
  return candidate as unknown as SwaggerParameter
}

function splitPath(urlPath: string): string[] {
  return urlPath.split("/").filter((segment) => segment !== "")
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

export interface OperationMatch {
  operation: ModelOperation
  pathParams: Record<string, string>
}

/**
 * Finds the operation for a concrete request. A template segment `{name}` matches any one
 * segment; when several templates match, the one with the most literal segments wins
 * (e.g. `/orders/v0/orders/{orderId}/orderItems/buyerInfo` vs a hypothetical `{x}/{y}`).
 */
export function findOperation(method: string, urlPath: string): OperationMatch | null {
  const { operations } = loadModels()
  const wanted = method.toUpperCase()
  const actual = splitPath(urlPath.split("?")[0]).map(safeDecode)
  let best: { match: OperationMatch; literalCount: number } | null = null
  for (const operation of operations) {
    if (operation.method !== wanted) continue
    const template = splitPath(operation.pathTemplate)
    if (template.length !== actual.length) continue
    const pathParams: Record<string, string> = {}
    let literalCount = 0
    let matches = true
    for (let i = 0; i < template.length; i++) {
      const placeholder = /^\{(.+)\}$/.exec(template[i])
      if (placeholder) {
        pathParams[placeholder[1]] = actual[i]
      } else if (template[i] === actual[i]) {
        literalCount++
      } else {
        matches = false
        break
      }
    }
    if (matches && (!best || literalCount > best.literalCount)) {
      best = { match: { operation, pathParams }, literalCount }
    }
  }
  return best?.match ?? null
}

/** Finds an operation by model file name (with or without ".json") and operationId. */
export function findOperationById(modelFile: string, operationId: string): ModelOperation | null {
  const fileName = modelFile.endsWith(".json") ? modelFile : `${modelFile}.json`
  return loadModels().operations.find((op) => op.model.fileName === fileName && op.operationId === operationId) ?? null
}

/** The usage plan (rate in requests per second, burst) stated in an operation's description. */
export function usagePlanOf(operation: ModelOperation): { rate: number; burst: number } | null {
  const row = /\|\s*([\d.]+)\s*\|\s*(\d+)\s*\|/.exec(operation.description)
  return row ? { rate: Number(row[1]), burst: Number(row[2]) } : null
}
