import { Spinner, TriangleDownMini, TriangleRightMini } from "@medusajs/icons"
import { Button, Table, Text } from "@medusajs/ui"
import { Fragment, useState } from "react"
import { Link } from "react-router-dom"
import { errorMessage, isSyncRunOpen, useSyncRuns, type SyncRun } from "../lib/api"
import { formatDateTime, formatDuration, formatShortDateTime, humanize } from "../lib/format"
import { SyncRunStatusBadge } from "./badges"

const KIND_LABELS: Record<string, string> = {
  connection_test: "Connection test",
  order_import: "Order import",
  tracking_push: "Tracking upload",
  settlement_import: "Settlement import",
  vendor_import: "Vendor import",
}

const TRIGGER_LABELS: Record<string, string> = {
  schedule: "scheduled",
  manual: "started by hand",
  test: "test",
}

/** Amazon does not say how many pages are coming, so progress is the pages done so far and a moving bar. */
function RunProgress({ run }: { run: SyncRun }) {
  const label = run.status === "waiting" ? "waiting…" : run.pages ? `page ${run.pages} done…` : "starting…"
  return (
    <div className="flex min-w-[120px] flex-col gap-1" data-testid="amazon-sync-run-progress" role="status" aria-label={`In progress: ${label}`}>
      <span className="text-ui-fg-subtle txt-compact-xsmall flex items-center gap-1">
        <Spinner className="animate-spin" />
        {label}
      </span>
      {run.status === "running" && (
        <div className="bg-ui-bg-switch-off h-1 w-full overflow-hidden rounded-full">
          <div className="bg-ui-fg-interactive h-1 w-1/3 animate-pulse rounded-full" />
        </div>
      )}
    </div>
  )
}

/** The most recent sync runs of one account: what ran, how it went, and the problems it met. */
export function SyncRunsTable({ accountId }: { accountId: string }) {
  const { data, isLoading, error } = useSyncRuns(accountId, 10)
  const [expandedRunIds, setExpandedRunIds] = useState<Set<string>>(new Set())

  const toggle = (runId: string) =>
    setExpandedRunIds((previous) => {
      const next = new Set(previous)
      if (next.has(runId)) next.delete(runId)
      else next.add(runId)
      return next
    })

  if (isLoading) {
    return (
      <Text size="small" className="text-ui-fg-subtle px-6 py-4">
        Loading recent sync runs…
      </Text>
    )
  }
  if (error) {
    return (
      <Text size="small" className="text-ui-fg-error px-6 py-4">
        The sync runs could not be loaded: {errorMessage(error)}
      </Text>
    )
  }
  const runs = data?.sync_runs ?? []
  if (!runs.length) {
    return (
      <Text size="small" className="text-ui-fg-subtle px-6 py-4">
        Nothing has run for this account yet. Test the connection or start a sync to see the result here.
      </Text>
    )
  }

  return (
    <div className="overflow-x-auto">
      <Table data-testid="amazon-sync-runs">
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell className="w-8" />
            <Table.HeaderCell>Kind</Table.HeaderCell>
            <Table.HeaderCell>Status</Table.HeaderCell>
            <Table.HeaderCell>Started</Table.HeaderCell>
            <Table.HeaderCell>Duration</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Seen</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Created</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Updated</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Parked</Table.HeaderCell>
            <Table.HeaderCell>Result</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {runs.map((run) => {
            const problems = problemsOf(run)
            const expanded = expandedRunIds.has(run.id)
            return (
              <Fragment key={run.id}>
                <Table.Row data-testid="amazon-sync-run-row">
                  <Table.Cell>
                    {problems.length > 0 && (
                      <Button
                        variant="transparent"
                        size="small"
                        className="px-1"
                        aria-expanded={expanded}
                        aria-label={expanded ? "Hide the problems of this run" : "Show the problems of this run"}
                        onClick={() => toggle(run.id)}
                      >
                        {expanded ? <TriangleDownMini /> : <TriangleRightMini />}
                      </Button>
                    )}
                  </Table.Cell>
                  <Table.Cell>
                    <div className="flex flex-col">
                      <span className="whitespace-nowrap">{KIND_LABELS[run.kind] ?? humanize(run.kind)}</span>
                      <span className="text-ui-fg-muted txt-compact-xsmall">{TRIGGER_LABELS[run.trigger] ?? run.trigger}</span>
                    </div>
                  </Table.Cell>
                  <Table.Cell>
                    <SyncRunStatusBadge status={run.status} />
                  </Table.Cell>
                  <Table.Cell className="whitespace-nowrap" title={formatDateTime(run.started_at)}>
                    {formatShortDateTime(run.started_at)}
                  </Table.Cell>
                  <Table.Cell className="whitespace-nowrap">
                    {isSyncRunOpen(run) ? <RunProgress run={run} /> : formatDuration(run.duration_ms)}
                  </Table.Cell>
                  <Table.Cell className="text-right">{run.orders_seen}</Table.Cell>
                  <Table.Cell className="text-right">{run.orders_created}</Table.Cell>
                  <Table.Cell className="text-right">{run.orders_updated}</Table.Cell>
                  <Table.Cell className="text-right">{run.orders_parked}</Table.Cell>
                  <Table.Cell className="max-w-[360px] whitespace-normal py-2">
                    <span className="txt-compact-small">{run.message ?? "–"}</span>
                    {problems.length > 0 && !expanded && (
                      <button type="button" className="text-ui-fg-interactive txt-compact-xsmall ml-1" onClick={() => toggle(run.id)}>
                        {problems.length === 1 ? "1 problem" : `${problems.length} problems`}
                      </button>
                    )}
                  </Table.Cell>
                </Table.Row>
                {expanded && (
                  <Table.Row className="bg-ui-bg-subtle hover:bg-ui-bg-subtle">
                    <Table.Cell />
                    {/* A plain cell: Table.Cell does not take colSpan. */}
                    <td colSpan={9} className="whitespace-normal py-3 pr-6">
                      <ul className="flex list-disc flex-col gap-1 pl-4">
                        {problems.map((problem, index) => (
                          <li key={index} className="txt-compact-small">
                            {problem.amazon_order_id && (
                              <>
                                <Link to={`/amazon?q=${encodeURIComponent(problem.amazon_order_id)}`} className="text-ui-fg-interactive font-mono">
                                  {problem.amazon_order_id}
                                </Link>
                                :{" "}
                              </>
                            )}
                            {problem.message}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </Table.Row>
                )}
              </Fragment>
            )
          })}
        </Table.Body>
      </Table>
    </div>
  )
}

/** Runs store `{ items: [...] }`; a bare list is accepted too so an older run never breaks the page. */
function problemsOf(run: SyncRun): Array<{ message: string; amazon_order_id?: string }> {
  const errors: unknown = run.errors
  if (Array.isArray(errors)) return errors
  const items = run.errors?.items
  return Array.isArray(items) ? items : []
}
