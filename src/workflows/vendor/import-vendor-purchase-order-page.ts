import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { fetchVendorPurchaseOrderPageStep, type VendorPageRequest } from "./steps/fetch-vendor-purchase-order-page"
import { matchVendorLinesToVariantsStep } from "./steps/match-vendor-lines-to-variants"
import { stageVendorPurchaseOrdersStep } from "./steps/stage-vendor-purchase-orders"

export const importVendorPurchaseOrderPageWorkflowId = "import-amazon-vendor-purchase-order-page"

/** One page of POs: read, stored (new / changed / unchanged) and matched to variants, stored or rolled back as a whole. */
export const importVendorPurchaseOrderPageWorkflow = createWorkflow(importVendorPurchaseOrderPageWorkflowId, (input: VendorPageRequest) => {
  const page = fetchVendorPurchaseOrderPageStep(input)
  const staged = stageVendorPurchaseOrdersStep(transform({ input, page }, ({ input, page }) => ({ account_id: input.account_id, purchase_orders: page.purchase_orders })))
  matchVendorLinesToVariantsStep(
    transform({ input, staged }, ({ input, staged }) => ({ account_id: input.account_id, purchase_order_ids: [...staged.created, ...staged.updated, ...staged.unchanged] }))
  )
  return new WorkflowResponse(
    transform({ page, staged }, ({ page, staged }) => ({
      seen: page.purchase_orders.length + page.unreadable.length,
      created: staged.created.length,
      updated: staged.updated.length,
      flagged: staged.flagged.length,
      problems: [
        ...page.unreadable.map((entry) => ({ message: `Amazon sent purchase order ${entry.purchase_order_number ?? "(no number)"} in a shape that cannot be read: ${entry.problem}.` })),
        ...staged.problems.map((entry) => ({ message: entry.message })),
      ],
      next_token: page.next_token,
    }))
  )
})
