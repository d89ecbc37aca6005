import { defineLink } from "@medusajs/framework/utils"
import SalesChannelModule from "@medusajs/medusa/sales-channel"
import AmazonModule from "../modules/amazon"

/** The sales channel an account's orders land in; read-only: the account stores sales_channel_id. */
export default defineLink(
  { linkable: AmazonModule.linkable.amazonAccount, field: "sales_channel_id" },
  SalesChannelModule.linkable.salesChannel,
  { readOnly: true }
)
