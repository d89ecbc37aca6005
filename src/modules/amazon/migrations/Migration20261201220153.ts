import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261201220153 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "amazon_order" add column if not exists "raw_order_total" jsonb null;`);
    this.addSql(`alter table if exists "amazon_order" alter column "order_total" type numeric using ("order_total"::numeric);`);

    this.addSql(`alter table if exists "amazon_order_item" add column if not exists "raw_unit_price" jsonb null, add column if not exists "raw_item_price" jsonb null, add column if not exists "raw_item_tax" jsonb null;`);
    this.addSql(`alter table if exists "amazon_order_item" alter column "unit_price" type numeric using ("unit_price"::numeric);`);
    this.addSql(`alter table if exists "amazon_order_item" alter column "item_price" type numeric using ("item_price"::numeric);`);
    this.addSql(`alter table if exists "amazon_order_item" alter column "item_tax" type numeric using ("item_tax"::numeric);`);

    // Rows staged before money became bigNumber get the raw_ value Medusa reads exact amounts from.
    this.addSql(`update "amazon_order" set "raw_order_total" = jsonb_build_object('value', "order_total"::text, 'precision', 20) where "order_total" is not null and "raw_order_total" is null;`);
    this.addSql(`update "amazon_order_item" set "raw_unit_price" = case when "unit_price" is null then null else jsonb_build_object('value', "unit_price"::text, 'precision', 20) end, "raw_item_price" = case when "item_price" is null then null else jsonb_build_object('value', "item_price"::text, 'precision', 20) end, "raw_item_tax" = case when "item_tax" is null then null else jsonb_build_object('value', "item_tax"::text, 'precision', 20) end;`);

    this.addSql(`alter table if exists "amazon_tracking_push" add constraint "amazon_tracking_push_amazon_order_row_id_foreign" foreign key ("amazon_order_row_id") references "amazon_order" ("id") on update cascade on delete cascade;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_tracking_push_amazon_order_row_id" ON "amazon_tracking_push" ("amazon_order_row_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "amazon_tracking_push" drop constraint if exists "amazon_tracking_push_amazon_order_row_id_foreign";`);

    this.addSql(`alter table if exists "amazon_order" drop column if exists "raw_order_total";`);

    this.addSql(`alter table if exists "amazon_order" alter column "order_total" type text using ("order_total"::text);`);

    this.addSql(`alter table if exists "amazon_order_item" drop column if exists "raw_unit_price", drop column if exists "raw_item_price", drop column if exists "raw_item_tax";`);

    this.addSql(`alter table if exists "amazon_order_item" alter column "unit_price" type text using ("unit_price"::text);`);
    this.addSql(`alter table if exists "amazon_order_item" alter column "item_price" type text using ("item_price"::text);`);
    this.addSql(`alter table if exists "amazon_order_item" alter column "item_tax" type text using ("item_tax"::text);`);

    this.addSql(`drop index if exists "IDX_amazon_tracking_push_amazon_order_row_id";`);
  }

}
