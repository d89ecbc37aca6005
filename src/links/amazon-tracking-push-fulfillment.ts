import { defineLink } from "@medusajs/framework/utils"
import FulfillmentModule from "@medusajs/medusa/fulfillment"
import AmazonModule from "../modules/amazon"

/** The Medusa fulfilment a shipment confirmation reports to Amazon; read-only: the push stores fulfillment_id. */
export default defineLink(
  { linkable: AmazonModule.linkable.amazonTrackingPush, field: "fulfillment_id" },
  FulfillmentModule.linkable.fulfillment,
  { readOnly: true }
)
