import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"

export type VendorWatermarks = { account_id: string; created?: string | null; changed?: string | null }

export const recordVendorWatermarksStepId = "record-amazon-vendor-watermarks"

/** Moves the account's PO watermarks forward once every page up to them is stored. */
export const recordVendorWatermarksStep = createStep(
  recordVendorWatermarksStepId,
  async (input: VendorWatermarks, { container }) => {
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    const before = await amazon.retrieveAmazonAccount(input.account_id, { select: ["id", "vendor_created_watermark", "vendor_changed_watermark"] })
    const update: Record<string, unknown> = { id: input.account_id }
    if (input.created) update.vendor_created_watermark = new Date(input.created)
    if (input.changed) update.vendor_changed_watermark = new Date(input.changed)
    if (Object.keys(update).length > 1) await amazon.updateAmazonAccounts(update as any)
    return new StepResponse(undefined, { id: before.id, vendor_created_watermark: before.vendor_created_watermark, vendor_changed_watermark: before.vendor_changed_watermark })
  },
  async (previous, { container }) => {
    if (!previous) return
    await container.resolve<AmazonModuleService>(AMAZON_MODULE).updateAmazonAccounts(previous as any)
  }
)
