import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { randomBytes } from "crypto"
import { createDatabaseFromTemplate, testDatabaseServerUrl } from "../../dev/database-templates"

type RunnerOptions = Parameters<typeof medusaIntegrationTestRunner>[0]

/**
 * Medusa's own integration test runner on a database cloned from the migrated template: the runner still runs the
 * migrations and link sync, which find nothing left to do, so each spec file skips migrating a database from empty.
 */
export function amazonIntegrationTestRunner(options: RunnerOptions) {
  const dbName = options.dbName ?? `amazon_it_${process.env.JEST_WORKER_ID ?? "1"}_${randomBytes(6).toString("hex")}`
  beforeAll(async () => {
    await createDatabaseFromTemplate(testDatabaseServerUrl(), dbName, "migrated")
  })
  return medusaIntegrationTestRunner({ ...options, dbName })
}
