import { beginOrderEditOrderWorkflow, confirmOrderEditRequestWorkflow, orderEditAddNewItemWorkflow, orderEditUpdateItemQuantityWorkflow } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { recordVendorOrderInLineStep } from "./steps/record-vendor-order-in-line"

export type EditMedusaOrderForVendorChangesInput = {
  purchase_order_id: string
  acknowledgement_id: string
  due_at: string | null
  order_id: string
  description: string
  items: Array<{ id: string; quantity: number }>
  /** Lines the order carries no item for yet (accepted only later, or raised from 0): added as new items. */
  new_items?: Array<{ variant_id: string; quantity: number; unit_price: string | number; metadata: Record<string, unknown> }>
}

/** Order changes the plugin opens carry this in their internal note, so a sync after a crash knows them for its own. */
export const VENDOR_ORDER_EDIT_NOTE = "amazon-vendor-purchase-order-change"

export const editMedusaOrderForVendorChangesWorkflowId = "edit-medusa-order-for-amazon-vendor-changes"

/**
 * What Amazon cancelled of a PO (or the vendor took back in a newer acknowledgement) leaves its Medusa order through
 * Medusa's own order edit: begun, the items' quantities updated (ITEM_UPDATE actions), lines accepted only now added
 * (ITEM_ADD, at Amazon's cost), confirmed. Confirming is what makes Medusa release the reservations of the removed
 * units and reserve the added ones (confirmOrderEditRequestWorkflow re-reserves exactly the new quantities), writes the
 * order's new version and emits order-edit.confirmed, as an edit made in the admin does.
 */
export const editMedusaOrderForVendorChangesWorkflow = createWorkflow(editMedusaOrderForVendorChangesWorkflowId, (input: EditMedusaOrderForVendorChangesInput) => {
  beginOrderEditOrderWorkflow.runAsStep({
    input: transform({ input }, ({ input }) => ({ order_id: input.order_id, description: input.description, internal_note: VENDOR_ORDER_EDIT_NOTE })),
  })
  when({ input }, ({ input }) => input.items.length > 0).then(() => {
    orderEditUpdateItemQuantityWorkflow.runAsStep({ input: transform({ input }, ({ input }) => ({ order_id: input.order_id, items: input.items })) })
  })
  when({ input }, ({ input }) => (input.new_items ?? []).length > 0).then(() => {
    orderEditAddNewItemWorkflow.runAsStep({
      input: transform({ input }, ({ input }) => ({
        order_id: input.order_id,
        // The vendor promised Amazon these units when it accepted them: reserved whatever the count says, as at creation.
        items: (input.new_items ?? []).map((item) => ({ ...item, allow_backorder: true })),
      })),
    })
  })
  const preview = confirmOrderEditRequestWorkflow.runAsStep({ input: transform({ input }, ({ input }) => ({ order_id: input.order_id })) })
  recordVendorOrderInLineStep(transform({ input }, ({ input }) => ({ purchase_order_id: input.purchase_order_id, acknowledgement_id: input.acknowledgement_id, due_at: input.due_at })))
  return new WorkflowResponse(preview)
})
