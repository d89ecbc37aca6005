import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { AMAZON_MODULE } from "../modules/amazon"
import type AmazonModuleService from "../modules/amazon/service"
import { importAmazonOrders } from "../workflows/import-orders/import-amazon-orders"

/**
 * Ticks every minute. config.schedule is read once when the app loads, so the per-account interval
 * (import_interval_minutes, default 5) is applied by the workflow, which skips accounts that are not due.
 */
export default async function importAmazonOrdersJob(container: MedusaContainer) {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const accounts = await amazon.listAmazonAccounts({ import_orders: true, kind: "seller" }, { select: ["id", "name"], take: null })
  for (const account of accounts) {
    try {
      const result = await importAmazonOrders(container, { account_id: account.id, trigger: "schedule" })
      if (result.ran && result.run?.status === "failed") logger.warn(`Amazon order import for "${account.name}": ${result.run.message}`)
    } catch (error) {
      // One account's failure (e.g. revoked credentials) must not stop the others.
      logger.error(`Amazon order import for "${account.name}" failed: ${(error as Error).message}`)
    }
  }
}

export const config = {
  name: "import-amazon-orders",
  schedule: "* * * * *",
}
