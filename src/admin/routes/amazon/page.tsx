import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Amazon, ArrowPath } from "@medusajs/icons"
import {
  Alert,
  Button,
  Container,
  createDataTableColumnHelper,
  DataTable,
  type DataTablePaginationState,
  Heading,
  Input,
  Select,
  Text,
  toast,
  useDataTable,
} from "@medusajs/ui"
import { useEffect, useMemo, useState } from "react"
import { Link, useSearchParams } from "react-router-dom"
import { AmazonOrderStatusBadge, ChannelBadge, ImportStateBadge, SUBTYPE_LABELS, SubtypeBadges } from "../../components/badges"
import {
  errorMessage,
  useAmazonAccounts,
  useAmazonOrders,
  useRetryAmazonOrder,
  type AmazonOrder,
  type AmazonOrderFilters,
  type ImportState,
} from "../../lib/api"
import { formatDateTime, formatMoney, formatShortDateTime, humanize } from "../../lib/format"
import { marketplaceName } from "../../lib/marketplaces"

const PAGE_SIZE = 20
// Radix Select items cannot have an empty value, so "no filter" gets its own.
const ANY = "any"

const STATUS_OPTIONS = ["PENDING", "UNSHIPPED", "PARTIALLY_SHIPPED", "SHIPPED", "CANCELLED", "UNFULFILLABLE"]
const SUBTYPE_OPTIONS = ["PRIME", "BUSINESS", "BUSINESS_PRIME", "SECOND_DAY", "PREMIUM", "PREORDER"]
const IMPORT_STATE_OPTIONS: Array<{ value: ImportState; label: string }> = [
  { value: "needs_attention", label: "Needs attention" },
  { value: "staged", label: "Waiting to be imported" },
  { value: "imported", label: "Imported" },
  { value: "skipped", label: "Skipped" },
]

type FilterName = "status" | "fulfillment_channel" | "subtype" | "import_state" | "marketplace_id" | "account_id"

/** Amazon → Orders: every Amazon order the plugin has seen, whether or not it became a Medusa order. */
const AmazonOrdersPage = () => {
  // Filters live in the URL so a filtered list can be bookmarked and linked to (e.g. from Settings → Amazon).
  const [searchParams, setSearchParams] = useSearchParams()
  const pageIndex = Math.max(0, Number(searchParams.get("page") ?? "0") || 0)
  const filters: AmazonOrderFilters = {
    q: searchParams.get("q") ?? undefined,
    account_id: searchParams.get("account_id") ?? undefined,
    status: searchParams.get("status") ?? undefined,
    fulfillment_channel: (searchParams.get("fulfillment_channel") as "FBA" | "FBM" | null) ?? undefined,
    subtype: searchParams.get("subtype") ?? undefined,
    import_state: (searchParams.get("import_state") as ImportState | null) ?? undefined,
    marketplace_id: searchParams.get("marketplace_id") ?? undefined,
    limit: PAGE_SIZE,
    offset: pageIndex * PAGE_SIZE,
  }

  const { data, isLoading, isFetching, error } = useAmazonOrders(filters)
  const { data: accountsData } = useAmazonAccounts()
  const accounts = accountsData?.accounts ?? []
  const marketplaceIds = Array.from(new Set(accounts.flatMap((account) => account.marketplace_ids)))

  const updateParams = (changes: Record<string, string | undefined>) => {
    setSearchParams(
      (previous) => {
        const next = new URLSearchParams(previous)
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined || value === "" || value === ANY) next.delete(key)
          else next.set(key, value)
        }
        // Any change of filter starts again from the first page.
        if (!("page" in changes)) next.delete("page")
        return next
      },
      { replace: true }
    )
  }
  const setFilter = (name: FilterName, value: string) => updateParams({ [name]: value })

  // The search box updates the URL once typing pauses, not on every key.
  const [searchText, setSearchText] = useState(filters.q ?? "")
  useEffect(() => {
    const handle = setTimeout(() => {
      if ((filters.q ?? "") !== searchText.trim()) updateParams({ q: searchText.trim() })
    }, 350)
    return () => clearTimeout(handle)
    // Only typing restarts the wait; a URL change (e.g. "Clear filters") must not re-run it with stale text.
  }, [searchText])

  const activeFilterCount = (["q", "status", "fulfillment_channel", "subtype", "import_state", "marketplace_id", "account_id"] as const).filter(
    (name) => searchParams.get(name)
  ).length
  const clearFilters = () => {
    setSearchText("")
    setSearchParams(new URLSearchParams(), { replace: true })
  }

  const orders = data?.amazon_orders ?? []
  const count = data?.count ?? 0
  // The page index lives in the URL with the filters; the table only reports where the merchant moved to.
  const pagination: DataTablePaginationState = useMemo(() => ({ pageIndex, pageSize: PAGE_SIZE }), [pageIndex])
  const table = useDataTable({
    columns: orderColumns,
    data: orders,
    getRowId: (order) => order.id,
    rowCount: count,
    isLoading,
    pagination: {
      state: pagination,
      onPaginationChange: (next) => updateParams({ page: next.pageIndex > 0 ? String(next.pageIndex) : undefined }),
    },
  })

  // aria-busy while the list is being fetched, next to the filters it is fetched for (both change in the same
  // render): assistive technology and the browser tests can tell when the rows shown are those of the filters.
  return (
    <Container className="divide-y p-0" aria-busy={isFetching} data-filters={searchParams.toString()} data-testid="amazon-orders-page">
      <div className="flex flex-wrap items-center justify-between gap-4 px-6 py-4">
        <div>
          <Heading level="h1">Amazon orders</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Every order seen on Amazon. Imported ones link to their Medusa order; the ones that need attention can be retried once
            the reason is fixed.
          </Text>
        </div>
        <Link to="/settings/amazon" className="text-ui-fg-interactive txt-compact-small">
          Amazon settings
        </Link>
      </div>

      <div className="flex flex-wrap items-center gap-2 px-6 py-4" data-testid="amazon-order-filters">
        <div className="w-full max-w-[240px]">
          <Input
            type="search"
            size="small"
            placeholder="Amazon order ID"
            aria-label="Search by Amazon order ID"
            value={searchText}
            onChange={(event) => setSearchText(event.target.value)}
          />
        </div>
        <FilterSelect
          label="Status"
          value={filters.status}
          onChange={(value) => setFilter("status", value)}
          options={STATUS_OPTIONS.map((status) => ({ value: status, label: humanize(status) }))}
        />
        <FilterSelect
          label="Channel"
          value={filters.fulfillment_channel}
          onChange={(value) => setFilter("fulfillment_channel", value)}
          options={[
            { value: "FBM", label: "FBM" },
            { value: "FBA", label: "FBA" },
          ]}
        />
        <FilterSelect
          label="Type"
          value={filters.subtype}
          onChange={(value) => setFilter("subtype", value)}
          options={SUBTYPE_OPTIONS.map((subtype) => ({ value: subtype, label: SUBTYPE_LABELS[subtype] ?? humanize(subtype) }))}
        />
        <FilterSelect
          label="Import"
          value={filters.import_state}
          onChange={(value) => setFilter("import_state", value)}
          options={IMPORT_STATE_OPTIONS}
        />
        {marketplaceIds.length > 1 && (
          <FilterSelect
            label="Marketplace"
            value={filters.marketplace_id}
            onChange={(value) => setFilter("marketplace_id", value)}
            options={marketplaceIds.map((id) => ({ value: id, label: marketplaceName(id) }))}
          />
        )}
        {accounts.length > 1 && (
          <FilterSelect
            label="Account"
            value={filters.account_id}
            onChange={(value) => setFilter("account_id", value)}
            options={accounts.map((account) => ({ value: account.id, label: account.name }))}
          />
        )}
        {activeFilterCount > 0 && (
          <Button size="small" variant="transparent" onClick={clearFilters}>
            Clear filters
          </Button>
        )}
        {isFetching && !isLoading && (
          <Text size="xsmall" className="text-ui-fg-muted">
            Updating…
          </Text>
        )}
      </div>

      {error ? (
        <div className="px-6 py-4">
          <Alert variant="error">The Amazon orders could not be loaded: {errorMessage(error)}</Alert>
        </div>
      ) : isLoading ? (
        <Text size="small" className="text-ui-fg-subtle px-6 py-6">
          Loading Amazon orders…
        </Text>
      ) : orders.length === 0 ? (
        <div className="flex flex-col items-center gap-y-2 px-6 py-10 text-center">
          <Amazon className="text-ui-fg-muted" />
          <Text size="small" className="text-ui-fg-subtle" data-testid="amazon-orders-empty">
            {activeFilterCount > 0
              ? "No Amazon order matches these filters."
              : accounts.length
                ? "No Amazon orders yet. They appear here after the next sync; you can start one from Settings → Amazon."
                : "No Amazon account is connected yet. Connect one in Settings → Amazon."}
          </Text>
        </div>
      ) : (
        <DataTable instance={table}>
          <DataTable.Table />
          <DataTable.Pagination />
        </DataTable>
      )}
    </Container>
  )
}

const columnHelper = createDataTableColumnHelper<AmazonOrder>()

const orderColumns = [
  columnHelper.accessor("amazon_order_id", {
    header: "Amazon order",
    cell: ({ row: { original: order } }) => (
      <div className="flex flex-col" data-testid="amazon-order-id">
        <span className="whitespace-nowrap font-mono txt-compact-small">{order.amazon_order_id}</span>
        <span className="text-ui-fg-muted txt-compact-xsmall">
          {marketplaceName(order.marketplace_id)}
          {order.buyer_name ? ` · ${order.buyer_name}` : ""}
        </span>
      </div>
    ),
  }),
  columnHelper.accessor("purchase_date", {
    header: "Purchased",
    cell: ({ getValue }) => <span title={formatDateTime(getValue())}>{formatShortDateTime(getValue())}</span>,
  }),
  columnHelper.accessor("first_seen_at", {
    header: "First seen",
    cell: ({ getValue }) => <span title={formatDateTime(getValue())}>{formatShortDateTime(getValue())}</span>,
  }),
  columnHelper.accessor("status", {
    header: "Status",
    cell: ({ row: { original: order } }) => (
      <div className="flex flex-col items-start gap-1">
        <AmazonOrderStatusBadge status={order.status} />
        {order.buyer_cancel_requested && <span className="text-ui-fg-error txt-compact-xsmall">Buyer asked to cancel</span>}
      </div>
    ),
  }),
  columnHelper.accessor("fulfillment_channel", {
    header: "Channel",
    cell: ({ getValue }) => <ChannelBadge channel={getValue()} />,
  }),
  columnHelper.accessor("subtypes", {
    header: "Type",
    cell: ({ row: { original: order } }) => (
      <SubtypeBadges subtypes={order.has_customization ? [...(order.subtypes ?? []), "CUSTOM"] : order.subtypes} />
    ),
  }),
  columnHelper.accessor("order_total", {
    header: "Total",
    align: "right",
    cell: ({ row: { original: order } }) => formatMoney(order.order_total, order.currency_code),
  }),
  columnHelper.accessor("import_state", {
    header: "Import",
    cell: ({ row: { original: order } }) => (
      <div className="flex min-w-[200px] max-w-[300px] flex-col items-start gap-1 whitespace-normal py-2">
        <ImportStateBadge state={order.import_state} />
        {order.attention_reason && (
          // Two lines keep the list scannable; the whole sentence is in the tooltip and in the Retry message.
          <span className="txt-compact-xsmall text-ui-fg-subtle line-clamp-2" title={order.attention_reason} data-testid="amazon-order-attention-reason">
            {order.attention_reason}
          </span>
        )}
      </div>
    ),
  }),
  // An order that needs attention has no Medusa order yet, so its Retry button takes the link's place.
  columnHelper.display({
    id: "medusa_order",
    header: "Order",
    cell: ({ row: { original: order } }) =>
      order.order ? (
        <Link to={`/orders/${order.order.id}`} className="text-ui-fg-interactive txt-compact-small">
          #{order.order.display_id}
        </Link>
      ) : order.import_state === "needs_attention" ? (
        <RetryImportButton order={order} />
      ) : (
        <span className="text-ui-fg-muted">–</span>
      ),
  }),
]

function RetryImportButton({ order }: { order: AmazonOrder }) {
  const retry = useRetryAmazonOrder()
  const retryImport = async () => {
    try {
      const { amazon_order } = await retry.mutateAsync(order.id)
      if (amazon_order.import_state === "imported") toast.success(`Amazon order ${order.amazon_order_id} was imported.`)
      else if (amazon_order.import_state === "needs_attention")
        toast.error(`Amazon order ${order.amazon_order_id} still cannot be imported.`, { description: amazon_order.attention_reason ?? undefined })
      else toast.info(`Amazon order ${order.amazon_order_id} will be imported with the next sync.`)
    } catch (error) {
      toast.error(errorMessage(error))
    }
  }
  return (
    <Button size="small" variant="secondary" isLoading={retry.isPending} onClick={retryImport}>
      <ArrowPath />
      Retry
    </Button>
  )
}

function FilterSelect({
  label,
  value,
  onChange,
  options,
}: {
  label: string
  value: string | undefined
  onChange: (value: string) => void
  options: Array<{ value: string; label: string }>
}) {
  return (
    <div className="w-[190px]">
      <Select size="small" value={value ?? ANY} onValueChange={onChange}>
        <Select.Trigger aria-label={`Filter by ${label.toLowerCase()}`} className="whitespace-nowrap [&>span]:truncate">
          <Select.Value />
        </Select.Trigger>
        <Select.Content>
          <Select.Item value={ANY}>{`${label}: all`}</Select.Item>
          {options.map((option) => (
            <Select.Item key={option.value} value={option.value}>
              {`${label}: ${option.label}`}
            </Select.Item>
          ))}
        </Select.Content>
      </Select>
    </div>
  )
}

export const config = defineRouteConfig({
  label: "Amazon",
  icon: Amazon,
})

export default AmazonOrdersPage
