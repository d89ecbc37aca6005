import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Alert, Button, Container, createDataTableColumnHelper, DataTable, type DataTablePaginationState, Heading, Select, Text, toast, useDataTable } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { Link, useNavigate } from "react-router-dom"
import { errorMessage, useAmazonAccounts } from "../../../lib/api"
import { formatShortDateTime } from "../../../lib/format"
import { deadlineText, PurchaseOrderStateBadge, VendorTabs } from "../../../components/vendor-purchase-order"
import { formatCost, useVendorImportNow, useVendorPurchaseOrders, type PurchaseOrderState, type VendorPurchaseOrder } from "../../../lib/vendor-api"

const PAGE_SIZE = 20
function windowText(po: VendorPurchaseOrder): string {
  if (!po.window_start || !po.window_end) return "–"
  return `${po.window_kind === "delivery" ? "Deliver" : "Ship"} ${formatShortDateTime(po.window_start)} – ${formatShortDateTime(po.window_end)}`
}

const columnHelper = createDataTableColumnHelper<VendorPurchaseOrder>()
const columns = [
  columnHelper.accessor("purchase_order_number", {
    header: "PO",
    cell: ({ row }) => (
      <Link to={`/amazon/vendor/${row.original.id}`} className="text-ui-fg-interactive">
        {row.original.purchase_order_number}
      </Link>
    ),
  }),
  columnHelper.accessor("state", { header: "State", cell: ({ row }) => <PurchaseOrderStateBadge po={row.original} /> }),
  columnHelper.accessor("purchase_order_date", { header: "Ordered", cell: ({ getValue }) => formatShortDateTime(getValue()) }),
  columnHelper.accessor("window_start", { header: "Window", cell: ({ row }) => windowText(row.original) }),
  columnHelper.accessor("ship_to_party_id", { header: "Ship to (FC)", cell: ({ getValue }) => getValue() ?? "–" }),
  columnHelper.accessor("cost_total", { header: "Cost total", cell: ({ row }) => formatCost(row.original.cost_total, row.original.currency_code) }),
  columnHelper.accessor("acknowledgement_due_at", { header: "Acknowledgement", cell: ({ row }) => deadlineText(row.original) }),
]

function VendorPurchaseOrdersPage() {
  const navigate = useNavigate()
  const [pagination, setPagination] = useState<DataTablePaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE })
  const [state, setState] = useState<PurchaseOrderState | "all">("all")
  const filters = useMemo(
    () => ({ limit: pagination.pageSize, offset: pagination.pageIndex * pagination.pageSize, state: state === "all" ? undefined : state }),
    [pagination, state]
  )
  const { data, isLoading, error } = useVendorPurchaseOrders(filters)
  const accounts = useAmazonAccounts()
  const vendorAccounts = (accounts.data?.accounts ?? []).filter((account) => account.kind === "vendor")
  const importNow = useVendorImportNow()
  // Without a vendor account (and no purchase orders left from a removed one) the page only says how to add one.
  const showList = vendorAccounts.length > 0 || accounts.isLoading || !!data?.count
  const table = useDataTable({
    columns,
    data: data?.purchase_orders ?? [],
    rowCount: data?.count ?? 0,
    getRowId: (row) => row.id,
    isLoading,
    pagination: { state: pagination, onPaginationChange: setPagination },
    onRowClick: (_event, row) => navigate(`/amazon/vendor/${row.id}`),
  })

  return (
    <Container className="divide-y p-0" data-testid="amazon-vendor-page">
      <div className="flex flex-wrap items-center justify-between gap-4 px-6 py-4">
        <div className="flex flex-col gap-2">
          <VendorTabs current="purchase-orders" />
          <Heading level="h1">Vendor purchase orders</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Purchase orders Amazon retail placed with your Vendor Central accounts, at cost. Answer each within 24 hours.
          </Text>
        </div>
        <div className="flex shrink-0 items-center gap-2">
          {showList && (
          <Select size="small" value={state} onValueChange={(value) => setState(value as PurchaseOrderState | "all")}>
            <Select.Trigger aria-label="State" className="w-[160px]">
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              <Select.Item value="all">All states</Select.Item>
              <Select.Item value="New">New</Select.Item>
              <Select.Item value="Acknowledged">Acknowledged</Select.Item>
              <Select.Item value="Closed">Closed</Select.Item>
            </Select.Content>
          </Select>
          )}
          {vendorAccounts.map((account) => (
            <Button
              key={account.id}
              size="small"
              variant="secondary"
              className="whitespace-nowrap"
              isLoading={importNow.isPending && importNow.variables === account.id}
              onClick={() =>
                importNow.mutate(account.id, {
                  onSuccess: () => toast.success(`Importing the purchase orders of ${account.name}; the sync run in Settings → Amazon shows its progress.`),
                  onError: (failure) => toast.error(errorMessage(failure)),
                })
              }
            >
              Import now{vendorAccounts.length > 1 ? `: ${account.name}` : ""}
            </Button>
          ))}
        </div>
      </div>
      {error && (
        <div className="px-6 py-4">
          <Alert variant="error">{errorMessage(error)}</Alert>
        </div>
      )}
      {!showList ? (
        <div className="flex flex-col items-center gap-y-2 px-6 py-10 text-center">
          <Text size="small" className="text-ui-fg-subtle" data-testid="amazon-vendor-no-account">
            No Vendor Central account yet. Add one of kind “Vendor Central” in{" "}
            <Link to="/settings/amazon" className="text-ui-fg-interactive">
              Settings → Amazon
            </Link>
            ; its purchase orders are imported every 15 minutes.
          </Text>
        </div>
      ) : (
        <DataTable instance={table}>
          <DataTable.Table
            emptyState={{
              empty: { heading: "No purchase orders yet", description: "Amazon's purchase orders appear here after the next import, or press “Import now”." },
              filtered: { heading: "No purchase orders in this state", description: "Choose “All states” to see every purchase order." },
            }}
          />
          <DataTable.Pagination />
        </DataTable>
      )}
    </Container>
  )
}

export const config = defineRouteConfig({ label: "Vendor", rank: 5 })

export default VendorPurchaseOrdersPage
