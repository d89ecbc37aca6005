import { AMAZON_PAYMENT_PROVIDER_MISSING_MESSAGE } from "../../providers/amazon-payment/service"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createMedusaOrdersFromAmazonWorkflow } from "./create-medusa-orders-from-amazon"
import type { ImportWindow } from "./mapping/import-window"
import { applyAmazonAddressCorrectionsStep } from "./steps/apply-amazon-address-corrections"
import { cancelMedusaOrdersCancelledOnAmazonStep } from "./steps/cancel-medusa-orders-cancelled-on-amazon"
import { fetchAmazonOrdersStep } from "./steps/fetch-amazon-orders"
import { stageAmazonOrdersStep } from "./steps/stage-amazon-orders"
import type { ImportProblem, PageCounts } from "./types"

export type ImportAmazonOrderPageInput = {
  account_id: string
  window: ImportWindow
  /** Amazon's pagination token; null for the first page. */
  next_token: string | null
}

export type ImportAmazonOrderPageResult = {
  next_token: string | null
  last_updated_before: string | null
  api_calls: number
  counts: PageCounts
  problems: ImportProblem[]
  unstored_last_updates: Array<string | null>
}

export const importAmazonOrderPageWorkflowId = "import-amazon-order-page"

/**
 * One page of Amazon orders (up to 100): read it, stage every order, turn the ready ones into Medusa orders in
 * bulk, cancel Medusa orders Amazon has cancelled, and apply buyers' address corrections to unshipped ones. A page is stored as a whole or, on an unexpected error,
 * rolled back as a whole.
 */
export const importAmazonOrderPageWorkflow = createWorkflow(importAmazonOrderPageWorkflowId, (input: ImportAmazonOrderPageInput) => {
  const page = fetchAmazonOrdersStep(input)
  const staging = stageAmazonOrdersStep({ account_id: input.account_id, page })
  const outcome = createMedusaOrdersFromAmazonWorkflow.runAsStep({
    input: transform({ input, staging }, ({ input, staging }) => ({
      account_id: input.account_id,
      staging_ids: staging.staged.map((order) => order.id),
    })),
  })
  const cancellation = cancelMedusaOrdersCancelledOnAmazonStep(transform({ outcome }, ({ outcome }) => outcome.to_cancel))
  const corrections = applyAmazonAddressCorrectionsStep(
    transform({ staging }, ({ staging }) => ({
      staging_ids: staging.staged.filter((order) => !order.created && order.changed).map((order) => order.id),
    }))
  )

  const result = transform({ page, staging, outcome, cancellation, corrections }, ({ page, staging, outcome, cancellation, corrections }): ImportAmazonOrderPageResult => {
    const parkedIds = new Set([...outcome.parked.map((order) => order.amazon_order_id), ...staging.parked.map((order) => order.amazon_order_id)])
    return {
      next_token: page.next_token,
      last_updated_before: page.last_updated_before,
      api_calls: page.api_calls,
      counts: {
        orders_seen: page.orders.length + page.unreadable.length,
        orders_created: outcome.created.length,
        orders_updated: staging.staged.filter((order) => !order.created && order.changed).length,
        orders_parked: parkedIds.size,
        orders_cancelled: cancellation.cancelled.length,
      },
      problems: [
        ...page.problems,
        ...staging.problems,
        ...outcome.parked.map((order) => ({ amazon_order_id: order.amazon_order_id, message: order.reason })),
        ...cancellation.problems,
        ...corrections.problems,
        ...(outcome.payments.provider_installed ? [] : [{ message: AMAZON_PAYMENT_PROVIDER_MISSING_MESSAGE }]),
      ],
      unstored_last_updates: staging.unstored_last_updates,
    }
  })
  return new WorkflowResponse(result)
})
