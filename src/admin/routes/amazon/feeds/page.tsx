import { defineRouteConfig } from "@medusajs/admin-sdk"
import {
  Container,
  createDataTableColumnHelper,
  DataTable,
  type DataTablePaginationState,
  Drawer,
  Heading,
  StatusBadge,
  Table,
  Text,
  useDataTable,
} from "@medusajs/ui"
import { useMemo, useState } from "react"
import { Link } from "react-router-dom"
import { cancelReasonLabel, useFeedSubmission, useFeedSubmissions, type FeedMessage, type FeedSubmission } from "../../../lib/feeds-api"
import { formatShortDateTime } from "../../../lib/format"

const PAGE_SIZE = 20

const STATUS: Record<FeedSubmission["status"], { label: string; color: "grey" | "blue" | "green" | "red" | "orange" }> = {
  claimed: { label: "Preparing", color: "grey" },
  uploaded: { label: "Uploaded", color: "blue" },
  creating: { label: "Sending", color: "blue" },
  submitted: { label: "Amazon is processing", color: "blue" },
  done: { label: "Processed", color: "green" },
  fatal: { label: "Refused by Amazon", color: "red" },
  cancelled: { label: "Cancelled by Amazon (resent)", color: "orange" },
}

const FEED_TYPE_LABELS: Record<string, string> = {
  POST_ORDER_ACKNOWLEDGEMENT_DATA: "Order cancellations",
  POST_PAYMENT_ADJUSTMENT_DATA: "Refunds",
}

const columnHelper = createDataTableColumnHelper<FeedSubmission>()
const columns = [
  columnHelper.accessor("created_at", {
    header: "Started",
    cell: ({ row }) => (
      <span className="whitespace-nowrap" data-testid="amazon-feed" data-status={row.original.status}>
        {formatShortDateTime(row.original.created_at)}
      </span>
    ),
  }),
  columnHelper.accessor("feed_type", { header: "Feed", cell: ({ getValue }) => FEED_TYPE_LABELS[getValue()] ?? getValue() }),
  columnHelper.accessor("status", {
    header: "Status",
    cell: ({ row }) => {
      const status = STATUS[row.original.status]
      return (
        <div className="flex flex-col items-start gap-y-1">
          <StatusBadge color={status.color}>{status.label}</StatusBadge>
          {row.original.last_error && <span className="txt-compact-xsmall text-ui-fg-error">{row.original.last_error}</span>}
        </div>
      )
    },
  }),
  columnHelper.accessor("message_count", { header: "Messages" }),
  columnHelper.display({
    id: "counts",
    header: "Accepted / refused",
    cell: ({ row }) =>
      row.original.messages_processed === null ? "—" : `${row.original.messages_successful ?? 0} / ${row.original.messages_with_error ?? 0}`,
  }),
  columnHelper.accessor("amazon_feed_id", { header: "Amazon feed ID", cell: ({ getValue }) => <span className="font-mono">{getValue() ?? "—"}</span> }),
]

const AmazonFeedsPage = () => {
  const [pagination, setPagination] = useState<DataTablePaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE })
  const [selected, setSelected] = useState<string | null>(null)
  const offset = pagination.pageIndex * PAGE_SIZE
  const { data, isLoading } = useFeedSubmissions(offset, PAGE_SIZE)
  const feeds = useMemo(() => data?.feeds ?? [], [data])
  const table = useDataTable({
    columns,
    data: feeds,
    getRowId: (feed) => feed.id,
    rowCount: data?.count ?? 0,
    isLoading,
    pagination: { state: pagination, onPaginationChange: setPagination },
    onRowClick: (_event, row) => setSelected(row.id),
  })
  return (
    <Container className="divide-y p-0" data-testid="amazon-feeds-page">
      <DataTable instance={table}>
        <DataTable.Toolbar className="flex flex-col items-start gap-y-1 px-6 py-4">
          <Heading level="h1">Amazon feeds</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Cancellations go to Amazon in feeds: the first at once, later ones together in the next feed (Amazon takes one feed per
            account about every two minutes). Click a feed to see Amazon's result for each order.
          </Text>
        </DataTable.Toolbar>
        <DataTable.Table emptyState={{ empty: { heading: "No feeds yet", description: "Feeds appear here once you cancel an Amazon order." } }} />
        <DataTable.Pagination />
      </DataTable>
      <FeedDrawer id={selected} onClose={() => setSelected(null)} />
    </Container>
  )
}

const MESSAGE_STATUS: Record<FeedMessage["status"], { label: string; color: "grey" | "blue" | "green" | "red" }> = {
  queued: { label: "Queued", color: "grey" },
  batched: { label: "Sent", color: "blue" },
  accepted: { label: "Accepted", color: "green" },
  rejected: { label: "Refused", color: "red" },
}

function FeedDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { data } = useFeedSubmission(id)
  return (
    <Drawer open={!!id} onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>Feed {data?.feed.amazon_feed_id ?? ""}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="overflow-y-auto">
          <Table data-testid="amazon-feed-messages">
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>#</Table.HeaderCell>
                <Table.HeaderCell>Order</Table.HeaderCell>
                <Table.HeaderCell>Reason</Table.HeaderCell>
                <Table.HeaderCell>Amazon's result</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {(data?.messages ?? []).map((message) => (
                <Table.Row key={message.id}>
                  <Table.Cell>{message.message_id ?? "—"}</Table.Cell>
                  <Table.Cell>
                    {message.order_id ? (
                      <Link to={`/orders/${message.order_id}`} className="text-ui-fg-interactive whitespace-nowrap">
                        {message.amazon_order_id}
                      </Link>
                    ) : (
                      <span className="whitespace-nowrap">{message.amazon_order_id}</span>
                    )}
                  </Table.Cell>
                  <Table.Cell>{cancelReasonLabel(message.cancel_reason)}</Table.Cell>
                  <Table.Cell>
                    <div className="flex flex-col items-start gap-y-1 py-1">
                      <StatusBadge color={MESSAGE_STATUS[message.status].color}>{MESSAGE_STATUS[message.status].label}</StatusBadge>
                      {message.error && <span className="txt-compact-xsmall">{message.error}</span>}
                      {message.medusa_apply_error && <span className="txt-compact-xsmall text-ui-fg-error">{message.medusa_apply_error}</span>}
                    </div>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </Drawer.Body>
      </Drawer.Content>
    </Drawer>
  )
}

export const config = defineRouteConfig({
  label: "Feeds",
  rank: 3,
})

export default AmazonFeedsPage
