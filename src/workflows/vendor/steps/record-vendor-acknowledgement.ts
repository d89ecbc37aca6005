import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"
import type { AcknowledgementInput } from "../../../modules/amazon/vendor/build-acknowledgement"

export const recordVendorAcknowledgementStepId = "record-amazon-vendor-acknowledgement"

/** Checks the answers and records the acknowledgement to send (the intent, before any call to Amazon). */
export const recordVendorAcknowledgementStep = createStep(
  recordVendorAcknowledgementStepId,
  async (input: { purchase_order_id: string } & AcknowledgementInput, { container }) => {
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    const acknowledgement = await amazon.recordVendorAcknowledgement(input.purchase_order_id, { lines: input.lines })
    return new StepResponse({ id: acknowledgement.id }, acknowledgement.id)
  },
  async (id, { container }) => {
    if (!id) return
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    // Only an acknowledgement nobody has claimed yet can be taken back; one on its way stays, to be settled.
    const [row] = await amazon.listAmazonVendorAcknowledgements({ id, status: "pending" }, { select: ["id"] })
    if (row) await amazon.deleteAmazonVendorAcknowledgements(row.id)
  }
)
