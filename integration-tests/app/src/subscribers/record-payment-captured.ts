import { appendFileSync } from "node:fs"
import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"

/**
 * Stands in for a store's accounting subscriber on payment.captured: with AMAZON_TEST_PAYMENT_CAPTURED_LOG set,
 * each event's payment id is appended to that file, so a test can count the events across app processes it kills
 * and restarts.
 */
export default async function recordPaymentCaptured({ event }: SubscriberArgs<{ id: string }>) {
  const log = process.env.AMAZON_TEST_PAYMENT_CAPTURED_LOG
  if (log) appendFileSync(log, `${event.data.id}\n`)
}

export const config: SubscriberConfig = { event: "payment.captured" }
