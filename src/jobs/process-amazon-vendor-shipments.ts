import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { fulfilVendorShipments } from "../workflows/vendor/fulfil-vendor-shipments"
import { processVendorShipmentsWorkflow } from "../workflows/vendor/submit-vendor-shipment"

/**
 * Sends vendor shipment confirmations left pending, settles claims of dead senders and reads Amazon's transaction
 * results; then the shipments Amazon accepted become fulfilments of their POs' Medusa orders.
 */
export default async function processAmazonVendorShipmentsJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    await processVendorShipmentsWorkflow(container).run({ input: {} })
  } catch (error) {
    logger.error(`Amazon vendor shipments: ${(error as Error).message}`)
  }
  try {
    await fulfilVendorShipments(container)
  } catch (error) {
    logger.error(`Amazon vendor shipment fulfilments: ${(error as Error).message}`)
  }
}

export const config = {
  name: "process-amazon-vendor-shipments",
  // AMAZON_VENDOR_SHIPMENTS_SCHEDULE changes the tick (read once at startup; the crash tests use seconds).
  schedule: process.env.AMAZON_VENDOR_SHIPMENTS_SCHEDULE || "* * * * *",
}
