import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"

export type FindDueAmazonTrackingPushesInput = {
  /** At most this many rows per run, oldest first, so one run stays short. */
  limit?: number
}

export const findDueAmazonTrackingPushesStepId = "find-due-amazon-tracking-pushes"

/**
 * A row stays "sent" only while its request is on its way; the SP-API client gives up well within this time
 * (a few retries of at most 30 s each). Older "sent" rows belong to a process that died mid-request: they go
 * back to waiting. Amazon may have received that request, in which case it answers the resend with a refusal
 * the row then shows (see push-outcome.ts, PACKAGE_ALREADY_CONFIRMED).
 */
export const STALE_SENT_AFTER_MS = 15 * 60 * 1000
const DEFAULT_LIMIT = 50

/**
 * Waiting outbox rows whose next attempt is due, of accounts that still push tracking. Rows of accounts with
 * "push tracking" off wait untouched until it is switched on again.
 */
export const findDueAmazonTrackingPushesStep = createStep(
  findDueAmazonTrackingPushesStepId,
  async (input: FindDueAmazonTrackingPushesInput, { container }) => {
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    const now = new Date()

    const stale = await amazon.listAmazonTrackingPushes(
      { state: "sent", claimed_at: { $lt: new Date(now.getTime() - STALE_SENT_AFTER_MS) } },
      { select: ["id"], take: null }
    )
    if (stale.length) {
      await amazon.updateAmazonTrackingPushes(stale.map((row) => ({ id: row.id, state: "waiting" as const, claimed_at: null, next_attempt_at: null })))
    }

    const accounts = await amazon.listAmazonAccounts({ push_tracking: true }, { select: ["id"], take: null })
    if (accounts.length === 0) return new StepResponse<string[]>([])
    const due = await amazon.listAmazonTrackingPushes(
      {
        state: "waiting",
        account_id: accounts.map((account) => account.id),
        $or: [{ next_attempt_at: null }, { next_attempt_at: { $lte: now } }],
      },
      { select: ["id"], take: input.limit ?? DEFAULT_LIMIT, order: { created_at: "ASC" } }
    )
    return new StepResponse<string[]>(due.map((row) => row.id))
  }
)
