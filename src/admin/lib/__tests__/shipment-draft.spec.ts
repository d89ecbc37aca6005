import { validateShipment, type ShipmentContext, type ShipmentInput } from "../../../modules/amazon/vendor/shipments/build-shipment"
import { placeProblems, toBody, type Draft, type DraftCarton, type DraftPallet } from "../shipment-draft"

// The builder shows the server's own sentences beside the part they name; these are the validator's real sentences.
const context: ShipmentContext = {
  region: "na",
  ship_from_party_id: "WHSE01",
  vendor_codes: ["SIMVC"],
  purchase_orders: [{ purchase_order_number: "PO5530SH", state: "Acknowledged", ship_to_party_id: "ABE2", selling_party_id: "SIMVC", acknowledged: true }],
  lines: [
    { purchase_order_number: "PO5530SH", item_sequence_number: "1", asin: "B0MUG00001", vendor_product_id: "AMZ-MUG-01", accepted_eaches: 40, shipped_eaches: 0 },
    { purchase_order_number: "PO5530SH", item_sequence_number: "2", asin: "B0POSTER01", vendor_product_id: "AMZ-POSTER-A2", accepted_eaches: 20, shipped_eaches: 0 },
  ],
  used_ssccs: new Set(),
  used_identifiers: new Set(),
}

const pallet = (key: string, reference: string, weight = "150"): DraftPallet => ({ key, reference, weight, items: [] })
const carton = (key: string, reference: string, palletKey: string | null, line: string, quantity: string): DraftCarton => ({
  key,
  reference,
  pallet: palletKey,
  weight: "",
  tracking: "",
  items: [{ key: `${key}-item`, line, quantity }],
})

function draft(overrides: Partial<Draft> = {}): Draft {
  return {
    poNumbers: ["PO5530SH"],
    shipmentType: "LessThanTruckLoad",
    scac: "ABFS",
    bol: "BOL-1",
    shippedAt: "2026-12-02",
    deliveryAt: "",
    grossWeight: "300",
    unit: "Kg",
    pallets: [pallet("p1", "P1"), pallet("p2", "P2")],
    // C10 is there so that "carton C1" cannot be found inside "carton C10".
    cartons: [carton("c1", "C1", "p1", "PO5530SH#1", "20"), carton("c2", "C2", "p1", "PO5530SH#2", "20"), carton("c10", "C10", "p2", "PO5530SH#1", "20")],
    ...overrides,
  }
}

const problemsOf = (value: Draft) => validateShipment(toBody("acct", value) as ShipmentInput, context)

describe("the shipment builder's draft", () => {
  it("becomes the ShipmentInput the server validates: cartons listed on their pallet, weights in the chosen unit", () => {
    const body = toBody("acct", draft())
    expect(body.pallets).toEqual([
      { reference: "P1", weight: { value: 150, unit: "Kg" }, cartons: ["C1", "C2"], items: [] },
      { reference: "P2", weight: { value: 150, unit: "Kg" }, cartons: ["C10"], items: [] },
    ])
    expect(body.cartons[0]).toEqual({ reference: "C1", weight: null, tracking_number: null, items: [{ purchase_order_number: "PO5530SH", item_sequence_number: "1", quantity: 20 }] })
    expect(problemsOf(draft())).toEqual([])
  })

  it("shows a quantity above accepted at the carton it names and at the PO line, not at the other cartons", () => {
    const value = draft()
    value.cartons[1].items[0].quantity = "25"
    const problems = problemsOf(value)
    expect(problems).toHaveLength(1)
    const placed = placeProblems(problems, value)
    expect([...placed.cartons.keys()]).toEqual(["c2"])
    expect([...placed.lines.keys()]).toEqual(["PO5530SH#2"])
    expect(placed.pallets.size + placed.general.length).toBe(0)
  })

  it("a sentence about carton C10 is not shown at carton C1", () => {
    const value = draft()
    value.cartons[2].items[0].quantity = "0"
    const problems = problemsOf(value)
    expect(problems).toEqual(["Carton C10 on pallet P2, PO PO5530SH line 1: the quantity must be a whole number of eaches above 0, not 0."])
    expect([...placeProblems(problems, value).cartons.keys()]).toEqual(["c10"])
  })

  it("puts a pallet's missing weight at the pallet, the SCAC and BOL at their fields, and the rest in general", () => {
    const value = draft({ scac: "", bol: "", pallets: [pallet("p1", "P1", ""), pallet("p2", "P2")] })
    value.cartons.push(carton("c3", "C3", null, "PO5530SH#1", "0"))
    value.cartons[3].items = []
    const problems = problemsOf(value)
    const placed = placeProblems(problems, value)
    expect(placed.pallets.get("p1")).toEqual(["Pallet P1 has no weight; Amazon needs the weight of every pallet."])
    expect(placed.fields.get("scac")?.[0]).toMatch(/^Amazon requires the carrier's SCAC/)
    expect(placed.fields.get("bol")?.[0]).toMatch(/needs the bill of lading number/)
    // Carton C3 (on no pallet, empty) has its own two sentences.
    expect(placed.cartons.get("c3")).toEqual([
      "Carton C3 is on no pallet while the other cartons are; put it on a pallet (Amazon takes one structure per shipment).",
      "Carton C3 holds no items; pack items in it or remove it.",
    ])
    const shown = [...placed.pallets.values(), ...placed.cartons.values(), ...placed.fields.values(), ...placed.lines.values()].flat().concat(placed.general)
    expect(new Set(shown)).toEqual(new Set(problems))
  })
})
