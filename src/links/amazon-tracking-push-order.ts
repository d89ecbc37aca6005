import { defineLink } from "@medusajs/framework/utils"
import OrderModule from "@medusajs/medusa/order"
import AmazonModule from "../modules/amazon"

/** The Medusa order a shipment confirmation belongs to; read-only: the push stores order_id itself. */
export default defineLink(
  { linkable: AmazonModule.linkable.amazonTrackingPush, field: "order_id" },
  OrderModule.linkable.order,
  { readOnly: true }
)
