import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202040528 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "amazon_tracking_push" add column if not exists "payment_captured_amount" numeric null, add column if not exists "payment_capture_state" text check ("payment_capture_state" in ('captured', 'failed', 'not_needed')) null, add column if not exists "payment_capture_attempts" integer not null default 0, add column if not exists "payment_capture_claimed_at" timestamptz null, add column if not exists "payment_capture_error" text null, add column if not exists "raw_payment_captured_amount" jsonb null;`);
    // Rows captured before the capture had its own state: the retry job must not look at them again.
    this.addSql(`update "amazon_tracking_push" set "payment_capture_state" = 'captured' where "payment_captured_at" is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "amazon_tracking_push" drop column if exists "payment_captured_amount", drop column if exists "payment_capture_state", drop column if exists "payment_capture_attempts", drop column if exists "payment_capture_claimed_at", drop column if exists "payment_capture_error", drop column if exists "raw_payment_captured_amount";`);
  }

}
