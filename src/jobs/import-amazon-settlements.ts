import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { AMAZON_MODULE } from "../modules/amazon"
import type AmazonModuleService from "../modules/amazon/service"
import { importAmazonSettlements } from "../workflows/settlements/import-amazon-settlements"

/**
 * Ticks every ten minutes; each account whose settlement import is switched on is imported when its last run
 * is an hour old (SETTLEMENT_IMPORT_INTERVAL_MINUTES), so "Import now" does not add a second run right after.
 */
export default async function importAmazonSettlementsJob(container: MedusaContainer) {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const accounts = await amazon.listAmazonAccounts({ import_settlements: true }, { select: ["id", "name"], take: null })
  for (const account of accounts) {
    try {
      const result = await importAmazonSettlements(container, { account_id: account.id, trigger: "schedule" })
      if (result.ran && result.run?.status !== "succeeded") logger.warn(`Amazon settlement import for "${account.name}": ${result.run?.message}`)
    } catch (error) {
      logger.error(`Amazon settlement import for "${account.name}" failed: ${(error as Error).message}`)
    }
  }
}

export const config = {
  name: "import-amazon-settlements",
  schedule: "*/10 * * * *",
}
