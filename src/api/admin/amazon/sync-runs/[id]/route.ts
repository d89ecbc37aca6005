import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { AMAZON_MODULE } from "../../../../../modules/amazon"
import type AmazonModuleService from "../../../../../modules/amazon/service"

/** One sync run, for following a background run's progress. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const amazon: AmazonModuleService = req.scope.resolve(AMAZON_MODULE)
  const [found] = await amazon.listAmazonSyncRuns({ id: req.params.id }, { take: 1, select: ["id", "account_id"] })
  if (!found) throw new MedusaError(MedusaError.Types.NOT_FOUND, `No sync run with id ${req.params.id} exists. Reload the sync runs list.`)
  await amazon.markStaleSyncRunsInterrupted({ account_id: (found as unknown as { account_id: string }).account_id })
  const sync_run = await amazon.retrieveAmazonSyncRun(req.params.id)
  res.json({ sync_run })
}
