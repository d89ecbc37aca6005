import { amazonOrdersCreatedRecord, type ReceivedAmazonOrder } from "../../lib/amazon-orders-created-record"

// The plugin as the app installs it (by package name), so the handler lands on the workflow the app runs.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { createMedusaOrdersFromAmazonWorkflow } = require("medusa-plugin-amazon/workflows")

/** Stands in for a store's own logic on imported Amazon orders (the README's example): records what it received. */
createMedusaOrdersFromAmazonWorkflow.hooks.amazonOrdersCreated(async ({ orders }: { orders: ReceivedAmazonOrder[] }) => {
  const record = amazonOrdersCreatedRecord()
  const received = orders.map((order) => ({ ...order }))
  if (record.failWith) {
    record.failed.push(received)
    throw new Error(record.failWith)
  }
  record.calls.push(received)
})
