import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ArrowPath, CurrencyDollar } from "@medusajs/icons"
import { Button, createDataTableColumnHelper, DataTable, type DataTablePaginationState, StatusBadge, Text, toast, useDataTable } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { useNavigate } from "react-router-dom"
import { errorMessage, useAmazonAccounts } from "../../../lib/api"
import { SettlementFilter, SettlementPageFrame } from "../../../components/settlement-page"
import { formatDate, formatMoney } from "../../../lib/format"
import { useImportSettlements, useSettlements, type AmazonSettlement, type SettlementStatus } from "../../../lib/settlements-api"

const PAGE_SIZE = 20

export const SETTLEMENT_STATUS: Record<SettlementStatus, { label: string; color: "green" | "orange" | "grey" }> = {
  reconciled: { label: "Reconciled", color: "green" },
  mismatches: { label: "Needs review", color: "orange" },
  imported: { label: "Imported", color: "grey" },
}

const columnHelper = createDataTableColumnHelper<AmazonSettlement>()

const columns = [
  columnHelper.accessor("start_date", {
    header: "Period",
    cell: ({ row: { original: settlement } }) => (
      <div className="flex flex-col py-2" data-testid="amazon-settlement" data-settlement-id={settlement.settlement_id}>
        <span className="whitespace-nowrap">
          {formatDate(settlement.start_date)} – {formatDate(settlement.end_date)}
        </span>
        <span className="text-ui-fg-muted txt-compact-xsmall font-mono">Settlement {settlement.settlement_id}</span>
      </div>
    ),
  }),
  columnHelper.accessor("deposit_date", { header: "Deposit date", cell: ({ getValue }) => <span className="whitespace-nowrap">{formatDate(getValue())}</span> }),
  columnHelper.accessor("total_amount", {
    header: "Total paid out",
    cell: ({ row: { original: settlement } }) => <span className="whitespace-nowrap">{formatMoney(settlement.total_amount, settlement.currency_code)}</span>,
  }),
  columnHelper.accessor("currency_code", { header: "Currency" }),
  columnHelper.accessor("order_count", { header: "Orders" }),
  columnHelper.accessor("status", {
    header: "Status",
    cell: ({ getValue }) => {
      const status = SETTLEMENT_STATUS[getValue()] ?? SETTLEMENT_STATUS.imported
      return <StatusBadge color={status.color}>{status.label}</StatusBadge>
    },
  }),
  columnHelper.accessor("mismatch_count", {
    header: "Mismatches",
    cell: ({ row: { original: settlement } }) =>
      settlement.mismatch_count || settlement.unknown_order_count || settlement.unpaid_order_count ? (
        <div className="flex flex-col">
          {settlement.mismatch_count > 0 && <span>{settlement.mismatch_count} paid differently</span>}
          {settlement.unpaid_order_count > 0 && (
            <span className="text-ui-fg-error">
              {settlement.unpaid_order_count} shipped, not paid
            </span>
          )}
          {settlement.unknown_order_count > 0 && <span className="text-ui-fg-muted">{settlement.unknown_order_count} {settlement.unknown_order_count === 1 ? "unknown order" : "unknown orders"}</span>}
        </div>
      ) : (
        <span className="text-ui-fg-muted">None</span>
      ),
  }),
]

/** Amazon → Settlements: every payout Amazon made, newest first, and whether each order in it matches Medusa. */
const AmazonSettlementsPage = () => {
  const navigate = useNavigate()
  const [pagination, setPagination] = useState<DataTablePaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE })
  const [status, setStatus] = useState<SettlementStatus | "all">("all")
  const list = useSettlements({ limit: PAGE_SIZE, offset: pagination.pageIndex * PAGE_SIZE, status: status === "all" ? undefined : status })
  const settlements = useMemo(() => list.data?.settlements ?? [], [list.data])
  const table = useDataTable({
    columns,
    data: settlements,
    getRowId: (settlement) => settlement.id,
    rowCount: list.data?.count ?? 0,
    isLoading: list.isLoading,
    pagination: { state: pagination, onPaginationChange: setPagination },
    onRowClick: (_event, row) => navigate(`/amazon/settlements/${row.id}`),
  })

  return (
    <SettlementPageFrame
      testId="amazon-settlements-page"
      title="Amazon settlements"
      description="What Amazon paid out, when, and which fees it kept, per order, compared with what Medusa captured. Settlements are imported every hour for accounts with “Import settlements” switched on."
      actions={
        <>
          <SettlementFilter
            label="Filter by status"
            prefix="Status"
            value={status}
            options={SETTLEMENT_STATUS}
            onChange={(next) => {
              setStatus(next)
              setPagination({ pageIndex: 0, pageSize: PAGE_SIZE })
            }}
          />
          <ImportNowButtons />
        </>
      }
      what="The settlements"
      error={list.error}
    >
      {!list.isLoading && settlements.length === 0 ? (
        <div className="flex flex-col items-center gap-y-2 px-6 py-10 text-center">
          <CurrencyDollar className="text-ui-fg-muted" />
          <Text size="small" className="text-ui-fg-subtle" data-testid="amazon-settlements-empty">
            No settlement has been imported yet. Amazon closes a settlement about every 14 days; switch on “Import settlements” for an
            account in Settings → Amazon, or press “Import now”.
          </Text>
        </div>
      ) : (
        <DataTable instance={table}>
          <DataTable.Table />
          <DataTable.Pagination />
        </DataTable>
      )}
    </SettlementPageFrame>
  )
}

function ImportNowButtons() {
  const accounts = useAmazonAccounts()
  const importNow = useImportSettlements()
  const list = accounts.data?.accounts ?? []
  if (!list.length) return null
  return (
    <>
      {list.map((account) => (
        <Button
          key={account.id}
          size="small"
          variant="secondary"
          isLoading={importNow.isPending && importNow.variables === account.id}
          onClick={() =>
            importNow.mutate(account.id, {
              onSuccess: () => toast.success(`Importing the settlements of “${account.name}”. The sync log on the Amazon page shows the outcome.`),
              onError: (error) => toast.error(errorMessage(error)),
            })
          }
        >
          <ArrowPath />
          {list.length > 1 ? `Import now: ${account.name}` : "Import now"}
        </Button>
      ))}
    </>
  )
}

export const config = defineRouteConfig({
  label: "Settlements",
  rank: 4,
})

export default AmazonSettlementsPage
