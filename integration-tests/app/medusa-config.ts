import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "test", process.cwd())

/**
 * With AMAZON_TEST_REDIS_URL the app runs as in production with several processes: Medusa's Redis event bus,
 * workflow engine and locking, one database, and the process's role from MEDUSA_WORKER_MODE (server | worker |
 * shared). Without it, the in-memory defaults of a single process.
 */
const redisUrl = process.env.AMAZON_TEST_REDIS_URL || undefined
const workerModes = ["shared", "worker", "server"] as const
type WorkerMode = (typeof workerModes)[number]
const workerMode = (workerModes as readonly string[]).includes(process.env.MEDUSA_WORKER_MODE ?? "")
  ? (process.env.MEDUSA_WORKER_MODE as WorkerMode)
  : "shared"

const redisModules = redisUrl
  ? [
      { resolve: "@medusajs/medusa/event-bus-redis", options: { redisUrl } },
      { resolve: "@medusajs/medusa/workflow-engine-redis", options: { redis: { redisUrl } } },
      {
        resolve: "@medusajs/medusa/locking",
        options: {
          providers: [{ resolve: "@medusajs/medusa/locking-redis", id: "locking-redis", is_default: true, options: { redisUrl } }],
        },
      },
    ]
  : []

/**
 * A store with the plugin installed exactly as a merchant would install it.
 * The integration test runner replaces databaseUrl with a throw-away database per test file.
 */
module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    redisUrl,
    workerMode,
    http: {
      jwtSecret: process.env.JWT_SECRET || "test-jwt-secret",
      cookieSecret: process.env.COOKIE_SECRET || "test-cookie-secret",
      storeCors: "*",
      adminCors: "*",
      authCors: "*",
    },
  },
  admin: { disable: process.env.MEDUSA_ADMIN_DISABLED !== "false" },
  modules: [
    ...redisModules,
    // The spec of a store that forgot the Amazon payment provider sets AMAZON_TEST_WITHOUT_PAYMENT_PROVIDER=1.
    ...(process.env.AMAZON_TEST_WITHOUT_PAYMENT_PROVIDER === "1"
      ? []
      : [
          {
            resolve: "@medusajs/medusa/payment",
            options: {
              providers: [{ resolve: "medusa-plugin-amazon/providers/amazon-payment", id: "amazon" }],
            },
          },
        ]),
  ],
  plugins: [
    {
      resolve: "medusa-plugin-amazon",
      options: {
        // An empty AMAZON_CREDENTIALS_KEY means "no key" (the spec of a store without one sets it so).
        encryptionKey: process.env.AMAZON_CREDENTIALS_KEY ?? "integration-tests-credentials-key",
        // The simulator listens on this machine; 127.0.0.1 and localhost are the hosts it is reached by.
        allowedEndpointHosts: ["127.0.0.1", "localhost"],
        rateLimitTimeScale: Number(process.env.AMAZON_RATE_LIMIT_TIME_SCALE || 100),
        ...(redisUrl ? { redisUrl } : {}),
        // The cancellation spec widens the feed interval so that "clicks within a minute" fit in one scaled window.
        ...(process.env.AMAZON_FEED_INTERVAL_SECONDS ? { feedIntervalSeconds: Number(process.env.AMAZON_FEED_INTERVAL_SECONDS) } : {}),
      },
    },
  ],
})
