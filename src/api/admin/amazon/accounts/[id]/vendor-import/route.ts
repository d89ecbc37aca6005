import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { AMAZON_MODULE } from "../../../../../../modules/amazon"
import type AmazonModuleService from "../../../../../../modules/amazon/service"
import { importVendorPurchaseOrders } from "../../../../../../workflows/vendor/import-vendor-purchase-orders"

/** "Import now" for a vendor account: answers at once with the sync run; the import carries on in the background. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const amazon: AmazonModuleService = req.scope.resolve(AMAZON_MODULE)
  const logger = req.scope.resolve(ContainerRegistrationKeys.LOGGER)
  const account = await amazon.retrieveAmazonAccount(req.params.id)
  if (account.kind !== "vendor") {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `"${account.name}" is a Seller Central account; use "Sync now" to import its orders.`)
  }
  const now = new Date()
  const run = await amazon.createAmazonSyncRuns({
    account_id: account.id,
    kind: "vendor_import",
    trigger: "manual",
    status: "running",
    started_at: now,
    heartbeat_at: now,
  })
  importVendorPurchaseOrders(req.scope, { account_id: account.id, trigger: "manual", sync_run_id: run.id }).catch((error) =>
    logger.error(`Amazon vendor import of "${account.name}" (run ${run.id}) failed: ${(error as Error)?.stack ?? error}`)
  )
  res.status(202).json({ sync_run: run })
}
