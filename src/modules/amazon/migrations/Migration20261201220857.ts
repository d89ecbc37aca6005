import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261201220857 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "amazon_tracking_push" add column if not exists "claim_token" text null, add column if not exists "verify_with_amazon" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "amazon_tracking_push" drop column if exists "claim_token", drop column if exists "verify_with_amazon";`);
  }

}
