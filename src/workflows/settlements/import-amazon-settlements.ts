import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../modules/amazon"
import type AmazonModuleService from "../../modules/amazon/service"
import type { ReportOutcome } from "../../modules/amazon/settlements/import-settlement-reports"
import { finishSyncRunStep, type SyncRunError } from "../sync-runs/steps/finish-sync-run"
import { startSyncRunStep } from "../sync-runs/steps/start-sync-run"
import { importProvisionalPayoutsStep } from "./steps/import-provisional-payouts"
import { importSettlementReportsStep } from "./steps/import-settlement-reports"
import { reconcileSettlementOrdersStep } from "./steps/reconcile-settlement-orders"
import { flagUnsettledShippedOrdersStep } from "./steps/flag-unsettled-shipped-orders"
import { recordAmazonMadeRefundsStep } from "./steps/record-amazon-made-refunds"

export type ImportAmazonSettlementsInput = {
  account_id: string
  trigger?: "schedule" | "manual" | "test"
  /** The run "Import now" recorded and answered with before the import started in the background. */
  sync_run_id?: string | null
}

/** Settlements close every 14 days; an hourly look finds a new one soon enough. */
export const SETTLEMENT_IMPORT_INTERVAL_MINUTES = 60

export function summariseSettlementImport(parts: {
  outcomes: ReportOutcome[]
  listingFailure: string | null
  listingProblems: string[]
  payouts: { stored: number; failure: string | null }
  reconciliation: { compared: number; mismatches: number; unknown: number }
  unsettled?: { flagged: number; settled_later: number }
  refunds: { recorded: number; problems: SyncRunError[] }
}) {
  const imported = parts.outcomes.filter((outcome) => outcome.state === "imported")
  const unchanged = parts.outcomes.filter((outcome) => outcome.state === "unchanged")
  const rejected = parts.outcomes.filter((outcome): outcome is Extract<ReportOutcome, { state: "rejected" }> => outcome.state === "rejected")
  const errors: SyncRunError[] = [
    ...(parts.listingFailure ? [{ message: parts.listingFailure }] : []),
    ...parts.listingProblems.map((message) => ({ message })),
    ...rejected.map((outcome) => ({ message: outcome.message })),
    ...(parts.payouts.failure ? [{ message: parts.payouts.failure }] : []),
    ...parts.refunds.problems,
  ]
  const sentences = [
    parts.listingFailure
      ? parts.listingFailure
      : `${imported.length} new settlement${imported.length === 1 ? "" : "s"} imported` +
        (imported.length ? ` (${imported.map((outcome) => (outcome.state === "imported" ? `${outcome.settlement_id}: ${outcome.orders} orders` : "")).join(", ")})` : "") +
        (unchanged.length ? `, ${unchanged.length} already imported and unchanged` : "") +
        (rejected.length ? `, ${rejected.length} rejected (see the errors)` : "") +
        ".",
    `${parts.payouts.stored} Finances transaction${parts.payouts.stored === 1 ? "" : "s"} of orders not settled yet.`,
    parts.reconciliation.mismatches || parts.reconciliation.unknown
      ? `${parts.reconciliation.mismatches} order${parts.reconciliation.mismatches === 1 ? "" : "s"} paid differently from what Medusa captured, ${parts.reconciliation.unknown} unknown to the store.`
      : null,
    parts.unsettled?.flagged
      ? `${parts.unsettled.flagged} shipped order${parts.unsettled.flagged === 1 ? " is" : "s are"} missing from the settlement that should have paid ${parts.unsettled.flagged === 1 ? "it" : "them"}: ask Amazon Seller Support about ${parts.unsettled.flagged === 1 ? "it" : "them"}.`
      : null,
    parts.unsettled?.settled_later
      ? `${parts.unsettled.settled_later} order${parts.unsettled.settled_later === 1 ? "" : "s"} missing from an earlier settlement paid in a later one.`
      : null,
    parts.refunds.recorded ? `${parts.refunds.recorded} refund${parts.refunds.recorded === 1 ? "" : "s"} made on Amazon recorded on their Medusa orders.` : null,
  ].filter(Boolean)
  const failed = !!parts.listingFailure && !parts.outcomes.length
  return {
    status: (failed ? "failed" : errors.length ? "partial" : "succeeded") as "failed" | "partial" | "succeeded",
    message: sentences.join(" "),
    errors,
  }
}

/**
 * import-amazon-settlements: new settlement reports (each stored whole or not at all), the Finances transactions
 * of orders not settled yet, the comparison of every settlement row with its Medusa order, and the refunds Amazon
 * made on its own side recorded on the Medusa orders; one sync run records it all.
 */
export const importAmazonSettlementsWorkflow = createWorkflow("import-amazon-settlements", (input: ImportAmazonSettlementsInput) => {
  const runInput = transform({ input }, ({ input }) => ({
    account_id: input.account_id,
    kind: "settlement_import" as const,
    trigger: input.trigger ?? "manual",
    sync_run_id: input.sync_run_id ?? null,
  }))
  const run = startSyncRunStep(runInput)
  const account = transform({ input }, ({ input }) => ({ account_id: input.account_id }))
  const reports = importSettlementReportsStep(account)
  const payouts = importProvisionalPayoutsStep(account)
  const reconciliation = reconcileSettlementOrdersStep(account)
  const unsettled = flagUnsettledShippedOrdersStep(account)
  const refunds = recordAmazonMadeRefundsStep(account)
  const finish = transform({ run, reports, payouts, reconciliation, unsettled, refunds }, ({ run, reports, payouts, reconciliation, unsettled, refunds }) => {
    const summary = summariseSettlementImport({
      outcomes: reports.outcomes,
      listingFailure: reports.failure,
      listingProblems: reports.problems,
      payouts,
      reconciliation,
      unsettled,
      refunds,
    })
    return { id: run.id, ...summary, counts: { pages: reports.outcomes.length, api_calls: reports.apiCalls + payouts.apiCalls } }
  })
  const finished = finishSyncRunStep(finish)
  return new WorkflowResponse({ run: finished, outcomes: reports.outcomes })
})

export function amazonSettlementImportLockKey(accountId: string): string {
  return `amazon-settlement-import:${accountId}`
}

/**
 * Runs the import for one account under its lock (a tick and "Import now" never interleave). A scheduled run is
 * skipped while the account's last settlement import is younger than the interval.
 */
export async function importAmazonSettlements(container: MedusaContainer, input: ImportAmazonSettlementsInput) {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  if (input.trigger === "schedule") {
    const [last] = await amazon.listAmazonSyncRuns({ account_id: input.account_id, kind: "settlement_import" } as any, { order: { started_at: "DESC" }, take: 1 })
    if (last && Date.now() - new Date(last.started_at).getTime() < SETTLEMENT_IMPORT_INTERVAL_MINUTES * 60_000) return { ran: false, run: null, outcomes: [] }
  }
  const locking = container.resolve(Modules.LOCKING)
  return await locking.execute(
    amazonSettlementImportLockKey(input.account_id),
    async () => {
      const { result } = await importAmazonSettlementsWorkflow(container).run({ input })
      return { ran: true, run: result.run, outcomes: result.outcomes }
    },
    { timeout: 120 }
  )
}
