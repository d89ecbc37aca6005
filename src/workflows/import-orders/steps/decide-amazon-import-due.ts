import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"
import { isImportDue } from "../mapping/import-window"

export type DecideAmazonImportDueInput = { account_id: string; trigger: "schedule" | "manual" | "test" }
export type ImportDueDecision = { due: boolean; reason: string }

export const decideAmazonImportDueStepId = "decide-amazon-import-due"

/**
 * The job ticks every minute for every account; only here is each account's own interval applied.
 * A merchant's "Sync now" (manual) always runs, even when order import is switched off for scheduling.
 */
export const decideAmazonImportDueStep = createStep(
  decideAmazonImportDueStepId,
  async (input: DecideAmazonImportDueInput, { container }) => {
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    const account = await amazon.retrieveAmazonAccount(input.account_id)
    if (account.kind === "vendor") {
      return new StepResponse<ImportDueDecision>({ due: false, reason: "This is a Vendor Central account: it has purchase orders (Amazon → Vendor), not seller orders." })
    }
    if (input.trigger !== "schedule") return new StepResponse<ImportDueDecision>({ due: true, reason: "Started by hand." })
    if (!account.import_orders) {
      return new StepResponse<ImportDueDecision>({ due: false, reason: "Order import is switched off for this account." })
    }
    const [lastRun] = await amazon.listAmazonSyncRuns(
      { account_id: input.account_id, kind: "order_import" },
      { order: { started_at: "DESC" }, take: 1, select: ["id", "started_at"] }
    )
    const due = isImportDue({ intervalMinutes: account.import_interval_minutes, lastStartedAt: lastRun?.started_at, now: new Date() })
    return new StepResponse<ImportDueDecision>({
      due,
      reason: due ? "The import interval has passed." : `The last import started less than ${account.import_interval_minutes} minutes ago.`,
    })
  }
)
