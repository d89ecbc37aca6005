import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { ShipmentInput } from "../../modules/amazon/vendor/shipments/build-shipment"
import {
  createVendorShipmentStep,
  pollVendorShipmentResultsStep,
  queueVendorShipmentStep,
  sendVendorShipmentsStep,
} from "./steps/vendor-shipment-steps"

export const createVendorShipmentWorkflowId = "create-amazon-vendor-shipment"

/** A packed shipment checked (pallets, cartons, lines, identifiers, carrier), numbered with SSCCs and stored with its ASN. */
export const createVendorShipmentWorkflow = createWorkflow(createVendorShipmentWorkflowId, (input: { account_id: string; shipment: ShipmentInput }) => {
  return new WorkflowResponse(createVendorShipmentStep(input))
})

export const submitVendorShipmentWorkflowId = "submit-amazon-vendor-shipment"

/**
 * Sends a stored shipment's ASN exactly once: the intent is recorded (pending) before the call, the row is claimed
 * with one conditional update, and a second run finds nothing left to send. Amazon's result is read by
 * refreshVendorShipmentWorkflow.
 */
export const submitVendorShipmentWorkflow = createWorkflow(submitVendorShipmentWorkflowId, (input: { shipment_id: string }) => {
  queueVendorShipmentStep(input)
  const sent = sendVendorShipmentsStep(transform({ input }, ({ input }) => ({ ids: [input.shipment_id] })))
  return new WorkflowResponse(transform({ sent, input }, ({ sent, input }) => ({ id: input.shipment_id, status: sent[0]?.status ?? null })))
})

export const refreshVendorShipmentWorkflowId = "refresh-amazon-vendor-shipment"

/** Reads Amazon's transaction result of processing shipment confirmations (these, or all that are due). */
export const refreshVendorShipmentWorkflow = createWorkflow(refreshVendorShipmentWorkflowId, (input: { ids?: string[] }) => {
  return new WorkflowResponse(pollVendorShipmentResultsStep(input))
})
