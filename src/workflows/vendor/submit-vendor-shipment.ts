import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { ShipmentInput } from "../../modules/amazon/vendor/shipments/build-shipment"
import {
  createVendorShipmentStep,
  pollVendorShipmentResultsStep,
  queueVendorShipmentStep,
  resolveUnknownVendorShipmentStep,
  sendVendorShipmentsStep,
  settleStaleVendorShipmentsStep,
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

/** A claim older than this belongs to a sender that is gone (a send takes seconds). */
export const STALE_SHIPMENT_CLAIM_MS = 2 * 60 * 1000

export const processVendorShipmentsWorkflowId = "process-amazon-vendor-shipments"

/** The job's round: settle claims of dead senders, send what is pending, read Amazon's results. */
export const processVendorShipmentsWorkflow = createWorkflow(processVendorShipmentsWorkflowId, (input: { stale_after_ms?: number }) => {
  // The default is applied in a transform: in the composer `input.stale_after_ms` is a reference, never undefined.
  const staleness = transform({ input }, ({ input }) => ({ stale_after_ms: input.stale_after_ms ?? STALE_SHIPMENT_CLAIM_MS }))
  const settled = settleStaleVendorShipmentsStep(staleness)
  const sent = sendVendorShipmentsStep({})
  const polled = pollVendorShipmentResultsStep({})
  return new WorkflowResponse({ settled, sent, polled })
})

export const resolveUnknownVendorShipmentWorkflowId = "resolve-unknown-amazon-vendor-shipment"

/**
 * Records what the merchant found in Vendor Central for a shipment whose arrival at Amazon is unknown: Amazon has it
 * (accepted: its quantities become fulfilments) or not (pending: the job sends it again).
 */
export const resolveUnknownVendorShipmentWorkflow = createWorkflow(resolveUnknownVendorShipmentWorkflowId, (input: { shipment_id: string; amazon_has_it: boolean }) => {
  return new WorkflowResponse(resolveUnknownVendorShipmentStep(input))
})
