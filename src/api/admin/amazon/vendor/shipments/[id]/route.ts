import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { AMAZON_MODULE } from "../../../../../../modules/amazon"
import type AmazonModuleService from "../../../../../../modules/amazon/service"

/**
 * The shipment with its pallets, cartons and SSCCs, the ASN as sent, Amazon's transaction result, and per PO whether
 * its quantities became a fulfilment of the Medusa order (or the sentence saying why not yet).
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const amazon: AmazonModuleService = req.scope.resolve(AMAZON_MODULE)
  const shipment = await amazon.retrieveAmazonVendorShipment(req.params.id)
  const { claim_token: _claimToken, ...visible } = shipment as any
  const fulfillments = await amazon.listAmazonVendorShipmentFulfillments(
    { shipment_id: shipment.id },
    { select: ["id", "purchase_order_id", "order_id", "status", "fulfillment_id", "done_at", "message"], order: { created_at: "ASC" } }
  )
  const purchaseOrders = fulfillments.length
    ? await amazon.listAmazonVendorPurchaseOrders({ id: fulfillments.map((row) => row.purchase_order_id) } as any, { select: ["id", "purchase_order_number"] })
    : []
  const numberOf = new Map(purchaseOrders.map((po) => [po.id, po.purchase_order_number]))
  res.json({ shipment: { ...visible, fulfillments: fulfillments.map((row) => ({ ...row, purchase_order_number: numberOf.get(row.purchase_order_id) ?? null })) } })
}
