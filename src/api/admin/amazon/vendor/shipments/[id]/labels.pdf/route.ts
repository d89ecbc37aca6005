import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { AMAZON_MODULE } from "../../../../../../../modules/amazon"
import type AmazonModuleService from "../../../../../../../modules/amazon/service"
import { lineQuantities } from "../../../../../../../modules/amazon/vendor/shipments/build-shipment"
import { renderShipmentLabels } from "../../../../../../../modules/amazon/vendor/shipments/labels"

/** The carton and pallet labels (GS1-128, 4 × 6 in) of the stored shipment: the same SSCCs and contents as its ASN. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const amazon: AmazonModuleService = req.scope.resolve(AMAZON_MODULE)
  const shipment = (await amazon.retrieveAmazonVendorShipment(req.params.id)) as any
  const account = (await amazon.retrieveAmazonAccount(shipment.account_id)) as any
  // shippedItems were numbered in lineQuantities order when the ASN was built: item n is the n-th PO line here.
  const products = new Map<string, string>()
  lineQuantities(shipment.contents).forEach((line, index) => {
    const item = shipment.payload.shippedItems?.[index]
    const label = item?.vendorProductIdentifier ?? item?.amazonProductIdentifier
    if (label && item.itemDetails?.purchaseOrderNumber === line.purchase_order_number) products.set(`${line.purchase_order_number}#${line.item_sequence_number}`, label)
  })
  const pdf = await renderShipmentLabels({
    shipment_identifier: shipment.shipment_identifier,
    ship_from_party_id: shipment.ship_from_party_id,
    ship_to_party_id: shipment.ship_to_party_id,
    selling_party_id: shipment.selling_party_id,
    carrier_scac: shipment.carrier_scac,
    bill_of_lading_number: shipment.bill_of_lading_number,
    contents: shipment.contents,
    products,
    gs1_prefix_length: account.gs1_company_prefix?.length,
  })
  res.setHeader("Content-Type", "application/pdf")
  res.setHeader("Content-Disposition", `inline; filename="labels-${shipment.shipment_identifier}.pdf"`)
  res.status(200).send(Buffer.from(pdf))
}
