import { defineLink } from "@medusajs/framework/utils"
import StockLocationModule from "@medusajs/medusa/stock-location"
import AmazonModule from "../modules/amazon"

/** The stock location an account's FBM orders ship from; read-only: the account stores stock_location_id. */
export default defineLink(
  { linkable: AmazonModule.linkable.amazonAccount, field: "stock_location_id" },
  StockLocationModule.linkable.stockLocation,
  { readOnly: true }
)
