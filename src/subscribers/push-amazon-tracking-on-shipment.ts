import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { pushAmazonTrackingWorkflow } from "../workflows/tracking/push-amazon-tracking"

/** shipment.created carries the fulfillment's id: confirm that shipment to Amazon if it belongs to an Amazon order. */
export default async function pushAmazonTrackingOnShipment({ event, container }: SubscriberArgs<{ id: string; no_notification?: boolean }>) {
  try {
    await pushAmazonTrackingWorkflow(container).run({ input: { fulfillment_id: event.data.id, trigger: "shipment" } })
  } catch (error) {
    // The outbox row (if any was written) keeps the state; the retry job picks it up.
    container.resolve(ContainerRegistrationKeys.LOGGER).error(`Amazon tracking push for fulfillment ${event.data.id} failed: ${(error as Error).message}`)
  }
}

export const config: SubscriberConfig = { event: "shipment.created" }
