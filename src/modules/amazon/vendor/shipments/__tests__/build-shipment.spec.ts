import { ShipmentConfirmationSchema } from "../../../sp-api/schemas/vendor-shipments"
import { assignSsccs, buildShipmentConfirmation, shipmentStructure, validateShipment, type ShipmentContext, type ShipmentInput } from "../build-shipment"
import { buildSscc, ssccProblem } from "../sscc"

const context = (overrides: Partial<ShipmentContext> = {}): ShipmentContext => ({
  region: "na",
  ship_from_party_id: "WH01",
  vendor_codes: ["SIMVC"],
  purchase_orders: [
    { purchase_order_number: "PO000001", state: "Acknowledged", ship_to_party_id: "ABE2", selling_party_id: "SIMVC", acknowledged: true },
    { purchase_order_number: "PO000002", state: "Acknowledged", ship_to_party_id: "ABE2", selling_party_id: "SIMVC", acknowledged: true },
  ],
  lines: [
    { purchase_order_number: "PO000001", item_sequence_number: "1", asin: "B0MUG00001", vendor_product_id: "MUG", accepted_eaches: 80, shipped_eaches: 0 },
    { purchase_order_number: "PO000001", item_sequence_number: "2", asin: "B0POSTER01", vendor_product_id: "POSTER", accepted_eaches: 10, shipped_eaches: 4 },
    { purchase_order_number: "PO000002", item_sequence_number: "1", asin: "B0MUG00001", vendor_product_id: "MUG", accepted_eaches: 30, shipped_eaches: 0 },
  ],
  used_ssccs: new Set(),
  used_identifiers: new Set(),
  ...overrides,
})

const item = (po: string, line: string, quantity: number) => ({ purchase_order_number: po, item_sequence_number: line, quantity })

const twoPallets = (): ShipmentInput => ({
  carrier_scac: "ABFS",
  bill_of_lading_number: "BOL123",
  pallets: [
    { reference: "P1", weight: { value: 250, unit: "Kg" }, cartons: ["C1", "C2", "C3"] },
    { reference: "P2", weight: { value: 180.5, unit: "Kg" }, cartons: ["C4", "C5"] },
  ],
  cartons: [
    { reference: "C1", items: [item("PO000001", "1", 40)] },
    { reference: "C2", items: [item("PO000001", "1", 40)] },
    { reference: "C3", items: [item("PO000001", "2", 6)] },
    { reference: "C4", items: [item("PO000002", "1", 20)] },
    { reference: "C5", items: [item("PO000002", "1", 10), item("PO000001", "2", 0 + 0)].filter((entry) => entry.quantity > 0) },
  ],
})

describe("shipment validation", () => {
  it("passes 2 pallets of 5 cartons over two POs and builds Amazon's confirmation from them", () => {
    const input = twoPallets()
    expect(validateShipment(input, context())).toEqual([])
    expect(shipmentStructure(input)).toBe("PalletizedStandardCase")
    let n = 0
    const contents = assignSsccs(input, () => buildSscc("0614141", ++n))
    const payload = buildShipmentConfirmation({
      shipment_identifier: "SHIP1",
      selling_party_id: "SIMVC",
      ship_from_party_id: "WH01",
      ship_to_party_id: "ABE2",
      shipment_type: "LessThanTruckLoad",
      carrier_scac: "ABFS",
      bill_of_lading_number: "BOL123",
      shipped_at: new Date("2026-12-02T10:00:00Z"),
      estimated_delivery_at: null,
      gross_weight: null,
      contents,
      lines: context().lines,
      now: new Date("2026-12-02T10:00:00Z"),
    })
    expect(ShipmentConfirmationSchema.safeParse(payload).success).toBe(true)
    // shippedItems are numbered in the shipment, one per PO line, each the Σ over its cartons.
    expect(payload.shippedItems.map((entry) => [entry.itemSequenceNumber, entry.itemDetails?.purchaseOrderNumber, entry.shippedQuantity.amount])).toEqual([
      ["001", "PO000001", 80],
      ["002", "PO000001", 6],
      ["003", "PO000002", 30],
    ])
    expect(payload.cartons!.map((carton) => carton.cartonSequenceNumber)).toEqual(["001", "002", "003", "004", "005"])
    expect(payload.pallets!.map((pallet) => pallet.cartonReferenceDetails!.cartonReferenceNumbers)).toEqual([["001", "002", "003"], ["004", "005"]])
    expect(payload.cartons![3].items).toEqual([{ itemReference: "003", shippedQuantity: { amount: 20, unitOfMeasure: "Eaches", unitSize: 1 }, itemDetails: { purchaseOrderNumber: "PO000002" } }])
    const ssccs = [...payload.pallets!.map((pallet) => pallet.palletIdentifiers[0]), ...payload.cartons!.map((carton) => carton.cartonIdentifiers![0])]
    expect(new Set(ssccs.map((id) => id.containerIdentificationNumber)).size).toBe(7)
    for (const id of ssccs) expect(ssccProblem(id.containerIdentificationNumber)).toBeNull()
    expect(payload).toMatchObject({ shipmentStructure: "PalletizedStandardCase", shipmentMeasurements: { palletCount: 2 }, transportationDetails: { carrierScac: "ABFS", billOfLadingNumber: "BOL123" } })
    expect(payload.pallets![1].weight).toEqual({ unitOfMeasure: "Kg", value: "180.5" })
  })

  it("names the carton on two pallets, the line packed above what was accepted, and the bad check digit", () => {
    const input = twoPallets()
    input.pallets![1].cartons = ["C3", "C4", "C5"]
    input.cartons![0].items = [item("PO000001", "1", 60)]
    input.cartons![4].sscc = "00504787440638918555"
    const problems = validateShipment(input, context())
    expect(problems).toEqual([
      "Carton C3 is on pallet P1 and on pallet P2; a carton can be on one pallet only.",
      expect.stringMatching(/^PO PO000001 line 1 \(MUG\): 100 eaches are packed \(carton C1 on pallet P1: 60, carton C2 on pallet P1: 40\), but Amazon accepted 80 and 0 already shipped, so at most 80 can go; take 20 out\.$/),
      expect.stringMatching(/^Carton C5 on pallet P2: SSCC 00504787440638918555 has the check digit 5, but its digits need 4/),
    ])
  })

  it("counts what earlier shipments carried against the accepted quantity", () => {
    const input: ShipmentInput = { carrier_scac: "UPSN", cartons: [{ reference: "C1", weight: { value: 2, unit: "Kg" }, tracking_number: "1Z999", items: [item("PO000001", "2", 7)] }] }
    expect(validateShipment(input, context())).toEqual([expect.stringMatching(/line 2 \(POSTER\): 7 eaches .* accepted 10 and 4 already shipped, so at most 6 can go; take 1 out/)])
    input.cartons![0].items[0].quantity = 6
    expect(validateShipment(input, context())).toEqual([])
    expect(shipmentStructure(input)).toBe("LooseStandardCase")
  })

  it("asks for the SCAC in North America, the BOL for LTL, weights of pallets, tracking numbers of parcels", () => {
    const input = twoPallets()
    delete input.carrier_scac
    delete input.bill_of_lading_number
    delete input.pallets![0].weight
    const problems = validateShipment(input, context())
    expect(problems).toEqual([
      expect.stringMatching(/requires the carrier's SCAC/),
      expect.stringMatching(/less-than-truckload shipment needs the bill of lading number/),
      "Pallet P1 has no weight; Amazon needs the weight of every pallet.",
    ])
    expect(validateShipment({ ...twoPallets(), carrier_scac: undefined }, context({ region: "eu" }))).toEqual([])
    const parcel: ShipmentInput = { carrier_scac: "UPSN", cartons: [{ reference: "C1", items: [item("PO000001", "1", 1)] }] }
    expect(validateShipment(parcel, context())).toEqual(["Carton C1 has no weight; Amazon needs the weight of every parcel.", "Carton C1 has no tracking number; Amazon needs one for every carton of a small-parcel shipment."])
  })

  it("refuses unknown lines, other FCs, closed or unacknowledged POs, duplicate and reused SSCCs, mixed structures", () => {
    const sscc = buildSscc("0614141", 5)
    const input: ShipmentInput = {
      carrier_scac: "ABFS",
      bill_of_lading_number: "B1",
      pallets: [{ reference: "P1", sscc, weight: { value: 1, unit: "Kg" }, cartons: ["C1", "C9"] }],
      cartons: [
        { reference: "C1", sscc, items: [item("PO000001", "7", 1)] },
        { reference: "C2", sscc: buildSscc("0614141", 6), items: [item("PO000002", "1", 1)] },
      ],
    }
    const problems = validateShipment(input, context({
      used_ssccs: new Set([buildSscc("0614141", 6)]),
      purchase_orders: [
        { purchase_order_number: "PO000001", state: "Acknowledged", ship_to_party_id: "ABE2", selling_party_id: "SIMVC", acknowledged: true },
        { purchase_order_number: "PO000002", state: "New", ship_to_party_id: "MDW2", selling_party_id: "SIMVC", acknowledged: false },
      ],
    }))
    expect(problems).toEqual([
      "Pallet P1 lists carton C9, which is not in the shipment; add the carton or take it off the pallet.",
      "Carton C2 is on no pallet while the other cartons are; put it on a pallet (Amazon takes one structure per shipment).",
      "Carton C1 on pallet P1: purchase order PO000001 has no line 7.",
      "Purchase order PO000002 has no acknowledgement Amazon took; acknowledge it before shipping.",
      `Carton C1 on pallet P1 has SSCC ${sscc}, which pallet p1 has too; every pallet and carton needs its own.`,
      `Carton C2: SSCC ${buildSscc("0614141", 6)} was used by an earlier shipment; an SSCC is never reused.`,
    ])
    const otherFc = context()
    otherFc.purchase_orders[1] = { ...otherFc.purchase_orders[1], ship_to_party_id: "MDW2", state: "Closed" }
    expect(validateShipment(twoPallets(), otherFc)).toEqual([
      "Purchase order PO000002 is closed on Amazon; nothing can ship against it.",
      "The purchase orders go to different Amazon warehouses (ABE2, MDW2); one shipment goes to one FC, so ship them separately.",
    ])
  })
})
