import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Button, Container, createDataTableColumnHelper, DataTable, type DataTablePaginationState, Heading, Select, StatusBadge, Text, toast, useDataTable } from "@medusajs/ui"
import { useEffect, useMemo, useState } from "react"
import { Link } from "react-router-dom"
import { errorMessage } from "../../../lib/api"
import { timeLeft, useAnswerBuyerCancellationRequest, useBuyerCancellationRequests, type BuyerCancellationRequest } from "../../../lib/feeds-api"
import { formatShortDateTime } from "../../../lib/format"

const STATUSES: Array<{ value: BuyerCancellationRequest["status"]; label: string }> = [
  { value: "open", label: "Waiting for your answer" },
  { value: "accepted", label: "Accepted (cancelled)" },
  { value: "declined", label: "Declined (you ship it)" },
  { value: "closed", label: "Closed (shipped or cancelled elsewhere)" },
]

function AnswerButtons({ request }: { request: BuyerCancellationRequest }) {
  const answer = useAnswerBuyerCancellationRequest()
  if (request.status !== "open") return null
  const send = async (kind: "accept" | "decline") => {
    try {
      await answer.mutateAsync({ id: request.id, answer: kind })
      toast.success(kind === "accept" ? `Amazon is asked to cancel order ${request.amazon_order_id}.` : `Order ${request.amazon_order_id} ships as normal.`)
    } catch (error) {
      toast.error(errorMessage(error))
    }
  }
  return (
    <div className="flex gap-x-2">
      <Button size="small" variant="danger" isLoading={answer.isPending} onClick={() => send("accept")}>
        Accept and cancel
      </Button>
      <Button size="small" variant="secondary" disabled={answer.isPending} onClick={() => send("decline")}>
        Decline (ship)
      </Button>
    </div>
  )
}

const PAGE_SIZE = 50

/** What an empty list means depends on the filter: an empty queue is good news, an empty history is not "after the next import". */
const EMPTY: Record<BuyerCancellationRequest["status"], { heading: string; description: string }> = {
  open: { heading: "No request waiting", description: "No buyer is waiting for an answer. New requests appear here after the next order import." },
  accepted: { heading: "None accepted", description: "Requests you accept are listed here once answered." },
  declined: { heading: "None declined", description: "Requests you decline are listed here once answered." },
  closed: { heading: "None closed", description: "Requests whose order shipped or was cancelled before you answered are listed here." },
}

const columnHelper = createDataTableColumnHelper<BuyerCancellationRequest>()

const CancellationRequestsPage = () => {
  const [status, setStatus] = useState<BuyerCancellationRequest["status"]>("open")
  const [now, setNow] = useState(Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000)
    return () => clearInterval(timer)
  }, [])
  const [pagination, setPagination] = useState<DataTablePaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE })
  const { data, isLoading } = useBuyerCancellationRequests(status, pagination.pageIndex * PAGE_SIZE, PAGE_SIZE)
  const columns = useMemo(
    () => [
      columnHelper.accessor("amazon_order_id", {
        header: "Amazon order",
        cell: ({ row }) => (
          <span className="font-mono txt-compact-small whitespace-nowrap" data-testid="amazon-cancellation-request" data-status={row.original.status}>
            {row.original.order ? (
              <Link to={`/orders/${row.original.order.id}`} className="text-ui-fg-interactive">
                {row.original.amazon_order_id}
              </Link>
            ) : (
              row.original.amazon_order_id
            )}
          </span>
        ),
      }),
      columnHelper.accessor("reason", { header: "Buyer's reason", cell: ({ getValue }) => getValue() ?? "No reason given" }),
      columnHelper.accessor("requested_at", { header: "Asked", cell: ({ getValue }) => formatShortDateTime(getValue()) }),
      columnHelper.accessor("respond_by", {
        header: "Answer by",
        cell: ({ row }) => {
          const left = timeLeft(row.original.respond_by, now)
          return (
            <div className="flex flex-col items-start gap-y-1">
              <span className={row.original.status === "open" && left.overdue ? "text-ui-fg-error font-medium" : undefined}>
                {formatShortDateTime(row.original.respond_by)}
              </span>
              {row.original.status === "open" && (
                <StatusBadge color={left.overdue ? "red" : "orange"} data-testid="amazon-cancellation-countdown" data-overdue={String(left.overdue)}>
                  {left.text}
                </StatusBadge>
              )}
            </div>
          )
        },
      }),
      columnHelper.display({
        id: "answer",
        header: status === "open" ? "" : "Answered",
        cell: ({ row }) =>
          row.original.status === "open" ? <AnswerButtons request={row.original} /> : <span className="whitespace-nowrap">{formatShortDateTime(row.original.resolved_at)}</span>,
      }),
    ],
    [now, status]
  )
  const table = useDataTable({
    columns,
    data: data?.cancellation_requests ?? [],
    getRowId: (request) => request.id,
    rowCount: data?.count ?? 0,
    isLoading,
    pagination: { state: pagination, onPaginationChange: setPagination },
  })
  return (
    <Container className="divide-y p-0" data-testid="amazon-cancellation-requests-page">
      <DataTable instance={table}>
        <DataTable.Toolbar className="flex items-start justify-between gap-4 px-6 py-4">
          <div className="min-w-0 flex-1">
            <Heading level="h1">Buyer cancellation requests</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              Buyers asked Amazon to cancel these orders. Answer within 48 hours: accept (Amazon cancels the order, and so does Medusa) or
              decline and ship as normal.
            </Text>
          </div>
          <div className="w-[280px] shrink-0">
            <Select size="small" value={status} onValueChange={(value) => {
                setStatus(value as BuyerCancellationRequest["status"])
                setPagination({ pageIndex: 0, pageSize: PAGE_SIZE })
              }}
            >
              <Select.Trigger aria-label="Filter by answer">
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                {STATUSES.map((option) => (
                  <Select.Item key={option.value} value={option.value}>
                    {option.label}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select>
          </div>
        </DataTable.Toolbar>
        <DataTable.Table emptyState={{ empty: EMPTY[status] }} />
        <DataTable.Pagination />
      </DataTable>
    </Container>
  )
}

export const config = defineRouteConfig({
  label: "Cancellation requests",
  rank: 2,
})

export default CancellationRequestsPage
