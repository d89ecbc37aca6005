import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { pushAmazonTrackingWorkflow } from "../workflows/tracking/push-amazon-tracking"

/**
 * Fulfillments created with tracking labels already on them (shipping integrations that buy the label when the
 * fulfillment is created) are confirmed to Amazon at once; the workflow skips fulfillments without a tracking
 * number, which are confirmed when they are marked as shipped (shipment.created).
 */
export default async function pushAmazonTrackingOnFulfillment({
  event,
  container,
}: SubscriberArgs<{ order_id: string; fulfillment_id: string; no_notification?: boolean }>) {
  try {
    await pushAmazonTrackingWorkflow(container).run({ input: { fulfillment_id: event.data.fulfillment_id, trigger: "fulfillment" } })
  } catch (error) {
    container.resolve(ContainerRegistrationKeys.LOGGER).error(`Amazon tracking push for fulfillment ${event.data.fulfillment_id} failed: ${(error as Error).message}`)
  }
}

export const config: SubscriberConfig = { event: "order.fulfillment_created" }
