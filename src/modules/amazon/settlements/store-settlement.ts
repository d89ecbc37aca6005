import { generateEntityId } from "@medusajs/framework/utils"
import type { SqlRunner } from "../services/tracking-outbox"
import type { SettlementLine, SettlementSummary } from "./parse-settlement-report"
import { rawNumeric } from "./raw-numeric"

/**
 * Writes one settlement, its lines and its per-order summary with raw SQL on the caller's transaction: lines go in
 * in batches as the file is read (nothing keeps earlier lines), and the per-order summary is one GROUP BY over
 * them, so a file of any length costs the same memory. A SettlementFileError thrown by the lines rolls it all back.
 */

const LINE_BATCH = 500

/**
 * The MerchantAdjustmentItemID of every item the plugin refunds starts with this; Amazon echoes it in the
 * settlement's merchant-adjustment-item-id, which tells the plugin's own refunds from those Amazon made itself.
 */
export const MEDUSA_ADJUSTMENT_ITEM_ID_PREFIX = "MDR"

export type StoredSettlement = { id: string; settlementId: string; lineCount: number; orderCount: number }

export async function storeSettlement(
  sql: SqlRunner,
  input: {
    accountId: string
    reportId: string
    summary: SettlementSummary
    lines: AsyncIterable<SettlementLine>
    /** Read once the lines are exhausted: the hash of the whole document. */
    contentHash: () => string
  }
): Promise<StoredSettlement> {
  const { summary } = input
  const id = generateEntityId(undefined, "amzset")
  let marketplaceName: string | null = null
  let lineCount = 0
  let batch: unknown[][] = []

  const flush = async () => {
    if (!batch.length) return
    const rows = batch.map(() => `(?, ?, ?, ?, ?, ?, ?, ?, ?::numeric, ${rawNumeric("?::numeric")}, ?::timestamptz, ?, ?, ?)`).join(", ")
    const params: unknown[] = []
    for (const row of batch) params.push(...row.slice(0, 9), row[8], ...row.slice(9))
    await sql.execute(
      `INSERT INTO amazon_settlement_line (id, settlement_row_id, line, transaction_type, amazon_order_id, adjustment_id, amount_type,
         amount_description, amount, raw_amount, posted_date, sku, order_item_code, merchant_adjustment_item_id) VALUES ${rows}`,
      params
    )
    batch = []
  }

  // The settlement row goes first (lines point at it); its counts are filled in once the lines are read.
  await sql.execute(
    `INSERT INTO amazon_settlement (id, account_id, settlement_id, report_id, start_date, end_date, deposit_date, currency_code,
       total_amount, raw_total_amount, other_amount, raw_other_amount, line_count, content_hash, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::numeric, ${rawNumeric("?::numeric")}, 0, ${rawNumeric("0")}, 0, '', 'imported')`,
    [id, input.accountId, summary.settlementId, input.reportId, summary.startDate, summary.endDate, summary.depositDate, summary.currency, summary.totalAmount, summary.totalAmount]
  )
  for await (const line of input.lines) {
    marketplaceName = marketplaceName ?? line.marketplaceName
    lineCount++
    batch.push([
      generateEntityId(undefined, "amzsetl"),
      id,
      line.line,
      line.transactionType,
      line.orderId,
      line.adjustmentId,
      line.amountType,
      line.amountDescription,
      line.amount,
      line.postedDate,
      line.sku,
      line.orderItemCode,
      line.merchantAdjustmentItemId,
    ])
    if (batch.length >= LINE_BATCH) await flush()
  }
  await flush()

  const sumWhere = (condition: string) => `COALESCE(SUM(amount) FILTER (WHERE ${condition}), 0)`
  const isOrder = `transaction_type = 'Order'`
  const principal = sumWhere(`${isOrder} AND amount_type = 'ItemPrice' AND amount_description = 'Principal'`)
  const tax = sumWhere(`${isOrder} AND amount_type = 'ItemPrice' AND amount_description IN ('Tax', 'ShippingTax', 'GiftWrapTax')`)
  const shipping = sumWhere(`${isOrder} AND amount_type = 'ItemPrice' AND amount_description IN ('Shipping', 'GiftWrap')`)
  const promotion = sumWhere(`${isOrder} AND amount_type = 'Promotion'`)
  const withheld = sumWhere(`amount_type = 'ItemWithheldTax'`)
  const charged = sumWhere(`${isOrder} AND amount_type IN ('ItemPrice', 'Promotion')`)
  const fees = sumWhere(`amount_type = 'ItemFees'`)
  const refunds = sumWhere(`transaction_type = 'Refund' AND amount_type IN ('ItemPrice', 'Promotion')`)
  const other = sumWhere(
    `NOT ((${isOrder} AND amount_type IN ('ItemPrice', 'Promotion')) OR amount_type IN ('ItemFees', 'ItemWithheldTax') OR (transaction_type = 'Refund' AND amount_type IN ('ItemPrice', 'Promotion')))`
  )
  const figures = { principal, tax, shipping, promotion, withheld_tax: withheld, charged, fees_total: fees, refunds, other, net: "COALESCE(SUM(amount), 0)" }
  const names = Object.keys(figures)
  const orders = await sql.execute(
    `INSERT INTO amazon_settlement_order (id, settlement_row_id, account_id, settlement_id, amazon_order_id, currency_code, deposit_date,
       ${names.map((name) => `${name}, raw_${name}`).join(", ")}, fees, reconciliation, amazon_refunds)
     SELECT 'amzseto_' || md5(? || summary.amazon_order_id), ?, ?, ?, summary.amazon_order_id, ?, ?::timestamptz,
       ${names.map((name) => `${name}, ${rawNumeric(name)}`).join(", ")}, fee.fees, 'pending',
       -- null: refunds Amazon made are still to be recorded on the Medusa order
       CASE WHEN refunds < 0 THEN NULL ELSE '[]'::jsonb END
     FROM (
       SELECT l.amazon_order_id, ${Object.entries(figures).map(([name, expression]) => `${expression} AS ${name}`).join(", ")}
       FROM amazon_settlement_line l WHERE l.settlement_row_id = ? AND l.amazon_order_id IS NOT NULL GROUP BY l.amazon_order_id
     ) summary
     -- Fees by description in one grouped pass joined by order: a subquery per order would scan the lines once per
     -- order, as the planner knows nothing yet of the lines this transaction just wrote.
     LEFT JOIN (
       SELECT amazon_order_id, jsonb_object_agg(description, total) AS fees FROM (
         SELECT amazon_order_id, COALESCE(amount_description, 'Other') AS description, SUM(amount)::text AS total FROM amazon_settlement_line
         WHERE settlement_row_id = ? AND amazon_order_id IS NOT NULL AND amount_type = 'ItemFees' GROUP BY 1, 2
       ) by_description GROUP BY amazon_order_id
     ) fee ON fee.amazon_order_id = summary.amazon_order_id
     RETURNING id`,
    [id, id, input.accountId, summary.settlementId, summary.currency, summary.depositDate, id, id]
  )
  const otherRows = await sql.execute(
    `SELECT COALESCE(SUM(amount), 0)::text AS other FROM amazon_settlement_line WHERE settlement_row_id = ? AND amazon_order_id IS NULL`,
    [id]
  )
  const otherAmount = otherRows[0]?.other ?? "0"
  await sql.execute(
    `UPDATE amazon_settlement SET line_count = ?, order_count = ?, marketplace_name = ?, content_hash = ?,
       other_amount = ?::numeric, raw_other_amount = ${rawNumeric("?::numeric")}, updated_at = now() WHERE id = ?`,
    [lineCount, orders.length, marketplaceName, input.contentHash(), otherAmount, otherAmount, id]
  )
  // The settlement is the closing truth for its orders: what Finances showed for them before is replaced.
  await sql.execute(
    `DELETE FROM amazon_provisional_payout WHERE account_id = ? AND amazon_order_id IN (
       SELECT amazon_order_id FROM amazon_settlement_order WHERE settlement_row_id = ?)`,
    [input.accountId, id]
  )
  return { id, settlementId: summary.settlementId, lineCount, orderCount: orders.length }
}

/** Refunds of one settlement (of one of its orders) per order and adjustment: what the buyer got back (positive), for recording in Medusa. */
export async function settlementRefunds(sql: SqlRunner, settlementRowId: string, amazonOrderId?: string) {
  const rows = await sql.execute(
    `SELECT amazon_order_id, COALESCE(adjustment_id, '') AS adjustment_id, (-SUM(amount))::text AS amount, MIN(posted_date) AS posted_date
     FROM amazon_settlement_line WHERE settlement_row_id = ? AND transaction_type = 'Refund' AND amount_type IN ('ItemPrice', 'Promotion')
       AND ${amazonOrderId ? "amazon_order_id = ?" : "amazon_order_id IS NOT NULL"}
     GROUP BY amazon_order_id, adjustment_id
     -- A refund the plugin asked for carries the adjustment item ids it sent: Medusa recorded it when it was made.
     HAVING SUM(amount) < 0 AND COUNT(*) FILTER (WHERE merchant_adjustment_item_id LIKE '${MEDUSA_ADJUSTMENT_ITEM_ID_PREFIX}%') = 0
     ORDER BY amazon_order_id, adjustment_id`,
    amazonOrderId ? [settlementRowId, amazonOrderId] : [settlementRowId]
  )
  return rows as Array<{ amazon_order_id: string; adjustment_id: string; amount: string; posted_date: Date | null }>
}

export type ReconciliationUpdate = {
  id: string
  settlement_row_id: string
  order_id: string | null
  captured_amount: string | null
  difference: string | null
  reconciliation: "matched" | "mismatch" | "unknown_order"
}

/** Writes the comparison of settlement rows with their Medusa orders (the caller refreshes the settlements' counts once). */
export async function recordReconciliation(sql: SqlRunner, updates: ReconciliationUpdate[]): Promise<void> {
  // In batches of one statement each: a settlement can hold tens of thousands of orders.
  for (let start = 0; start < updates.length; start += LINE_BATCH) {
    const batch = updates.slice(start, start + LINE_BATCH)
    const params = batch.flatMap((update) => [update.id, update.order_id, update.captured_amount, update.difference, update.reconciliation])
    await sql.execute(
      `UPDATE amazon_settlement_order o SET order_id = v.order_id, captured_amount = v.captured::numeric,
         raw_captured_amount = CASE WHEN v.captured IS NULL THEN NULL ELSE ${rawNumeric("v.captured::numeric")} END,
         difference = v.difference::numeric, raw_difference = CASE WHEN v.difference IS NULL THEN NULL ELSE ${rawNumeric("v.difference::numeric")} END,
         reconciliation = v.reconciliation, updated_at = now()
       FROM (VALUES ${batch.map(() => "(?, ?, ?::text, ?::text, ?)").join(", ")}) AS v(id, order_id, captured, difference, reconciliation)
       WHERE o.id = v.id AND (o.order_id IS DISTINCT FROM v.order_id OR o.captured_amount IS DISTINCT FROM v.captured::numeric
         OR o.difference IS DISTINCT FROM v.difference::numeric OR o.reconciliation <> v.reconciliation)`,
      params
    )
  }
}

const OPEN_RECONCILIATION = "('pending', 'mismatch', 'unknown_order')"
const HAS_MEDUSA_ORDER = `EXISTS (SELECT 1 FROM amazon_order a WHERE a.account_id = o.account_id AND a.amazon_order_id = o.amazon_order_id
  AND a.deleted_at IS NULL AND a.import_state = 'imported')`

/**
 * Settlement rows whose Amazon order never became a Medusa order, marked unknown in one statement: a settlement of
 * orders the store does not know costs no Medusa lookups. Returns how many rows are unknown and the settlements whose rows changed.
 */
export async function markRowsOfUnknownOrders(sql: SqlRunner, accountId: string): Promise<{ unknown: number; settlement_row_ids: string[] }> {
  const rows = await sql.execute(
    `WITH changed AS (
       UPDATE amazon_settlement_order o SET order_id = NULL, captured_amount = NULL, raw_captured_amount = NULL, difference = NULL,
         raw_difference = NULL, reconciliation = 'unknown_order', updated_at = now()
       WHERE o.account_id = ? AND o.deleted_at IS NULL AND o.reconciliation IN ${OPEN_RECONCILIATION} AND NOT ${HAS_MEDUSA_ORDER}
         AND (o.reconciliation <> 'unknown_order' OR o.order_id IS NOT NULL OR o.captured_amount IS NOT NULL)
       RETURNING o.settlement_row_id)
     SELECT DISTINCT settlement_row_id FROM changed`,
    [accountId]
  )
  const [total] = await sql.execute(
    `SELECT COUNT(*)::int AS count FROM amazon_settlement_order o WHERE o.account_id = ? AND o.deleted_at IS NULL AND o.reconciliation = 'unknown_order'
       AND NOT ${HAS_MEDUSA_ORDER}`,
    [accountId]
  )
  return { unknown: total?.count ?? 0, settlement_row_ids: rows.map((row: any) => row.settlement_row_id) }
}

export type ReconcilableRow = { id: string; settlement_row_id: string; amazon_order_id: string; charged: string }

/** One page (by id) of the open settlement rows whose Amazon order is a Medusa order, to compare with what Medusa captured. */
export async function reconcilableRows(sql: SqlRunner, accountId: string, afterId: string | null, limit: number): Promise<ReconcilableRow[]> {
  return (await sql.execute(
    `SELECT o.id, o.settlement_row_id, o.amazon_order_id, o.charged::text AS charged FROM amazon_settlement_order o
     WHERE o.account_id = ? AND o.deleted_at IS NULL AND o.reconciliation IN ${OPEN_RECONCILIATION} AND o.id > ? AND ${HAS_MEDUSA_ORDER}
     ORDER BY o.id LIMIT ?`,
    [accountId, afterId ?? "", limit]
  )) as ReconcilableRow[]
}

const REFUND_LINE = `l.settlement_row_id = o.settlement_row_id AND l.amazon_order_id = o.amazon_order_id AND l.transaction_type = 'Refund'
  AND l.amount_type IN ('ItemPrice', 'Promotion')`

/** Matched rows with no refund in their settlement are done with in one statement: nothing to record on their orders. */
export async function closeRowsWithoutRefunds(sql: SqlRunner, accountId: string): Promise<void> {
  await sql.execute(
    `UPDATE amazon_settlement_order o SET amazon_refunds = '[]'::jsonb, updated_at = now()
     WHERE o.account_id = ? AND o.deleted_at IS NULL AND o.amazon_refunds IS NULL AND o.order_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM amazon_settlement_line l WHERE ${REFUND_LINE})`,
    [accountId]
  )
}

export type RowWithRefunds = { id: string; settlement_row_id: string; settlement_id: string; amazon_order_id: string }

/** One page (by id) of matched rows whose settlement refunds something not yet recorded on the Medusa order. */
export async function rowsWithRefundsToRecord(sql: SqlRunner, accountId: string, afterId: string | null, limit: number): Promise<RowWithRefunds[]> {
  return (await sql.execute(
    `SELECT o.id, o.settlement_row_id, o.settlement_id, o.amazon_order_id FROM amazon_settlement_order o
     WHERE o.account_id = ? AND o.deleted_at IS NULL AND o.amazon_refunds IS NULL AND o.order_id IS NOT NULL AND o.id > ?
     ORDER BY o.id LIMIT ?`,
    [accountId, afterId ?? "", limit]
  )) as RowWithRefunds[]
}
