import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202100719 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "amazon_vendor_purchase_order_line" drop constraint if exists "amazon_vendor_purchase_order_line_purchase_order_id_item_sequence_number_unique";`);
    this.addSql(`alter table if exists "amazon_vendor_purchase_order" drop constraint if exists "amazon_vendor_purchase_order_account_id_purchase_order_number_unique";`);
    this.addSql(`create table if not exists "amazon_vendor_purchase_order" ("id" text not null, "purchase_order_number" text not null, "state" text check ("state" in ('New', 'Acknowledged', 'Closed')) not null, "purchase_order_type" text null, "purchase_order_date" timestamptz not null, "amazon_changed_at" timestamptz null, "state_changed_at" timestamptz null, "selling_party_id" text null, "buying_party_id" text null, "ship_to_party_id" text null, "bill_to_party_id" text null, "window_kind" text check ("window_kind" in ('ship', 'delivery')) null, "window_start" timestamptz null, "window_end" timestamptz null, "currency_code" text null, "cost_total" numeric not null default 0, "acknowledgement_due_at" timestamptz not null, "acknowledged_at" timestamptz null, "changed_after_acknowledgement" boolean not null default false, "change_note" text null, "content_hash" text not null, "first_seen_at" timestamptz not null, "raw" jsonb null, "account_id" text not null, "raw_cost_total" jsonb not null default '{"value":"0","precision":20}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "amazon_vendor_purchase_order_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_vendor_purchase_order_account_id" ON "amazon_vendor_purchase_order" ("account_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_vendor_purchase_order_deleted_at" ON "amazon_vendor_purchase_order" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_amazon_vendor_purchase_order_account_id_purchase_order_number_unique" ON "amazon_vendor_purchase_order" ("account_id", "purchase_order_number") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_vendor_purchase_order_account_id_purchase_order_date" ON "amazon_vendor_purchase_order" ("account_id", "purchase_order_date") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "amazon_vendor_acknowledgement" ("id" text not null, "account_id" text not null, "status" text check ("status" in ('pending', 'sending', 'processing', 'accepted', 'failed')) not null default 'pending', "payload" jsonb not null, "answers" jsonb not null, "claim_token" text null, "claimed_at" timestamptz null, "transaction_id" text null, "transaction_status" text null, "submitted_at" timestamptz null, "next_poll_at" timestamptz null, "result_at" timestamptz null, "message" text null, "errors" jsonb null, "purchase_order_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "amazon_vendor_acknowledgement_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_vendor_acknowledgement_purchase_order_id" ON "amazon_vendor_acknowledgement" ("purchase_order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_vendor_acknowledgement_deleted_at" ON "amazon_vendor_acknowledgement" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_vendor_acknowledgement_status_next_poll_at" ON "amazon_vendor_acknowledgement" ("status", "next_poll_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "amazon_vendor_purchase_order_line" ("id" text not null, "item_sequence_number" text not null, "asin" text null, "vendor_product_id" text null, "ordered_quantity" integer not null, "unit_of_measure" text check ("unit_of_measure" in ('Eaches', 'Cases')) not null default 'Eaches', "unit_size" integer null, "ordered_eaches" integer not null, "is_back_order_allowed" boolean not null default false, "net_cost" numeric null, "list_price" numeric null, "cost" numeric null, "cost_source" text check ("cost_source" in ('net_cost', 'list_price', 'none')) not null default 'net_cost', "cost_note" text null, "currency_code" text null, "variant_id" text null, "variant_sku" text null, "available_quantity" integer null, "match_note" text null, "rejected_once" boolean not null default false, "purchase_order_id" text not null, "raw_net_cost" jsonb null, "raw_list_price" jsonb null, "raw_cost" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "amazon_vendor_purchase_order_line_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_vendor_purchase_order_line_purchase_order_id" ON "amazon_vendor_purchase_order_line" ("purchase_order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_vendor_purchase_order_line_deleted_at" ON "amazon_vendor_purchase_order_line" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_amazon_vendor_purchase_order_line_purchase_order_id_item_sequence_number_unique" ON "amazon_vendor_purchase_order_line" ("purchase_order_id", "item_sequence_number") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "amazon_vendor_purchase_order" add constraint "amazon_vendor_purchase_order_account_id_foreign" foreign key ("account_id") references "amazon_account" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table if exists "amazon_vendor_acknowledgement" add constraint "amazon_vendor_acknowledgement_purchase_order_id_foreign" foreign key ("purchase_order_id") references "amazon_vendor_purchase_order" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table if exists "amazon_vendor_purchase_order_line" add constraint "amazon_vendor_purchase_order_line_purchase_order_id_foreign" foreign key ("purchase_order_id") references "amazon_vendor_purchase_order" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table if exists "amazon_account" add column if not exists "kind" text check ("kind" in ('seller', 'vendor')) not null default 'seller', add column if not exists "vendor_codes" text[] not null default '{}', add column if not exists "vendor_ship_from_party_id" text null, add column if not exists "gs1_company_prefix" text null, add column if not exists "vendor_created_watermark" timestamptz null, add column if not exists "vendor_changed_watermark" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "amazon_vendor_acknowledgement" drop constraint if exists "amazon_vendor_acknowledgement_purchase_order_id_foreign";`);

    this.addSql(`alter table if exists "amazon_vendor_purchase_order_line" drop constraint if exists "amazon_vendor_purchase_order_line_purchase_order_id_foreign";`);

    this.addSql(`drop table if exists "amazon_vendor_purchase_order" cascade;`);

    this.addSql(`drop table if exists "amazon_vendor_acknowledgement" cascade;`);

    this.addSql(`drop table if exists "amazon_vendor_purchase_order_line" cascade;`);

    this.addSql(`alter table if exists "amazon_account" drop column if exists "kind", drop column if exists "vendor_codes", drop column if exists "vendor_ship_from_party_id", drop column if exists "gs1_company_prefix", drop column if exists "vendor_created_watermark", drop column if exists "vendor_changed_watermark";`);
  }

}
