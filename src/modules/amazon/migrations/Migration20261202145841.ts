import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202145841 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "amazon_vendor_sscc_counter" drop constraint if exists "amazon_vendor_sscc_counter_account_id_gs1_company_prefix_unique";`);
    this.addSql(`alter table if exists "amazon_vendor_shipment" drop constraint if exists "amazon_vendor_shipment_account_id_shipment_identifier_unique";`);
    this.addSql(`create table if not exists "amazon_vendor_shipment" ("id" text not null, "account_id" text not null, "shipment_identifier" text not null, "status" text check ("status" in ('ready', 'pending', 'sending', 'processing', 'accepted', 'failed')) not null default 'ready', "selling_party_id" text not null, "ship_from_party_id" text not null, "ship_to_party_id" text not null, "shipment_structure" text not null, "shipment_type" text null, "carrier_scac" text null, "bill_of_lading_number" text null, "shipped_at" timestamptz not null, "estimated_delivery_at" timestamptz null, "purchase_order_numbers" text[] not null default '{}', "contents" jsonb not null, "line_quantities" jsonb not null, "payload" jsonb not null, "claim_token" text null, "claimed_at" timestamptz null, "transaction_id" text null, "transaction_status" text null, "submitted_at" timestamptz null, "next_poll_at" timestamptz null, "result_at" timestamptz null, "message" text null, "errors" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "amazon_vendor_shipment_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_vendor_shipment_deleted_at" ON "amazon_vendor_shipment" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_amazon_vendor_shipment_account_id_shipment_identifier_unique" ON "amazon_vendor_shipment" ("account_id", "shipment_identifier") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_vendor_shipment_status_next_poll_at" ON "amazon_vendor_shipment" ("status", "next_poll_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "amazon_vendor_sscc_counter" ("id" text not null, "account_id" text not null, "gs1_company_prefix" text not null, "next_serial" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "amazon_vendor_sscc_counter_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_vendor_sscc_counter_deleted_at" ON "amazon_vendor_sscc_counter" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_amazon_vendor_sscc_counter_account_id_gs1_company_prefix_unique" ON "amazon_vendor_sscc_counter" ("account_id", "gs1_company_prefix") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "amazon_vendor_shipment" cascade;`);

    this.addSql(`drop table if exists "amazon_vendor_sscc_counter" cascade;`);
  }

}
