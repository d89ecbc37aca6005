import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { AMAZON_MODULE } from "../../modules/amazon"
import { describeForMerchant } from "../../modules/amazon/merchant-message"
import type AmazonModuleService from "../../modules/amazon/service"
import { splitVendorOrderWindow } from "../../modules/amazon/sp-api"
import { SYNC_RUN_HEARTBEAT_SECONDS } from "../../modules/amazon/sync-run-heartbeat"
import { beginVendorImportWorkflow } from "./begin-vendor-import"
import { finishVendorImportWorkflow } from "./finish-vendor-import"
import { importVendorPurchaseOrderPageWorkflow } from "./import-vendor-purchase-order-page"
import { syncVendorPurchaseOrderOrders, type VendorOrderSyncOutcome } from "./sync-vendor-purchase-order-orders"

export type ImportVendorPurchaseOrdersInput = {
  account_id: string
  trigger?: "schedule" | "manual" | "test"
  /** full: POs placed since the created watermark and POs changed since the changed watermark; changed: only the latter. */
  mode?: "full" | "changed"
  sync_run_id?: string | null
}

const DAY_MS = 24 * 60 * 60 * 1000
/** A first import reaches back this far; later ones start from the watermarks. */
export const FIRST_VENDOR_IMPORT_DAYS = 30
/** Amazon may list a PO a little after its date: each run re-reads this much before the watermark. */
const WATERMARK_OVERLAP_MS = 15 * 60 * 1000

export function vendorImportLockKey(accountId: string): string {
  return `amazon-vendor-import:${accountId}`
}

type Problem = { message: string }

/**
 * Imports one vendor account's purchase orders: the created window (POs placed since the watermark) and the changed
 * window (POs Amazon changed since its watermark), each cut into Amazon's windows of at most 7 days, each page its
 * own workflow run. Under the account's lock, so that two runs never interleave; the page loop lives here because a
 * workflow cannot loop. Importing the same POs again changes nothing (content hash).
 */
export async function importVendorPurchaseOrders(container: MedusaContainer, input: ImportVendorPurchaseOrdersInput) {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  const locking = container.resolve(Modules.LOCKING)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const account = await amazon.retrieveAmazonAccount(input.account_id)
  if (account.kind !== "vendor") {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `"${account.name}" is a Seller Central account: it has orders (Amazon → Orders), not vendor purchase orders.`)
  }
  const { result: started } = await beginVendorImportWorkflow(container).run({
    input: { account_id: account.id, trigger: input.trigger ?? "manual", sync_run_id: input.sync_run_id ?? null },
  })
  const counts = { pages: 0, api_calls: 0, orders_seen: 0, orders_created: 0, orders_updated: 0, orders_parked: 0 }
  const problems: Problem[] = []
  let flagged = 0
  const heartbeat = setInterval(() => {
    amazon.recordSyncRunProgress(started.id).catch((error) => logger.warn(`Amazon sync run heartbeat failed: ${(error as Error).message}`))
  }, SYNC_RUN_HEARTBEAT_SECONDS * 1000)
  const finish = async (status: "succeeded" | "partial" | "failed", message: string, watermarks: { created?: string; changed?: string } = {}) => {
    const { result } = await finishVendorImportWorkflow(container).run({
      input: { watermarks: { account_id: account.id, ...watermarks }, run: { id: started.id, status, message, errors: problems, counts } },
    })
    return result
  }
  let locked = false
  try {
    return await locking.execute(
      vendorImportLockKey(account.id),
      async () => {
        locked = true
        const now = new Date()
        const firstStart = new Date(now.getTime() - FIRST_VENDOR_IMPORT_DAYS * DAY_MS)
        const since = (watermark: Date | string | null | undefined) => (watermark ? new Date(new Date(watermark).getTime() - WATERMARK_OVERLAP_MS) : firstStart)
        const passes: Array<{ by: "created" | "changed"; from: Date }> = []
        if ((input.mode ?? "full") === "full") passes.push({ by: "created", from: since(account.vendor_created_watermark) })
        passes.push({ by: "changed", from: since(account.vendor_changed_watermark) })
        let clampedNote = ""
        try {
          for (const pass of passes) {
            const { windows, clamped } = splitVendorOrderWindow(pass.from, now, now)
            if (clamped) clampedNote = " Amazon lists purchase orders of the last 6 months only; older ones were not read."
            for (const window of windows) {
              let nextToken: string | null = null
              do {
                const { result } = await importVendorPurchaseOrderPageWorkflow(container).run({
                  input: { account_id: account.id, window: { by: pass.by, after: window.after.toISOString(), before: window.before.toISOString() }, next_token: nextToken },
                })
                counts.pages += 1
                counts.api_calls += 1
                counts.orders_seen += result.seen
                counts.orders_created += result.created
                counts.orders_updated += result.updated
                counts.orders_parked += result.problems.length
                flagged += result.flagged
                problems.push(...result.problems)
                nextToken = result.next_token
                await amazon.recordSyncRunProgress(started.id, counts)
              } while (nextToken)
            }
          }
        } catch (error) {
          logger.error(`Amazon vendor import of account ${account.id} stopped after ${counts.pages} page(s): ${(error as Error)?.stack ?? error}`)
          problems.push({ message: describeForMerchant(error) })
          return await finish("failed", `The import stopped after ${counts.pages} page(s): ${describeForMerchant(error)} Purchase orders stored before that are kept; the next run reads the same windows again.`)
        }
        // Amazon's changes reach the Medusa orders of the POs now rather than at the next job tick.
        const synced = await syncVendorPurchaseOrderOrders(container, { account_id: account.id }).catch((error) => {
          logger.error(`Amazon vendor orders of account ${account.id}: ${(error as Error)?.stack ?? error}`)
          return [] as VendorOrderSyncOutcome[]
        })
        const edited = synced.filter((outcome) => outcome.outcome === "edited").length
        const parts = [`${counts.orders_seen} purchase order(s) read from Amazon`, `${counts.orders_created} new`, `${counts.orders_updated} changed`]
        if (flagged) parts.push(`${flagged} changed by Amazon after they were acknowledged`)
        if (edited) parts.push(`${edited} Medusa order(s) changed to match`)
        const message = `Imported: ${parts.join(", ")}.${problems.length ? ` ${problems.length} could not be read; see the errors.` : ""}${clampedNote}`
        const watermark = now.toISOString()
        return await finish(problems.length ? "partial" : "succeeded", message, (input.mode ?? "full") === "full" ? { created: watermark, changed: watermark } : { changed: watermark })
      },
      { timeout: 120 }
    )
  } catch (error) {
    if (locked) throw error
    problems.push({ message: describeForMerchant(error) })
    return await finish("failed", "Another import of this vendor account was still running, so this one did not start. The next run picks up where that one ends.")
  } finally {
    clearInterval(heartbeat)
  }
}
