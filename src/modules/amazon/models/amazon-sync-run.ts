import { model } from "@medusajs/framework/utils"
import { AmazonAccount } from "./amazon-account"

/** What one sync (or connection test) did: shown in admin so a merchant sees counts and errors. */
export const AmazonSyncRun = model
  .define("amazon_sync_run", {
    id: model.id({ prefix: "amzrun" }).primaryKey(),
    kind: model.enum(["connection_test", "order_import", "tracking_push", "settlement_import", "vendor_import"]),
    status: model.enum(["waiting", "running", "succeeded", "partial", "failed", "interrupted"]).default("running"),
    trigger: model.enum(["schedule", "manual", "test"]).default("manual"),
    started_at: model.dateTime(),
    finished_at: model.dateTime().nullable(),
    duration_ms: model.number().nullable(),
    /** Written while the run is waiting or running; a run whose heartbeat is stale belongs to a process that is gone. */
    heartbeat_at: model.dateTime().nullable(),
    pages: model.number().default(0),
    orders_seen: model.number().default(0),
    orders_created: model.number().default(0),
    orders_updated: model.number().default(0),
    orders_parked: model.number().default(0),
    api_calls: model.number().default(0),
    /** A sentence for the merchant summarising the outcome. */
    message: model.text().nullable(),
    /** Problems met during the run: { items: [{ message, amazon_order_id? }] }. */
    errors: model.json().nullable(),
    account: model.belongsTo(() => AmazonAccount, { mappedBy: "sync_runs" }),
  })
  .indexes([{ on: ["account_id", "started_at"] }])
