import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"

/** The metadata key on a Medusa refund that Amazon refused: what the order widget and any report can read. */
export const AMAZON_REFUND_REJECTED_METADATA_KEY = "amazon_refund_rejected"

export function rejectedRefundNote(previous: string | null, reason: string): string {
  const mark = `NOT REFUNDED BY AMAZON — ${reason}`
  return previous ? `${mark} (merchant's note: ${previous})` : mark
}

/**
 * A refund Amazon refused never reached the buyer, but Medusa already shows it: its note is rewritten to say so
 * (the admin shows the note with the refund) and its metadata carries Amazon's reason, once per message. The
 * refund itself stays, because Medusa's payment cannot un-refund; the merchant corrects it or refunds again.
 */
export const markRejectedAmazonRefundsStep = createStep("mark-rejected-amazon-refunds", async (_input: Record<string, unknown>, { container }) => {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  const payments = container.resolve(Modules.PAYMENT) as any
  const claimed = await amazon.claimRejectedRefunds({ stale_ms: amazon.feedTimings.lease_ms })
  const marked: string[] = []
  for (const message of claimed) {
    const reason = message.error ?? "Amazon refused this refund."
    try {
      const [refund] = await payments.listRefunds({ id: message.refund_id }, { select: ["id", "note", "metadata"] })
      if (refund) {
        await payments.updateRefunds({
          id: refund.id,
          note: rejectedRefundNote(refund.note ?? null, reason),
          metadata: { ...(refund.metadata ?? {}), [AMAZON_REFUND_REJECTED_METADATA_KEY]: { feed_message_id: message.id, reason } },
        })
        marked.push(refund.id)
      }
      await amazon.recordCancellationApplied(message.id, null)
    } catch (error) {
      await amazon.recordCancellationApplied(message.id, `Amazon refused the refund, but Medusa's refund could not be marked: ${(error as Error).message}`)
    }
  }
  return new StepResponse({ marked_refund_ids: marked })
})
