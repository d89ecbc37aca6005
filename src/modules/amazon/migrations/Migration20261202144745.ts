import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202144745 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "amazon_unsettled_order" drop constraint if exists "amazon_unsettled_order_account_id_amazon_order_id_unique";`);
    this.addSql(`create table if not exists "amazon_unsettled_order" ("id" text not null, "account_id" text not null, "amazon_order_id" text not null, "order_id" text not null, "currency_code" text not null, "captured_amount" numeric not null, "shipped_at" timestamptz not null, "expected_settlement_row_id" text not null, "expected_settlement_id" text not null, "settled_in_settlement_id" text null, "settled_at" timestamptz null, "raw_captured_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "amazon_unsettled_order_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_unsettled_order_deleted_at" ON "amazon_unsettled_order" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_amazon_unsettled_order_account_id_amazon_order_id_unique" ON "amazon_unsettled_order" ("account_id", "amazon_order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_unsettled_order_expected_settlement_row_id" ON "amazon_unsettled_order" ("expected_settlement_row_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_unsettled_order_order_id" ON "amazon_unsettled_order" ("order_id") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "amazon_settlement" add column if not exists "unpaid_order_count" integer not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "amazon_unsettled_order" cascade;`);

    this.addSql(`alter table if exists "amazon_settlement" drop column if exists "unpaid_order_count";`);
  }

}
