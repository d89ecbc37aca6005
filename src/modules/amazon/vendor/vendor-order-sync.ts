/**
 * The PO side of "a PO's accepted quantities are one Medusa order": which POs are due to be brought in line, the
 * order id recorded before the order exists, and the record that the order matches. Each write is one conditional
 * SQL statement, so two processes (or a retry after a crash) can never give one PO two orders.
 */
import type { SqlRunner } from "../services/tracking-outbox"

export type DueVendorOrderSync = {
  id: string
  account_id: string
  order_id: string | null
  order_acknowledgement_id: string | null
  order_sync_due_at: Date | null
  /** The newest acknowledgement Amazon took; the order follows it. */
  acknowledgement_id: string
}

/**
 * POs whose order is not in line: an acknowledgement Amazon took that the order does not reflect yet (no order at
 * all, or an earlier answer), or a change Amazon made to the PO since. POs no acknowledgement was taken for are not due.
 */
export async function dueVendorOrderSyncs(sql: SqlRunner, filter: { account_id?: string; ids?: string[] } = {}): Promise<DueVendorOrderSync[]> {
  const params: unknown[] = []
  let where = ""
  if (filter.account_id) {
    where += " AND po.account_id = ?"
    params.push(filter.account_id)
  }
  if (filter.ids) {
    where += " AND po.id IN (?)"
    params.push(filter.ids)
  }
  return await sql.execute(
    `SELECT * FROM (
       SELECT po.id, po.account_id, po.order_id, po.order_acknowledgement_id, po.order_sync_due_at,
         (SELECT a.id FROM amazon_vendor_acknowledgement a WHERE a.purchase_order_id = po.id AND a.status = 'accepted' AND a.deleted_at IS NULL
            ORDER BY a.created_at DESC LIMIT 1) AS acknowledgement_id
       FROM amazon_vendor_purchase_order po WHERE po.deleted_at IS NULL${where}
     ) due
     WHERE due.acknowledgement_id IS NOT NULL
       AND (due.order_sync_due_at IS NOT NULL OR due.order_acknowledgement_id IS DISTINCT FROM due.acknowledgement_id)
     ORDER BY due.id LIMIT 100`,
    params
  )
}

/**
 * Stores the id the PO's order will get, only while the PO has none (or already this one). False: the PO has another
 * order, made by someone else; the caller must not create one.
 */
export async function recordVendorOrderIntent(sql: SqlRunner, purchaseOrderId: string, orderId: string): Promise<boolean> {
  const rows = await sql.execute(
    `UPDATE amazon_vendor_purchase_order SET order_id = ?, updated_at = now()
     WHERE id = ? AND deleted_at IS NULL AND (order_id IS NULL OR order_id = ?) RETURNING id`,
    [orderId, purchaseOrderId, orderId]
  )
  return rows.length === 1
}

/** Undoes the intent of a run whose order creation was rolled back (the order id is soft-deleted and cannot be reused). */
export async function clearVendorOrderIntent(sql: SqlRunner, purchaseOrderId: string, orderId: string): Promise<void> {
  await sql.execute(`UPDATE amazon_vendor_purchase_order SET order_id = NULL, updated_at = now() WHERE id = ? AND order_id = ? AND order_placed_emitted_at IS NULL`, [
    purchaseOrderId,
    orderId,
  ])
}

/** order.placed went out for the PO's order; true only for the first caller. */
export async function recordVendorOrderPlaced(sql: SqlRunner, purchaseOrderId: string): Promise<boolean> {
  const rows = await sql.execute(
    `UPDATE amazon_vendor_purchase_order SET order_placed_emitted_at = now(), updated_at = now() WHERE id = ? AND order_placed_emitted_at IS NULL RETURNING id`,
    [purchaseOrderId]
  )
  return rows.length === 1
}

/**
 * The order matches the acknowledgement and the PO as read at `dueAt`. A change Amazon made after `dueAt` (a later
 * import) leaves the PO due, so it is not lost to this run's record.
 */
export async function recordVendorOrderInLine(sql: SqlRunner, purchaseOrderId: string, acknowledgementId: string, dueAt: Date | null): Promise<void> {
  await sql.execute(
    `UPDATE amazon_vendor_purchase_order SET order_acknowledgement_id = ?, order_note = NULL, updated_at = now(),
       order_sync_due_at = CASE WHEN order_sync_due_at IS NULL OR (?::timestamptz IS NOT NULL AND order_sync_due_at <= ?::timestamptz) THEN NULL ELSE order_sync_due_at END
     WHERE id = ?`,
    [acknowledgementId, dueAt, dueAt, purchaseOrderId]
  )
}

/** Why the order cannot be made or edited yet; the PO stays due and the next sync tries again. */
export async function recordVendorOrderNote(sql: SqlRunner, purchaseOrderId: string, note: string): Promise<void> {
  await sql.execute(`UPDATE amazon_vendor_purchase_order SET order_note = ?, updated_at = now() WHERE id = ?`, [note, purchaseOrderId])
}
