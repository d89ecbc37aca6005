import { selectDatabase } from "../dev/database"
import { dropOutdatedTemplates, testDatabaseServerUrl } from "../dev/database-templates"
import { linkPluginIntoNodeModules } from "../dev/link-plugin"

/**
 * Runs once before the integration and browser suites. Jest workers start after this and inherit
 * process.env, which is where medusaIntegrationTestRunner reads DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD.
 */
export default async function globalSetup() {
  linkPluginIntoNodeModules()
  const database = await selectDatabase("test")
  console.log(`\n${database.description}`)
  process.env.DB_HOST = database.host
  process.env.DB_PORT = String(database.port)
  process.env.DB_USERNAME = database.user
  process.env.DB_PASSWORD = database.password
  ;(globalThis as any).__AMAZON_TEST_DATABASE__ = database
  // On a developer's machine other checkouts may still use their templates; CI is alone on its server.
  if (process.env.CI) await dropOutdatedTemplates(testDatabaseServerUrl())
}
