import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202144112 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "amazon_vendor_purchase_order" drop constraint if exists "amazon_vendor_purchase_order_order_id_unique";`);
    this.addSql(`alter table if exists "amazon_vendor_purchase_order" add column if not exists "order_id" text null, add column if not exists "order_acknowledgement_id" text null, add column if not exists "order_placed_emitted_at" timestamptz null, add column if not exists "order_sync_due_at" timestamptz null, add column if not exists "order_note" text null;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_amazon_vendor_purchase_order_order_id_unique" ON "amazon_vendor_purchase_order" ("order_id") WHERE deleted_at IS NULL AND order_id IS NOT NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_amazon_vendor_purchase_order_order_id_unique";`);
    this.addSql(`alter table if exists "amazon_vendor_purchase_order" drop column if exists "order_id", drop column if exists "order_acknowledgement_id", drop column if exists "order_placed_emitted_at", drop column if exists "order_sync_due_at", drop column if exists "order_note";`);
  }

}
