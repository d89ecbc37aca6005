/**
 * The one way the plugin's Amazon API files reach Amazon.
 *
 * HTTP goes through the amazon-sp-api library (URL building, query encoding, headers, the LWA call), with:
 *  - an EndpointAgent routing its connections to the configured endpoints (simulator, sandbox, proxy);
 *  - its own throttling retries, remote-timeout retries and debug logging switched OFF, so that our rate
 *    limiter and the retry policy below are the single source of truth and nothing secret is printed;
 *  - `raw_result`, so that WE read the HTTP status and headers (the library would keep only the first error
 *    of an answer and lose its status and rate-limit header).
 *
 * Every answer body is validated with zod (answers.ts) before it leaves; every failure leaves as an
 * SpApiError with a merchant-readable sentence and without secrets.
 */
import { createHash } from "node:crypto"
import { SellingPartner } from "amazon-sp-api"
import type { z } from "@medusajs/framework/zod"
import { accessTokenSession, type AccessTokenSession, type LibrarySellingPartner } from "./access-tokens"
import { AnswerReader, type AttemptOutcome, type RawAnswer } from "./answers"
import { AMAZON_TOKEN_URL, parseEndpointSetting, sharedEndpointAgent, type EndpointAgent } from "./endpoint-agent"
import { SpApiError } from "./errors"
import * as messages from "./merchant-messages"
import type { CallOverrides, OperationRequest, OperationSpec } from "./operation"
import { RateLimitWaitTooLongError, systemClock, type Clock, type SpApiRateLimiter } from "./rate-limiter"
import { SecretRedactor } from "./redaction"
import { sharedRateLimiter } from "./shared-rate-limiter"
import { classifyThrown } from "./transport-errors"
import type { SpApiCredentials } from "./types"

/** Medusa's logger fits; only single strings are passed, already redacted. */
export type SpApiLogger = {
  info(message: string): void
  warn(message: string): void
  error(message: string): void
}

export type SpApiClientOptions = {
  /** Speeds up rate-limit refills and retry back-off (tests, simulator); 1 in production. */
  timeScale?: number
  /** Retries after the first attempt for 429, 5xx and network failures. Default 4. */
  maxRetries?: number
  logger?: SpApiLogger
  /** Deadline of one HTTP request in real milliseconds. Default 30 000. */
  requestTimeoutMs?: number
  /** Defaults to the process-wide limiter for the time scale (and Redis URL), shared by all clients. */
  rateLimiter?: SpApiRateLimiter
  /** Rate-limit buckets in this Redis, shared by every process of the store; ignored when rateLimiter is given. */
  redisUrl?: string | null
  /** Time source for back-off sleeps and token age; tests inject a fake one. */
  clock?: Clock
  /** Source of jitter in [0, 1); tests make it deterministic. */
  random?: () => number
}

const DEFAULT_MAX_RETRIES = 4
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000
/** First back-off step before time scaling; doubles per retry. */
const BASE_RETRY_DELAY_MS = 1_000
const MAX_RETRY_DELAY_MS = 30_000
const USER_AGENT = `medusa-plugin-amazon (Language=Node.js/${process.version})`

type LibraryConstructor = new (config: Record<string, unknown>) => LibrarySellingPartner

export class SpApiTransport {
  readonly timeScale: number
  readonly maxRetries: number
  readonly requestTimeoutMs: number
  readonly spApiUrl: string
  readonly tokenUrl: string
  /** True when the SP-API endpoint is plain http:// (a local simulator): its document links may be too. */
  readonly allowsPlainHttpDocuments: boolean
  readonly clock: Clock
  readonly userAgent = USER_AGENT
  readonly answers: AnswerReader
  private readonly logger: SpApiLogger | null
  private readonly random: () => number
  private readonly rateLimiter: SpApiRateLimiter
  private readonly redactor: SecretRedactor
  private readonly accountKey: string
  /** Set when the settings cannot work; every call then fails with it, without any network traffic. */
  private readonly configurationError: SpApiError | null
  private readonly session: AccessTokenSession | null

  constructor(credentials: SpApiCredentials, options: SpApiClientOptions = {}) {
    this.timeScale = options.timeScale && options.timeScale > 0 ? options.timeScale : 1
    this.maxRetries = Math.max(0, Math.floor(options.maxRetries ?? DEFAULT_MAX_RETRIES))
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS
    this.logger = options.logger ?? null
    this.clock = options.clock ?? systemClock
    this.random = options.random ?? Math.random
    this.rateLimiter = options.rateLimiter ?? sharedRateLimiter(this.timeScale, { redisUrl: options.redisUrl })
    this.redactor = new SecretRedactor([credentials.clientSecret, credentials.refreshToken])
    this.accountKey = credentials.accountKey?.trim() || anonymousAccountKey(credentials)
    this.spApiUrl = credentials.endpoint?.trim() || `https://sellingpartnerapi-${credentials.region}.amazon.com`
    this.tokenUrl = credentials.tokenEndpoint?.trim() || AMAZON_TOKEN_URL
    this.answers = new AnswerReader(this.redactor, { spApiUrl: this.spApiUrl, tokenUrl: this.tokenUrl }, this.requestTimeoutMs)

    let configurationError: SpApiError | null = null
    let session: AccessTokenSession | null = null
    let plainHttp = false
    try {
      assertUsableCredentials(credentials)
      const spApi = parseEndpointSetting(credentials.endpoint, "API endpoint")
      const agent = sharedEndpointAgent({ spApi, token: parseEndpointSetting(credentials.tokenEndpoint, "token endpoint") })
      plainHttp = spApi?.protocol === "http:"
      session = accessTokenSession(
        { ...credentials, accountKey: this.accountKey, spApiUrl: this.spApiUrl, tokenUrl: this.tokenUrl, requestTimeoutMs: this.requestTimeoutMs },
        this.clock,
        () => this.createLibrary(credentials, agent)
      )
    } catch (error) {
      configurationError =
        error instanceof SpApiError
          ? error
          : new SpApiError({
              code: "INVALID_CONFIGURATION",
              operation: "configuration",
              merchantMessage:
                "The Amazon connection settings could not be used. Check region, LWA client ID, client secret and refresh token in Settings → Amazon.",
              detail: this.redactor.redact(error instanceof Error ? `${error.name}: ${error.message}` : String(error)),
            })
    }
    this.configurationError = configurationError
    this.session = session
    this.allowsPlainHttpDocuments = plainHttp
  }

  private createLibrary(credentials: SpApiCredentials, agent: EndpointAgent): LibrarySellingPartner {
    const Library = SellingPartner as unknown as LibraryConstructor
    return new Library({
      region: credentials.region,
      refresh_token: credentials.refreshToken,
      credentials: {
        SELLING_PARTNER_APP_CLIENT_ID: credentials.clientId,
        SELLING_PARTNER_APP_CLIENT_SECRET: credentials.clientSecret,
      },
      options: {
        // We fetch and renew tokens ourselves (single flight, renewal before expiry, typed errors).
        auto_request_tokens: false,
        // Our rate limiter + retry policy decide about throttling; the library must not retry on its own.
        auto_request_throttled: false,
        // Its remote-timeout retry loops without waiting unless debug logging is on; we retry instead.
        retry_remote_timeout: false,
        // Its debug log prints whole requests including access tokens.
        debug_log: false,
        use_sandbox: false,
        only_grantless_operations: false,
        // Never silently call an older API version than the one we parse.
        version_fallback: false,
        https_proxy_agent: agent,
        // Only the deadline: the library clears it on every outcome (its response timer would linger).
        timeouts: { deadline: this.requestTimeoutMs },
        user_agent: USER_AGENT,
      },
    })
  }

  /**
   * Runs one operation with rate limiting and the retry policy; returns the zod-validated body
   * (undefined when `schema` is null, i.e. a 204 is expected).
   */
  call<T>(spec: OperationSpec, request: OperationRequest, schema: z.ZodType<T>, overrides?: CallOverrides): Promise<T>
  call(spec: OperationSpec, request: OperationRequest, schema: null, overrides?: CallOverrides): Promise<void>
  async call<T>(spec: OperationSpec, request: OperationRequest, schema: z.ZodType<T> | null, overrides: CallOverrides = {}): Promise<T | void> {
    const session = this.session
    if (this.configurationError || !session) throw this.configurationError ?? this.invalidRequest(spec, "no client")
    let sentToken: string | undefined
    return this.withRetries(
      spec,
      async () => {
        const token = await session.ensure((obtained) => {
          this.redactor.add(obtained)
          this.log("info", `Amazon SP-API: obtained an access token from ${this.tokenUrl}.`)
        })
        // Each waiting caller reports a failed token request under its own operation.
        if (token !== null) return this.answers.problem(spec, "token", token)
        sentToken = session.token
        return this.attempt(session, spec, request, schema, overrides)
      },
      {
        ...overrides,
        onRenewToken: () => {
          session.invalidate(sentToken)
          this.log("info", `Amazon SP-API ${spec.amazonName}: access token expired; getting a new one.`)
        },
      }
    )
  }

  /**
   * The retry loop shared by SP-API calls and document downloads: back-off with jitter for what may pass,
   * one immediate repeat after a token renewal, and the final SpApiError logged once.
   */
  async withRetries<T>(
    spec: Pick<OperationSpec, "amazonName">,
    attempt: () => Promise<AttemptOutcome<T>>,
    options: CallOverrides & { onRenewToken?: () => void } = {}
  ): Promise<T> {
    const maxRetries = options.maxRetries ?? this.maxRetries
    let retriesUsed = 0
    let tokenRenewedForThisCall = false
    for (let attemptNumber = 1; ; attemptNumber++) {
      const outcome = await attempt()
      if (outcome.kind === "success") return outcome.value
      if (outcome.next === "renew-token" && !tokenRenewedForThisCall && options.onRenewToken) {
        // An expired token is not Amazon failing: renew once and repeat at once, outside the retry budget.
        tokenRenewedForThisCall = true
        options.onRenewToken()
        continue
      }
      if (outcome.next !== "backoff" || retriesUsed >= maxRetries || (options.retryWhen && !options.retryWhen(outcome.toError(attemptNumber)))) {
        const error = outcome.toError(attemptNumber)
        this.log("error", `Amazon SP-API ${spec.amazonName} failed (${error.code}): ${error.merchantMessage}`)
        throw error
      }
      retriesUsed++
      const delayMs = this.backoffDelayMs(retriesUsed)
      this.log("warn", `Amazon SP-API ${spec.amazonName}: ${outcome.summary}; retry ${retriesUsed}/${maxRetries} in ${(delayMs / 1000).toFixed(2)} s.`)
      await this.clock.sleep(delayMs)
    }
  }

  private async attempt<T>(
    session: AccessTokenSession,
    spec: OperationSpec,
    request: OperationRequest,
    schema: z.ZodType<T> | null,
    overrides: CallOverrides
  ): Promise<AttemptOutcome<T | void>> {
    try {
      await this.rateLimiter.acquire(this.accountKey, spec.key, { maxWaitMs: overrides.maxRateLimitWaitMs })
    } catch (error) {
      if (!(error instanceof RateLimitWaitTooLongError)) throw error
      const waitSeconds = Math.ceil(error.waitMilliseconds / 1000)
      return this.answers.stop(spec, "THROTTLED", messages.rateLimitBusyMessage(spec.amazonName, waitSeconds), {
        detail: `local rate limit: next ${spec.amazonName} allowed in ${waitSeconds} s`,
      })
    }

    let raw: RawAnswer
    try {
      const result = await session.library.callAPI({
        operation: spec.amazonName,
        endpoint: spec.libraryEndpoint,
        path: request.path ? { ...request.path } : undefined,
        query: request.query ? withoutUndefined(request.query) : undefined,
        body: request.body,
        restricted_data_token: request.restrictedDataToken,
        options: { version: spec.version, raw_result: true },
      })
      raw = asRawAnswer(result)
    } catch (error) {
      return this.answers.problem(spec, "sp-api", classifyThrown(error))
    }
    await this.rateLimiter.updateRateFromHeader(this.accountKey, spec.key, raw.headers["x-amzn-ratelimit-limit"])
    // After a 429 Amazon's bucket is empty, so ours must be too.
    if (raw.statusCode === 429) await this.rateLimiter.recordThrottled(this.accountKey, spec.key)
    return this.answers.interpret(spec, raw, schema, request.restrictedDataToken !== undefined)
  }

  /** For requests our own code built wrongly; they never reach Amazon. */
  invalidRequest(spec: Pick<OperationSpec, "amazonName">, reason: string): SpApiError {
    return this.answers.error(spec, "INVALID_REQUEST", messages.invalidRequestMessage(spec.amazonName, reason), { detail: reason })
  }

  requireId(spec: OperationSpec, orderId: string): string {
    if (typeof orderId !== "string" || orderId.trim() === "") throw this.invalidRequest(spec, "the order ID is empty")
    return orderId.trim()
  }

  assertPageSize(spec: OperationSpec, size: number | undefined): void {
    if (size === undefined) return
    if (!Number.isInteger(size) || size < 1 || size > 100) {
      throw this.invalidRequest(spec, "maxResultsPerPage must be a whole number from 1 to 100")
    }
  }

  /** Registers a value (e.g. a restricted data token) that must never appear in a log line or error. */
  keepSecret(value: string): void {
    this.redactor.add(value)
  }

  redact(text: string): string {
    return this.redactor.redact(text)
  }

  /** Exponential back-off with jitter (half fixed, half random) so that parallel syncs spread out. */
  private backoffDelayMs(retryNumber: number): number {
    const exponential = Math.min(BASE_RETRY_DELAY_MS * 2 ** (retryNumber - 1), MAX_RETRY_DELAY_MS)
    const jittered = exponential / 2 + this.random() * (exponential / 2)
    return jittered / this.timeScale
  }

  log(level: keyof SpApiLogger, message: string): void {
    if (!this.logger) return
    try {
      this.logger[level](this.redactor.redact(message))
    } catch {
      // A broken logger must not break a sync.
    }
  }
}

function assertUsableCredentials(credentials: SpApiCredentials): void {
  const problem = (merchantMessage: string) => new SpApiError({ code: "INVALID_CONFIGURATION", operation: "configuration", merchantMessage })
  if (!["na", "eu", "fe"].includes(credentials.region)) {
    throw problem(`The region "${credentials.region}" is not one of na, eu or fe. Choose the region of the seller account in Settings → Amazon.`)
  }
  if (!credentials.clientId?.trim()) throw problem("The LWA client ID is empty. Enter it in Settings → Amazon.")
  if (!credentials.clientSecret?.trim()) throw problem("The LWA client secret is empty. Enter it in Settings → Amazon.")
  if (!credentials.refreshToken?.trim()) throw problem("The refresh token is empty. Enter it in Settings → Amazon.")
}

/**
 * Identity of the seller account for rate limiting when the caller gives none: a one-way hash of
 * the LWA grant, so that the secret itself is never used as a map key or printed.
 */
function anonymousAccountKey(credentials: SpApiCredentials): string {
  const digest = createHash("sha256").update(`${credentials.clientId}\u0000${credentials.refreshToken}`).digest("hex")
  return `lwa:${digest.slice(0, 24)}`
}

function withoutUndefined(query: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined))
}

function asRawAnswer(value: unknown): RawAnswer {
  const candidate = value as Partial<RawAnswer> | null
  if (!candidate || typeof candidate.statusCode !== "number" || !Array.isArray(candidate.chunks)) {
    // Only possible if the library changes its raw_result contract.
    throw Object.assign(new Error("amazon-sp-api returned no raw response"), { code: "LIBRARY_CONTRACT" })
  }
  return { statusCode: candidate.statusCode, headers: candidate.headers ?? {}, chunks: candidate.chunks }
}
