import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261201224400 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "amazon_tracking_push" add column if not exists "payment_captured_at" timestamptz null, add column if not exists "payment_capture_id" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "amazon_tracking_push" drop column if exists "payment_captured_at", drop column if exists "payment_capture_id";`);
  }

}
