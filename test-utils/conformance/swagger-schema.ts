// Turns Swagger 2.0 schema objects into JSON Schema (draft-07) that ajv understands, and
// makes them STRICT: an object that lists its properties but does not say whether others are
// allowed gets `additionalProperties: false`. Amazon's models rarely say it, but a simulator
// that adds fields Amazon never sends would teach the plugin to rely on them.
import type { JsonObject, SwaggerDocument } from "./models"

/** Keywords that are documentation or Swagger-only and mean nothing to a JSON-schema validator. */
const DROPPED_KEYWORDS = new Set(["example", "examples", "discriminator", "xml", "externalDocs", "collectionFormat", "allowEmptyValue"])

/** Keywords whose value is a map of NAME -> schema (the names must not be treated as keywords). */
const SCHEMA_MAPS = new Set(["properties", "definitions", "patternProperties"])

/** Keywords whose value is a schema or an array of schemas. */
const SCHEMA_VALUES = new Set(["items", "additionalProperties", "not", "allOf", "anyOf", "oneOf"])

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}

export interface ConvertOptions {
  /** Absolute id of the model file; local `#/definitions/X` refs are rewritten against it. */
  fileId: string
  document: SwaggerDocument
  /** Set `additionalProperties: false` on objects that list properties without saying so. */
  strict: boolean
}

export function convertSchema(schema: unknown, options: ConvertOptions): unknown {
  if (Array.isArray(schema)) return schema.map((entry) => convertSchema(entry, options))
  if (!isObject(schema)) return schema

  const source = schema.allOf ? flattenAllOf(schema, options.document) : schema
  const out: JsonObject = {}
  for (const [keyword, value] of Object.entries(source)) {
    if (keyword.startsWith("x-") || DROPPED_KEYWORDS.has(keyword)) continue
    if (keyword === "$ref" && typeof value === "string") {
      out.$ref = value.startsWith("#") ? `${options.fileId}${value}` : value
    } else if (SCHEMA_MAPS.has(keyword) && isObject(value)) {
      out[keyword] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, convertSchema(sub, options)]))
    } else if (SCHEMA_VALUES.has(keyword)) {
      out[keyword] = convertSchema(value, options)
    } else if (keyword === "type" && value === "file") {
      // Swagger's "file" type has no JSON-schema equivalent; accept anything.
    } else {
      out[keyword] = value
    }
  }

  // Swagger 2.0 uses draft-04 boolean exclusiveMaximum/Minimum; draft-07 wants numbers.
  if (out.exclusiveMaximum === true && typeof out.maximum === "number") {
    out.exclusiveMaximum = out.maximum
    delete out.maximum
  } else if (out.exclusiveMaximum === false) delete out.exclusiveMaximum
  if (out.exclusiveMinimum === true && typeof out.minimum === "number") {
    out.exclusiveMinimum = out.minimum
    delete out.minimum
  } else if (out.exclusiveMinimum === false) delete out.exclusiveMinimum

  const looksLikeObject = out.type === "object" || (out.type === undefined && isObject(out.properties))
  if (options.strict && looksLikeObject && isObject(out.properties) && out.additionalProperties === undefined) {
    out.additionalProperties = false
  }
  return out
}

/**
 * `allOf: [A, B]` with `additionalProperties: false` on each part would reject every property
 * of the other part, so the parts are merged into one object schema first.
 */
function flattenAllOf(schema: JsonObject, document: SwaggerDocument, seen: Set<string> = new Set()): JsonObject {
  const parts = (schema.allOf as unknown[]).map((part) => resolveLocal(part, document, seen))
  const mergeable = parts.every((part) => part.type === undefined || part.type === "object")
  if (!mergeable) return schema
  const merged: JsonObject = { ...schema, type: "object", properties: {}, required: [] }
  delete merged.allOf
  for (const part of [...parts, schema]) {
    const flat = part.allOf && part !== schema ? flattenAllOf(part, document, seen) : part
    Object.assign(merged.properties as JsonObject, (flat.properties as JsonObject) ?? {})
    ;(merged.required as string[]).push(...(((flat.required as string[]) ?? []).filter((name) => !(merged.required as string[]).includes(name))))
    if (flat.additionalProperties !== undefined) merged.additionalProperties = flat.additionalProperties
  }
  if ((merged.required as string[]).length === 0) delete merged.required
  return merged
}

function resolveLocal(schema: unknown, document: SwaggerDocument, seen: Set<string>): JsonObject {
  if (!isObject(schema)) return {}
  const ref = schema.$ref
  if (typeof ref === "string" && ref.startsWith("#/definitions/")) {
    if (seen.has(ref)) return {}
    seen.add(ref)
    const target = document.definitions?.[ref.slice("#/definitions/".length)]
    return target ? resolveLocal(target, document, seen) : {}
  }
  return schema
}

/** Collects every `format` value used in a document (to register unknown ones as no-ops). */
export function formatsUsed(node: unknown, found: Set<string> = new Set()): Set<string> {
  if (Array.isArray(node)) node.forEach((entry) => formatsUsed(entry, found))
  else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === "format" && typeof value === "string") found.add(value)
      else formatsUsed(value, found)
    }
  }
  return found
}
