/** Options of the plugin (medusa-config.ts → plugins[].options); Medusa hands them to this module too. */
export type AmazonModuleOptions = {
  /** Key that encrypts seller credentials at rest. Falls back to env AMAZON_CREDENTIALS_KEY. */
  encryptionKey?: string
  /** Default SP-API base URL for new accounts (e.g. a local simulator in a demo). */
  defaultApiEndpoint?: string
  /** Default LWA token URL for new accounts. */
  defaultTokenEndpoint?: string
  /**
   * Hosts other than Amazon's that may receive an account's credentials (a simulator, a proxy): "host" or
   * "host:port". Server configuration on purpose: whoever picks the endpoint can read the secrets sent to it.
   */
  allowedEndpointHosts?: string[]
  /** Rate-limit clock speed-up for tests against the simulator; 1 in production. */
  rateLimitTimeScale?: number
  /**
   * Redis that holds the SP-API rate-limit buckets, shared by every Medusa process of the store (server and
   * workers) so that together they stay within Amazon's rate. Falls back to env AMAZON_PLUGIN_REDIS_URL;
   * without either, each process keeps its own buckets (right for a single process).
   */
  redisUrl?: string
  /**
   * Seconds between two feeds of one account (Amazon's createFeed rate is one per two minutes: 120), divided by
   * rateLimitTimeScale like every other rate. Messages queued meanwhile go together in the next feed.
   */
  feedIntervalSeconds?: number
}

export const AMAZON_SECRET_FIELDS = ["lwa_client_secret_encrypted", "refresh_token_encrypted"] as const
