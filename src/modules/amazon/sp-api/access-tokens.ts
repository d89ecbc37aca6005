/**
 * LWA access tokens, shared by every client of the same account in this process.
 *
 * The module creates a client per use (each workflow step, each tracking push), so a token kept in one
 * client would be fetched again for almost every call. A session per account keeps the library instance
 * that holds the token; clients of that account borrow it. One LWA request at a time per session (single
 * flight), and the token is used until it nears the end of its life or Amazon says it has expired.
 */
import { createHash } from "node:crypto"
import type { Clock } from "./rate-limiter"
import { classifyThrown, type TransportProblem } from "./transport-errors"
import { LwaAccessTokenSchema } from "./schemas/tokens"

/** The part of amazon-sp-api's SellingPartner we use (its own typings do not describe raw_result). */
export type LibrarySellingPartner = {
  callAPI(params: Record<string, unknown>): Promise<unknown>
  refreshAccessToken(): Promise<void>
  readonly access_token: string | undefined
}

/** LWA access tokens live one hour; renew a little early so none expires mid-request. */
export const ACCESS_TOKEN_RENEW_AFTER_MS = 50 * 60 * 1000
/** A session nobody used for this long belongs to settings that changed or an account that is gone. */
const IDLE_SESSION_LIFETIME_MS = 2 * 60 * 60 * 1000

export class AccessTokenSession {
  private obtainedAt: number | null = null
  private pending: Promise<TransportProblem | null> | null = null
  lastUsedAt: number

  constructor(
    readonly library: LibrarySellingPartner,
    private readonly clock: Clock
  ) {
    this.lastUsedAt = clock.now()
  }

  /** Null when the library holds a usable token (fetching one if needed), otherwise what went wrong. */
  async ensure(onObtained: (token: string) => void): Promise<TransportProblem | null> {
    this.lastUsedAt = this.clock.now()
    if (this.obtainedAt !== null && this.clock.now() - this.obtainedAt < ACCESS_TOKEN_RENEW_AFTER_MS) return null
    if (!this.pending) {
      this.pending = this.request(onObtained).finally(() => {
        this.pending = null
      })
    }
    return this.pending
  }

  /** Amazon said the token expired: the next call fetches a new one, unless another caller already did. */
  invalidate(tokenThatFailed: string | undefined): void {
    if (tokenThatFailed === undefined || tokenThatFailed === this.library.access_token) this.obtainedAt = null
  }

  get token(): string | undefined {
    return this.library.access_token
  }

  private async request(onObtained: (token: string) => void): Promise<TransportProblem | null> {
    try {
      await this.library.refreshAccessToken()
    } catch (error) {
      return classifyThrown(error)
    }
    const token = LwaAccessTokenSchema.safeParse(this.library.access_token)
    if (!token.success) return { kind: "lwa-malformed" }
    onObtained(token.data)
    this.obtainedAt = this.clock.now()
    return null
  }
}

const sessions = new Map<string, AccessTokenSession>()

export type SessionIdentity = {
  accountKey: string
  clientId: string
  clientSecret: string
  refreshToken: string
  spApiUrl: string
  tokenUrl: string
  requestTimeoutMs: number
}

/**
 * The session of an account's settings; new settings (another secret, endpoint or timeout) get a new
 * session. The key is a one-way hash, so secrets are never kept as map keys.
 */
export function accessTokenSession(
  identity: SessionIdentity,
  clock: Clock,
  createLibrary: () => LibrarySellingPartner
): AccessTokenSession {
  const key = createHash("sha256")
    .update(
      [identity.accountKey, identity.clientId, identity.clientSecret, identity.refreshToken, identity.spApiUrl, identity.tokenUrl, identity.requestTimeoutMs].join("\u0000")
    )
    .digest("hex")
  const now = clock.now()
  for (const [otherKey, other] of sessions) {
    if (now - other.lastUsedAt > IDLE_SESSION_LIFETIME_MS) sessions.delete(otherKey)
  }
  let session = sessions.get(key)
  if (!session) {
    session = new AccessTokenSession(createLibrary(), clock)
    sessions.set(key, session)
  }
  return session
}

/** Forgets every shared token (tests that restart their fake Amazon, credential rotation). */
export function forgetAccessTokens(): void {
  sessions.clear()
}
