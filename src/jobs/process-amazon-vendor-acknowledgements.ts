import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { processVendorAcknowledgementsWorkflow } from "../workflows/vendor/process-vendor-acknowledgements"
import { syncVendorPurchaseOrderOrders } from "../workflows/vendor/sync-vendor-purchase-order-orders"

/**
 * Sends vendor acknowledgements left pending, settles claims of dead senders and reads Amazon's transaction results;
 * then the POs whose answer Amazon took (or that Amazon changed) get their Medusa order made or edited.
 */
export default async function processAmazonVendorAcknowledgementsJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    await processVendorAcknowledgementsWorkflow(container).run({ input: {} })
  } catch (error) {
    logger.error(`Amazon vendor acknowledgements: ${(error as Error).message}`)
  }
  try {
    await syncVendorPurchaseOrderOrders(container)
  } catch (error) {
    logger.error(`Amazon vendor orders: ${(error as Error).message}`)
  }
}

export const config = {
  name: "process-amazon-vendor-acknowledgements",
  // AMAZON_VENDOR_ACKNOWLEDGEMENTS_SCHEDULE changes the tick (read once at startup; the crash tests use seconds).
  schedule: process.env.AMAZON_VENDOR_ACKNOWLEDGEMENTS_SCHEDULE || "* * * * *",
}
