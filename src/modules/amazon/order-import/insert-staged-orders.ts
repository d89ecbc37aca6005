import { generateEntityId } from "@medusajs/framework/utils"
import { rawNumeric } from "../settlements/raw-numeric"
import type { SqlRunner } from "../services/tracking-outbox"
import type { stagingItemFields, stagingOrderFields } from "./staging-row"

export type NewStagedOrder = ReturnType<typeof stagingOrderFields> & {
  account_id: string
  first_seen_at: Date
  items: Array<ReturnType<typeof stagingItemFields>>
}

const money = (placeholder: string) => `${placeholder}::numeric, CASE WHEN ${placeholder}::numeric IS NULL THEN NULL ELSE ${rawNumeric(`${placeholder}::numeric`)} END`

/**
 * Inserts a page's new staging rows and their items in two statements. The module's generic create would build
 * an entity per row and read each one back, Amazon's whole answer included, only for the ids chosen here.
 */
export async function insertStagedOrders(sql: SqlRunner, orders: NewStagedOrder[]): Promise<Array<{ id: string; amazon_order_id: string; item_ids: string[] }>> {
  if (!orders.length) return []
  const created = orders.map((order) => ({
    id: generateEntityId(undefined, "amzord"),
    amazon_order_id: order.amazon_order_id,
    item_ids: order.items.map(() => generateEntityId(undefined, "amzitm")),
  }))
  const orderParams: unknown[] = []
  const orderRows = orders.map((order, index) => {
    orderParams.push(
      created[index].id, order.amazon_order_id, order.marketplace_id, order.sales_channel_name, order.status, order.fulfillment_channel,
      order.subtypes.join(","), order.is_prime, order.is_business, order.ship_service_level, order.currency_code,
      order.order_total, order.order_total, order.order_total,
      order.buyer_email, order.buyer_name, order.purchase_date.toISOString(), order.first_seen_at.toISOString(),
      order.last_update_date.toISOString(), order.latest_ship_date?.toISOString() ?? null, order.buyer_cancel_requested,
      order.buyer_cancel_reason, order.has_customization, JSON.stringify(order.snapshot),
      order.raw === null ? null : JSON.stringify(order.raw), order.account_id
    )
    return `(?, ?, ?, ?, ?, ?, string_to_array(?, ',')::text[], ?, ?, ?, ?, ${money("?")}, ?, ?, ?::timestamptz, ?::timestamptz, ?::timestamptz, ?::timestamptz, ?, ?, ?, 'staged', ?::jsonb, ?::jsonb, ?)`
  })
  // money() names its placeholder three times: the value, the NULL test and the raw copy.
  await sql.execute(
    `INSERT INTO amazon_order (id, amazon_order_id, marketplace_id, sales_channel_name, status, fulfillment_channel, subtypes, is_prime,
       is_business, ship_service_level, currency_code, order_total, raw_order_total, buyer_email, buyer_name, purchase_date,
       first_seen_at, last_update_date, latest_ship_date, buyer_cancel_requested, buyer_cancel_reason, has_customization,
       import_state, snapshot, raw, account_id)
     VALUES ${orderRows.join(", ")}`,
    orderParams
  )
  const itemParams: unknown[] = []
  const itemRows = orders.flatMap((order, index) =>
    order.items.map((item, itemIndex) => {
      itemParams.push(
        created[index].item_ids[itemIndex], item.order_item_id, item.seller_sku, item.asin, item.title, item.quantity_ordered, item.quantity_shipped,
        item.unit_price, item.unit_price, item.unit_price, item.item_price, item.item_price, item.item_price, item.item_tax, item.item_tax, item.item_tax,
        item.customization_url, item.customization_text, created[index].id
      )
      return `(?, ?, ?, ?, ?, ?, ?, ${money("?")}, ${money("?")}, ${money("?")}, ?, ?, ?)`
    })
  )
  if (itemRows.length) {
    await sql.execute(
      `INSERT INTO amazon_order_item (id, order_item_id, seller_sku, asin, title, quantity_ordered, quantity_shipped, unit_price, raw_unit_price,
         item_price, raw_item_price, item_tax, raw_item_tax, customization_url, customization_text, order_id)
       VALUES ${itemRows.join(", ")}`,
      itemParams
    )
  }
  return created
}
