import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261201220010 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "amazon_sync_run" drop constraint if exists "amazon_sync_run_status_check";`);

    this.addSql(`alter table if exists "amazon_order" add column if not exists "intended_order_id" text null, add column if not exists "order_placed_emitted_at" timestamptz null;`);

    this.addSql(`alter table if exists "amazon_sync_run" add column if not exists "heartbeat_at" timestamptz null;`);
    this.addSql(`alter table if exists "amazon_sync_run" add constraint "amazon_sync_run_status_check" check("status" in ('waiting', 'running', 'succeeded', 'partial', 'failed', 'interrupted'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "amazon_sync_run" drop constraint if exists "amazon_sync_run_status_check";`);

    this.addSql(`alter table if exists "amazon_order" drop column if exists "intended_order_id", drop column if exists "order_placed_emitted_at";`);

    this.addSql(`alter table if exists "amazon_sync_run" drop column if exists "heartbeat_at";`);

    this.addSql(`alter table if exists "amazon_sync_run" add constraint "amazon_sync_run_status_check" check("status" in ('running', 'succeeded', 'partial', 'failed'));`);
  }

}
