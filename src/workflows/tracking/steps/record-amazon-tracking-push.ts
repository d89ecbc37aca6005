import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"
import { CANCELLATION_FEED_TYPE } from "../../../modules/amazon/services/cancellations"
import { FULFILLMENT_METADATA } from "../mapping/shipment-package"
import { buildPackageFor, loadPushContext, packageColumns } from "../push-context"
import { toSummary, type PushSkippedReason, type TrackingPushSummary, type TrackingPushTrigger } from "../types"

export type RecordAmazonTrackingPushInput = { fulfillment_id: string; trigger: TrackingPushTrigger }

export type RecordAmazonTrackingPushResult = {
  /** The outbox row for the fulfillment (new or already there), or null when none is needed. */
  push: TrackingPushSummary | null
  /** True when this run wrote the row, and therefore sends it. */
  created: boolean
  skipped_reason: PushSkippedReason | null
}

export const recordAmazonTrackingPushStepId = "record-amazon-tracking-push"

/** Serialises package numbering per Amazon order (the unique indexes stay the last line of defence). */
const RECORD_LOCK_WAIT_SECONDS = 30

export function trackingRecordLockKey(amazonOrderRowId: string): string {
  return `amazon-tracking-record:${amazonOrderRowId}`
}

function isUniqueViolation(error: unknown): boolean {
  const text = `${(error as { name?: string })?.name ?? ""} ${(error as { message?: string })?.message ?? ""} ${(error as { type?: string })?.type ?? ""}`
  return /unique|duplicate|already exists/i.test(text)
}

/**
 * Writes the outbox row for a fulfillment of an imported FBM order, BEFORE anything is sent to Amazon:
 * waiting with the package, or failed with the sentence saying why no package can be built (order cancelled on
 * Amazon, no carrier, …), so that the merchant sees it. A fulfillment that already has a row is left alone —
 * the same fulfillment is never confirmed twice. Fulfillments of other orders, FBA orders, accounts with
 * "push tracking" off, and fulfillments created without a tracking number yet (the shipment follows) are skipped.
 *
 * No compensation: the row is the durable record of what was (or may have been) sent to Amazon, and must outlive
 * a failure of a later step.
 */
export const recordAmazonTrackingPushStep = createStep(
  recordAmazonTrackingPushStepId,
  async (input: RecordAmazonTrackingPushInput, { container }) => {
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    const skip = (reason: PushSkippedReason, push: TrackingPushSummary | null = null) =>
      new StepResponse<RecordAmazonTrackingPushResult>({ push, created: false, skipped_reason: reason })

    const [existing] = await amazon.listAmazonTrackingPushes({ fulfillment_id: input.fulfillment_id }, { take: 1 })
    if (existing) return skip("already_recorded", toSummary(existing))

    const loaded = await loadPushContext(container, input.fulfillment_id)
    if (!loaded.ok) return skip(loaded.reason)
    const { context } = loaded
    if (!context.account.push_tracking) return skip("push_tracking_off")
    // Amazon is being asked to cancel the order: no shipment may be confirmed for it meanwhile.
    const [pendingCancellation] = await amazon.listAmazonFeedMessages(
      { amazon_order_row_id: context.amazon_order.id, feed_type: CANCELLATION_FEED_TYPE, status: ["queued", "batched"] },
      { take: 1 }
    )
    if (pendingCancellation) return skip("cancellation_pending")
    const hasTracking = context.fulfillment.labels.some((label) => label.tracking_number?.trim())
    // A fulfillment without a tracking number is usually marked as shipped (with one) later: wait for that event.
    if (input.trigger === "fulfillment" && !hasTracking) return skip("no_tracking_yet")

    const locking = container.resolve(Modules.LOCKING)
    return await locking.execute(
      trackingRecordLockKey(context.amazon_order.id),
      async () => {
        const [raced] = await amazon.listAmazonTrackingPushes({ fulfillment_id: input.fulfillment_id }, { take: 1 })
        if (raced) return skip("already_recorded", toSummary(raced))

        const siblings = await amazon.listAmazonTrackingPushes(
          { amazon_order_row_id: context.amazon_order.id },
          { select: ["package_reference_id"], take: null }
        )
        // Numbered after Amazon's own packages too: a seller who shipped part of the order outside Medusa used those numbers.
        const used = [...siblings.map((row) => row.package_reference_id), ...context.amazon_order.known_package_reference_ids]
        const packageReferenceId = String(used.reduce((max, id) => Math.max(max, Number(id) || 0), 0) + 1)
        const built = await buildPackageFor(container, context, packageReferenceId, null)

        try {
          const created = await amazon.createAmazonTrackingPushes({
            fulfillment_id: input.fulfillment_id,
            order_id: context.order_id,
            amazon_order_row_id: context.amazon_order.id,
            amazon_order_id: context.amazon_order.amazon_order_id,
            account_id: context.account.id,
            marketplace_id: context.amazon_order.marketplace_id,
            // The CSV import runs the push itself, but a subscriber may get there first: keep the true origin.
            trigger: context.fulfillment.metadata?.[FULFILLMENT_METADATA.importedFromCsv] === true ? "csv_import" : input.trigger,
            package_reference_id: packageReferenceId,
            attempts: 0,
            ...packageColumns(built),
          })
          return new StepResponse<RecordAmazonTrackingPushResult>({ push: toSummary(created), created: true, skipped_reason: null })
        } catch (error) {
          // Another process recorded the same fulfillment between our read and our write.
          if (!isUniqueViolation(error)) throw error
          const [winner] = await amazon.listAmazonTrackingPushes({ fulfillment_id: input.fulfillment_id }, { take: 1 })
          if (!winner) throw error
          return skip("already_recorded", toSummary(winner))
        }
      },
      { timeout: RECORD_LOCK_WAIT_SECONDS }
    )
  }
)
