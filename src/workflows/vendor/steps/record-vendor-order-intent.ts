import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"

export const recordVendorOrderIntentStepId = "record-amazon-vendor-order-intent"

/**
 * Commits on the PO, before the order exists, the id its order will get (only while the PO has none). Whatever instant
 * the process dies at afterwards, the next sync finds no order with that id (and creates it) or the order (and
 * completes it): never a second one. Undone only when this run itself rolls the order back.
 */
export const recordVendorOrderIntentStep = createStep(
  recordVendorOrderIntentStepId,
  async (input: { purchase_order_id: string; order_id: string; exists: boolean }, { container }) => {
    if (input.exists) return new StepResponse(undefined, null)
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    if (!(await amazon.recordVendorOrderIntent(input.purchase_order_id, input.order_id))) {
      throw new MedusaError(MedusaError.Types.CONFLICT, "Another process made this purchase order's Medusa order meanwhile; nothing was made twice.")
    }
    return new StepResponse(undefined, { purchase_order_id: input.purchase_order_id, order_id: input.order_id })
  },
  async (intent, { container }) => {
    if (!intent) return
    await container.resolve<AmazonModuleService>(AMAZON_MODULE).clearVendorOrderIntent(intent.purchase_order_id, intent.order_id)
  }
)
