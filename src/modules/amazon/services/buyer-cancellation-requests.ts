import type { SqlRunner } from "./tracking-outbox"

/** Amazon asks sellers to answer a buyer's cancellation request within two days. */
export const BUYER_CANCEL_RESPONSE_HOURS = 48

/**
 * One statement each, so that any number of processes may run them: a request is recorded once per staged order
 * (unique index), and open requests of orders that shipped or were cancelled meanwhile are closed.
 */
export async function recordBuyerCancellationRequests(sql: SqlRunner): Promise<number> {
  const rows = await sql.execute(
    `INSERT INTO amazon_cancellation_request (id, account_id, amazon_order_row_id, amazon_order_id, requester, reason,
       requested_at, respond_by, status, created_at, updated_at)
     SELECT 'amzcrq_' || replace(gen_random_uuid()::text, '-', ''), o.account_id, o.id, o.amazon_order_id, 'BUYER', o.buyer_cancel_reason, o.last_update_date, o.last_update_date + (? * interval '1 hour'), 'open', now(), now()
     FROM amazon_order o
     WHERE o.buyer_cancel_requested AND o.deleted_at IS NULL AND o.fulfillment_channel = 'FBM'
       AND NOT EXISTS (SELECT 1 FROM amazon_cancellation_request r WHERE r.amazon_order_row_id = o.id AND r.deleted_at IS NULL)
     ON CONFLICT DO NOTHING
     RETURNING id`,
    [BUYER_CANCEL_RESPONSE_HOURS]
  )
  await sql.execute(
    `UPDATE amazon_cancellation_request r SET status = 'closed', resolved_at = now(), updated_at = now()
     FROM amazon_order o
     WHERE r.amazon_order_row_id = o.id AND r.status = 'open'
       AND (o.status IN ('SHIPPED', 'PARTIALLY_SHIPPED', 'CANCELLED', 'DELIVERED')
         OR EXISTS (SELECT 1 FROM amazon_order_item i WHERE i.order_id = o.id AND i.quantity_shipped > 0 AND i.deleted_at IS NULL))`
  )
  return rows.length
}

/** open → accepted / declined for exactly one caller. */
export async function resolveBuyerCancellationRequest(
  sql: SqlRunner,
  id: string,
  status: "accepted" | "declined",
  feedMessageId: string | null
): Promise<boolean> {
  const rows = await sql.execute(
    `UPDATE amazon_cancellation_request SET status = ?, resolved_at = now(), feed_message_id = ?, updated_at = now()
     WHERE id = ? AND status = 'open' RETURNING id`,
    [status, feedMessageId, id]
  )
  return rows.length === 1
}
