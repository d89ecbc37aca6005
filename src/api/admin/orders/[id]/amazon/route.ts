import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { AMAZON_ORDER_DETAIL_FIELDS } from "../../../amazon/orders/query"
import { FEED_MESSAGE_FIELDS } from "../../../amazon/feeds/query"
import { AMAZON_MODULE } from "../../../../../modules/amazon"
import type AmazonModuleService from "../../../../../modules/amazon/service"
import { CANCELLATION_FEED_TYPE } from "../../../../../modules/amazon/services/cancellations"

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
  const cancellations = amazonOrder
    ? await (req.scope.resolve(AMAZON_MODULE) as AmazonModuleService).listAmazonFeedMessages(
        { amazon_order_row_id: amazonOrder.id, feed_type: CANCELLATION_FEED_TYPE },
        { select: FEED_MESSAGE_FIELDS as any, order: { created_at: "DESC" }, take: 10 }
      )
    : []
  res.json({ amazon_order: amazonOrder, cancellations })
}
