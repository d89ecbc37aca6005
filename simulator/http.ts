// HTTP plumbing shared by every endpoint: reading bodies, query lists, Amazon's error shape.
import type { IncomingMessage } from "node:http"

/** What an endpoint handler answers; the server adds Amazon's headers and logs it. */
export interface SimResponse {
  status: number
  /** JSON-serialisable body; undefined for 204. */
  body?: unknown
  headers?: Record<string, string>
}

export interface AmazonError {
  code: string
  message: string
  details?: string
}

/** Thrown by handlers to answer with Amazon's error list `{ errors: [{ code, message, details }] }`. */
export class SpApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: string = ""
  ) {
    super(message)
  }

  toResponse(): SimResponse {
    return errorResponse(this.status, [{ code: this.code, message: this.message, details: this.details }])
  }
}

export function errorResponse(status: number, errors: AmazonError[]): SimResponse {
  return { status, body: { errors } }
}

export function invalidInput(message: string, details = ""): SpApiError {
  return new SpApiError(400, "InvalidInput", message, details)
}

export function notFound(message: string): SpApiError {
  return new SpApiError(404, "NotFound", message)
}

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer))
  return Buffer.concat(chunks)
}

/** Parses a body as JSON, or as a form when it is one; raw text otherwise; undefined when empty. */
export function parseBody(raw: Buffer, contentType: string | undefined): unknown {
  const text = raw.toString("utf8")
  if (text.trim() === "") return undefined
  if (contentType?.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text))
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** Query parameters with Amazon's list convention: comma-separated and/or repeated keys. */
export class Query {
  constructor(private readonly params: URLSearchParams) {}

  has(name: string): boolean {
    return this.params.has(name) && this.params.getAll(name).some((value) => value !== "")
  }

  get(name: string): string | undefined {
    const values = this.params.getAll(name).filter((value) => value !== "")
    return values.length > 0 ? values[values.length - 1] : undefined
  }

  list(name: string): string[] | undefined {
    if (!this.has(name)) return undefined
    return this.params
      .getAll(name)
      .flatMap((value) => value.split(","))
      .map((value) => value.trim())
      .filter((value) => value !== "")
  }

  /** Every parameter as logged: repeated keys become arrays. */
  toRecord(): Record<string, string | string[]> {
    const record: Record<string, string | string[]> = {}
    for (const key of new Set(this.params.keys())) {
      const values = this.params.getAll(key)
      record[key] = values.length === 1 ? values[0] : values
    }
    return record
  }
}

/** A positive integer query parameter within [min, max], or the default when absent. */
export function integerParam(query: Query, name: string, min: number, max: number, fallback: number): number {
  const raw = query.get(name)
  if (raw === undefined) return fallback
  if (!/^\d+$/.test(raw)) throw invalidInput(`Invalid ${name}: '${raw}' is not an integer.`)
  const value = Number(raw)
  if (value < min || value > max) throw invalidInput(`Invalid ${name}: ${value}. The value must be between ${min} and ${max}.`)
  return value
}

/** Validates that every value of a list parameter is one of the allowed ones. */
export function enumList<T extends string>(query: Query, name: string, allowed: readonly T[]): T[] | undefined {
  const values = query.list(name)
  if (!values) return undefined
  for (const value of values) {
    if (!(allowed as readonly string[]).includes(value)) {
      throw invalidInput(`Invalid ${name} value '${value}'. Valid values: ${allowed.join(", ")}.`)
    }
  }
  return values as T[]
}
