import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ArrowDownTray, DocumentText, TruckFast } from "@medusajs/icons"
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
  Table,
  Text,
  useDataTable,
} from "@medusajs/ui"
import { useMemo, useRef, useState, type ChangeEvent } from "react"
import { Link, useSearchParams } from "react-router-dom"
import {
  canRetry,
  carrierDetail,
  carrierLabel,
  RetryTrackingPushButton,
  TRACKING_PUSH_STATE_LABELS,
  TrackingPushStateBadge,
  unitCount,
} from "../../../components/tracking-pushes"
import {
  errorMessage,
  useImportTrackingCsv,
  useTrackingPushes,
  type TrackingImportResult,
  type TrackingPush,
  type TrackingPushState,
} from "../../../lib/api"
import { formatDateTime, formatShortDateTime } from "../../../lib/format"

const PAGE_SIZE = 20
/** The API answers at most this many rows per request; "Needs attention" shows that many of each state. */
const ATTENTION_LIMIT = 200
const MAX_CSV_BYTES = 1_000_000

type StateView = "attention" | "all" | TrackingPushState
const STATE_VIEWS: Array<{ value: StateView; label: string }> = [
  { value: "attention", label: "Needs attention (waiting, failed or payment not recorded)" },
  { value: "waiting", label: TRACKING_PUSH_STATE_LABELS.waiting },
  { value: "failed", label: TRACKING_PUSH_STATE_LABELS.failed },
  { value: "sent", label: TRACKING_PUSH_STATE_LABELS.sent },
  { value: "confirmed", label: TRACKING_PUSH_STATE_LABELS.confirmed },
  { value: "all", label: "All" },
]

const TRIGGER_LABELS: Record<string, string> = {
  shipment: "Marked as shipped",
  fulfillment: "Fulfilled with tracking",
  csv_import: "CSV upload",
}

const EXAMPLE_CSV = [
  "order,carrier,tracking number,ship date,sku,quantity",
  "111-1234567-1234567,UPS,1Z999AA10123456784,,,",
  "#1042,Royal Mail,AB123456789GB,2026-11-23,,",
  "111-7654321-7654321,DHL,JJD000390007771234,,AMZ-MUG-01,1",
].join("\n")

/** Amazon → Shipments: the shipment confirmations sent to Amazon, the ones that need attention first, and the CSV upload. */
const AmazonShipmentsPage = () => {
  return (
    <div className="flex flex-col gap-y-3">
      <ShipmentConfirmations />
      <TrackingCsvUpload />
    </div>
  )
}

function ShipmentConfirmations() {
  // The state filter lives in the URL, like the filters of Amazon → Orders, so a view can be bookmarked.
  const [searchParams, setSearchParams] = useSearchParams()
  const view = (STATE_VIEWS.find((option) => option.value === searchParams.get("state"))?.value ?? "attention") as StateView
  const pageIndex = Math.max(0, Number(searchParams.get("page") ?? "0") || 0)
  const list = useConfirmationList(view, pageIndex)

  const updateParams = (changes: Record<string, string | undefined>) =>
    setSearchParams(
      (previous) => {
        const next = new URLSearchParams(previous)
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined || value === "") next.delete(key)
          else next.set(key, value)
        }
        if (!("page" in changes)) next.delete("page")
        return next
      },
      { replace: true }
    )

  // The page index lives in the URL with the state filter; the table only reports where the merchant moved to.
  const pagination: DataTablePaginationState = useMemo(() => ({ pageIndex, pageSize: PAGE_SIZE }), [pageIndex])
  const table = useDataTable({
    columns: confirmationColumns,
    data: list.pushes,
    getRowId: (push) => push.id,
    rowCount: list.count,
    isLoading: list.isLoading,
    pagination: {
      state: pagination,
      onPaginationChange: (next) => updateParams({ page: next.pageIndex > 0 ? String(next.pageIndex) : undefined }),
    },
  })

  return (
    <Container className="divide-y p-0" aria-busy={list.isFetching} data-state-view={view} data-testid="amazon-shipments-page">
      <div className="flex flex-wrap items-center justify-between gap-4 px-6 py-4">
        <div>
          <Heading level="h1">Amazon shipments</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            When an Amazon order is marked as shipped in Medusa, its carrier and tracking number are confirmed to Amazon. Waiting
            confirmations are retried automatically; failed ones need you to fix the reason shown, then retry.
          </Text>
        </div>
        <div className="w-[300px]">
          <Select size="small" value={view} onValueChange={(value) => updateParams({ state: value === "attention" ? undefined : value })}>
            <Select.Trigger aria-label="Filter by confirmation state" className="whitespace-nowrap [&>span]:truncate">
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              {STATE_VIEWS.map((option) => (
                <Select.Item key={option.value} value={option.value}>
                  {`State: ${option.label}`}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
        </div>
      </div>

      {list.error ? (
        <div className="px-6 py-4">
          <Alert variant="error">The shipment confirmations could not be loaded: {errorMessage(list.error)}</Alert>
        </div>
      ) : list.isLoading ? (
        <Text size="small" className="text-ui-fg-subtle px-6 py-6">
          Loading shipment confirmations…
        </Text>
      ) : list.pushes.length === 0 ? (
        <div className="flex flex-col items-center gap-y-2 px-6 py-10 text-center">
          <TruckFast className="text-ui-fg-muted" />
          <Text size="small" className="text-ui-fg-subtle" data-testid="amazon-shipments-empty">
            {view === "attention"
              ? "Nothing needs your attention: every shipment of an Amazon order has been confirmed to Amazon."
              : view === "all"
                ? "No shipment has been confirmed to Amazon yet. Confirmations appear here when an Amazon order is marked as shipped with a tracking number, or when you upload tracking numbers below."
                : `No shipment confirmation is in the state “${TRACKING_PUSH_STATE_LABELS[view]}”.`}
          </Text>
        </div>
      ) : (
        <DataTable instance={table}>
          <DataTable.Table />
          {list.paginated ? (
            <DataTable.Pagination />
          ) : (
            list.count > list.pushes.length && (
              <Text size="small" className="text-ui-fg-subtle px-6 py-4">
                Showing the newest {list.pushes.length} of {list.count} confirmations that need attention. Choose “Waiting” or “Failed”
                to page through all of them.
              </Text>
            )
          )}
        </DataTable>
      )}
    </Container>
  )
}

/**
 * The rows of one view. "Needs attention" is three filters (waiting, failed, payment capture failed), and the API
 * filters by one: it asks for each and shows them together, newest first (without paging; the other views page as
 * usual).
 */
function useConfirmationList(view: StateView, pageIndex: number) {
  const attention = view === "attention"
  const single = useTrackingPushes(
    { state: view === "all" || attention ? undefined : view, limit: PAGE_SIZE, offset: pageIndex * PAGE_SIZE },
    { enabled: !attention }
  )
  const waiting = useTrackingPushes({ state: "waiting", limit: ATTENTION_LIMIT, offset: 0 }, { enabled: attention })
  const failed = useTrackingPushes({ state: "failed", limit: ATTENTION_LIMIT, offset: 0 }, { enabled: attention })
  // Confirmed by Amazon, but the payment is not recorded yet: the merchant should know until the retry job succeeds.
  const uncaptured = useTrackingPushes({ payment_capture_state: "failed", limit: ATTENTION_LIMIT, offset: 0 }, { enabled: attention })

  if (!attention) {
    return {
      pushes: single.data?.tracking_pushes ?? [],
      count: single.data?.count ?? 0,
      paginated: true,
      isLoading: single.isLoading,
      isFetching: single.isFetching,
      error: single.error,
    }
  }
  const pushes = [...(waiting.data?.tracking_pushes ?? []), ...(failed.data?.tracking_pushes ?? []), ...(uncaptured.data?.tracking_pushes ?? [])].sort((a, b) =>
    b.created_at.localeCompare(a.created_at)
  )
  return {
    pushes,
    count: (waiting.data?.count ?? 0) + (failed.data?.count ?? 0) + (uncaptured.data?.count ?? 0),
    paginated: false,
    isLoading: waiting.isLoading || failed.isLoading || uncaptured.isLoading,
    isFetching: waiting.isFetching || failed.isFetching || uncaptured.isFetching,
    error: waiting.error ?? failed.error ?? uncaptured.error,
  }
}

const columnHelper = createDataTableColumnHelper<TrackingPush>()

const confirmationColumns = [
  columnHelper.accessor("amazon_order_id", {
    header: "Amazon order",
    cell: ({ row: { original: push } }) => (
      <div className="flex flex-col py-2" data-testid="amazon-shipment" data-state={push.state}>
        <Link to={`/orders/${push.order_id}`} className="text-ui-fg-interactive whitespace-nowrap font-mono txt-compact-small">
          {push.amazon_order_id}
        </Link>
        <span className="text-ui-fg-muted txt-compact-xsmall whitespace-nowrap" title={formatDateTime(push.created_at)}>
          {TRIGGER_LABELS[push.trigger] ?? push.trigger} · {formatShortDateTime(push.created_at)}
        </span>
      </div>
    ),
  }),
  columnHelper.accessor("package_reference_id", {
    header: "Package",
    cell: ({ row: { original: push } }) => {
      const units = unitCount(push)
      return (
        <div className="flex flex-col py-2">
          <span className="whitespace-nowrap">{push.package_reference_id ? `Package ${push.package_reference_id}` : "–"}</span>
          <span className="text-ui-fg-muted txt-compact-xsmall whitespace-nowrap" title={`${(push.items ?? []).length} order line(s)`}>
            {units ? `${units} ${units === 1 ? "unit" : "units"}` : "No items"}
          </span>
        </div>
      )
    },
  }),
  columnHelper.accessor("tracking_number", {
    header: "Carrier and tracking",
    cell: ({ row: { original: push } }) => {
      const detail = carrierDetail(push)
      return (
        <div className="flex flex-col py-2">
          <span className="whitespace-nowrap">
            {carrierLabel(push)}
            {detail && <span className="text-ui-fg-muted"> ({detail})</span>}
          </span>
          <span className="text-ui-fg-base whitespace-nowrap font-mono txt-compact-xsmall">{push.tracking_number ?? "No tracking number"}</span>
        </div>
      )
    },
  }),
  columnHelper.accessor("state", {
    header: "State",
    cell: ({ getValue }) => <TrackingPushStateBadge state={getValue()} />,
  }),
  columnHelper.accessor("attempts", {
    header: "Attempts",
    align: "right",
  }),
  columnHelper.accessor("next_attempt_at", {
    header: "Next attempt",
    cell: ({ row: { original: push } }) => (
      <span
        className="whitespace-nowrap"
        title={push.state === "confirmed" ? `Confirmed by Amazon ${formatDateTime(push.confirmed_at)}` : push.next_attempt_at ? formatDateTime(push.next_attempt_at) : undefined}
      >
        {push.state === "waiting" ? (
          push.next_attempt_at ? (
            formatShortDateTime(push.next_attempt_at)
          ) : (
            "Now"
          )
        ) : push.state === "failed" ? (
          <span className="text-ui-fg-muted txt-compact-xsmall">Only when you retry</span>
        ) : push.state === "confirmed" && push.payment_capture_state === "failed" && push.payment_capture_next_attempt_at ? (
          // Amazon has the confirmation; what is still to come is the payment capture, retried with growing intervals.
          <span className="txt-compact-xsmall" title={`Payment capture retried ${formatDateTime(push.payment_capture_next_attempt_at)}`} data-testid="amazon-shipment-capture-next-attempt">
            Capture {formatShortDateTime(push.payment_capture_next_attempt_at)}
          </span>
        ) : (
          // Confirmed (when is in the order's widget) or on its way: there is no next attempt.
          <span className="text-ui-fg-muted">–</span>
        )}
      </span>
    ),
  }),
  columnHelper.accessor("last_error", {
    header: "Last error",
    cell: ({ row: { original: push } }) => (
      <div className="min-w-[240px] whitespace-normal py-2">
        {push.last_error ? (
          // Three lines keep the list scannable; the whole sentence is in the tooltip and in the order's widget.
          <span className="txt-compact-xsmall text-ui-fg-subtle line-clamp-3" title={push.last_error} data-testid="amazon-shipment-error">
            {push.last_error}
          </span>
        ) : push.payment_capture_error ? (
          <span className="txt-compact-xsmall text-ui-fg-error line-clamp-3" title={push.payment_capture_error} data-testid="amazon-shipment-capture-error">
            {push.payment_capture_error}
          </span>
        ) : (
          <span className="text-ui-fg-muted">–</span>
        )}
      </div>
    ),
  }),
  columnHelper.display({
    id: "retry",
    cell: ({ row: { original: push } }) => <div className="flex justify-end">{canRetry(push) && <RetryTrackingPushButton push={push} />}</div>,
  }),
]

function TrackingCsvUpload() {
  const fileInput = useRef<HTMLInputElement>(null)
  const [file, setFile] = useState<File | null>(null)
  const [fileProblem, setFileProblem] = useState<string | null>(null)
  const [result, setResult] = useState<TrackingImportResult | null>(null)
  const upload = useImportTrackingCsv()

  const chooseFile = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0] ?? null
    setFile(chosen)
    setResult(null)
    upload.reset()
    setFileProblem(
      chosen && chosen.size > MAX_CSV_BYTES ? "The file is larger than 1 MB. Split it into smaller files and upload them one after the other." : null
    )
  }

  const importFile = async () => {
    if (!file) return
    setResult(null)
    try {
      const text = await file.text()
      setResult(await upload.mutateAsync(text))
      // The same file again would only report its lines as already shipped; start afresh for the next one.
      setFile(null)
      if (fileInput.current) fileInput.current.value = ""
    } catch {
      // The API's sentence is shown below, from upload.error.
    }
  }

  const exampleHref = `data:text/csv;charset=utf-8,${encodeURIComponent(EXAMPLE_CSV + "\n")}`

  return (
    <Container className="divide-y p-0" data-testid="amazon-tracking-upload">
      <div className="flex flex-col gap-y-1 px-6 py-4">
        <Heading level="h2">Upload tracking numbers</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Shipped Amazon orders from another system? Upload a CSV file with one line per package: each package is marked as
          shipped in Medusa (without emailing the buyer) and confirmed to Amazon.
        </Text>
      </div>

      <div className="grid grid-cols-1 gap-6 px-6 py-4 lg:grid-cols-2">
        <div className="flex flex-col gap-y-2">
          <Text size="small" weight="plus">
            Expected columns
          </Text>
          <ul className="txt-compact-small text-ui-fg-subtle flex list-disc flex-col gap-y-1 pl-5">
            <li>
              <span className="text-ui-fg-base">order</span>: the Amazon order ID (111-1234567-1234567) or the Medusa order number
              (1042 or #1042).
            </li>
            <li>
              <span className="text-ui-fg-base">carrier</span>: the carrier’s name, e.g. UPS, USPS, FedEx, DHL, Royal Mail or DPD.
            </li>
            <li>
              <span className="text-ui-fg-base">tracking number</span>
            </li>
            <li>
              <span className="text-ui-fg-base">ship date</span> (optional): 2026-11-23; today when empty.
            </li>
            <li>
              <span className="text-ui-fg-base">sku</span> and <span className="text-ui-fg-base">quantity</span> (optional): for a
              partial shipment. Without them, the package holds everything of the order not shipped yet.
            </li>
          </ul>
          <Text size="xsmall" className="text-ui-fg-muted">
            The first line names the columns, in any order; spelling variants such as “Amazon Order ID” or “Tracking No” are
            understood. Lines with the same order and tracking number form one package.
          </Text>
        </div>
        <div className="flex min-w-0 flex-col gap-y-2">
          <div className="flex items-center justify-between gap-2">
            <Text size="small" weight="plus">
              Example
            </Text>
            <a href={exampleHref} download="amazon-tracking-example.csv" className="text-ui-fg-interactive txt-compact-small inline-flex items-center gap-x-1">
              <ArrowDownTray />
              Download the example
            </a>
          </div>
          <pre className="bg-ui-bg-subtle border-ui-border-base txt-compact-xsmall overflow-x-auto rounded-lg border px-3 py-2 font-mono">
            {EXAMPLE_CSV}
          </pre>
        </div>
      </div>

      <div className="flex flex-wrap items-center gap-3 px-6 py-4">
        <label className="flex min-w-0 flex-1 items-center gap-x-3">
          <span className="sr-only">Tracking CSV file</span>
          <input
            ref={fileInput}
            type="file"
            accept=".csv,text/csv,text/plain"
            onChange={chooseFile}
            data-testid="amazon-tracking-file"
            className="txt-compact-small text-ui-fg-subtle file:border-ui-border-base file:bg-ui-bg-base file:text-ui-fg-base file:txt-compact-small-plus hover:file:bg-ui-bg-base-hover file:mr-3 file:cursor-pointer file:rounded-md file:border file:px-3 file:py-1.5 file:shadow-buttons-neutral"
          />
        </label>
        <Button size="small" variant="primary" disabled={!file || !!fileProblem} isLoading={upload.isPending} onClick={importFile}>
          <DocumentText />
          Import tracking numbers
        </Button>
      </div>

      {(fileProblem || upload.error) && (
        <div className="px-6 py-4">
          <Alert variant="error" data-testid="amazon-tracking-upload-error">
            {fileProblem ?? errorMessage(upload.error)}
          </Alert>
        </div>
      )}

      {result && <TrackingImportResultTable result={result} />}
    </Container>
  )
}

function TrackingImportResultTable({ result }: { result: TrackingImportResult }) {
  const summary =
    result.errors === 0
      ? `All ${result.done} line(s) were imported.`
      : result.done === 0
        ? `None of the ${result.errors} line(s) could be imported. The reasons are below; fix them and upload the file again.`
        : `${result.done} line(s) were imported; ${result.errors} could not be. Fix those lines and upload just them again.`
  return (
    <div data-testid="amazon-tracking-import-result">
      <div className="px-6 py-4">
        <Alert variant={result.errors ? (result.done ? "warning" : "error") : "success"} data-testid="amazon-tracking-import-summary">
          {summary}
        </Alert>
      </div>
      <div className="overflow-x-auto">
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell className="text-right">Line</Table.HeaderCell>
              <Table.HeaderCell>Result</Table.HeaderCell>
              <Table.HeaderCell>Amazon order</Table.HeaderCell>
              <Table.HeaderCell>Message</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {result.rows.map((row) => (
              <Table.Row key={`${row.row}-${row.tracking_push_id ?? row.message}`} data-testid="amazon-tracking-import-row" data-status={row.status}>
                <Table.Cell className="text-right">{row.row}</Table.Cell>
                <Table.Cell>
                  <div className="flex items-center gap-1">
                    <StatusBadge color={row.status === "done" ? "green" : "red"} className="whitespace-nowrap">
                      {row.status === "done" ? "Imported" : "Not imported"}
                    </StatusBadge>
                    {row.tracking_push_state && <TrackingPushStateBadge state={row.tracking_push_state} />}
                  </div>
                </Table.Cell>
                <Table.Cell className="whitespace-nowrap font-mono txt-compact-small">
                  {row.amazon_order_id && row.order_id ? (
                    <Link to={`/orders/${row.order_id}`} className="text-ui-fg-interactive">
                      {row.amazon_order_id}
                    </Link>
                  ) : (
                    row.amazon_order_id ?? "–"
                  )}
                </Table.Cell>
                <Table.Cell className="min-w-[320px] whitespace-normal py-2 txt-compact-small">{row.message}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
    </div>
  )
}

export const config = defineRouteConfig({
  label: "Shipments",
  rank: 1,
})

export default AmazonShipmentsPage
