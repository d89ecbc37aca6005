import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"
import type { ReconciliationUpdate } from "../../../modules/amazon/settlements/store-settlement"
import { AMAZON_PAYMENT_PROVIDER_ID } from "../../../providers/amazon-payment/service"

export const reconcileSettlementOrdersStepId = "reconcile-amazon-settlement-orders"

const BATCH = 500

/** What Medusa captured for each Amazon order of the account that became a Medusa order. */
export async function capturedByAmazonOrder(query: any, accountId: string, amazonOrderIds: string[]) {
  const found = new Map<string, { order_id: string; payments: any[]; captured: string }>()
  for (let start = 0; start < amazonOrderIds.length; start += BATCH) {
    const { data } = await query.graph({
      entity: "amazon_order",
      fields: [
        "amazon_order_id",
        "order.id",
        "order.payment_collections.payments.id",
        "order.payment_collections.payments.provider_id",
        "order.payment_collections.payments.data",
        "order.payment_collections.payments.captures.amount",
      ],
      filters: { account_id: accountId, amazon_order_id: amazonOrderIds.slice(start, start + BATCH) },
    })
    for (const row of data as any[]) {
      if (!row.order?.id) continue
      const payments = (row.order.payment_collections ?? []).flatMap((collection: any) => collection?.payments ?? [])
        .filter((payment: any) => payment?.provider_id === AMAZON_PAYMENT_PROVIDER_ID)
      const captured = payments
        .flatMap((payment: any) => payment.captures ?? [])
        .reduce((sum: any, capture: any) => MathBN.add(sum, capture.amount), MathBN.convert(0))
      found.set(row.amazon_order_id, { order_id: row.order.id, payments, captured: captured.toString() })
    }
  }
  return found
}

/**
 * Compares every settlement row not yet matched with its Medusa order: what the buyer paid per Amazon (charged)
 * against what Medusa captured. Rows of orders the store does not know are listed as unknown in one statement, and
 * matched again once the order is imported; the rest go page by page, so a settlement of any size costs the same
 * memory. No compensation: it records a comparison that the next run would make the same.
 */
export const reconcileSettlementOrdersStep = createStep(reconcileSettlementOrdersStepId, async (input: { account_id: string }, { container }) => {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const unknown = await amazon.markSettlementRowsOfUnknownOrders(input.account_id)
  const touched = new Set(unknown.settlement_row_ids)
  let compared = unknown.unknown
  let mismatches = 0
  let stillUnknown = 0
  let afterId: string | null = null
  for (;;) {
    const rows = await amazon.listReconcilableSettlementRows(input.account_id, afterId, BATCH)
    if (!rows.length) break
    afterId = rows[rows.length - 1].id
    const medusa = await capturedByAmazonOrder(query, input.account_id, [...new Set(rows.map((row) => row.amazon_order_id))])
    const updates: ReconciliationUpdate[] = rows.map((row) => {
      const known = medusa.get(row.amazon_order_id)
      // Imported, yet its Medusa order is gone (deleted in the admin): as unknown as one never imported.
      if (!known) return { id: row.id, settlement_row_id: row.settlement_row_id, order_id: null, captured_amount: null, difference: null, reconciliation: "unknown_order" }
      const difference = MathBN.sub(row.charged, known.captured)
      return {
        id: row.id,
        settlement_row_id: row.settlement_row_id,
        order_id: known.order_id,
        captured_amount: known.captured,
        difference: difference.toString(),
        reconciliation: MathBN.eq(difference, 0) ? "matched" : "mismatch",
      }
    })
    await amazon.recordSettlementReconciliation(updates)
    for (const update of updates) touched.add(update.settlement_row_id)
    compared += updates.length
    mismatches += updates.filter((update) => update.reconciliation === "mismatch").length
    stillUnknown += updates.filter((update) => update.reconciliation === "unknown_order").length
    if (rows.length < BATCH) break
  }
  await amazon.refreshSettlementStatus([...touched])
  return new StepResponse({ compared, mismatches, unknown: unknown.unknown + stillUnknown })
})
