import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202100624 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "amazon_settlement_report" drop constraint if exists "amazon_settlement_report_account_id_report_id_unique";`);
    this.addSql(`alter table if exists "amazon_settlement_order" drop constraint if exists "amazon_settlement_order_settlement_row_id_amazon_order_id_unique";`);
    this.addSql(`alter table if exists "amazon_settlement" drop constraint if exists "amazon_settlement_account_id_settlement_id_unique";`);
    this.addSql(`alter table if exists "amazon_provisional_payout" drop constraint if exists "amazon_provisional_payout_account_id_transaction_id_unique";`);
    this.addSql(`create table if not exists "amazon_provisional_payout" ("id" text not null, "account_id" text not null, "transaction_id" text not null, "transaction_type" text not null, "amazon_order_id" text not null, "posted_date" timestamptz not null, "currency_code" text not null, "total_amount" numeric not null, "fees_total" numeric not null, "financial_event_group_id" text null, "raw_total_amount" jsonb not null, "raw_fees_total" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "amazon_provisional_payout_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_provisional_payout_deleted_at" ON "amazon_provisional_payout" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_amazon_provisional_payout_account_id_transaction_id_unique" ON "amazon_provisional_payout" ("account_id", "transaction_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_provisional_payout_account_id_amazon_order_id" ON "amazon_provisional_payout" ("account_id", "amazon_order_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "amazon_settlement" ("id" text not null, "account_id" text not null, "settlement_id" text not null, "report_id" text not null, "marketplace_name" text null, "start_date" timestamptz not null, "end_date" timestamptz not null, "deposit_date" timestamptz null, "currency_code" text not null, "total_amount" numeric not null, "other_amount" numeric not null, "line_count" integer not null, "order_count" integer not null default 0, "content_hash" text not null, "status" text check ("status" in ('imported', 'reconciled', 'mismatches')) not null default 'imported', "mismatch_count" integer not null default 0, "unknown_order_count" integer not null default 0, "raw_total_amount" jsonb not null, "raw_other_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "amazon_settlement_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_settlement_deleted_at" ON "amazon_settlement" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_amazon_settlement_account_id_settlement_id_unique" ON "amazon_settlement" ("account_id", "settlement_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_settlement_deposit_date" ON "amazon_settlement" ("deposit_date") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "amazon_settlement_line" ("id" text not null, "settlement_row_id" text not null, "line" integer not null, "transaction_type" text not null, "amazon_order_id" text null, "adjustment_id" text null, "amount_type" text null, "amount_description" text null, "amount" numeric not null, "posted_date" timestamptz null, "sku" text null, "order_item_code" text null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "amazon_settlement_line_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_settlement_line_deleted_at" ON "amazon_settlement_line" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_settlement_line_settlement_row_id_amazon_order_id" ON "amazon_settlement_line" ("settlement_row_id", "amazon_order_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "amazon_settlement_order" ("id" text not null, "settlement_row_id" text not null, "account_id" text not null, "settlement_id" text not null, "amazon_order_id" text not null, "currency_code" text not null, "deposit_date" timestamptz null, "principal" numeric not null, "tax" numeric not null, "shipping" numeric not null, "promotion" numeric not null, "withheld_tax" numeric not null, "charged" numeric not null, "fees_total" numeric not null, "fees" jsonb null, "refunds" numeric not null, "other" numeric not null, "net" numeric not null, "order_id" text null, "captured_amount" numeric null, "difference" numeric null, "reconciliation" text check ("reconciliation" in ('pending', 'matched', 'mismatch', 'unknown_order')) not null default 'pending', "amazon_refunds" jsonb null, "raw_principal" jsonb not null, "raw_tax" jsonb not null, "raw_shipping" jsonb not null, "raw_promotion" jsonb not null, "raw_withheld_tax" jsonb not null, "raw_charged" jsonb not null, "raw_fees_total" jsonb not null, "raw_refunds" jsonb not null, "raw_other" jsonb not null, "raw_net" jsonb not null, "raw_captured_amount" jsonb null, "raw_difference" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "amazon_settlement_order_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_settlement_order_deleted_at" ON "amazon_settlement_order" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_amazon_settlement_order_settlement_row_id_amazon_order_id_unique" ON "amazon_settlement_order" ("settlement_row_id", "amazon_order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_settlement_order_account_id_amazon_order_id" ON "amazon_settlement_order" ("account_id", "amazon_order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_settlement_order_order_id" ON "amazon_settlement_order" ("order_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "amazon_settlement_report" ("id" text not null, "account_id" text not null, "report_id" text not null, "report_document_id" text not null, "created_time" timestamptz not null, "state" text check ("state" in ('imported', 'rejected')) not null, "settlement_id" text null, "message" text null, "attempts" integer not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "amazon_settlement_report_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_settlement_report_deleted_at" ON "amazon_settlement_report" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_amazon_settlement_report_account_id_report_id_unique" ON "amazon_settlement_report" ("account_id", "report_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "amazon_provisional_payout" cascade;`);

    this.addSql(`drop table if exists "amazon_settlement" cascade;`);

    this.addSql(`drop table if exists "amazon_settlement_line" cascade;`);

    this.addSql(`drop table if exists "amazon_settlement_order" cascade;`);

    this.addSql(`drop table if exists "amazon_settlement_report" cascade;`);
  }

}
