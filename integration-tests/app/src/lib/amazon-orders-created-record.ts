export type ReceivedAmazonOrder = { order_id: string; amazon_order_id: string; account_id: string; fulfillment_channel: "FBM" | "FBA" }

export type AmazonOrdersCreatedRecord = {
  /** One entry per call that returned, with the orders it received. */
  calls: ReceivedAmazonOrder[][]
  /** Calls that threw because a test asked for it. */
  failed: ReceivedAmazonOrder[][]
  /** When set, the handler throws an error with this message: a test's stand-in for a store's failing logic. */
  failWith: string | null
}

/**
 * What the test app's amazonOrdersCreated hook handler received. Apart from the handler so that a test reads it
 * without loading the plugin's workflows a second time; on globalThis for the same reason as record-order-placed's
 * events.
 */
export function amazonOrdersCreatedRecord(): AmazonOrdersCreatedRecord {
  const holder = globalThis as unknown as { __amazonOrdersCreatedHook?: AmazonOrdersCreatedRecord }
  holder.__amazonOrdersCreatedHook ??= { calls: [], failed: [], failWith: null }
  return holder.__amazonOrdersCreatedHook
}
