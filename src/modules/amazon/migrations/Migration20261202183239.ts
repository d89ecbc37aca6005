import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202183239 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "amazon_vendor_shipment_fulfillment" drop constraint if exists "amazon_vendor_shipment_fulfillment_shipment_id_purchase_order_id_unique";`);
    this.addSql(`create table if not exists "amazon_vendor_shipment_fulfillment" ("id" text not null, "shipment_id" text not null, "purchase_order_id" text not null, "order_id" text null, "status" text check ("status" in ('pending', 'fulfilling', 'done')) not null default 'pending', "claim_token" text null, "claimed_at" timestamptz null, "fulfillment_id" text null, "done_at" timestamptz null, "message" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "amazon_vendor_shipment_fulfillment_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_vendor_shipment_fulfillment_deleted_at" ON "amazon_vendor_shipment_fulfillment" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_amazon_vendor_shipment_fulfillment_shipment_id_purchase_order_id_unique" ON "amazon_vendor_shipment_fulfillment" ("shipment_id", "purchase_order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_vendor_shipment_fulfillment_status" ON "amazon_vendor_shipment_fulfillment" ("status") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "amazon_vendor_shipment" drop constraint if exists "amazon_vendor_shipment_status_check";`);

    this.addSql(`alter table if exists "amazon_vendor_shipment" add column if not exists "send_attempted_at" timestamptz null;`);
    this.addSql(`alter table if exists "amazon_vendor_shipment" add constraint "amazon_vendor_shipment_status_check" check("status" in ('ready', 'pending', 'sending', 'processing', 'accepted', 'failed', 'unknown'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "amazon_vendor_shipment_fulfillment" cascade;`);

    this.addSql(`alter table if exists "amazon_vendor_shipment" drop constraint if exists "amazon_vendor_shipment_status_check";`);

    this.addSql(`alter table if exists "amazon_vendor_shipment" drop column if exists "send_attempted_at";`);

    this.addSql(`alter table if exists "amazon_vendor_shipment" add constraint "amazon_vendor_shipment_status_check" check("status" in ('ready', 'pending', 'sending', 'processing', 'accepted', 'failed'));`);
  }

}
