import type { MedusaContainer } from "@medusajs/framework/types"
import { wakeFeedWorker } from "../workflows/feeds/feed-wakeup"

/**
 * The durable half of the feed queue: whatever a dead process left (queued messages, a half-sent feed, a feed
 * Amazon is processing) is picked up here. AMAZON_FEEDS_SCHEDULE changes the tick (read once at startup).
 */
export default async function processAmazonFeedsJob(container: MedusaContainer) {
  await wakeFeedWorker(container)
}

export const config = {
  name: "process-amazon-feeds",
  schedule: process.env.AMAZON_FEEDS_SCHEDULE || "* * * * *",
}
