import { Alert, Button, Container, createDataTableColumnHelper, DataTable, type DataTablePaginationState, Heading, Select, Text, useDataTable } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { Link, useNavigate } from "react-router-dom"
import { errorMessage } from "../../../../lib/api"
import { formatShortDateTime } from "../../../../lib/format"
import { SHIPMENT_STATUSES, useVendorShipments, type VendorShipment, type VendorShipmentStatus } from "../../../../lib/vendor-shipments-api"
import { containersText, SHIPMENT_STATUS, ShipmentStatusBadge } from "../../../../components/vendor-shipment"
import { VendorTabs } from "../../../../components/vendor-purchase-order"

const PAGE_SIZE = 20

const columnHelper = createDataTableColumnHelper<VendorShipment>()
const columns = [
  columnHelper.accessor("status", { header: "Status", cell: ({ getValue }) => <ShipmentStatusBadge status={getValue()} /> }),
  columnHelper.accessor("shipment_identifier", {
    header: "Shipment",
    cell: ({ row }) => (
      <Link to={`/amazon/vendor/shipments/${row.original.id}`} className="text-ui-fg-interactive">
        {row.original.shipment_identifier}
      </Link>
    ),
  }),
  columnHelper.accessor("purchase_order_numbers", { header: "POs", cell: ({ getValue }) => (getValue() ?? []).join(", ") || "–" }),
  columnHelper.accessor("ship_to_party_id", { header: "Ship to (FC)", cell: ({ getValue }) => getValue() ?? "–" }),
  columnHelper.accessor("contents", { header: "Containers", cell: ({ getValue }) => <span className="whitespace-nowrap">{containersText(getValue())}</span> }),
  columnHelper.accessor("submitted_at", {
    header: "Sent / result",
    cell: ({ row }) => (
      <span className="whitespace-nowrap" title={row.original.result_at ?? row.original.submitted_at ?? undefined}>
        {row.original.submitted_at ? formatShortDateTime(row.original.submitted_at) : row.original.status === "unknown" ? "Sent, no answer" : "Not sent"}
        {row.original.result_at ? ` / ${formatShortDateTime(row.original.result_at)}` : ""}
      </span>
    ),
  }),
  columnHelper.accessor("message", {
    header: "Amazon's message",
    cell: ({ row }) => {
      const first = row.original.errors?.[0]?.message
      const text = row.original.message ?? first ?? "–"
      return (
        <span className={`block max-w-[260px] truncate ${row.original.status === "failed" ? "text-ui-fg-error" : ""}`} title={[row.original.message, ...(row.original.errors ?? []).map((e) => e.message)].filter(Boolean).join("\n")}>
          {text}
        </span>
      )
    },
  }),
]

function VendorShipmentsPage() {
  const navigate = useNavigate()
  const [pagination, setPagination] = useState<DataTablePaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE })
  const [status, setStatus] = useState<VendorShipmentStatus | "all">("all")
  const filters = useMemo(
    () => ({ limit: pagination.pageSize, offset: pagination.pageIndex * pagination.pageSize, status: status === "all" ? undefined : status }),
    [pagination, status]
  )
  const { data, isLoading, error } = useVendorShipments(filters)
  const table = useDataTable({
    columns,
    data: data?.shipments ?? [],
    rowCount: data?.count ?? 0,
    getRowId: (row) => row.id,
    isLoading,
    pagination: { state: pagination, onPaginationChange: setPagination },
    onRowClick: (_event, row) => navigate(`/amazon/vendor/shipments/${row.id}`),
  })

  return (
    <Container className="divide-y p-0" data-testid="amazon-vendor-shipments-page">
      <div className="flex flex-wrap items-center justify-between gap-4 px-6 py-4">
        <div className="flex flex-col gap-2">
          <VendorTabs current="shipments" />
          <Heading level="h1">Vendor shipments</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Shipments to Amazon's fulfilment centres (ASNs): what was packed, its SSCC labels, and Amazon's answer.
          </Text>
        </div>
        <div className="flex shrink-0 items-center gap-2">
          <Select size="small" value={status} onValueChange={(value) => { setStatus(value as VendorShipmentStatus | "all"); setPagination((current) => ({ ...current, pageIndex: 0 })) }}>
            <Select.Trigger aria-label="Status" className="w-[260px]">
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              <Select.Item value="all">All statuses</Select.Item>
              {SHIPMENT_STATUSES.map((value) => (
                <Select.Item key={value} value={value}>
                  {SHIPMENT_STATUS[value].label}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
          <Button size="small" onClick={() => navigate("/amazon/vendor/shipments/new")}>
            Build shipment
          </Button>
        </div>
      </div>
      {error && (
        <div className="px-6 py-4">
          <Alert variant="error">{errorMessage(error)}</Alert>
        </div>
      )}
      <DataTable instance={table}>
        <DataTable.Table
          emptyState={{
            empty: { heading: "No shipments yet", description: "Build one from an acknowledged purchase order: “Ship this PO” on its page, or “Build shipment”." },
            filtered: { heading: "No shipments in this status", description: "Choose “All statuses” to see every shipment." },
          }}
        />
        <DataTable.Pagination />
      </DataTable>
    </Container>
  )
}

export default VendorShipmentsPage
