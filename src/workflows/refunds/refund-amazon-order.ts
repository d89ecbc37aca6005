import { refundPaymentWorkflow } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_REFUND_PLAN_METADATA_KEY } from "../../modules/amazon/services/refund-adjustments"
import { planAmazonRefundStep, type PlanAmazonRefundInput } from "./steps/plan-amazon-refund"

export const refundAmazonOrderWorkflowId = "refund-amazon-order"

export type RefundAmazonOrderInput = PlanAmazonRefundInput & { created_by?: string }

/**
 * The plugin's refund dialog: the merchant's breakdown is checked and planned, then Medusa's own
 * refundPaymentWorkflow records the refund (reason + note, order transaction, payment status) and calls the Amazon
 * payment provider, which queues the one adjustment message for it. Amazon's answer arrives through the feed worker.
 */
export const refundAmazonOrderWorkflow = createWorkflow(refundAmazonOrderWorkflowId, (input: RefundAmazonOrderInput) => {
  const planned = planAmazonRefundStep(input)
  const payment = refundPaymentWorkflow.runAsStep({
    input: transform({ planned, input }, ({ planned, input }) => ({
      payment_id: planned.payment_id,
      amount: planned.amount,
      refund_reason_id: planned.refund_reason_id,
      note: planned.note,
      created_by: input.created_by,
      // Medusa's refund step hands its whole input to the payment module, which keeps metadata on the refund: the
      // provider, and the feed job's sweep after a crash, find the breakdown by this id.
      metadata: { [AMAZON_REFUND_PLAN_METADATA_KEY]: planned.plan.id },
    }) as { payment_id: string; amount: number; refund_reason_id: string; note: string; created_by?: string }),
  })
  return new WorkflowResponse(transform({ planned, payment }, ({ planned, payment }) => ({ plan: planned.plan, payment_id: (payment as any)?.id ?? planned.payment_id })))
})
