import { ArrowDownTray } from "@medusajs/icons"
import {
  Alert,
  Button,
  Container,
  createDataTableColumnHelper,
  DataTable,
  type DataTablePaginationState,
  Heading,
  Select,
  StatusBadge,
  Text,
  toast,
  useDataTable,
} from "@medusajs/ui"
import { useMemo, useState } from "react"
import { Link, useParams } from "react-router-dom"
import { errorMessage } from "../../../../lib/api"
import { formatMoney } from "../../../../lib/format"
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

  if (detail.error) {
    return (
      <Container>
        <Alert variant="error">The settlement could not be loaded: {errorMessage(detail.error)}</Alert>
      </Container>
    )
  }

  return (
    <Container className="divide-y p-0" data-testid="amazon-settlement-page">
      <div className="flex flex-wrap items-start justify-between gap-4 px-6 py-4">
        <div className="flex flex-col gap-y-1">
          <Link to="/amazon/settlements" className="text-ui-fg-interactive txt-compact-small">
            ← Settlements
          </Link>
          <Heading level="h1">Settlement {settlement?.settlement_id ?? ""}</Heading>
          {settlement && (
            <Text size="small" className="text-ui-fg-subtle">
              {new Date(settlement.start_date).toLocaleDateString()} – {new Date(settlement.end_date).toLocaleDateString()} · deposited{" "}
              {settlement.deposit_date ? new Date(settlement.deposit_date).toLocaleDateString() : "–"} ·{" "}
              {formatMoney(settlement.total_amount, settlement.currency_code)} paid out for {settlement.order_count} orders, of which{" "}
              {formatMoney(settlement.other_amount, settlement.currency_code)} not tied to an order (subscription, reserves).
            </Text>
          )}
        </div>
        <div className="flex items-center gap-x-2">
          <div className="w-[220px]">
            <Select size="small" value={view} onValueChange={(value) => { setView(value as Reconciliation | "all"); setPagination({ pageIndex: 0, pageSize: PAGE_SIZE }) }}>
              <Select.Trigger aria-label="Filter by reconciliation">
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                <Select.Item value="all">Orders: All</Select.Item>
                {Object.entries(RECONCILIATION).map(([value, option]) => (
                  <Select.Item key={value} value={value}>{`Orders: ${option.label}`}</Select.Item>
                ))}
              </Select.Content>
            </Select>
          </div>
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
        </div>
      </div>
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
                  shipped {new Date(row.shipped_at).toLocaleDateString()}, {formatMoney(row.captured_amount, row.currency_code)} captured
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
    </Container>
  )
}

export default AmazonSettlementPage
