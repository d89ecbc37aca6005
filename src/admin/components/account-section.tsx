import { ArrowPath, PencilSquare, Trash } from "@medusajs/icons"
import { Alert, Button, Container, Heading, Text, toast, usePrompt } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { errorMessage, useAccountAction, useDeleteAmazonAccount, type AmazonAccount, type SyncRun } from "../lib/api"
import { formatDateTime } from "../lib/format"
import { marketplaceName, REGION_LABELS } from "../lib/marketplaces"
import { AccountFormDrawer } from "./account-form-drawer"
import { ConnectionBadge } from "./badges"
import { SyncRunsTable } from "./sync-runs-table"

/** One connected Amazon account: its connection state, the actions on it, and what ran recently. */
export function AccountSection({ account }: { account: AmazonAccount }) {
  const [editing, setEditing] = useState(false)
  // The sentence of the last test or sync started from this page, shown until the next one.
  const [lastResult, setLastResult] = useState<{ ok: boolean; sentence: string } | null>(null)
  const testConnection = useAccountAction("test-connection")
  const syncNow = useAccountAction("sync")
  const vendorImport = useAccountAction("vendor-import")
  const vendor = account.kind === "vendor"
  const deleteAccount = useDeleteAmazonAccount()
  const prompt = usePrompt()

  const runAction = async (action: typeof testConnection, fallbackSentence: string) => {
    setLastResult(null)
    try {
      const { sync_run } = await action.mutateAsync(account.id)
      const ok = sync_run.status !== "failed"
      setLastResult({ ok, sentence: sentenceOf(sync_run, fallbackSentence) })
    } catch (error) {
      setLastResult({ ok: false, sentence: errorMessage(error) })
    }
  }

  const confirmDelete = async () => {
    const confirmed = await prompt({
      title: `Remove ${account.name}?`,
      description:
        "Orders stop coming in from this Amazon account and its saved credentials and sync history are deleted. Medusa orders already imported stay as they are.",
      confirmText: "Remove account",
      cancelText: "Keep it",
    })
    if (!confirmed) return
    try {
      await deleteAccount.mutateAsync(account.id)
      toast.success(`The account “${account.name}” was removed.`)
    } catch (error) {
      toast.error(errorMessage(error))
    }
  }

  return (
    <Container className="divide-y p-0" data-testid="amazon-account">
      <div className="flex flex-wrap items-start justify-between gap-4 px-6 py-4">
        <div className="flex flex-col gap-y-1">
          <div className="flex items-center gap-x-2">
            <Heading level="h2">{account.name}</Heading>
            <ConnectionBadge account={account} />
          </div>
          <Text size="small" className="text-ui-fg-subtle">
            {REGION_LABELS[account.region] ?? account.region} ·{" "}
            {vendor ? `Vendor Central, vendor codes ${account.vendor_codes.join(", ")}` : account.marketplace_ids.map(marketplaceName).join(", ")}
            {account.seller_id ? ` · Seller ${account.seller_id}` : ""}
          </Text>
          {account.last_connection_at && (
            <Text size="small" className="text-ui-fg-subtle" data-testid="amazon-account-connection-message">
              Last checked {formatDateTime(account.last_connection_at)}
              {account.last_connection_message ? `: ${account.last_connection_message}` : "."}
            </Text>
          )}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Button size="small" variant="secondary" onClick={() => setEditing(true)}>
            <PencilSquare />
            Edit
          </Button>
          <Button
            size="small"
            variant="secondary"
            isLoading={testConnection.isPending}
            onClick={() => runAction(testConnection, "The connection test finished.")}
          >
            Test connection
          </Button>
          {vendor && (
            <Button size="small" variant="secondary" isLoading={vendorImport.isPending} onClick={() => runAction(vendorImport, "The purchase order import finished.")}>
              <ArrowPath />
              Import purchase orders
            </Button>
          )}
          {!vendor && <Button
            size="small"
            variant="secondary"
            isLoading={syncNow.isPending}
            disabled={!account.import_orders}
            title={account.import_orders ? undefined : "Order import is switched off for this account."}
            onClick={() => runAction(syncNow, "The order import finished.")}
          >
            <ArrowPath />
            Sync now
          </Button>}
          <Button size="small" variant="transparent" onClick={confirmDelete} aria-label={`Remove ${account.name}`}>
            <Trash />
          </Button>
        </div>
      </div>

      {lastResult && (
        <div className="px-6 py-4">
          <Alert variant={lastResult.ok ? "success" : "error"} dismissible data-testid="amazon-account-action-result">
            {lastResult.sentence}
          </Alert>
        </div>
      )}

      <div>
        <div className="flex items-center justify-between px-6 py-4">
          <Heading level="h3">Recent sync runs</Heading>
          <Link to={`/amazon?account_id=${account.id}`} className="text-ui-fg-interactive txt-compact-small">
            See Amazon orders
          </Link>
        </div>
        <SyncRunsTable accountId={account.id} />
      </div>

      <AccountFormDrawer open={editing} onOpenChange={setEditing} account={account} />
    </Container>
  )
}

function sentenceOf(run: SyncRun, fallback: string): string {
  if (run.status === "waiting") return run.message || "The sync waits for another import of this account to finish; its result appears below."
  if (run.status === "running") return "The sync has started and continues in the background; its result appears below."
  return run.message || fallback
}
