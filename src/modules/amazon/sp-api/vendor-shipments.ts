/**
 * Vendor Shipments API v1 (vendorShipments.json): the ASN, SubmitShipmentConfirmations. Amazon answers 202 with a
 * transaction id whose result is read through the Vendor Transaction Status API.
 */
import { defineOperations, summarizeIssues } from "./operation"
import { ShipmentConfirmationSchema, SubmitShipmentConfirmationsResponseSchema, type ShipmentConfirmation } from "./schemas/vendor-shipments"
import type { SpApiTransport } from "./transport"

export const VENDOR_SHIPMENTS_OPERATIONS = defineOperations("vendorShipments", "v1", {
  submitShipmentConfirmations: { amazonName: "SubmitShipmentConfirmations", usagePlan: { ratePerSecond: 10, burst: 10 } },
})

export interface VendorShipmentsApi {
  /**
   * Not idempotent on Amazon's side: only a 429 is retried here; the caller records the intent before calling and
   * never sends the same confirmation twice.
   */
  submitShipmentConfirmations(confirmations: ShipmentConfirmation[]): Promise<{ transactionId: string }>
}

export function vendorShipmentsApi(transport: SpApiTransport): VendorShipmentsApi {
  const spec = VENDOR_SHIPMENTS_OPERATIONS.submitShipmentConfirmations
  return {
    async submitShipmentConfirmations(confirmations) {
      if (!confirmations.length) throw transport.invalidRequest(spec, "there is no shipment to confirm")
      for (const confirmation of confirmations) {
        const checked = ShipmentConfirmationSchema.safeParse(confirmation)
        if (!checked.success) throw transport.invalidRequest(spec, summarizeIssues(checked.error.issues))
      }
      const response = await transport.call(spec, { body: { shipmentConfirmations: confirmations } }, SubmitShipmentConfirmationsResponseSchema, {
        retryWhen: (error) => error.code === "THROTTLED",
      })
      return { transactionId: response.payload.transactionId }
    },
  }
}
