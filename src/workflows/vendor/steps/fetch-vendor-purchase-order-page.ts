import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"

export type VendorPageRequest = {
  account_id: string
  window: { by: "created" | "changed"; after: string; before: string }
  next_token: string | null
}

export const fetchVendorPurchaseOrderPageStepId = "fetch-amazon-vendor-purchase-order-page"

/** One page of the account's POs in the window; read-only, so nothing to undo. */
export const fetchVendorPurchaseOrderPageStep = createStep(fetchVendorPurchaseOrderPageStepId, async (input: VendorPageRequest, { container }) => {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  const account = await amazon.retrieveAmazonAccount(input.account_id, { select: ["id", "vendor_codes"] })
  const client = await amazon.clientForAccount(input.account_id)
  const codes = (account.vendor_codes as string[]) ?? []
  const page = await client.getPurchaseOrders({
    window: input.window,
    limit: 100,
    sortOrder: "ASC",
    nextToken: input.next_token ?? undefined,
    // With a single code Amazon filters for us; with several, every PO of the app's codes is wanted.
    orderingVendorCode: codes.length === 1 ? codes[0] : undefined,
  })
  return new StepResponse({
    purchase_orders: page.purchaseOrders,
    unreadable: page.unreadablePurchaseOrders.map(({ purchaseOrderNumber, problem }) => ({ purchase_order_number: purchaseOrderNumber, problem })),
    next_token: page.nextToken,
  })
})
