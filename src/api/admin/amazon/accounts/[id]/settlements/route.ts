import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { AMAZON_MODULE } from "../../../../../../modules/amazon"
import type AmazonModuleService from "../../../../../../modules/amazon/service"
import { importAmazonSettlements } from "../../../../../../workflows/settlements/import-amazon-settlements"

/**
 * "Import now" for settlements: answers at once with the sync run it recorded; downloading and reconciling a
 * settlement file can take a while, so the import carries on in the background and the run shows its outcome.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const amazon: AmazonModuleService = req.scope.resolve(AMAZON_MODULE)
  const logger = req.scope.resolve(ContainerRegistrationKeys.LOGGER)
  const account = await amazon.retrieveAmazonAccount(req.params.id)
  const now = new Date()
  const run = await amazon.createAmazonSyncRuns({
    account_id: account.id,
    kind: "settlement_import",
    trigger: "manual",
    status: "running",
    started_at: now,
    heartbeat_at: now,
  })
  importAmazonSettlements(req.scope, { account_id: account.id, trigger: "manual", sync_run_id: run.id }).catch((error) =>
    logger.error(`Amazon settlement import of "${account.name}" (run ${run.id}) failed: ${(error as Error)?.stack ?? error}`)
  )
  res.status(202).json({ sync_run: run })
}
