import { model } from "@medusajs/framework/utils"

/**
 * One XML feed sent (or being sent) to Amazon: a batch of queued feed messages of one account and feed type.
 *
 * The row is written, with its messages claimed and its XML built, BEFORE anything goes to Amazon, and every step
 * after that is recorded on it, so a process that dies anywhere leaves a row the next worker finishes:
 *  - claimed:  messages assigned, `content` built; no document yet.
 *  - uploaded: the content is in feed document `feed_document_id` (a document no feed names is dropped by Amazon).
 *  - creating: createFeed was (or is being) called. A worker that finds it so after the sender's lease expired
 *              asks Amazon (getFeeds) whether the feed exists before calling createFeed again.
 *  - submitted: Amazon's feed `amazon_feed_id` exists; polled with getFeed until it is final.
 *  - done / fatal / cancelled: Amazon's final status; the processing report is recorded on the messages.
 */
export const AmazonFeedSubmission = model
  .define("amazon_feed_submission", {
    id: model.id({ prefix: "amzfeed" }).primaryKey(),
    account_id: model.text(),
    feed_type: model.text(),
    marketplace_ids: model.array().default([]),
    status: model.enum(["claimed", "uploaded", "creating", "submitted", "done", "fatal", "cancelled"]).default("claimed"),
    /** The feed document's bytes (XML), kept so that an upload repeated after a crash sends the same messages. */
    content: model.text(),
    /** [{ messageId, amazonOrderId, orderItemIds, feed_message_id }]: how the report's MessageIDs map back. */
    messages: model.json(),
    message_count: model.number().default(0),
    feed_document_id: model.text().nullable(),
    amazon_feed_id: model.text().nullable(),
    processing_status: model.text().nullable(),
    /** When createFeed was first called: the window getFeeds is searched in after a lost answer. */
    create_requested_at: model.dateTime().nullable(),
    submitted_at: model.dateTime().nullable(),
    completed_at: model.dateTime().nullable(),
    next_attempt_at: model.dateTime().nullable(),
    attempts: model.number().default(0),
    /** A worker's lease on the row; another worker takes it over only once it is older than the lease time. */
    claim_token: model.text().nullable(),
    claimed_at: model.dateTime().nullable(),
    result_feed_document_id: model.text().nullable(),
    messages_processed: model.number().nullable(),
    messages_successful: model.number().nullable(),
    messages_with_error: model.number().nullable(),
    messages_with_warning: model.number().nullable(),
    /** Results about the document as a whole (MessageID 0 or unknown). */
    document_errors: model.json().nullable(),
    last_error_code: model.text().nullable(),
    /** A sentence for the merchant: what went wrong with this feed, and what happens next. */
    last_error: model.text().nullable(),
  })
  .indexes([{ on: ["account_id", "created_at"] }, { on: ["status", "next_attempt_at"] }, { on: ["amazon_feed_id"] }])
