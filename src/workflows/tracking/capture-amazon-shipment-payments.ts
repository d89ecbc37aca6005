import { addOrderTransactionStep, emitEventStep } from "@medusajs/medusa/core-flows"
import { PaymentEvents } from "@medusajs/framework/utils"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  captureAmazonShipmentPaymentsStep,
  claimAmazonShipmentCapturesStep,
  planAmazonShipmentCapturesStep,
  recordAmazonShipmentCapturesStep,
} from "./steps/capture-amazon-shipment-payments"

export type CaptureAmazonShipmentPaymentsInput = {
  /** Pushes Amazon just confirmed. */
  push_ids: string[]
  /** Also every other confirmed push whose capture is still owed (a failed capture, or a process that died). */
  due?: boolean
}

export type CaptureAmazonShipmentPaymentsResult = { captured: string[]; failed: string[]; not_needed: string[] }

export const captureAmazonShipmentPaymentsWorkflowId = "capture-amazon-shipment-payments"

/**
 * Amazon charges the buyer for a package when it accepts its shipment confirmation; this records that charge on
 * the order's Amazon payment, exactly once per package. The parts are Medusa's capturePaymentWorkflow taken apart,
 * because that workflow captures one payment per run and, given an amount, writes that amount on the transaction
 * of every capture of the payment that lacks one (wrong for a capture left without its transaction by a crash):
 * the capture (tagged with the push), its order transaction "capture" (Medusa's step, which adds only missing
 * ones: a restart after a crash completes what is missing), the payment.captured event, and the outcome on the
 * outbox row. Failed captures stay owed and the retry job (`due`) captures them, at growing intervals.
 *
 * payment.captured goes out once per capture: it is emitted into the run's event group, which Medusa releases only
 * when the whole run (the outer workflow included) has ended, so after the outcome is recorded on the outbox row.
 * A process that dies before that takes its unreleased event with it, and the row still owes its capture: the run
 * that takes the row over finds the tagged capture and emits the event then. A row whose outcome is recorded is
 * never claimed again, so no second run emits it.
 */
export const captureAmazonShipmentPaymentsWorkflow = createWorkflow(
  captureAmazonShipmentPaymentsWorkflowId,
  (input: CaptureAmazonShipmentPaymentsInput) => {
    const claimed = claimAmazonShipmentCapturesStep(input)
    const planned = planAmazonShipmentCapturesStep(transform({ claimed }, ({ claimed }) => ({ push_ids: claimed })))
    const captured = captureAmazonShipmentPaymentsStep(planned)
    addOrderTransactionStep(
      transform({ captured }, ({ captured }) =>
        captured.captured.map((done) => ({
          order_id: done.order_id,
          amount: done.amount,
          currency_code: done.currency_code,
          reference: "capture",
          reference_id: done.capture_id,
        }))
      )
    )
    emitEventStep({
      eventName: PaymentEvents.CAPTURED,
      data: transform({ captured }, ({ captured }) => [...new Set(captured.captured.map((done) => done.payment_id))].map((id) => ({ id }))),
    })
    const recorded = recordAmazonShipmentCapturesStep(
      transform({ captured, planned }, ({ captured, planned }) => ({ result: captured, not_needed: planned.not_needed }))
    )
    return new WorkflowResponse<CaptureAmazonShipmentPaymentsResult>(recorded)
  }
)
