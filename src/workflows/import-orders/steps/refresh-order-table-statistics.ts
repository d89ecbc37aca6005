import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { Knex } from "../../../modules/amazon/services/refund-ledger"

export const refreshOrderTableStatisticsStepId = "refresh-order-table-statistics"

/** The tables an import page writes and reads back: Medusa's orders, payments, reservations and customers, and the plugin's own (staging, links). */
const IMPORT_TABLE_PATTERNS = ["order%", "payment%", "capture", "refund", "reservation_item", "customer%", "amazon\\_%"]

/**
 * PostgreSQL plans every query from table statistics, and autovacuum refreshes them only about once a minute. An
 * import fills Medusa's order tables far faster than that (a new store's first backfill starts from empty tables),
 * and with statistics that still say "empty" the order module's read-back of each page becomes a full scan per
 * row, slower with every page. PostgreSQL's advice after a bulk load is to ANALYZE: this does it before a page is
 * created, only for the tables autovacuum itself would analyze next (its own threshold and scale factor), so a
 * store whose statistics are current pays one catalogue read.
 */
export const refreshOrderTableStatisticsStep = createStep(
  refreshOrderTableStatisticsStepId,
  async (input: { orders_to_create: number }, { container }) => {
    if (!input.orders_to_create) return new StepResponse([] as string[])
    const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as unknown as Knex
    const { rows } = await knex.raw(
      `select stats.schemaname as schema_name, stats.relname as table_name
         from pg_stat_user_tables stats
         join pg_class class on class.oid = stats.relid
        where stats.schemaname = current_schema()
          and stats.relname like any (?)
          and stats.n_live_tup > 0
          and (class.reltuples < 0
               or stats.n_mod_since_analyze > current_setting('autovacuum_analyze_threshold')::float
                    + current_setting('autovacuum_analyze_scale_factor')::float * class.reltuples)`,
      [IMPORT_TABLE_PATTERNS]
    )
    const stale = (rows as Array<{ schema_name: string; table_name: string }>).map((row) => `"${row.schema_name}"."${row.table_name.replace(/"/g, '""')}"`)
    // ANALYZE takes no lock that blocks reads or writes, so it is safe beside a running store.
    if (stale.length) await knex.raw(`analyze ${stale.join(", ")}`)
    return new StepResponse(stale)
  }
)
