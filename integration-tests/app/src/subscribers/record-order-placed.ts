import { appendFileSync } from "node:fs"
import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"

/**
 * Stands in for a store's ERP subscriber: records every order.placed the app emits, so tests can check that
 * imported Amazon orders reach existing subscribers. Kept on globalThis because the test file and the app
 * (running in the same process) may load this module through different module registries. With
 * AMAZON_TEST_ORDER_PLACED_LOG set, each event is also appended to that file, so a test can count events across
 * app processes it kills and restarts.
 */
export function orderPlacedEvents(): Array<{ id: string }> {
  const holder = globalThis as unknown as { __orderPlacedEvents?: Array<{ id: string }> }
  holder.__orderPlacedEvents ??= []
  return holder.__orderPlacedEvents
}

export default async function recordOrderPlaced({ event }: SubscriberArgs<{ id: string }>) {
  orderPlacedEvents().push(event.data)
  const log = process.env.AMAZON_TEST_ORDER_PLACED_LOG
  if (log) appendFileSync(log, `${event.data.id}\n`)
}

export const config: SubscriberConfig = { event: "order.placed" }
