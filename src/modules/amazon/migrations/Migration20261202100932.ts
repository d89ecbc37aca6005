import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261202100932 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "amazon_feed_message" drop constraint if exists "amazon_feed_message_amazon_order_row_id_feed_type_unique";`);
    this.addSql(`create table if not exists "amazon_feed_message" ("id" text not null, "account_id" text not null, "feed_type" text not null, "order_id" text null, "amazon_order_row_id" text not null, "amazon_order_id" text not null, "origin" text check ("origin" in ('admin', 'medusa_cancel', 'buyer_request')) not null default 'admin', "payload" jsonb not null, "cancel_reason" text null, "zero_stock" boolean not null default false, "status" text check ("status" in ('queued', 'batched', 'accepted', 'rejected')) not null default 'queued', "submission_id" text null, "message_id" integer null, "result" jsonb null, "error" text null, "medusa_applied_at" timestamptz null, "medusa_apply_claimed_at" timestamptz null, "medusa_apply_error" text null, "completed_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "amazon_feed_message_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_feed_message_deleted_at" ON "amazon_feed_message" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_amazon_feed_message_amazon_order_row_id_feed_type_unique" ON "amazon_feed_message" ("amazon_order_row_id", "feed_type") WHERE deleted_at IS NULL AND status IN ('queued', 'batched');`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_feed_message_account_id_feed_type_status" ON "amazon_feed_message" ("account_id", "feed_type", "status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_feed_message_submission_id" ON "amazon_feed_message" ("submission_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_feed_message_order_id" ON "amazon_feed_message" ("order_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "amazon_feed_submission" ("id" text not null, "account_id" text not null, "feed_type" text not null, "marketplace_ids" text[] not null default '{}', "status" text check ("status" in ('claimed', 'uploaded', 'creating', 'submitted', 'done', 'fatal', 'cancelled')) not null default 'claimed', "content" text not null, "messages" jsonb not null, "message_count" integer not null default 0, "feed_document_id" text null, "amazon_feed_id" text null, "processing_status" text null, "create_requested_at" timestamptz null, "submitted_at" timestamptz null, "completed_at" timestamptz null, "next_attempt_at" timestamptz null, "attempts" integer not null default 0, "claim_token" text null, "claimed_at" timestamptz null, "result_feed_document_id" text null, "messages_processed" integer null, "messages_successful" integer null, "messages_with_error" integer null, "messages_with_warning" integer null, "document_errors" jsonb null, "last_error_code" text null, "last_error" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "amazon_feed_submission_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_feed_submission_deleted_at" ON "amazon_feed_submission" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_feed_submission_account_id_created_at" ON "amazon_feed_submission" ("account_id", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_feed_submission_status_next_attempt_at" ON "amazon_feed_submission" ("status", "next_attempt_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_feed_submission_amazon_feed_id" ON "amazon_feed_submission" ("amazon_feed_id") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "amazon_account" add column if not exists "medusa_cancel_reason" text not null default 'GeneralAdjustment';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "amazon_feed_message" cascade;`);

    this.addSql(`drop table if exists "amazon_feed_submission" cascade;`);

    this.addSql(`alter table if exists "amazon_account" drop column if exists "medusa_cancel_reason";`);
  }

}
