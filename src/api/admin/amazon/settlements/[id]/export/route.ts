import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MathBN, MedusaError } from "@medusajs/framework/utils"
import { AMAZON_MODULE } from "../../../../../../modules/amazon"
import type AmazonModuleService from "../../../../../../modules/amazon/service"
import { csvLine } from "../../../../../../utils/csv-safe"
import { SETTLEMENT_ORDER_FIELDS, UNSETTLED_ORDER_FIELDS } from "../../query"

const PAGE = 1000

export const SETTLEMENT_CSV_HEADER = [
  "settlement_id", "deposit_date", "currency", "amazon_order_id", "medusa_order_id", "principal", "tax", "shipping", "promotion",
  "withheld_tax", "fees", "refunds", "other", "net_paid", "charged", "captured_in_medusa", "difference", "reconciliation",
]

/** The per-order reconciliation of one settlement as CSV for the accountant, written page by page. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const amazon: AmazonModuleService = req.scope.resolve(AMAZON_MODULE)
  const [settlement] = await amazon.listAmazonSettlements({ id: req.params.id }, { select: ["id", "settlement_id", "deposit_date", "currency_code"] })
  if (!settlement) throw new MedusaError(MedusaError.Types.NOT_FOUND, "This settlement does not exist (any more). Open it from the Settlements list.")
  res.setHeader("content-type", "text/csv; charset=utf-8")
  res.setHeader("content-disposition", `attachment; filename="amazon-settlement-${settlement.settlement_id}.csv"`)
  res.write(csvLine(SETTLEMENT_CSV_HEADER) + "\r\n")
  const deposit = settlement.deposit_date ? new Date(settlement.deposit_date).toISOString().slice(0, 10) : ""
  const text = (value: unknown) => (value === null || value === undefined ? "" : String(value))
  for (let offset = 0; ; offset += PAGE) {
    const rows = await amazon.listAmazonSettlementOrders({ settlement_row_id: settlement.id }, { select: SETTLEMENT_ORDER_FIELDS, order: { amazon_order_id: "ASC" }, take: PAGE, skip: offset })
    for (const row of rows as any[]) {
      res.write(
        csvLine([
          settlement.settlement_id, deposit, settlement.currency_code, row.amazon_order_id, row.order_id, text(row.principal), text(row.tax), text(row.shipping),
          text(row.promotion), text(row.withheld_tax), text(row.fees_total), text(row.refunds), text(row.other), text(row.net), text(row.charged),
          text(row.captured_amount), text(row.difference), row.reconciliation,
        ]) + "\r\n"
      )
    }
    if (rows.length < PAGE) break
  }
  // Shipped orders missing from it: nothing paid, so the difference is all of what Medusa captured.
  const unpaid = await amazon.listAmazonUnsettledOrders({ expected_settlement_row_id: settlement.id }, { select: UNSETTLED_ORDER_FIELDS, order: { shipped_at: "ASC" }, take: null })
  for (const row of unpaid as any[]) {
    const captured = text(row.captured_amount)
    res.write(
      csvLine([
        settlement.settlement_id, deposit, settlement.currency_code, row.amazon_order_id, row.order_id, "", "", "", "", "", "", "", "", "0", "",
        captured, MathBN.mult(row.captured_amount, -1).toString(), row.settled_in_settlement_id ? `paid_later_in_${row.settled_in_settlement_id}` : "shipped_not_paid",
      ]) + "\r\n"
    )
  }
  res.end()
}
