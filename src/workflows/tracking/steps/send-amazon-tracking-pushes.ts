import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import { describeForMerchant } from "../../../modules/amazon/merchant-message"
import type AmazonModuleService from "../../../modules/amazon/service"
import { findPackageOnAmazon, type ClaimedTrackingPush, type TrackingPushOutcome } from "../../../modules/amazon/services/tracking-outbox"
import type { ConfirmShipmentRequest, SpApiClient } from "../../../modules/amazon/sp-api"
import { crashPoint } from "../../../utils/crash-point"
import { amazonResponseRecord, decideAfterFailure, type SendFailure } from "../mapping/push-outcome"
import { cancelledOnAmazonMessage } from "../mapping/shipment-package"
import { toSummary, type TrackingPushSummary } from "../types"

export type SendAmazonTrackingPushesInput = {
  /** These rows only; absent = every due row of accounts that push tracking (the retry job). */
  push_ids?: string[]
  /** Send even if next_attempt_at is still ahead (the merchant pressed "Retry"). */
  ignore_schedule?: boolean
  /** At most this many rows per run, oldest first, so one run stays short. */
  limit?: number
}

export type SendAmazonTrackingPushesResult = { pushes: TrackingPushSummary[]; confirmed_ids: string[] }

export const sendAmazonTrackingPushesStepId = "send-amazon-tracking-pushes"

/** Answers after which Amazon may hold the package although we were told otherwise, or nothing. */
const MAYBE_APPLIED_CODES = new Set(["ORDER_ALREADY_SHIPPED", "PACKAGE_ALREADY_CONFIRMED"])

/**
 * Claims waiting outbox rows (one conditional update in the module: a row goes to exactly one sender, in whatever
 * process), sends each to Amazon (confirmShipment) and records the answer on its row: confirmed; waiting with the
 * next attempt time (Amazon unreachable, throttled, failing); or failed with the sentence saying what to fix.
 * A row that an earlier attempt may have delivered is first looked up in Amazon's own packages of the order.
 *
 * No compensation: what Amazon was told cannot be taken back, and the rows record exactly that.
 */
export const sendAmazonTrackingPushesStep = createStep(sendAmazonTrackingPushesStepId, async (input: SendAmazonTrackingPushesInput, { container }) => {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const claimed = await amazon.claimTrackingPushes({ ids: input.push_ids, ignore_schedule: input.ignore_schedule, limit: input.limit })

  const clients = new Map<string, Promise<SpApiClient>>()
  const confirmedIds: string[] = []
  for (const push of claimed) {
    if (!clients.has(push.account_id)) {
      const client = amazon.clientForAccount(push.account_id)
      // Awaited per row below; this keeps a rejection from counting as unhandled in the meantime.
      client.catch(() => undefined)
      clients.set(push.account_id, client)
    }
    const outcome = await sendOne(amazon, clients.get(push.account_id)!, push)
    const recorded = await amazon.recordTrackingPushOutcome(push.id, push.claim_token, outcome)
    crashPoint("after-record-outcome")
    if (!recorded) {
      logger.warn(`Amazon tracking push ${push.id} was released while it was being sent; its answer (${outcome.state}) is not recorded.`)
      continue
    }
    if (outcome.state === "confirmed") confirmedIds.push(push.id)
    else logger.warn(`Amazon shipment confirmation for order ${push.amazon_order_id} (${push.id}): ${outcome.last_error}`)
  }

  const ids = input.push_ids ?? claimed.map((push) => push.id)
  const after = ids.length ? await amazon.listAmazonTrackingPushes({ id: ids }, { take: null }) : []
  return new StepResponse<SendAmazonTrackingPushesResult>({ pushes: after.map(toSummary), confirmed_ids: confirmedIds })
})

async function sendOne(amazon: AmazonModuleService, clientPromise: Promise<SpApiClient>, push: ClaimedTrackingPush): Promise<TrackingPushOutcome> {
  const [amazonOrder] = await amazon.listAmazonOrders({ id: push.amazon_order_row_id }, { select: ["id", "status"], take: 1 })
  if (amazonOrder?.status === "CANCELLED") {
    // The guard: an order cancelled on Amazon is never confirmed, whatever was recorded before.
    return { state: "failed", next_attempt_at: null, last_error_code: "ORDER_CANCELLED", last_error: cancelledOnAmazonMessage(push.amazon_order_id), amazon_response: null }
  }
  try {
    const client = await clientPromise
    if (push.verify_with_amazon) {
      const onAmazon = await findPackageOnAmazon(client, push)
      if (onAmazon.found) return confirmedFromAmazonRecord(onAmazon.packageReferenceId)
    }
    crashPoint("before-confirm-shipment")
    await client.confirmShipmentV0(push.amazon_order_id, push.package as unknown as ConfirmShipmentRequest)
    crashPoint("after-confirm-shipment")
    return { state: "confirmed", amazon_response: amazonResponseRecord(null) }
  } catch (error) {
    const failure = toFailure(error)
    const decision = decideAfterFailure(push.amazon_order_id, failure, push.attempts, new Date())
    if (decision.next === "stop" && MAYBE_APPLIED_CODES.has(decision.code)) {
      try {
        const onAmazon = await findPackageOnAmazon(await clientPromise, push)
        if (onAmazon.found) return confirmedFromAmazonRecord(onAmazon.packageReferenceId)
      } catch (checkError) {
        // Amazon's record could not be read: it is read again later rather than calling our own package a failure.
        const checkFailure = toFailure(checkError)
        const retry = decideAfterFailure(push.amazon_order_id, checkFailure, push.attempts, new Date())
        if (retry.next === "retry") {
          return {
            state: "waiting",
            next_attempt_at: retry.next_attempt_at,
            last_error_code: retry.code,
            last_error: retry.message,
            amazon_response: amazonResponseRecord(checkFailure),
            verify_with_amazon: true,
          }
        }
      }
    }
    return {
      state: decision.next === "retry" ? "waiting" : "failed",
      next_attempt_at: decision.next_attempt_at,
      last_error_code: decision.code,
      last_error: decision.message,
      amazon_response: amazonResponseRecord(failure),
      // No answer, or a server error: Amazon may have applied it, so the next attempt asks first.
      verify_with_amazon: push.verify_with_amazon || failure.httpStatus == null || failure.httpStatus >= 500,
    }
  }
}

function confirmedFromAmazonRecord(packageReferenceId: string | null): TrackingPushOutcome {
  return { state: "confirmed", amazon_response: { http_status: 204, found_in_amazon_packages: packageReferenceId } }
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

