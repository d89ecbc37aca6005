import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { retryDueAmazonTrackingPushesWorkflow } from "../workflows/tracking/retry-due-amazon-tracking-pushes"

/** Sends shipment confirmations whose next attempt is due (back-off is stored per row, so ticking often is cheap). */
export default async function retryAmazonTrackingJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    const { result } = await retryDueAmazonTrackingPushesWorkflow(container).run({ input: {} })
    if (result.attempted.length) {
      logger.info(`Amazon tracking: ${result.confirmed} of ${result.attempted.length} due shipment confirmations accepted by Amazon.`)
    }
  } catch (error) {
    logger.error(`Amazon tracking retry failed: ${(error as Error).message}`)
  }
}

export const config = {
  name: "retry-amazon-tracking",
  schedule: "* * * * *",
}
