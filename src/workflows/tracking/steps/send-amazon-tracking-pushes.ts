import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import { describeForMerchant } from "../../../modules/amazon/merchant-message"
import type AmazonModuleService from "../../../modules/amazon/service"
import type { ConfirmShipmentRequest, SpApiClient } from "../../../modules/amazon/sp-api"
import { amazonResponseRecord, decideAfterFailure, type SendFailure } from "../mapping/push-outcome"
import { cancelledOnAmazonMessage } from "../mapping/shipment-package"
import { toSummary, type TrackingPushSummary } from "../types"

export type SendAmazonTrackingPushesInput = {
  push_ids: string[]
  /** Send even if next_attempt_at is still ahead (the merchant pressed "Retry"). */
  ignore_schedule?: boolean
}

export type SendAmazonTrackingPushesResult = { pushes: TrackingPushSummary[]; confirmed_ids: string[] }

export const sendAmazonTrackingPushesStepId = "send-amazon-tracking-pushes"

const CLAIM_LOCK_WAIT_SECONDS = 5

type PushRow = Awaited<ReturnType<AmazonModuleService["listAmazonTrackingPushes"]>>[number]

/**
 * Sends waiting outbox rows to Amazon (confirmShipment), one at a time per account, and records each answer on
 * its row: confirmed; waiting with the next attempt time (Amazon unreachable, throttled, failing); or failed
 * with the sentence saying what to fix (Amazon refused it). A row is claimed (state "sent") under a lock before
 * the request leaves, so that the subscriber, the retry job and an admin retry never send the same row twice.
 *
 * No compensation: what Amazon was told cannot be taken back, and the rows record exactly that.
 */
export const sendAmazonTrackingPushesStep = createStep(
  sendAmazonTrackingPushesStepId,
  async (input: SendAmazonTrackingPushesInput, { container }) => {
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    const locking = container.resolve(Modules.LOCKING)
    if (input.push_ids.length === 0) return new StepResponse<SendAmazonTrackingPushesResult>({ pushes: [], confirmed_ids: [] })

    const rows = await amazon.listAmazonTrackingPushes({ id: input.push_ids }, { take: null })
    const byAccount = new Map<string, PushRow[]>()
    for (const row of rows) byAccount.set(row.account_id, [...(byAccount.get(row.account_id) ?? []), row])

    const confirmedIds: string[] = []
    for (const [accountId, accountRows] of byAccount) {
      let client: SpApiClient | null = null
      let clientProblem: unknown = null
      for (const row of accountRows) {
        const claimed = await claim(amazon, locking, row.id, input.ignore_schedule === true).catch((error) => {
          logger.warn(`Amazon tracking push ${row.id} could not be claimed: ${(error as Error).message}`)
          return null
        })
        if (!claimed) continue

        const [amazonOrder] = await amazon.listAmazonOrders({ id: claimed.amazon_order_row_id }, { select: ["id", "status"], take: 1 })
        if (amazonOrder?.status === "CANCELLED") {
          // The guard: an order cancelled on Amazon is never confirmed, whatever was recorded before.
          await amazon.updateAmazonTrackingPushes({
            id: claimed.id,
            state: "failed",
            claimed_at: null,
            next_attempt_at: null,
            last_error_code: "ORDER_CANCELLED",
            last_error: cancelledOnAmazonMessage(claimed.amazon_order_id),
          })
          continue
        }

        if (!client && !clientProblem) {
          try {
            client = await amazon.clientForAccount(accountId)
          } catch (error) {
            clientProblem = error
          }
        }
        const now = new Date()
        try {
          if (!client) throw clientProblem
          await client.confirmShipmentV0(claimed.amazon_order_id, claimed.package as unknown as ConfirmShipmentRequest)
          await amazon.updateAmazonTrackingPushes({
            id: claimed.id,
            state: "confirmed",
            confirmed_at: new Date(),
            claimed_at: null,
            next_attempt_at: null,
            last_error_code: null,
            last_error: null,
            amazon_response: amazonResponseRecord(null),
          })
          confirmedIds.push(claimed.id)
        } catch (error) {
          const failure = toFailure(error)
          const decision = decideAfterFailure(claimed.amazon_order_id, failure, claimed.attempts, now)
          await amazon.updateAmazonTrackingPushes({
            id: claimed.id,
            state: decision.next === "retry" ? "waiting" : "failed",
            claimed_at: null,
            next_attempt_at: decision.next_attempt_at,
            last_error_code: decision.code,
            last_error: decision.message,
            amazon_response: amazonResponseRecord(failure),
          })
          logger.warn(`Amazon shipment confirmation for order ${claimed.amazon_order_id} (${claimed.id}): ${decision.message}`)
        }
      }
    }

    const after = await amazon.listAmazonTrackingPushes({ id: input.push_ids }, { take: null })
    return new StepResponse<SendAmazonTrackingPushesResult>({ pushes: after.map(toSummary), confirmed_ids: confirmedIds })
  }
)

/**
 * Moves a due waiting row to "sent" and counts the attempt. Returns null when the row is not (or no longer)
 * waiting, not due yet, or claimed by someone else right now.
 */
async function claim(
  amazon: AmazonModuleService,
  locking: { execute<T>(keys: string | string[], job: () => Promise<T>, args?: { timeout?: number }): Promise<T> },
  pushId: string,
  ignoreSchedule: boolean
): Promise<PushRow | null> {
  return locking.execute(
    `amazon-tracking-push:${pushId}`,
    async () => {
      const [row] = await amazon.listAmazonTrackingPushes({ id: pushId }, { take: 1 })
      if (!row || row.state !== "waiting" || !row.package) return null
      const now = new Date()
      if (!ignoreSchedule && row.next_attempt_at && new Date(row.next_attempt_at).getTime() > now.getTime()) return null
      const attempts = (row.attempts ?? 0) + 1
      await amazon.updateAmazonTrackingPushes({ id: row.id, state: "sent", claimed_at: now, last_attempt_at: now, attempts })
      return { ...row, state: "sent", attempts } as PushRow
    },
    { timeout: CLAIM_LOCK_WAIT_SECONDS }
  )
}

function toFailure(error: unknown): SendFailure {
  const candidate = error as Partial<SendFailure> | null
  if (candidate && typeof candidate.code === "string" && typeof candidate.merchantMessage === "string") {
    return {
      code: candidate.code,
      transient: candidate.transient,
      merchantMessage: candidate.merchantMessage,
      httpStatus: candidate.httpStatus ?? null,
      requestId: candidate.requestId ?? null,
      errors: candidate.errors ?? [],
    }
  }
  // Not from the SP-API client (e.g. the account has no saved credentials): worth retrying once it is fixed.
  return { merchantMessage: describeForMerchant(error) }
}
