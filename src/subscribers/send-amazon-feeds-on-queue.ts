import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { AMAZON_FEED_QUEUED_EVENT } from "../workflows/cancellation/cancel-amazon-order"
import { wakeFeedWorker } from "../workflows/feeds/feed-wakeup"

/** A message was queued: the first of a quiet account goes out at once, later ones join the next feed. */
export default async function sendAmazonFeedsOnQueue({ container }: SubscriberArgs<{ id: string }>) {
  await wakeFeedWorker(container)
}

export const config: SubscriberConfig = { event: AMAZON_FEED_QUEUED_EVENT }
