import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { AMAZON_MODULE } from "../../../../modules/amazon"
import type AmazonModuleService from "../../../../modules/amazon/service"
import type { AdminListSyncRunsType } from "../validators"

export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminListSyncRunsType>, res: MedusaResponse) {
  const amazon: AmazonModuleService = req.scope.resolve(AMAZON_MODULE)
  const { account_id, kind, limit = 20, offset = 0 } = req.validatedQuery as AdminListSyncRunsType
  const filters: Record<string, unknown> = {}
  if (account_id) filters.account_id = account_id
  if (kind) filters.kind = kind
  // A run whose process is gone must not show "running" forever, even before the next run notices it.
  await amazon.markStaleSyncRunsInterrupted(account_id ? { account_id } : {})
  const [sync_runs, count] = await amazon.listAndCountAmazonSyncRuns(filters, {
    order: { started_at: "DESC" },
    take: limit,
    skip: offset,
  })
  res.json({ sync_runs, count, limit, offset })
}
