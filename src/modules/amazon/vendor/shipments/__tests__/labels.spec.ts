import { pdfPageTexts } from "../../../../../../test-utils/pdf-text"
import { assignSsccs } from "../build-shipment"
import { renderShipmentLabels } from "../labels"
import { buildSscc } from "../sscc"

describe("shipment labels", () => {
  it("prints one GS1-128 label per pallet and carton with the stored SSCC, FC and contents", async () => {
    let n = 40
    const contents = assignSsccs(
      {
        pallets: [{ reference: "P1", weight: { value: 120, unit: "Kg" }, cartons: ["C1", "C2"] }],
        cartons: [
          { reference: "C1", items: [{ purchase_order_number: "PO000001", item_sequence_number: "1", quantity: 12 }] },
          { reference: "C2", items: [{ purchase_order_number: "PO000002", item_sequence_number: "3", quantity: 5 }] },
        ],
      },
      () => buildSscc("0614141", n++)
    )
    const bytes = await renderShipmentLabels({
      shipment_identifier: "ASN1",
      ship_from_party_id: "WH01",
      ship_to_party_id: "ABE2",
      selling_party_id: "SIMVC",
      carrier_scac: "ABFS",
      bill_of_lading_number: "BOL9",
      contents,
      products: new Map([["PO000001#1", "AMZ-MUG-01"], ["PO000002#3", "AMZ-POSTER-A2"]]),
      gs1_prefix_length: 7,
    })
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe("%PDF-")
    const pages = await pdfPageTexts(bytes)
    expect(pages).toHaveLength(3)
    const [pallet, first, second] = pages
    expect(pallet).toContain(`(00) ${contents.pallets[0].sscc[2]} 0614141 ${contents.pallets[0].sscc.slice(10, 19)} ${contents.pallets[0].sscc[19]}`)
    expect(pallet).toMatch(/PALLET P1 {2}\(1 of 1\)/)
    expect(pallet).toContain("PO PO000001  AMZ-MUG-01  QTY 12")
    expect(pallet).toContain("PO PO000002  AMZ-POSTER-A2  QTY 5")
    expect(pallet).toContain("SHIP TO: AMAZON ABE2")
    expect(first).toContain("CARTON C1  (1 of 2)  ON PALLET P1")
    expect(first.replace(/\s/g, "")).toContain(`(00)${contents.cartons[0].sscc.slice(2)}`)
    expect(second).toContain("PO PO000002  AMZ-POSTER-A2  QTY 5")
    expect(second).not.toContain("AMZ-MUG-01")
  })
})
