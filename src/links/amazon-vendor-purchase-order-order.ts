import { defineLink } from "@medusajs/framework/utils"
import OrderModule from "@medusajs/medusa/order"
import AmazonModule from "../modules/amazon"

/**
 * The Medusa order a vendor PO's accepted quantities became. Read-only over the PO's own `order_id`: the column that
 * guards against a second order is the link, so there is no second write that a crash could leave undone.
 */
export default defineLink(
  { linkable: AmazonModule.linkable.amazonVendorPurchaseOrder, field: "order_id" },
  // "order" is taken on the amazon module by the seller orders' link.
  { linkable: OrderModule.linkable.order, alias: "medusa_order" },
  { readOnly: true }
)
