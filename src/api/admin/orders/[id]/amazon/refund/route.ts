import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { AMAZON_MODULE } from "../../../../../../modules/amazon"
import type AmazonModuleService from "../../../../../../modules/amazon/service"
import { REFUND_FEED_TYPE } from "../../../../../../modules/amazon/services/refunds"
import { refundAmazonOrderWorkflow } from "../../../../../../workflows/refunds/refund-amazon-order"
import { FEED_MESSAGE_FIELDS } from "../../../../amazon/feeds/query"
import type { AdminRefundAmazonOrderType } from "../../../../amazon/feeds/validators"

/**
 * Refunds an Amazon order (whole, an amount, or per line and component) with Amazon's reason. Medusa records the
 * refund at once; Amazon receives the adjustment with the account's next feed (202), and a refusal shows on the
 * order and on the refund.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminRefundAmazonOrderType>, res: MedusaResponse) {
  const body = req.validatedBody
  const { result } = await refundAmazonOrderWorkflow(req.scope).run({
    input: {
      order_id: req.params.id,
      whole_order: body.whole_order,
      amount: body.amount,
      lines: body.lines,
      reason: body.reason,
      note: body.note,
      created_by: req.auth_context?.actor_id,
    },
  })
  const [adjustment] = await (req.scope.resolve(AMAZON_MODULE) as AmazonModuleService).listAmazonFeedMessages(
    { order_id: req.params.id, feed_type: REFUND_FEED_TYPE },
    { select: FEED_MESSAGE_FIELDS as any, order: { created_at: "DESC" }, take: 1 }
  )
  res.status(202).json({ refund: { amount: result.plan.amount, reason: result.plan.reason, payment_id: result.payment_id }, adjustment: adjustment ?? null })
}
