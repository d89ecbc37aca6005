import { StatusBadge } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { formatShortDateTime } from "../lib/format"
import type { PurchaseOrderState, VendorPurchaseOrder } from "../lib/vendor-api"

const STATE_COLOR: Record<PurchaseOrderState, "blue" | "green" | "grey"> = { New: "blue", Acknowledged: "green", Closed: "grey" }

export function PurchaseOrderStateBadge({ po }: { po: Pick<VendorPurchaseOrder, "state" | "changed_after_acknowledgement"> }) {
  if (po.changed_after_acknowledgement) return <StatusBadge color="orange">Changed by Amazon</StatusBadge>
  return <StatusBadge color={STATE_COLOR[po.state] ?? "grey"}>{po.state}</StatusBadge>
}

/** "Due in 5 h", "Overdue by 2 h", or when it was answered. */
export function deadlineText(po: Pick<VendorPurchaseOrder, "state" | "acknowledged_at" | "acknowledgement_due_at">, now = Date.now()): string {
  if (po.acknowledged_at) return `Answered ${formatShortDateTime(po.acknowledged_at)}`
  if (po.state === "Closed") return "–"
  const hours = Math.round((new Date(po.acknowledgement_due_at).getTime() - now) / 3_600_000)
  return hours >= 0 ? `Due in ${hours} h (${formatShortDateTime(po.acknowledgement_due_at)})` : `Overdue by ${-hours} h`
}


/** Purchase orders | Shipments: the two lists of Amazon → Vendor. */
export function VendorTabs({ current }: { current: "purchase-orders" | "shipments" }) {
  const tab = (key: typeof current, to: string, label: string) => (
    <Link
      to={to}
      aria-current={current === key ? "page" : undefined}
      className={`txt-compact-small-plus rounded-md px-2 py-1 ${current === key ? "bg-ui-bg-base shadow-elevation-card-rest text-ui-fg-base" : "text-ui-fg-subtle hover:text-ui-fg-base"}`}
    >
      {label}
    </Link>
  )
  return (
    <nav className="bg-ui-bg-subtle flex w-fit gap-1 rounded-lg p-0.5" aria-label="Vendor" data-testid="vendor-tabs">
      {tab("purchase-orders", "/amazon/vendor", "Purchase orders")}
      {tab("shipments", "/amazon/vendor/shipments", "Shipments")}
    </nav>
  )
}
