import { generateEntityId } from "@medusajs/framework/utils"
import { pricesIncludeTax } from "../sp-api/marketplaces"
import { paidOfSnapshotItem, refundedByItem, REFUND_FEED_TYPE, type ComponentCents, type RefundLine } from "./refunds"

/**
 * What a refund of an Amazon order needs to know, read with plain SQL over the store's database. The Amazon
 * payment provider runs inside Medusa's payment module, whose container holds no other module (only the shared
 * database connection), so the provider and the refund route both read the order through these functions.
 */

export type Knex = {
  raw(sql: string, bindings?: unknown[]): Promise<{ rows: any[] }>
  transaction<T>(work: (trx: Knex) => Promise<T>): Promise<T>
}

export type RefundOrderContext = {
  amazon_order_row_id: string
  amazon_order_id: string
  account_id: string
  account_name: string
  seller_id: string | null
  order_id: string
  currency: string
  tax_inclusive: boolean
  lines: RefundLine[]
  /** Units of received Medusa returns that no refund covers yet, per Amazon order item. */
  returned_unrefunded: Array<{ order_item_id: string; quantity: number }>
}

const ZERO: ComponentCents = { Principal: 0, Tax: 0, Shipping: 0, ShippingTax: 0 }

async function contextOf(knex: Knex, where: string, binding: string): Promise<RefundOrderContext | null> {
  const { rows } = await knex.raw(
    `SELECT ao.id, ao.amazon_order_id, ao.account_id, ao.marketplace_id, ao.currency_code, ao.snapshot, link.order_id,
            acc.name AS account_name, acc.seller_id
     FROM amazon_order ao
     JOIN amazon_amazon_order_order_order link ON link.amazon_order_id = ao.id AND link.deleted_at IS NULL
     JOIN amazon_account acc ON acc.id = ao.account_id
     WHERE ao.deleted_at IS NULL AND ${where}
     LIMIT 1`,
    [binding]
  )
  const row = rows[0]
  if (!row) return null
  const { rows: items } = await knex.raw(
    `SELECT order_item_id, line_item_id, quantity_ordered FROM amazon_order_item WHERE order_id = ? AND deleted_at IS NULL`,
    [row.id]
  )
  const { rows: messages } = await knex.raw(
    `SELECT payload FROM amazon_feed_message
     WHERE amazon_order_row_id = ? AND feed_type = ? AND status IN ('queued', 'batched', 'accepted') AND deleted_at IS NULL`,
    [row.id, REFUND_FEED_TYPE]
  )
  const refunded = refundedByItem(messages.map((message) => message.payload))
  const snapshotItems: any[] = row.snapshot?.items ?? []
  const lines: RefundLine[] = snapshotItems.map((item) => {
    const stored = items.find((candidate) => candidate.order_item_id === item.orderItemId)
    return {
      order_item_id: item.orderItemId,
      line_item_id: stored?.line_item_id ?? null,
      title: item.title ?? null,
      quantity: Number(stored?.quantity_ordered ?? item.quantityOrdered ?? 1),
      paid: paidOfSnapshotItem(item),
      refunded: { ...ZERO, ...(refunded.get(item.orderItemId) ?? {}) },
    }
  })
  const { rows: returned } = await knex.raw(
    `SELECT ri.item_id, sum(ri.received_quantity) AS quantity
     FROM return_item ri JOIN "return" r ON r.id = ri.return_id
     WHERE r.order_id = ? AND r.status IN ('received', 'partially_received') AND r.deleted_at IS NULL AND ri.deleted_at IS NULL
     GROUP BY ri.item_id`,
    [row.order_id]
  )
  const returnedUnrefunded: RefundOrderContext["returned_unrefunded"] = []
  for (const entry of returned) {
    const line = lines.find((candidate) => candidate.line_item_id === entry.item_id)
    const quantity = Number(entry.quantity)
    if (!line || !quantity || !line.paid.Principal) continue
    // Units whose Principal is not refunded yet: a refund of the return covers its units' Principal first.
    const refundedUnits = Math.floor((line.refunded.Principal * line.quantity) / line.paid.Principal + 1e-9)
    const open = Math.min(quantity, line.quantity) - refundedUnits
    if (open > 0) returnedUnrefunded.push({ order_item_id: line.order_item_id, quantity: open })
  }
  return {
    amazon_order_row_id: row.id,
    amazon_order_id: row.amazon_order_id,
    account_id: row.account_id,
    account_name: row.account_name,
    seller_id: row.seller_id,
    order_id: row.order_id,
    currency: String(row.currency_code ?? row.snapshot?.orderTotal?.currencyCode ?? "USD").toUpperCase(),
    tax_inclusive: pricesIncludeTax(row.marketplace_id, row.currency_code),
    lines,
    returned_unrefunded: returnedUnrefunded,
  }
}

export function refundContextOfOrder(knex: Knex, orderId: string) {
  return contextOf(knex, "link.order_id = ?", orderId)
}

export function refundContextOfPayment(knex: Knex, paymentId: string) {
  return contextOf(
    knex,
    `link.order_id = (SELECT opc.order_id FROM payment p JOIN order_payment_collection opc ON opc.payment_collection_id = p.payment_collection_id AND opc.deleted_at IS NULL WHERE p.id = ? LIMIT 1)`,
    paymentId
  )
}

export async function refundMessageOf(knex: Knex, refundId: string): Promise<{ id: string; status: string } | null> {
  const { rows } = await knex.raw(`SELECT id, status FROM amazon_feed_message WHERE refund_id = ? AND deleted_at IS NULL`, [refundId])
  return rows[0] ?? null
}

/** Queues the adjustment of one Medusa refund; a second call for the same refund adds nothing (unique refund_id). */
export async function queueRefundMessage(
  knex: Knex,
  input: { context: RefundOrderContext; refund_id: string; origin: string; payload: Record<string, unknown>; reason: string }
): Promise<{ id: string; created: boolean }> {
  const id = generateEntityId("", "amzfmsg")
  const { rows } = await knex.raw(
    `INSERT INTO amazon_feed_message (id, account_id, feed_type, order_id, amazon_order_row_id, amazon_order_id, origin, payload,
       cancel_reason, refund_id, zero_stock, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, false, 'queued', now(), now())
     ON CONFLICT (refund_id) WHERE deleted_at IS NULL AND refund_id IS NOT NULL DO NOTHING
     RETURNING id`,
    [
      id,
      input.context.account_id,
      REFUND_FEED_TYPE,
      input.context.order_id,
      input.context.amazon_order_row_id,
      input.context.amazon_order_id,
      input.origin,
      JSON.stringify(input.payload),
      input.reason,
      input.refund_id,
    ]
  )
  if (rows[0]) return { id: rows[0].id, created: true }
  const existing = await refundMessageOf(knex, input.refund_id)
  return { id: existing!.id, created: false }
}
