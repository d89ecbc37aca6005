import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { AMAZON_MODULE } from "../../modules/amazon"
import type AmazonModuleService from "../../modules/amazon/service"
import { processAmazonFeedsWorkflow } from "./process-amazon-feeds"

/**
 * Keeps this process's feed work moving between the scheduled job's ticks: runs a tick now, then sleeps until the
 * queue says the next thing is due (the account's next feed slot, the next poll). Only an optimisation: the rows
 * are the truth, and the job picks everything up after a restart.
 */
let running = false
let again = false
let timer: NodeJS.Timeout | null = null
/** Never sleep longer than this, so a process also notices work queued by another one. */
const MAX_SLEEP_MS = 60_000

export async function wakeFeedWorker(container: MedusaContainer): Promise<void> {
  if (running) {
    again = true
    return
  }
  running = true
  if (timer) clearTimeout(timer)
  timer = null
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    do {
      again = false
      await processAmazonFeedsWorkflow(container).run({ input: {} })
    } while (again)
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    const next = await amazon.nextFeedWorkInMs()
    if (next !== null) {
      timer = setTimeout(() => void wakeFeedWorker(container), Math.min(MAX_SLEEP_MS, Math.max(50, next + 20)))
      timer.unref()
    }
  } catch (error) {
    logger.error(`Amazon feeds: ${(error as Error).message}`)
  } finally {
    running = false
  }
}
