import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202144125 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "amazon_feed_message" drop constraint if exists "amazon_feed_message_refund_id_unique";`);
    this.addSql(`alter table if exists "amazon_feed_message" drop constraint if exists "amazon_feed_message_origin_check";`);

    this.addSql(`alter table if exists "amazon_feed_message" add column if not exists "refund_id" text null;`);
    this.addSql(`alter table if exists "amazon_feed_message" add constraint "amazon_feed_message_origin_check" check("origin" in ('admin', 'medusa_cancel', 'buyer_request', 'medusa_refund', 'medusa_return'));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_amazon_feed_message_refund_id_unique" ON "amazon_feed_message" ("refund_id") WHERE deleted_at IS NULL AND refund_id IS NOT NULL;`);
    // Only cancellations are one-at-a-time per order; refunds of one order may wait side by side.
    this.addSql(`drop index if exists "IDX_amazon_feed_message_amazon_order_row_id_feed_type_unique";`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_amazon_feed_message_amazon_order_row_id_feed_type_unique" ON "amazon_feed_message" ("amazon_order_row_id", "feed_type") WHERE deleted_at IS NULL AND status IN ('queued', 'batched') AND feed_type = 'POST_ORDER_ACKNOWLEDGEMENT_DATA';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_amazon_feed_message_amazon_order_row_id_feed_type_unique";`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_amazon_feed_message_amazon_order_row_id_feed_type_unique" ON "amazon_feed_message" ("amazon_order_row_id", "feed_type") WHERE deleted_at IS NULL AND status IN ('queued', 'batched');`);
    this.addSql(`alter table if exists "amazon_feed_message" drop constraint if exists "amazon_feed_message_origin_check";`);

    this.addSql(`drop index if exists "IDX_amazon_feed_message_refund_id_unique";`);
    this.addSql(`alter table if exists "amazon_feed_message" drop column if exists "refund_id";`);

    this.addSql(`alter table if exists "amazon_feed_message" add constraint "amazon_feed_message_origin_check" check("origin" in ('admin', 'medusa_cancel', 'buyer_request'));`);
  }

}
