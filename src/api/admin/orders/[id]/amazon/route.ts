import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { AMAZON_ORDER_DETAIL_FIELDS } from "../../../amazon/orders/query"
import { FEED_MESSAGE_FIELDS } from "../../../amazon/feeds/query"
import { AMAZON_MODULE } from "../../../../../modules/amazon"
import type AmazonModuleService from "../../../../../modules/amazon/service"
import { CANCELLATION_FEED_TYPE } from "../../../../../modules/amazon/services/cancellations"
import { REFUND_FEED_TYPE } from "../../../../../modules/amazon/services/refunds"

/** The Amazon order a Medusa order came from, or null: what the order-details widget shows. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: ["id", ...AMAZON_ORDER_DETAIL_FIELDS.filter((f) => !f.startsWith("order.")).map((f) => `amazon_order.${f}`)],
    filters: { id: req.params.id },
  })
  const amazonOrder = (data[0] as any)?.amazon_order ?? null
  // Cancellations asked of Amazon for this order, newest first: the widget shows a pending or refused one.
  const amazon = req.scope.resolve(AMAZON_MODULE) as AmazonModuleService
  const messagesOf = (feedType: string) =>
    amazonOrder
      ? amazon.listAmazonFeedMessages(
          { amazon_order_row_id: amazonOrder.id, feed_type: feedType },
          { select: FEED_MESSAGE_FIELDS as any, order: { created_at: "DESC" }, take: 10 }
        )
      : Promise.resolve([])
  // Refund adjustments likewise: pending ones, and refused ones with Amazon's reason (their Medusa refund is marked).
  const [cancellations, refunds] = await Promise.all([messagesOf(CANCELLATION_FEED_TYPE), messagesOf(REFUND_FEED_TYPE)])
  res.json({ amazon_order: amazonOrder, cancellations, refunds })
}
