import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { PaymentEvents } from "@medusajs/framework/utils"
import { wakeFeedWorker } from "../workflows/feeds/feed-wakeup"

/**
 * Medusa emits payment.refunded when its refund workflow has finished, order transaction included: the moment a
 * refund's queued adjustment may go to Amazon (it waits for that transaction), so the feed worker is woken for it.
 */
export default async function sendAmazonRefundOnPaymentRefunded({ container }: SubscriberArgs<{ id: string }>) {
  await wakeFeedWorker(container)
}

export const config: SubscriberConfig = { event: PaymentEvents.REFUNDED }
