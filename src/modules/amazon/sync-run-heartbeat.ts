/**
 * A run whose heartbeat is older than this belongs to a process that is gone (killed, crashed, redeployed):
 * several missed beats, so that a busy event loop is not mistaken for a dead process.
 */
export const SYNC_RUN_STALE_AFTER_SECONDS = Number(process.env.AMAZON_PLUGIN_SYNC_RUN_STALE_SECONDS) || 30

/** How often a waiting or running sync run writes its heartbeat: several beats fit in the stale window. */
export const SYNC_RUN_HEARTBEAT_SECONDS = Math.min(5, SYNC_RUN_STALE_AFTER_SECONDS / 5)

export type SyncRunProgress = {
  pages?: number
  orders_seen?: number
  orders_created?: number
  orders_updated?: number
  orders_parked?: number
  api_calls?: number
}

export function isStale(run: { heartbeat_at: Date | string | null; started_at: Date | string }, now = new Date()): boolean {
  const last = new Date(run.heartbeat_at ?? run.started_at).getTime()
  return now.getTime() - last > SYNC_RUN_STALE_AFTER_SECONDS * 1000
}

/** The sentence an interrupted run keeps: what it had done before its process went away. */
export function interruptedMessage(run: SyncRunProgress & { status: string }): string {
  const done =
    run.status === "waiting"
      ? "while it was waiting for another import"
      : `after ${run.pages ?? 0} page(s): ${run.orders_seen ?? 0} order(s) read, ${run.orders_created ?? 0} new Medusa order(s), ${run.orders_parked ?? 0} needing attention`
  return `The process running this import stopped ${done}. Orders stored before that are kept; the next run continues from the same point and completes any half-made order.`
}
