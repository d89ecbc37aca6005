import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { cancelAmazonOrderWorkflow } from "../workflows/cancellation/cancel-amazon-order"

/**
 * Medusa's own Cancel button on an Amazon order: Amazon is told too (with the account's "reason when cancelled
 * in Medusa"), so that the two never disagree in silence. When Amazon may no longer cancel (shipped, cancelled
 * there already) nothing is sent; when Amazon refuses, the order widget shows Amazon's reason. An order the
 * plugin cancelled because Amazon accepted a cancellation already has its accepted message: nothing is sent.
 */
export default async function tellAmazonOnOrderCanceled({ event, container }: SubscriberArgs<{ id: string }>) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    await cancelAmazonOrderWorkflow(container).run({ input: { order_id: event.data.id, origin: "medusa_cancel" } })
  } catch (error) {
    logger.error(`Amazon: the cancellation of order ${event.data.id} could not be queued for Amazon: ${(error as Error).message}`)
  }
}

export const config: SubscriberConfig = { event: "order.canceled" }
