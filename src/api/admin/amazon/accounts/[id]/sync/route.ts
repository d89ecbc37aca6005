import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { AMAZON_MODULE } from "../../../../../../modules/amazon"
import type AmazonModuleService from "../../../../../../modules/amazon/service"
import { importAmazonOrders } from "../../../../../../workflows/import-orders/import-amazon-orders"

/**
 * "Sync now": answers at once with the sync run it started; the import carries on in the background and the
 * run records its progress, which the admin polls. An import can take minutes: holding the request open for it
 * would look hung and time out in HTTP clients while the server carries on.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const amazon: AmazonModuleService = req.scope.resolve(AMAZON_MODULE)
  const logger = req.scope.resolve(ContainerRegistrationKeys.LOGGER)
  const account = await amazon.retrieveAmazonAccount(req.params.id)
  if (account.kind === "vendor") {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `"${account.name}" is a Vendor Central account; import its purchase orders with "Import now" in Amazon → Vendor.`)
  }
  const now = new Date()
  const run = await amazon.createAmazonSyncRuns({
    account_id: account.id,
    kind: "order_import",
    trigger: "manual",
    status: "running",
    started_at: now,
    heartbeat_at: now,
  })
  importAmazonOrders(req.scope, { account_id: account.id, trigger: "manual", sync_run_id: run.id }).catch((error) => logger.error(`Amazon order import of "${account.name}" (run ${run.id}) failed: ${(error as Error)?.stack ?? error}`))
  res.json({ sync_run: run, ran: true, reason: "Started by hand." })
}
