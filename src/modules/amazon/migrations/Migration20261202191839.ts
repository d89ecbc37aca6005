import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202191839 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "amazon_settlement_line" add column if not exists "merchant_adjustment_item_id" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "amazon_settlement_line" drop column if exists "merchant_adjustment_item_id";`);
  }

}
