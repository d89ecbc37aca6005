import { defineLink } from "@medusajs/framework/utils"
import OrderModule from "@medusajs/medusa/order"
import AmazonModule from "../modules/amazon"

/** The Medusa line item an Amazon order line became; read-only: the row stores line_item_id once imported. */
export default defineLink(
  { linkable: AmazonModule.linkable.amazonOrderItem, field: "line_item_id" },
  OrderModule.linkable.orderLineItem,
  { readOnly: true }
)
