import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { processVendorAcknowledgementsWorkflow } from "../workflows/vendor/process-vendor-acknowledgements"

/** Sends vendor acknowledgements left pending, settles claims of dead senders and reads Amazon's transaction results. */
export default async function processAmazonVendorAcknowledgementsJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    await processVendorAcknowledgementsWorkflow(container).run({ input: {} })
  } catch (error) {
    logger.error(`Amazon vendor acknowledgements: ${(error as Error).message}`)
  }
}

export const config = {
  name: "process-amazon-vendor-acknowledgements",
  schedule: "* * * * *",
}
