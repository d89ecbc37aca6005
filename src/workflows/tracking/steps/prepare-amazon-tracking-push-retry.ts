import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"
import { buildPackageFor, loadPushContext, packageColumns } from "../push-context"
import { STALE_SENT_AFTER_MS } from "./release-stale-amazon-tracking-claims"

export type PrepareAmazonTrackingPushRetryInput = { id: string }

export type PrepareAmazonTrackingPushRetryResult = {
  /** The row to send now; empty when it could still not be built (it then stays failed with the new reason). */
  push_ids: string[]
}

type Previous = Record<string, unknown> | null

export const prepareAmazonTrackingPushRetryStepId = "prepare-amazon-tracking-push-retry"

/**
 * Gets one outbox row ready for an immediate resend when the merchant presses "Retry". A failed row is rebuilt
 * from the current fulfillment and Amazon order (the merchant may have fixed the carrier, the quantities, …),
 * keeping its package reference, and gets a fresh set of attempts. A waiting row is sent as it is, without
 * waiting for its next attempt time. Confirmed rows, and rows being sent right now, are refused with a sentence.
 */
export const prepareAmazonTrackingPushRetryStep = createStep(
  prepareAmazonTrackingPushRetryStepId,
  async (input: PrepareAmazonTrackingPushRetryInput, { container }) => {
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    const [row] = await amazon.listAmazonTrackingPushes({ id: input.id }, { take: 1 })
    if (!row) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `No Amazon tracking confirmation with id ${input.id} exists. Reload the tracking list.`)
    }
    if (row.state === "confirmed") {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Amazon already confirmed this shipment of order ${row.amazon_order_id}${row.confirmed_at ? ` on ${new Date(row.confirmed_at).toISOString()}` : ""}; there is nothing to retry.`
      )
    }
    if (row.state === "sent" && row.claimed_at && Date.now() - new Date(row.claimed_at).getTime() < STALE_SENT_AFTER_MS) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `The shipment confirmation of order ${row.amazon_order_id} is being sent to Amazon right now. Reload the list in a minute to see Amazon's answer.`
      )
    }
    if (row.state === "waiting" || row.state === "sent") {
      // Its sender died: Amazon's record of the order decides before it is sent again.
      if (row.state === "sent") await amazon.releaseStaleClaims(new Date(Date.now() - STALE_SENT_AFTER_MS), [row.id])
      return new StepResponse<PrepareAmazonTrackingPushRetryResult, Previous>({ push_ids: [row.id] }, null)
    }

    const previous = { ...row } as Record<string, unknown>
    const loaded = await loadPushContext(container, row.fulfillment_id)
    if (!loaded.ok) {
      await amazon.updateAmazonTrackingPushes({
        id: row.id,
        last_error_code: "NOT_CONFIRMABLE",
        last_error: `The fulfillment ${row.fulfillment_id} no longer belongs to an order imported from Amazon (${loaded.reason.replace(/_/g, " ")}), so there is nothing to confirm to Amazon.`,
      })
      return new StepResponse<PrepareAmazonTrackingPushRetryResult, Previous>({ push_ids: [] }, previous)
    }
    const built = await buildPackageFor(container, loaded.context, row.package_reference_id, row.id)
    await amazon.updateAmazonTrackingPushes({ id: row.id, attempts: 0, amazon_response: null, ...packageColumns(built) })
    return new StepResponse<PrepareAmazonTrackingPushRetryResult, Previous>({ push_ids: built.ok ? [row.id] : [] }, previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    const restorable = { ...previous }
    for (const field of ["created_at", "updated_at", "deleted_at"]) delete restorable[field]
    await amazon.updateAmazonTrackingPushes(restorable as any)
  }
)
