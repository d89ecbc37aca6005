import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202102845 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "amazon_cancellation_request" drop constraint if exists "amazon_cancellation_request_amazon_order_row_id_unique";`);
    this.addSql(`create table if not exists "amazon_cancellation_request" ("id" text not null, "account_id" text not null, "amazon_order_row_id" text not null, "amazon_order_id" text not null, "requester" text not null default 'BUYER', "reason" text null, "requested_at" timestamptz not null, "respond_by" timestamptz not null, "status" text check ("status" in ('open', 'accepted', 'declined', 'closed')) not null default 'open', "resolved_at" timestamptz null, "feed_message_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "amazon_cancellation_request_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_cancellation_request_deleted_at" ON "amazon_cancellation_request" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_amazon_cancellation_request_amazon_order_row_id_unique" ON "amazon_cancellation_request" ("amazon_order_row_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_cancellation_request_status_respond_by" ON "amazon_cancellation_request" ("status", "respond_by") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "amazon_cancellation_request" cascade;`);
  }

}
