import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { AMAZON_MODULE } from "../modules/amazon"
import type AmazonModuleService from "../modules/amazon/service"
import { importVendorPurchaseOrders } from "../workflows/vendor/import-vendor-purchase-orders"

/**
 * Every 15 minutes: POs Amazon changed (reduced, cancelled lines) since the last run, for every vendor account; at the
 * top of each hour also the POs placed since then.
 */
export default async function importAmazonVendorPurchaseOrdersJob(container: MedusaContainer) {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const accounts = await amazon.listAmazonAccounts({ kind: "vendor", vendor_enabled: true }, { select: ["id", "name"], take: null })
  const mode = new Date().getUTCMinutes() < 15 ? "full" : "changed"
  for (const account of accounts) {
    try {
      const run = await importVendorPurchaseOrders(container, { account_id: account.id, trigger: "schedule", mode })
      if (run.status === "failed") logger.warn(`Amazon vendor import for "${account.name}": ${run.message}`)
    } catch (error) {
      logger.error(`Amazon vendor import for "${account.name}" failed: ${(error as Error).message}`)
    }
  }
}

export const config = {
  name: "import-amazon-vendor-purchase-orders",
  schedule: "*/15 * * * *",
}
