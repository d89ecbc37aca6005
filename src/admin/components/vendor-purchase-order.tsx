import { StatusBadge } from "@medusajs/ui"
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

