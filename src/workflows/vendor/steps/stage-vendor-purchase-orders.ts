import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"
import type { VendorPurchaseOrder } from "../../../modules/amazon/sp-api"
import { purchaseOrderFields, PurchaseOrderMappingError, type PurchaseOrderFields } from "../../../modules/amazon/vendor/purchase-order-fields"

export const stageVendorPurchaseOrdersStepId = "stage-amazon-vendor-purchase-orders"

/** Maps and stores a page of POs; a PO that cannot be read is named in the problems and the rest are stored. */
export const stageVendorPurchaseOrdersStep = createStep(
  stageVendorPurchaseOrdersStepId,
  async (input: { account_id: string; purchase_orders: VendorPurchaseOrder[] }, { container }) => {
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    const mapped: PurchaseOrderFields[] = []
    const problems: Array<{ message: string; purchase_order_number: string }> = []
    for (const po of input.purchase_orders) {
      try {
        mapped.push(purchaseOrderFields(po))
      } catch (error) {
        if (!(error instanceof PurchaseOrderMappingError)) throw error
        problems.push({ message: error.message, purchase_order_number: po.purchaseOrderNumber })
      }
    }
    const { compensation, ...staged } = await amazon.stageVendorPurchaseOrders(input.account_id, mapped)
    return new StepResponse({ ...staged, problems }, compensation)
  },
  async (compensation, { container }) => {
    if (!compensation) return
    await container.resolve<AmazonModuleService>(AMAZON_MODULE).undoVendorStaging(compensation)
  }
)
