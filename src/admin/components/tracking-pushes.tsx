import { ArrowPath } from "@medusajs/icons"
import { Button, StatusBadge, toast } from "@medusajs/ui"
import { errorMessage, useRetryTrackingPush, type TrackingPush, type TrackingPushState } from "../lib/api"
import { humanize } from "../lib/format"

// Pieces shared by Amazon → Shipments and the order widget's "Shipment confirmations".

const TRACKING_PUSH_STATE: Record<TrackingPushState, { color: "green" | "red" | "blue" | "orange"; label: string; description: string }> = {
  waiting: { color: "orange", label: "Waiting", description: "Not confirmed yet; Medusa tries again on its own." },
  sent: { color: "blue", label: "Sending", description: "On its way to Amazon." },
  confirmed: { color: "green", label: "Confirmed", description: "Amazon confirmed the shipment." },
  failed: { color: "red", label: "Failed", description: "Amazon refused the shipment; fix the reason, then retry." },
}

export const TRACKING_PUSH_STATE_LABELS: Record<TrackingPushState, string> = {
  waiting: TRACKING_PUSH_STATE.waiting.label,
  sent: TRACKING_PUSH_STATE.sent.label,
  confirmed: TRACKING_PUSH_STATE.confirmed.label,
  failed: TRACKING_PUSH_STATE.failed.label,
}

export function TrackingPushStateBadge({ state }: { state: TrackingPushState }) {
  const { color, label, description } = TRACKING_PUSH_STATE[state] ?? { color: "grey" as const, label: humanize(state), description: "" }
  return (
    <StatusBadge color={color} className="whitespace-nowrap" title={description} data-testid="amazon-tracking-state">
      {label}
    </StatusBadge>
  )
}

/** "UPS", or the carrier's own name when Amazon does not know it ("Other" + name). */
export function carrierLabel(push: Pick<TrackingPush, "carrier_code" | "carrier_name">): string {
  if (push.carrier_code && push.carrier_code !== "Other") return push.carrier_code
  return push.carrier_name || push.carrier_code || "–"
}

/** The carrier's name when it says more than the code (e.g. "UPS" with the name "UPS Ground"). */
export function carrierDetail(push: Pick<TrackingPush, "carrier_code" | "carrier_name">): string | null {
  if (!push.carrier_name || push.carrier_code === "Other" || push.carrier_name === push.carrier_code) return null
  return push.carrier_name
}

export function unitCount(push: Pick<TrackingPush, "items">): number {
  return (push.items ?? []).reduce((sum, item) => sum + (Number(item.quantity) || 0), 0)
}

/** Waiting and failed confirmations can be sent again by hand; confirmed and in-flight ones cannot. */
export function canRetry(push: Pick<TrackingPush, "state">): boolean {
  return push.state === "waiting" || push.state === "failed"
}

/** Sends one confirmation to Amazon now and tells the merchant, in a toast, what Amazon answered. */
export function RetryTrackingPushButton({ push, size = "small" }: { push: TrackingPush; size?: "small" | "base" }) {
  const retry = useRetryTrackingPush()
  const retryNow = async () => {
    try {
      const { tracking_push: updated } = await retry.mutateAsync(push.id)
      const order = `order ${updated.amazon_order_id}`
      if (updated.state === "confirmed") toast.success(`Amazon confirmed the shipment of ${order}.`)
      else if (updated.state === "failed")
        toast.error(`Amazon refused the shipment of ${order}.`, { description: updated.last_error ?? undefined })
      else if (updated.state === "waiting")
        toast.warning(`Amazon has not confirmed the shipment of ${order} yet.`, { description: updated.last_error ?? undefined })
      else toast.info(`The shipment of ${order} is on its way to Amazon.`)
    } catch (error) {
      toast.error(errorMessage(error))
    }
  }
  return (
    <Button size={size} variant="secondary" isLoading={retry.isPending} onClick={retryNow}>
      <ArrowPath />
      Retry
    </Button>
  )
}
