/**
 * The intents that accepted shipments become Medusa fulfilments, one per shipment + PO. Recorded before any
 * fulfilment is written, claimed with one conditional update (a claim older than the stale window is taken over),
 * marked done after; the Medusa side (what to fulfil, finding a fulfilment a dead worker wrote) lives in
 * src/workflows/vendor/fulfil-vendor-shipments.ts.
 */
import { randomUUID } from "node:crypto"
import type { SqlRunner } from "../../services/tracking-outbox"

export type ClaimedShipmentFulfillment = { id: string; claim_token: string; shipment_id: string; purchase_order_id: string; order_id: string }

/**
 * One intent per PO of every accepted shipment that has none yet (one statement: all of a shipment's POs at once, and
 * the unique index refuses a second copy), with the PO's order where it has one.
 */
export async function recordShipmentFulfillmentIntents(sql: SqlRunner): Promise<number> {
  const rows = await sql.execute(
    `INSERT INTO amazon_vendor_shipment_fulfillment (id, shipment_id, purchase_order_id, order_id, status, message)
     SELECT 'amzvsf_' || replace(gen_random_uuid()::text, '-', ''), s.id, po.id, po.order_id, 'pending', 'Waiting to become a fulfilment of the Medusa order.'
     FROM amazon_vendor_shipment s
     JOIN amazon_vendor_purchase_order po ON po.account_id = s.account_id AND po.purchase_order_number = ANY(s.purchase_order_numbers) AND po.deleted_at IS NULL
     WHERE s.status = 'accepted' AND s.deleted_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM amazon_vendor_shipment_fulfillment f WHERE f.shipment_id = s.id AND f.deleted_at IS NULL)
     ON CONFLICT (shipment_id, purchase_order_id) WHERE deleted_at IS NULL DO NOTHING
     RETURNING id`
  )
  return rows.length
}

/** Claims pending intents (these shipments', or any) and those whose worker is gone; fills in orders made since. */
export async function claimShipmentFulfillments(sql: SqlRunner, claimedBefore: Date, shipmentIds?: string[]): Promise<ClaimedShipmentFulfillment[]> {
  await sql.execute(
    `UPDATE amazon_vendor_shipment_fulfillment f SET order_id = po.order_id, updated_at = now()
     FROM amazon_vendor_purchase_order po WHERE po.id = f.purchase_order_id AND f.order_id IS NULL AND po.order_id IS NOT NULL AND f.status = 'pending' AND f.deleted_at IS NULL`
  )
  await sql.execute(
    `UPDATE amazon_vendor_shipment_fulfillment SET message = ?, updated_at = now()
     WHERE order_id IS NULL AND status = 'pending' AND deleted_at IS NULL AND message IS DISTINCT FROM ?`,
    [NO_ORDER_YET, NO_ORDER_YET]
  )
  const token = randomUUID()
  return await sql.execute(
    `UPDATE amazon_vendor_shipment_fulfillment SET status = 'fulfilling', claim_token = ?, claimed_at = now(), updated_at = now()
     WHERE id IN (SELECT id FROM amazon_vendor_shipment_fulfillment WHERE deleted_at IS NULL AND order_id IS NOT NULL
         AND (status = 'pending' OR (status = 'fulfilling' AND claimed_at < ?))${shipmentIds ? " AND shipment_id IN (?)" : ""}
       ORDER BY created_at ASC LIMIT 20 FOR UPDATE SKIP LOCKED)
       AND (status = 'pending' OR (status = 'fulfilling' AND claimed_at < ?))
     RETURNING id, claim_token, shipment_id, purchase_order_id, order_id`,
    shipmentIds ? [token, claimedBefore, shipmentIds, claimedBefore] : [token, claimedBefore, claimedBefore]
  )
}

const NO_ORDER_YET = "The purchase order has no Medusa order yet (see the purchase order's page for why); its shipped quantities become a fulfilment once it has one."

export async function finishShipmentFulfillment(sql: SqlRunner, id: string, claimToken: string, fulfillmentId: string | null, message: string): Promise<boolean> {
  const rows = await sql.execute(
    `UPDATE amazon_vendor_shipment_fulfillment SET status = 'done', fulfillment_id = ?, message = ?, done_at = now(), claim_token = NULL, claimed_at = NULL, updated_at = now()
     WHERE id = ? AND claim_token = ? AND status = 'fulfilling' RETURNING id`,
    [fulfillmentId, message, id, claimToken]
  )
  return rows.length === 1
}

/** Gives a claim back (pending, to be tried at the next run) with the sentence saying why it waits. */
export async function releaseShipmentFulfillment(sql: SqlRunner, id: string, claimToken: string, message: string): Promise<void> {
  await sql.execute(
    `UPDATE amazon_vendor_shipment_fulfillment SET status = 'pending', message = ?, claim_token = NULL, claimed_at = NULL, updated_at = now()
     WHERE id = ? AND claim_token = ? AND status = 'fulfilling'`,
    [message, id, claimToken]
  )
}
