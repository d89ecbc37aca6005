import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { AMAZON_MODULE } from "../../modules/amazon"
import { describeForMerchant } from "../../modules/amazon/merchant-message"
import type AmazonModuleService from "../../modules/amazon/service"
import { SYNC_RUN_HEARTBEAT_SECONDS } from "../../modules/amazon/sync-run-heartbeat"
import { crashPoint } from "../../utils/crash-point"
import type { StartedSyncRun } from "../sync-runs/steps/start-sync-run"
import { beginAmazonOrderImportWorkflow } from "./begin-amazon-order-import"
import { finishAmazonOrderImportWorkflow } from "./finish-amazon-order-import"
import { importAmazonOrderPageWorkflow } from "./import-amazon-order-page"
import { importWindow, nextWatermark, windowEnd } from "./mapping/import-window"
import type { ImportProblem, PageCounts } from "./types"

export type ImportAmazonOrdersInput = {
  account_id: string
  /** schedule: the job's tick (runs only when the account's interval has passed); manual: "Sync now". */
  trigger?: "schedule" | "manual" | "test"
  /** The run "Sync now" recorded and answered with before starting the import in the background. */
  sync_run_id?: string | null
}

/** The lock every writer of an account's Amazon orders takes: imports, retries. */
export function amazonOrderImportLockKey(accountId: string): string {
  return `amazon-order-import:${accountId}`
}

/** How long a run waits for another run of the same account to finish before giving up. */
export const IMPORT_LOCK_WAIT_SECONDS = 120

type Outcome = {
  status: "succeeded" | "partial" | "failed"
  message: string
  problems: ImportProblem[]
  pages: number
  api_calls: number
  counts: PageCounts
  watermark: string | null
}

function clockTime(value: Date | string): string {
  return `${new Date(value).toISOString().slice(11, 16)} UTC`
}

/**
 * Imports one account's Amazon orders: a workflow decides whether the account is due and records the sync run;
 * then, under the account's lock so that two runs (two processes, a tick and "Sync now") never interleave, each
 * page is its own workflow run (read, stage, create, cancel, correct: stored or rolled back as a whole), and a
 * last workflow moves the watermark and finishes the run. The page loop lives here, not in a step, because a
 * workflow cannot loop and a step that ran workflows would hide them from the engine.
 * The run's heartbeat and counts are written as it goes, so the admin sees progress (or "waiting" while another
 * run holds the lock) and a run whose process dies is recognised as interrupted.
 * Returns { ran: false } when the account was not due.
 */
export async function importAmazonOrders(container: MedusaContainer, input: ImportAmazonOrdersInput) {
  const { result: begun } = await beginAmazonOrderImportWorkflow(container).run({
    input: { account_id: input.account_id, trigger: input.trigger ?? "manual", sync_run_id: input.sync_run_id ?? null },
  })
  if (!begun.due || !begun.run) return { ran: false, reason: begun.reason, run: null }
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  try {
    const run = await importPagesUnderLock(container, input.account_id, begun.run)
    return { ran: true, reason: begun.reason, run }
  } catch (error) {
    const finishedAt = new Date()
    await amazon.updateAmazonSyncRuns({
      id: begun.run.id,
      status: "failed",
      finished_at: finishedAt,
      duration_ms: finishedAt.getTime() - new Date(begun.run.started_at).getTime(),
      message: "The run stopped because of an unexpected error; see the server log. Pages stored before it are kept.",
    })
    throw error
  }
}

async function importPagesUnderLock(container: MedusaContainer, accountId: string, started: StartedSyncRun) {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  const locking = container.resolve(Modules.LOCKING)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const counts: PageCounts = { orders_seen: 0, orders_created: 0, orders_updated: 0, orders_parked: 0, orders_cancelled: 0 }
  const problems: ImportProblem[] = []
  const unstoredLastUpdates: Array<string | null> = []
  let pages = 0
  let apiCalls = 0
  const resumedNote = started.resumed.length
    ? ` Resumed the interrupted import started at ${started.resumed.map((run) => clockTime(run.started_at)).join(", ")}.`
    : ""

  const finish = async (outcome: Outcome) => {
    const { result } = await finishAmazonOrderImportWorkflow(container).run({
      input: {
        account_id: accountId,
        watermark: outcome.watermark,
        run: {
          id: started.id,
          status: outcome.status,
          message: outcome.message + resumedNote,
          errors: outcome.problems,
          counts: { pages: outcome.pages, api_calls: outcome.api_calls, ...progressCounts(outcome.counts) },
        },
      },
    })
    return result
  }
  const outcome = (status: Outcome["status"], message: string, watermark: string | null = null): Outcome => ({
    status,
    message,
    problems,
    pages,
    api_calls: apiCalls,
    counts,
    watermark,
  })

  const heartbeat = setInterval(() => {
    amazon.recordSyncRunProgress(started.id).catch((error) => logger.warn(`Amazon sync run heartbeat failed: ${(error as Error).message}`))
  }, SYNC_RUN_HEARTBEAT_SECONDS * 1000)
  try {
    const [holder] = await amazon.listAmazonSyncRuns(
      { account_id: accountId, kind: "order_import", status: ["running"], id: { $ne: started.id } } as any,
      { order: { started_at: "ASC" }, take: 1, select: ["id", "started_at"] }
    )
    if (holder) {
      await amazon.updateAmazonSyncRuns({ id: started.id, status: "waiting", message: `Waiting for the import started at ${clockTime(holder.started_at)} to finish.` })
    }
    let locked = false
    try {
      return await locking.execute(
        amazonOrderImportLockKey(accountId),
        async () => {
          locked = true
          await amazon.updateAmazonSyncRuns({ id: started.id, status: "running", message: null, heartbeat_at: new Date() })
          const account = await amazon.retrieveAmazonAccount(accountId)
          const startedAt = new Date()
          const window = importWindow(account.orders_watermark, startedAt)
          let amazonWindowEnd: string | null = null
          let nextToken: string | null = null
          try {
            do {
              const { result } = await importAmazonOrderPageWorkflow(container).run({ input: { account_id: accountId, window, next_token: nextToken } })
              pages += 1
              apiCalls += result.api_calls
              for (const key of Object.keys(counts) as Array<keyof PageCounts>) counts[key] += result.counts[key]
              problems.push(...result.problems)
              unstoredLastUpdates.push(...result.unstored_last_updates)
              amazonWindowEnd ??= result.last_updated_before
              nextToken = result.next_token
              await amazon.recordSyncRunProgress(started.id, { pages, api_calls: apiCalls, ...progressCounts(counts) })
              if (nextToken) crashPoint("mid-page-loop")
            } while (nextToken)
          } catch (error) {
            logger.error(`Amazon order import of account ${accountId} stopped after ${pages} page(s): ${(error as Error)?.stack ?? error}`)
            problems.push({ message: describeForMerchant(error) })
            return await finish(
              outcome(
                "failed",
                `The import stopped after ${pages} page(s): ${describeForMerchant(error)} Orders stored before that are kept; the next run continues from the same point.`
              )
            )
          }
          const next = nextWatermark({ previous: account.orders_watermark, end: windowEnd(amazonWindowEnd, startedAt), unstoredLastUpdates })
          return await finish(outcome(problems.length ? "partial" : "succeeded", describeOutcome(counts, problems.length), next ? next.toISOString() : null))
        },
        { timeout: IMPORT_LOCK_WAIT_SECONDS }
      )
    } catch (error) {
      if (locked) throw error
      // The lock wait timed out: everything inside the lock reports its own failures.
      problems.push({ message: describeForMerchant(error) })
      return await finish(
        outcome("failed", "Another import of this account was still running, so this one did not start. The next run picks up where that one ends.")
      )
    }
  } finally {
    clearInterval(heartbeat)
  }
}

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
