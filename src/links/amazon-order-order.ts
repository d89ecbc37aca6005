import { defineLink } from "@medusajs/framework/utils"
import OrderModule from "@medusajs/medusa/order"
import AmazonModule from "../modules/amazon"

/** The Medusa order an Amazon order became. One Amazon order → at most one Medusa order. */
export default defineLink(AmazonModule.linkable.amazonOrder, OrderModule.linkable.order)
