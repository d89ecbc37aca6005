import { Text } from "@medusajs/ui"
import { formatMoney } from "../lib/format"
import { useOrderPayout } from "../lib/settlements-api"

function day(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleDateString(undefined, { dateStyle: "medium" }) : "a date Amazon has not given yet"
}

/**
 * "Paid by Amazon on <date>: X, fees Y" for the order widget: from the settlements that paid the order, else what
 * Finances shows as posted before its settlement closes, else that nothing is paid yet.
 */
export function AmazonPayoutSummary({ orderId }: { orderId: string }) {
  const { data, isLoading, error } = useOrderPayout(orderId)
  if (isLoading) return <span className="text-ui-fg-muted">Loading…</span>
  if (error || !data) return <span className="text-ui-fg-muted">Not available right now.</span>
  const missing = data.unsettled && !data.unsettled.settled_in_settlement_id ? data.unsettled : null
  const unpaidWarning = missing ? (
    <Text size="xsmall" className="text-ui-fg-error" data-testid="amazon-payout-missing">
      Shipped on {day(missing.shipped_at)} but missing from settlement {missing.expected_settlement_id}, which should have paid{" "}
      {formatMoney(missing.captured_amount, missing.currency_code)} for it: ask Amazon Seller Support.
    </Text>
  ) : null
  if (data.settlements.length) {
    return (
      <div className="flex flex-col gap-y-1" data-testid="amazon-payout">
        {data.settlements.map((row) => (
          <div key={row.id} className="flex flex-col">
            <span>
              {row.deposit_date && new Date(row.deposit_date).getTime() > Date.now() ? "To be paid by Amazon on" : "Paid by Amazon on"} {day(row.deposit_date)}:{" "}
              {formatMoney(row.net, row.currency_code)}, fees {formatMoney(row.fees_total, row.currency_code)}
            </span>
            <Text size="xsmall" className="text-ui-fg-muted">
              Settlement {row.settlement_id}
              {Number(row.refunds) !== 0 ? ` · refunded on Amazon ${formatMoney(-Number(row.refunds), row.currency_code)}` : ""}
            </Text>
            {row.reconciliation === "mismatch" && (
              <Text size="xsmall" className="text-ui-fg-error">
                Amazon's charge differs from what Medusa captured by {formatMoney(row.difference, row.currency_code)}.
              </Text>
            )}
          </div>
        ))}
      </div>
    )
  }
  if (data.provisional.length) {
    const total = data.provisional.reduce((sum, row) => sum + Number(row.total_amount), 0)
    const fees = data.provisional.reduce((sum, row) => sum + Number(row.fees_total), 0)
    const currency = data.provisional[0].currency_code
    return (
      <div className="flex flex-col gap-y-1">
        <span data-testid="amazon-payout">
          Posted by Amazon, settlement still open: {formatMoney(total, currency)}, fees {formatMoney(fees, currency)}
        </span>
        {unpaidWarning}
      </div>
    )
  }
  return (
    <div className="flex flex-col gap-y-1">
      <span className="text-ui-fg-muted">Not paid by Amazon yet.</span>
      {unpaidWarning}
    </div>
  )
}
