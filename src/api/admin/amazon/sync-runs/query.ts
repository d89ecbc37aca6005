/** What the admin shows for a sync run: its outcome, counts, problems and heartbeat. */
export const SYNC_RUN_FIELDS = [
  "id",
  "account_id",
  "kind",
  "status",
  "trigger",
  "started_at",
  "finished_at",
  "duration_ms",
  "heartbeat_at",
  "pages",
  "orders_seen",
  "orders_created",
  "orders_updated",
  "orders_parked",
  "api_calls",
  "message",
  "errors",
  "created_at",
  "updated_at",
]

/** GET /admin/amazon/sync-runs: newest first; a caller may ask for fewer fields, never for other ones. */
export const listSyncRunsQueryConfig = {
  defaults: SYNC_RUN_FIELDS,
  allowed: SYNC_RUN_FIELDS,
  isList: true,
}
