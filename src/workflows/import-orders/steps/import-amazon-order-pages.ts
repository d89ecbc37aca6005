import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import { describeForMerchant } from "../../../modules/amazon/merchant-message"
import type AmazonModuleService from "../../../modules/amazon/service"
import { SYNC_RUN_HEARTBEAT_SECONDS } from "../../../modules/amazon/sync-run-heartbeat"
import { crashPoint } from "../../../utils/crash-point"
import { importAmazonOrderPageWorkflow } from "../import-amazon-order-page"
import { importWindow, nextWatermark, windowEnd } from "../mapping/import-window"
import type { ImportProblem, PageCounts } from "../types"

/** The lock every writer of an account's Amazon orders takes: imports, retries. */
export function amazonOrderImportLockKey(accountId: string): string {
  return `amazon-order-import:${accountId}`
}

/** How long a run waits for another run of the same account to finish before giving up. */
export const IMPORT_LOCK_WAIT_SECONDS = 120

export type ImportAmazonOrderPagesResult = {
  status: "succeeded" | "partial" | "failed"
  message: string
  problems: ImportProblem[]
  pages: number
  api_calls: number
  counts: PageCounts
  watermark: string | null
}

export type ImportAmazonOrderPagesInput = {
  account_id: string
  sync_run_id: string
  /** Runs of this account whose process had gone; the message says this run resumed them. */
  resumed: Array<{ id: string; started_at: Date | string }>
}

export const importAmazonOrderPagesStepId = "import-amazon-order-pages"

function clockTime(value: Date | string): string {
  return `${new Date(value).toISOString().slice(11, 16)} UTC`
}

/**
 * Pages through the orders Amazon changed since the watermark, each page in its own workflow run, all under
 * the account's lock so that two runs (two processes, a tick and "Sync now") never interleave. The watermark
 * is written inside the lock, after the last page, and never past an order that was neither stored nor parked.
 * Failures become the run's message rather than an exception: pages stored before the failure stay stored.
 * The run's heartbeat and counts are written as it goes, so the admin sees progress (or "waiting" while another
 * run holds the lock) and a run whose process dies is recognised as interrupted.
 */
export const importAmazonOrderPagesStep = createStep(importAmazonOrderPagesStepId, async (input: ImportAmazonOrderPagesInput, { container }) => {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  const locking = container.resolve(Modules.LOCKING)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const counts: PageCounts = { orders_seen: 0, orders_created: 0, orders_updated: 0, orders_parked: 0, orders_cancelled: 0 }
  const problems: ImportProblem[] = []
  const unstoredLastUpdates: Array<string | null> = []
  let pages = 0
  let apiCalls = 0
  let watermark: string | null = null

  const resumedNote = input.resumed.length
    ? ` Resumed the interrupted import started at ${input.resumed.map((run) => clockTime(run.started_at)).join(", ")}.`
    : ""
  const summary = (status: ImportAmazonOrderPagesResult["status"], message: string): ImportAmazonOrderPagesResult => ({
    status,
    message: message + resumedNote,
    problems,
    pages,
    api_calls: apiCalls,
    counts,
    watermark,
  })

  const heartbeat = setInterval(() => {
    amazon.recordSyncRunProgress(input.sync_run_id).catch((error) => logger.warn(`Amazon sync run heartbeat failed: ${(error as Error).message}`))
  }, SYNC_RUN_HEARTBEAT_SECONDS * 1000)
  try {
    const [holder] = await amazon.listAmazonSyncRuns(
      { account_id: input.account_id, kind: "order_import", status: ["running"], id: { $ne: input.sync_run_id } } as any,
      { order: { started_at: "ASC" }, take: 1, select: ["id", "started_at"] }
    )
    if (holder) {
      await amazon.updateAmazonSyncRuns({
        id: input.sync_run_id,
        status: "waiting",
        message: `Waiting for the import started at ${clockTime(holder.started_at)} to finish.`,
      })
    }
    return new StepResponse(
      await locking.execute(
        amazonOrderImportLockKey(input.account_id),
        async () => {
          await amazon.updateAmazonSyncRuns({ id: input.sync_run_id, status: "running", message: null, heartbeat_at: new Date() })
          const account = await amazon.retrieveAmazonAccount(input.account_id)
          const startedAt = new Date()
          const window = importWindow(account.orders_watermark, startedAt)
          let amazonWindowEnd: string | null = null
          let nextToken: string | null = null
          try {
            do {
              const { result } = await importAmazonOrderPageWorkflow(container).run({
                input: { account_id: input.account_id, window, next_token: nextToken },
              })
              pages += 1
              apiCalls += result.api_calls
              for (const key of Object.keys(counts) as Array<keyof PageCounts>) counts[key] += result.counts[key]
              problems.push(...result.problems)
              unstoredLastUpdates.push(...result.unstored_last_updates)
              amazonWindowEnd ??= result.last_updated_before
              nextToken = result.next_token
              await amazon.recordSyncRunProgress(input.sync_run_id, { pages, api_calls: apiCalls, ...progressCounts(counts) })
              if (nextToken) crashPoint("mid-page-loop")
            } while (nextToken)
          } catch (error) {
            logger.error(`Amazon order import of account ${input.account_id} stopped after ${pages} page(s): ${(error as Error)?.stack ?? error}`)
            problems.push({ message: describeForMerchant(error) })
            return summary(
              "failed",
              `The import stopped after ${pages} page(s): ${describeForMerchant(error)} Orders stored before that are kept; the next run continues from the same point.`
            )
          }
          const next = nextWatermark({
            previous: account.orders_watermark,
            end: windowEnd(amazonWindowEnd, startedAt),
            unstoredLastUpdates,
          })
          if (next && (!account.orders_watermark || next.getTime() !== new Date(account.orders_watermark).getTime())) {
            await amazon.updateAmazonAccounts({ id: input.account_id, orders_watermark: next })
          }
          watermark = next ? next.toISOString() : null
          return summary(problems.length ? "partial" : "succeeded", describeOutcome(counts, problems.length))
        },
        { timeout: IMPORT_LOCK_WAIT_SECONDS }
      )
    )
  } catch (error) {
    // Only the lock wait can end up here: everything inside reports its own failures.
    problems.push({ message: describeForMerchant(error) })
    return new StepResponse(
      summary("failed", "Another import of this account was still running, so this one did not start. The next run picks up where that one ends.")
    )
  } finally {
    clearInterval(heartbeat)
  }
})

function progressCounts(counts: PageCounts) {
  return {
    orders_seen: counts.orders_seen,
    orders_created: counts.orders_created,
    orders_updated: counts.orders_updated,
    orders_parked: counts.orders_parked,
  }
}

function describeOutcome(counts: PageCounts, problemCount: number): string {
  const parts = [
    `${counts.orders_seen} order(s) read from Amazon`,
    `${counts.orders_created} new Medusa order(s)`,
    `${counts.orders_updated} updated`,
  ]
  if (counts.orders_cancelled) parts.push(`${counts.orders_cancelled} cancelled because Amazon cancelled them`)
  const sentence = `Imported: ${parts.join(", ")}.`
  if (!problemCount) return sentence
  return `${sentence} ${counts.orders_parked} order(s) need attention; open them in Amazon → Orders to see what to fix, then retry.`
}
