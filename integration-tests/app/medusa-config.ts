import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "test", process.cwd())

/**
 * A store with the plugin installed exactly as a merchant would install it.
 * The integration test runner replaces databaseUrl with a throw-away database per test file.
 */
module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      jwtSecret: process.env.JWT_SECRET || "test-jwt-secret",
      cookieSecret: process.env.COOKIE_SECRET || "test-cookie-secret",
      storeCors: "*",
      adminCors: "*",
      authCors: "*",
    },
  },
  admin: { disable: process.env.MEDUSA_ADMIN_DISABLED !== "false" },
  // The spec of a store that forgot the Amazon payment provider sets AMAZON_TEST_WITHOUT_PAYMENT_PROVIDER=1.
  modules:
    process.env.AMAZON_TEST_WITHOUT_PAYMENT_PROVIDER === "1"
      ? []
      : [
          {
            resolve: "@medusajs/medusa/payment",
            options: {
              providers: [{ resolve: "medusa-plugin-amazon/providers/amazon-payment", id: "amazon" }],
            },
          },
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
      },
    },
  ],
})
