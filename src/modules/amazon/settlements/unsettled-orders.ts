import { generateEntityId } from "@medusajs/framework/utils"
import type { SqlRunner } from "../services/tracking-outbox"
import { rawNumeric } from "./raw-numeric"

/**
 * Shipped orders a settlement should have paid and did not. Amazon charges the buyer when the seller (or Amazon, for
 * FBA) confirms the shipment and puts that charge into the settlement whose period covers it; an order shipped well
 * inside a closed period and missing from its settlement is money the merchant should ask Amazon about.
 */

/** Amazon posts an order's charge within hours of the shipment confirmation; a day's margin keeps a confirmation
 * made just before a period closed (and posted in the next one) from being flagged. */
export const SETTLEMENT_POSTING_MARGIN_MS = 24 * 60 * 60 * 1000

export type ShippedOrder = {
  amazon_order_id: string
  order_id: string
  currency_code: string
  captured_amount: string
  shipped_at: Date
}

export type SettlementPeriod = { id: string; settlement_id: string; currency_code: string; start_date: Date; end_date: Date }

/** The settlement whose period covers the shipment (plus the posting margin), if the store imported it. */
export function expectedSettlement(order: Pick<ShippedOrder, "currency_code" | "shipped_at">, periods: SettlementPeriod[]): SettlementPeriod | null {
  const posted = new Date(order.shipped_at).getTime() + SETTLEMENT_POSTING_MARGIN_MS
  return (
    periods.find(
      (period) =>
        period.currency_code.toUpperCase() === order.currency_code.toUpperCase() &&
        new Date(period.start_date).getTime() <= posted &&
        posted < new Date(period.end_date).getTime()
    ) ?? null
  )
}

/** The earliest moment an order could have shipped and still be due in one of the account's settlements. */
export async function settlementPeriods(sql: SqlRunner, accountId: string): Promise<SettlementPeriod[]> {
  return (await sql.execute(
    `SELECT id, settlement_id, currency_code, start_date, end_date FROM amazon_settlement
     WHERE account_id = ? AND deleted_at IS NULL ORDER BY start_date`,
    [accountId]
  )) as SettlementPeriod[]
}

/**
 * Flags the shipped orders their settlement does not contain, marks flagged orders a later settlement paid, and
 * refreshes each settlement's count. Orders whose settlement the store has not imported are left alone: it cannot
 * know what that settlement held.
 */
export async function recordUnsettledOrders(sql: SqlRunner, accountId: string, shipped: ShippedOrder[]) {
  const periods = await settlementPeriods(sql, accountId)
  if (!periods.length) return { flagged: 0, settled_later: 0 }
  const ids = shipped.map((order) => order.amazon_order_id)
  // Only rows carrying the order's charge count as paying it: a later refund alone does not.
  const paid = new Map<string, string>()
  const open = new Set<string>()
  for (let start = 0; start < ids.length; start += 1000) {
    const slice = ids.slice(start, start + 1000)
    const rows = await sql.execute(
      `SELECT amazon_order_id, MIN(settlement_id) AS settlement_id FROM amazon_settlement_order
       WHERE account_id = ? AND amazon_order_id IN (?) AND deleted_at IS NULL AND (principal <> 0 OR charged <> 0)
       GROUP BY amazon_order_id`,
      [accountId, slice]
    )
    for (const row of rows) paid.set(row.amazon_order_id, row.settlement_id)
    const flagged = await sql.execute(
      `SELECT amazon_order_id FROM amazon_unsettled_order WHERE account_id = ? AND amazon_order_id IN (?) AND deleted_at IS NULL`,
      [accountId, slice]
    )
    for (const row of flagged) open.add(row.amazon_order_id)
  }

  const touched = new Set<string>()
  let flagged = 0
  for (const order of shipped) {
    if (paid.has(order.amazon_order_id) || open.has(order.amazon_order_id)) continue
    const period = expectedSettlement(order, periods)
    if (!period) continue
    const inserted = await sql.execute(
      `INSERT INTO amazon_unsettled_order (id, account_id, amazon_order_id, order_id, currency_code, captured_amount, raw_captured_amount,
         shipped_at, expected_settlement_row_id, expected_settlement_id)
       VALUES (?, ?, ?, ?, ?, ?::numeric, ${rawNumeric("?::numeric")}, ?, ?, ?)
       ON CONFLICT (account_id, amazon_order_id) WHERE deleted_at IS NULL DO NOTHING RETURNING expected_settlement_row_id`,
      [generateEntityId(undefined, "amzuns"), accountId, order.amazon_order_id, order.order_id, order.currency_code.toUpperCase(), order.captured_amount,
        order.captured_amount, order.shipped_at, period.id, period.settlement_id]
    )
    if (inserted.length) {
      flagged++
      touched.add(period.id)
    }
  }

  const paidIds = [...paid.keys()].filter((id) => open.has(id))
  let settledLater = 0
  if (paidIds.length) {
    const resolved = await sql.execute(
      `UPDATE amazon_unsettled_order u SET settled_in_settlement_id = v.settlement_id, settled_at = now(), updated_at = now()
       FROM (VALUES ${paidIds.map(() => "(?, ?)").join(", ")}) AS v(amazon_order_id, settlement_id)
       WHERE u.account_id = ? AND u.amazon_order_id = v.amazon_order_id AND u.settled_in_settlement_id IS NULL AND u.deleted_at IS NULL
       RETURNING u.expected_settlement_row_id`,
      [...paidIds.flatMap((id) => [id, paid.get(id)]), accountId]
    )
    settledLater = resolved.length
    for (const row of resolved) touched.add(row.expected_settlement_row_id)
  }
  await refreshSettlementCounts(sql, [...touched])
  return { flagged, settled_later: settledLater }
}

/** Each settlement's counts and status from its rows: mismatched, unknown and missing orders all need a look. */
export async function refreshSettlementCounts(sql: SqlRunner, settlementRowIds: string[]): Promise<void> {
  if (!settlementRowIds.length) return
  await sql.execute(
    `UPDATE amazon_settlement s SET mismatch_count = c.mismatches, unknown_order_count = c.unknown, unpaid_order_count = c.unpaid,
       status = CASE WHEN c.mismatches + c.unknown + c.unpaid > 0 THEN 'mismatches' WHEN c.pending > 0 THEN 'imported' ELSE 'reconciled' END, updated_at = now()
     FROM (SELECT s2.id AS settlement_row_id,
             (SELECT COUNT(*) FROM amazon_settlement_order o WHERE o.settlement_row_id = s2.id AND o.deleted_at IS NULL AND o.reconciliation = 'mismatch')::int AS mismatches,
             (SELECT COUNT(*) FROM amazon_settlement_order o WHERE o.settlement_row_id = s2.id AND o.deleted_at IS NULL AND o.reconciliation = 'unknown_order')::int AS unknown,
             (SELECT COUNT(*) FROM amazon_settlement_order o WHERE o.settlement_row_id = s2.id AND o.deleted_at IS NULL AND o.reconciliation = 'pending')::int AS pending,
             (SELECT COUNT(*) FROM amazon_unsettled_order u WHERE u.expected_settlement_row_id = s2.id AND u.deleted_at IS NULL AND u.settled_in_settlement_id IS NULL)::int AS unpaid
           FROM amazon_settlement s2 WHERE s2.id IN (?)) c
     WHERE s.id = c.settlement_row_id AND (s.mismatch_count, s.unknown_order_count, s.unpaid_order_count, s.status) IS DISTINCT FROM
       (c.mismatches, c.unknown, c.unpaid, CASE WHEN c.mismatches + c.unknown + c.unpaid > 0 THEN 'mismatches' WHEN c.pending > 0 THEN 'imported' ELSE 'reconciled' END)`,
    [settlementRowIds]
  )
}
