import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { AMAZON_MODULE } from "../../../../modules/amazon"
import type AmazonModuleService from "../../../../modules/amazon/service"
import type { AdminListSyncRunsType } from "../validators"

export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminListSyncRunsType>, res: MedusaResponse) {
  const amazon: AmazonModuleService = req.scope.resolve(AMAZON_MODULE)
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const accountId = req.filterableFields.account_id as string | undefined
  // A run whose process is gone must not show "running" forever, even before the next run notices it.
  await amazon.markStaleSyncRunsInterrupted(accountId ? { account_id: accountId } : {})
  const { data: sync_runs, metadata } = await query.graph({
    entity: "amazon_sync_run",
    fields: req.queryConfig.fields,
    filters: req.filterableFields,
    pagination: req.queryConfig.pagination,
  })
  res.json({ sync_runs, count: metadata?.count, limit: metadata?.take, offset: metadata?.skip })
}
