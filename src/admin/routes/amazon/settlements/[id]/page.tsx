import { ArrowDownTray } from "@medusajs/icons"
import { Button, createDataTableColumnHelper, DataTable, type DataTablePaginationState, Heading, StatusBadge, Text, toast, useDataTable } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { Link, useParams } from "react-router-dom"
import { errorMessage } from "../../../../lib/api"
import { SettlementFilter, SettlementPageFrame } from "../../../../components/settlement-page"
import { formatDate, formatMoney } from "../../../../lib/format"
import { downloadSettlementCsv, useSettlement, type AmazonSettlementOrder, type Reconciliation } from "../../../../lib/settlements-api"

const PAGE_SIZE = 50

const RECONCILIATION: Record<Reconciliation, { label: string; color: "green" | "orange" | "red" | "grey" }> = {
  matched: { label: "Matches Medusa", color: "green" },
  mismatch: { label: "Paid differently", color: "orange" },
  unknown_order: { label: "Unknown order", color: "red" },
  pending: { label: "Not compared yet", color: "grey" },
}

const columnHelper = createDataTableColumnHelper<AmazonSettlementOrder>()
const money = (key: keyof AmazonSettlementOrder, header: string) =>
  columnHelper.accessor(key, {
    header,
    cell: ({ row: { original } }) => <span className="whitespace-nowrap">{formatMoney(original[key] as any, original.currency_code)}</span>,
  })

const columns = [
  columnHelper.accessor("amazon_order_id", {
    header: "Amazon order",
    cell: ({ row: { original } }) => (
      <span className="font-mono txt-compact-small whitespace-nowrap" data-testid="amazon-settlement-order" data-reconciliation={original.reconciliation}>
        {original.amazon_order_id}
      </span>
    ),
  }),
  money("principal", "Principal"),
  money("tax", "Tax"),
  money("shipping", "Shipping"),
  columnHelper.accessor("fees_total", {
    header: "Fees",
    cell: ({ row: { original } }) => (
      <span
        className="whitespace-nowrap"
        title={Object.entries(original.fees ?? {})
          .map(([type, amount]) => `${type}: ${formatMoney(amount, original.currency_code)}`)
          .join("\n")}
      >
        {formatMoney(original.fees_total, original.currency_code)}
      </span>
    ),
  }),
  money("refunds", "Refunds"),
  // Promotions, tax Amazon collects and remits itself (marketplace facilitator) and the rest, so that the row adds up to what was paid out.
  columnHelper.display({
    id: "withheld_other",
    header: "Withheld & other",
    cell: ({ row: { original } }) => {
      const parts: Array<[string, number | string]> = [
        ["Promotions", original.promotion],
        ["Tax withheld by Amazon", original.withheld_tax],
        ["Other", original.other],
      ]
      const total = parts.reduce((sum, [, amount]) => sum + Number(amount ?? 0), 0)
      return (
        <span className="whitespace-nowrap" title={parts.map(([label, amount]) => `${label}: ${formatMoney(amount, original.currency_code)}`).join("\n")}>
          {formatMoney(total, original.currency_code)}
        </span>
      )
    },
  }),
  money("net", "Paid out"),
  columnHelper.accessor("order_id", {
    header: "Medusa order",
    cell: ({ row: { original } }) =>
      original.order_id ? (
        <Link to={`/orders/${original.order_id}`} className="text-ui-fg-interactive txt-compact-small" onClick={(event) => event.stopPropagation()}>
          Open order
        </Link>
      ) : (
        <span className="text-ui-fg-muted">Not in this store</span>
      ),
  }),
  columnHelper.accessor("difference", {
    header: "Difference",
    cell: ({ row: { original } }) => {
      const status = RECONCILIATION[original.reconciliation]
      return (
        <div className="flex flex-col items-start gap-y-1 py-2">
          <StatusBadge color={status.color}>{status.label}</StatusBadge>
          {original.reconciliation === "mismatch" && (
            <span className="txt-compact-xsmall whitespace-nowrap">
              {formatMoney(original.difference, original.currency_code)} against {formatMoney(original.captured_amount, original.currency_code)} captured
            </span>
          )}
        </div>
      )
    },
  }),
]

/** One settlement: its per-order reconciliation, mismatches on demand, and the CSV for the accountant. */
const AmazonSettlementPage = () => {
  const { id = "" } = useParams()
  const [pagination, setPagination] = useState<DataTablePaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE })
  const [view, setView] = useState<Reconciliation | "all">("all")
  const detail = useSettlement(id, { limit: PAGE_SIZE, offset: pagination.pageIndex * PAGE_SIZE, reconciliation: view === "all" ? undefined : view })
  const orders = useMemo(() => detail.data?.orders ?? [], [detail.data])
  const settlement = detail.data?.settlement
  const unpaid = detail.data?.unpaid_orders ?? []
  const [downloading, setDownloading] = useState(false)
  const table = useDataTable({
    columns,
    data: orders,
    getRowId: (row) => row.id,
    rowCount: detail.data?.count ?? 0,
    isLoading: detail.isLoading,
    pagination: { state: pagination, onPaginationChange: setPagination },
  })

  return (
    <SettlementPageFrame
      testId="amazon-settlement-page"
      back={
        <Link to="/amazon/settlements" className="text-ui-fg-interactive txt-compact-small">
          ← Settlements
        </Link>
      }
      title={`Settlement ${settlement?.settlement_id ?? ""}`}
      description={
        settlement &&
        `${formatDate(settlement.start_date)} – ${formatDate(settlement.end_date)} · deposited ${formatDate(settlement.deposit_date)} · ${formatMoney(
          settlement.total_amount,
          settlement.currency_code
        )} paid out: ${formatMoney(Number(settlement.total_amount) - Number(settlement.other_amount), settlement.currency_code)} for ${settlement.order_count} ${
          settlement.order_count === 1 ? "order" : "orders"
        } and ${formatMoney(settlement.other_amount, settlement.currency_code)} not tied to an order (subscription fee, reserves).`
      }
      actions={
        <>
          <SettlementFilter
            label="Filter by reconciliation"
            prefix="Orders"
            value={view}
            options={RECONCILIATION}
            onChange={(next) => {
              setView(next)
              setPagination({ pageIndex: 0, pageSize: PAGE_SIZE })
            }}
          />
          <Button
            size="small"
            variant="secondary"
            disabled={!settlement}
            isLoading={downloading}
            onClick={async () => {
              if (!settlement) return
              setDownloading(true)
              try {
                await downloadSettlementCsv(settlement.id, settlement.settlement_id)
              } catch (error) {
                toast.error(errorMessage(error))
              } finally {
                setDownloading(false)
              }
            }}
          >
            <ArrowDownTray />
            Export CSV
          </Button>
        </>
      }
      what="The settlement"
      error={detail.error}
    >
      {unpaid.length > 0 && (
        <div className="flex flex-col gap-y-2 px-6 py-4" data-testid="amazon-settlement-unpaid">
          <Heading level="h2">Shipped, not in this settlement</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Amazon charged the buyers of these orders during this settlement's period, but the settlement does not pay them. Ask
            Amazon Seller Support about any that no later settlement paid.
          </Text>
          <ul className="flex flex-col gap-y-1">
            {unpaid.map((row) => (
              <li key={row.id} className="txt-compact-small flex flex-wrap items-center gap-x-2">
                <Link to={`/orders/${row.order_id}`} className="text-ui-fg-interactive">
                  {row.amazon_order_id}
                </Link>
                <span>
                  shipped {formatDate(row.shipped_at)}, {formatMoney(row.captured_amount, row.currency_code)} captured
                </span>
                {row.settled_in_settlement_id ? (
                  <StatusBadge color="green">Paid later in settlement {row.settled_in_settlement_id}</StatusBadge>
                ) : (
                  <StatusBadge color="red">Not paid</StatusBadge>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      <DataTable instance={table}>
        <DataTable.Table />
        <DataTable.Pagination />
      </DataTable>
    </SettlementPageFrame>
  )
}

export default AmazonSettlementPage
