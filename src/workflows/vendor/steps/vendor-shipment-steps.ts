/**
 * Thin steps over the vendor shipment operations of the Amazon module service. Written here, not taken from
 * core-flows: the effect is an Amazon ASN, which Medusa has no step for.
 */
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"
import type { ShipmentInput } from "../../../modules/amazon/vendor/shipments/build-shipment"

/** Checks and stores the shipment with its SSCCs and ASN; taken back if nothing has been queued from it yet. */
export const createVendorShipmentStep = createStep(
  "create-amazon-vendor-shipment",
  async (input: { account_id: string; shipment: ShipmentInput }, { container }) => {
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    const shipment = await amazon.createVendorShipment(input.account_id, input.shipment)
    return new StepResponse({ id: shipment.id }, shipment.id)
  },
  async (id, { container }) => {
    if (!id) return
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    const [row] = await amazon.listAmazonVendorShipments({ id, status: "ready" } as any, { select: ["id"] })
    // Its SSCCs stay taken: the counter never hands a serial out twice, even for a shipment that was undone.
    if (row) await amazon.deleteAmazonVendorShipments(row.id)
  }
)

/** Records the intent to send (ready → pending) after checking the shipment again. */
export const queueVendorShipmentStep = createStep(
  "queue-amazon-vendor-shipment",
  async (input: { shipment_id: string }, { container }) => {
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    const queued = await amazon.queueVendorShipment(input.shipment_id)
    return new StepResponse(queued, queued.queued ? input.shipment_id : null)
  },
  async (id, { container }) => {
    if (!id) return
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    await amazon.unqueueVendorShipment(id)
  }
)

/** Sends the pending shipment confirmation once. What Amazon received cannot be taken back: no compensation. */
export const sendVendorShipmentsStep = createStep("send-amazon-vendor-shipments", async (input: { ids?: string[] }, { container }) => {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  return new StepResponse(await amazon.sendPendingVendorShipments(input.ids))
})

/** Reads Amazon's transaction result of processing shipment confirmations. */
export const pollVendorShipmentResultsStep = createStep("poll-amazon-vendor-shipment-results", async (input: { ids?: string[] }, { container }) => {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  return new StepResponse(await amazon.pollVendorShipmentResults(input.ids))
})

/** Claims of dead senders: resent when the call never began, "unknown" when Amazon may have the confirmation. */
export const settleStaleVendorShipmentsStep = createStep("settle-stale-amazon-vendor-shipments", async (input: { stale_after_ms: number }, { container }) => {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  return new StepResponse(await amazon.resolveStaleSendingVendorShipments(new Date(Date.now() - input.stale_after_ms)))
})

/** The merchant's finding in Vendor Central for a shipment whose arrival at Amazon is unknown. */
export const resolveUnknownVendorShipmentStep = createStep(
  "resolve-unknown-amazon-vendor-shipment",
  async (input: { shipment_id: string; amazon_has_it: boolean }, { container }) => {
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    return new StepResponse(await amazon.resolveUnknownVendorShipment(input.shipment_id, input.amazon_has_it))
  }
)
