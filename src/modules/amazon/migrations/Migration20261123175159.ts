import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123175159 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "amazon_tracking_push" drop constraint if exists "amazon_tracking_push_amazon_order_row_id_package_reference_id_unique";`);
    this.addSql(`alter table if exists "amazon_tracking_push" drop constraint if exists "amazon_tracking_push_fulfillment_id_unique";`);
    this.addSql(`alter table if exists "amazon_order_item" drop constraint if exists "amazon_order_item_order_id_order_item_id_unique";`);
    this.addSql(`alter table if exists "amazon_order" drop constraint if exists "amazon_order_account_id_amazon_order_id_unique";`);
    this.addSql(`create table if not exists "amazon_account" ("id" text not null, "name" text not null, "seller_id" text null, "region" text check ("region" in ('na', 'eu', 'fe')) not null default 'na', "marketplace_ids" text[] not null default '{}', "lwa_client_id" text not null, "lwa_client_secret_encrypted" text not null, "refresh_token_encrypted" text not null, "api_endpoint" text null, "token_endpoint" text null, "orders_api_version" text not null default '2026-01-01', "customer_mode" text check ("customer_mode" in ('guest', 'create')) not null default 'guest', "sales_channel_id" text null, "region_by_marketplace" jsonb not null default '{}', "shipping_option_id" text null, "stock_location_id" text null, "import_orders" boolean not null default true, "import_fba" boolean not null default true, "push_tracking" boolean not null default true, "import_settlements" boolean not null default false, "vendor_enabled" boolean not null default false, "import_interval_minutes" integer not null default 5, "zero_stock_on_no_inventory_cancel" boolean not null default false, "orders_watermark" timestamptz null, "last_connection_ok" boolean null, "last_connection_message" text null, "last_connection_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "amazon_account_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_account_deleted_at" ON "amazon_account" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "amazon_order" ("id" text not null, "amazon_order_id" text not null, "marketplace_id" text null, "sales_channel_name" text null, "status" text not null, "fulfillment_channel" text check ("fulfillment_channel" in ('FBM', 'FBA')) not null, "subtypes" text[] not null default '{}', "is_prime" boolean not null default false, "is_business" boolean not null default false, "ship_service_level" text null, "currency_code" text null, "order_total" text null, "buyer_email" text null, "buyer_name" text null, "purchase_date" timestamptz not null, "first_seen_at" timestamptz not null, "last_update_date" timestamptz not null, "latest_ship_date" timestamptz null, "buyer_cancel_requested" boolean not null default false, "buyer_cancel_reason" text null, "has_customization" boolean not null default false, "import_state" text check ("import_state" in ('staged', 'imported', 'needs_attention', 'skipped')) not null default 'staged', "attention_reason" text null, "snapshot" jsonb not null, "raw" jsonb null, "account_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "amazon_order_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_order_account_id" ON "amazon_order" ("account_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_order_deleted_at" ON "amazon_order" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_amazon_order_account_id_amazon_order_id_unique" ON "amazon_order" ("account_id", "amazon_order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_order_import_state" ON "amazon_order" ("import_state") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_order_status" ON "amazon_order" ("status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_order_purchase_date" ON "amazon_order" ("purchase_date") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "amazon_order_item" ("id" text not null, "order_item_id" text not null, "seller_sku" text null, "asin" text null, "title" text null, "quantity_ordered" integer not null, "quantity_shipped" integer not null default 0, "unit_price" text null, "item_price" text null, "item_tax" text null, "customization_url" text null, "customization_text" text null, "line_item_id" text null, "order_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "amazon_order_item_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_order_item_order_id" ON "amazon_order_item" ("order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_order_item_deleted_at" ON "amazon_order_item" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_amazon_order_item_order_id_order_item_id_unique" ON "amazon_order_item" ("order_id", "order_item_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "amazon_sync_run" ("id" text not null, "kind" text check ("kind" in ('connection_test', 'order_import', 'tracking_push', 'settlement_import', 'vendor_import')) not null, "status" text check ("status" in ('running', 'succeeded', 'partial', 'failed')) not null default 'running', "trigger" text check ("trigger" in ('schedule', 'manual', 'test')) not null default 'manual', "started_at" timestamptz not null, "finished_at" timestamptz null, "duration_ms" integer null, "pages" integer not null default 0, "orders_seen" integer not null default 0, "orders_created" integer not null default 0, "orders_updated" integer not null default 0, "orders_parked" integer not null default 0, "api_calls" integer not null default 0, "message" text null, "errors" jsonb null, "account_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "amazon_sync_run_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_sync_run_account_id" ON "amazon_sync_run" ("account_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_sync_run_deleted_at" ON "amazon_sync_run" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_sync_run_account_id_started_at" ON "amazon_sync_run" ("account_id", "started_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "amazon_tracking_push" ("id" text not null, "fulfillment_id" text not null, "order_id" text not null, "amazon_order_row_id" text not null, "amazon_order_id" text not null, "account_id" text not null, "marketplace_id" text null, "trigger" text check ("trigger" in ('shipment', 'fulfillment', 'csv_import')) not null, "state" text check ("state" in ('waiting', 'sent', 'confirmed', 'failed')) not null default 'waiting', "package_reference_id" text not null, "carrier_code" text null, "carrier_name" text null, "tracking_number" text null, "ship_date" timestamptz null, "package" jsonb null, "items" jsonb null, "attempts" integer not null default 0, "next_attempt_at" timestamptz null, "claimed_at" timestamptz null, "last_attempt_at" timestamptz null, "confirmed_at" timestamptz null, "last_error_code" text null, "last_error" text null, "amazon_response" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "amazon_tracking_push_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_tracking_push_deleted_at" ON "amazon_tracking_push" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_amazon_tracking_push_fulfillment_id_unique" ON "amazon_tracking_push" ("fulfillment_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_amazon_tracking_push_amazon_order_row_id_package_reference_id_unique" ON "amazon_tracking_push" ("amazon_order_row_id", "package_reference_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_tracking_push_state_next_attempt_at" ON "amazon_tracking_push" ("state", "next_attempt_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_tracking_push_order_id" ON "amazon_tracking_push" ("order_id") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "amazon_order" add constraint "amazon_order_account_id_foreign" foreign key ("account_id") references "amazon_account" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table if exists "amazon_order_item" add constraint "amazon_order_item_order_id_foreign" foreign key ("order_id") references "amazon_order" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table if exists "amazon_sync_run" add constraint "amazon_sync_run_account_id_foreign" foreign key ("account_id") references "amazon_account" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "amazon_order" drop constraint if exists "amazon_order_account_id_foreign";`);

    this.addSql(`alter table if exists "amazon_sync_run" drop constraint if exists "amazon_sync_run_account_id_foreign";`);

    this.addSql(`alter table if exists "amazon_order_item" drop constraint if exists "amazon_order_item_order_id_foreign";`);

    this.addSql(`drop table if exists "amazon_account" cascade;`);

    this.addSql(`drop table if exists "amazon_order" cascade;`);

    this.addSql(`drop table if exists "amazon_order_item" cascade;`);

    this.addSql(`drop table if exists "amazon_sync_run" cascade;`);

    this.addSql(`drop table if exists "amazon_tracking_push" cascade;`);
  }

}
