import { defineLink } from "@medusajs/framework/utils"
import OrderModule from "@medusajs/medusa/order"
import AmazonModule from "../modules/amazon"

/**
 * The Medusa order a shipment confirmation belongs to; read-only: the push stores order_id itself.
 * Joined as medusa_order: "order" is already the amazon_order ↔ order link's name in this module.
 */
export default defineLink(
  { linkable: AmazonModule.linkable.amazonTrackingPush, field: "order_id" },
  { linkable: OrderModule.linkable.order, alias: "medusa_order" },
  { readOnly: true }
)
