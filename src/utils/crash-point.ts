/**
 * Named instants at which the crash tests kill the process, to prove that whatever instant a real process dies
 * at, a restart neither repeats nor loses an effect (an order, a link, a reservation, a shipment confirmation, a payment capture, a refund).
 */
export const CRASH_POINTS = [
  "before-create-orders",
  "after-create-orders",
  "after-links",
  "after-reservations",
  "after-payment-collections",
  "after-payment-links",
  "after-fulfillments",
  "after-fulfillment-links",
  "after-fulfillment-changes",
  "after-mark",
  "after-emit",
  "mid-page-loop",
  "before-confirm-shipment",
  "after-confirm-shipment",
  "after-record-outcome",
  "before-capture",
  "after-capture",
  "after-capture-transaction",
  // The feed queue (cancellations): see src/modules/amazon/services/feed-worker.ts.
  "after-claim",
  "after-create-feed-document",
  "after-upload",
  "after-create-feed",
  "after-result",
  "after-feed-cancel-order",
  // A refund of an Amazon payment: Medusa's refund row is committed, the adjustment message not yet queued / just
  // queued (src/providers/amazon-payment/service.ts; the feed job's sweep queues what a dead process did not).
  "before-queue-refund-adjustment",
  "after-queue-refund-adjustment",
  "before-submit-acknowledgement",
  "after-submit-acknowledgement",
  // A vendor PO's Medusa order: see src/workflows/vendor/create-medusa-order-from-vendor-purchase-order.ts.
  "after-create-vendor-order",
  "before-emit-vendor-order-placed",
  "before-submit-shipment-confirmation",
  "after-submit-shipment-confirmation",
  // A shipment's quantities as a Medusa fulfilment: see src/workflows/vendor/fulfil-vendor-shipments.ts.
  "after-vendor-fulfillment",
] as const

export type CrashPoint = (typeof CRASH_POINTS)[number]

/**
 * Kills this process with SIGKILL (as `kill -9` would: no exit handlers, no flushing) when
 * AMAZON_PLUGIN_CRASH_AT names this point. Without that variable it does nothing; it is meant for tests only.
 */
export function crashPoint(point: CrashPoint): void {
  const wanted = process.env.AMAZON_PLUGIN_CRASH_AT
  if (!wanted || !wanted.split(",").map((name) => name.trim()).includes(point)) return
  process.kill(process.pid, "SIGKILL")
}
