import { Badge, StatusBadge } from "@medusajs/ui"
import type { AmazonAccount, ImportState, SyncRunStatus } from "../lib/api"
import { humanize } from "../lib/format"

type BadgeColor = "green" | "red" | "blue" | "orange" | "grey" | "purple"

const SYNC_RUN_STATUS: Record<SyncRunStatus, { color: BadgeColor; label: string }> = {
  waiting: { color: "grey", label: "Waiting" },
  running: { color: "blue", label: "Running" },
  succeeded: { color: "green", label: "Succeeded" },
  partial: { color: "orange", label: "Partly done" },
  failed: { color: "red", label: "Failed" },
  interrupted: { color: "orange", label: "Interrupted" },
}

export function SyncRunStatusBadge({ status }: { status: SyncRunStatus }) {
  const { color, label } = SYNC_RUN_STATUS[status] ?? { color: "grey", label: humanize(status) }
  return (
    <StatusBadge color={color} className="whitespace-nowrap">
      {label}
    </StatusBadge>
  )
}

export function ConnectionBadge({ account }: { account: AmazonAccount }) {
  if (account.last_connection_ok === null || account.last_connection_ok === undefined) {
    return <StatusBadge color="grey">Not tested yet</StatusBadge>
  }
  return account.last_connection_ok ? (
    <StatusBadge color="green">Connected</StatusBadge>
  ) : (
    <StatusBadge color="red">Not connected</StatusBadge>
  )
}

const IMPORT_STATE: Record<ImportState, { color: BadgeColor; label: string }> = {
  staged: { color: "grey", label: "Waiting" },
  imported: { color: "green", label: "Imported" },
  needs_attention: { color: "red", label: "Needs attention" },
  skipped: { color: "grey", label: "Skipped" },
}

export function ImportStateBadge({ state }: { state: ImportState }) {
  const { color, label } = IMPORT_STATE[state] ?? { color: "grey", label: humanize(state) }
  return (
    <StatusBadge color={color} className="whitespace-nowrap">
      {label}
    </StatusBadge>
  )
}

const ORDER_STATUS_COLOR: Record<string, BadgeColor> = {
  PENDING_AVAILABILITY: "grey",
  PENDING: "grey",
  UNSHIPPED: "orange",
  PARTIALLY_SHIPPED: "blue",
  SHIPPED: "green",
  CANCELLED: "red",
  CANCELED: "red",
  UNFULFILLABLE: "red",
}

export function AmazonOrderStatusBadge({ status }: { status: string }) {
  return (
    <StatusBadge color={ORDER_STATUS_COLOR[status] ?? "grey"} className="whitespace-nowrap">
      {humanize(status)}
    </StatusBadge>
  )
}

export const SUBTYPE_LABELS: Record<string, string> = {
  PRIME: "Prime",
  BUSINESS: "Business",
  BUSINESS_PRIME: "Business Prime",
  SECOND_DAY: "Second day",
  NEXT_DAY: "Next day",
  SAME_DAY: "Same day",
  PREMIUM: "Premium",
  PREORDER: "Pre-order",
  REPLACEMENT: "Replacement",
  // Not an Amazon subtype: marks orders with Amazon Custom personalisation, which a packer must not miss.
  CUSTOM: "Amazon Custom",
}

const SUBTYPE_COLOR: Record<string, BadgeColor> = {
  PRIME: "blue",
  BUSINESS_PRIME: "blue",
  BUSINESS: "purple",
  SECOND_DAY: "orange",
  NEXT_DAY: "orange",
  SAME_DAY: "orange",
  PREMIUM: "orange",
  PREORDER: "grey",
  REPLACEMENT: "grey",
  CUSTOM: "green",
}

export function SubtypeBadges({ subtypes }: { subtypes: string[] | null | undefined }) {
  if (!subtypes?.length) return <span className="text-ui-fg-muted">–</span>
  return (
    <div className="flex flex-wrap gap-1">
      {subtypes.map((subtype) => (
        <Badge key={subtype} size="2xsmall" color={SUBTYPE_COLOR[subtype] ?? "grey"} className="whitespace-nowrap">
          {SUBTYPE_LABELS[subtype] ?? humanize(subtype)}
        </Badge>
      ))}
    </div>
  )
}

export function ChannelBadge({ channel }: { channel: "FBA" | "FBM" }) {
  return (
    <Badge size="2xsmall" color={channel === "FBA" ? "purple" : "grey"} title={channel === "FBA" ? "Fulfilled by Amazon" : "Fulfilled by you (merchant)"}>
      {channel}
    </Badge>
  )
}
