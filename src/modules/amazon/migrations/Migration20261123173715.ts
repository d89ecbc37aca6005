import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123173715 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "amazon_tracking_push" drop constraint if exists "amazon_tracking_push_amazon_order_row_id_package_reference_id_unique";`);
    this.addSql(`alter table if exists "amazon_tracking_push" drop constraint if exists "amazon_tracking_push_fulfillment_id_unique";`);
    this.addSql(`create table if not exists "amazon_tracking_push" ("id" text not null, "fulfillment_id" text not null, "order_id" text not null, "amazon_order_row_id" text not null, "amazon_order_id" text not null, "account_id" text not null, "marketplace_id" text null, "trigger" text check ("trigger" in ('shipment', 'fulfillment', 'csv_import')) not null, "state" text check ("state" in ('waiting', 'sent', 'confirmed', 'failed')) not null default 'waiting', "package_reference_id" text not null, "carrier_code" text null, "carrier_name" text null, "tracking_number" text null, "ship_date" timestamptz null, "package" jsonb null, "items" jsonb null, "attempts" integer not null default 0, "next_attempt_at" timestamptz null, "claimed_at" timestamptz null, "last_attempt_at" timestamptz null, "confirmed_at" timestamptz null, "last_error_code" text null, "last_error" text null, "amazon_response" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "amazon_tracking_push_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_tracking_push_deleted_at" ON "amazon_tracking_push" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_amazon_tracking_push_fulfillment_id_unique" ON "amazon_tracking_push" ("fulfillment_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_amazon_tracking_push_amazon_order_row_id_package_reference_id_unique" ON "amazon_tracking_push" ("amazon_order_row_id", "package_reference_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_tracking_push_state_next_attempt_at" ON "amazon_tracking_push" ("state", "next_attempt_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_tracking_push_order_id" ON "amazon_tracking_push" ("order_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "amazon_tracking_push" cascade;`);
  }

}
