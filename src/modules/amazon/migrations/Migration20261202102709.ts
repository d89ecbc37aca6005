import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202102709 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "amazon_tracking_push" add column if not exists "payment_capture_next_attempt_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "amazon_tracking_push" drop column if exists "payment_capture_next_attempt_at";`);
  }

}
