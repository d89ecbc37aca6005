import type { VendorPurchaseOrder } from "../../sp-api"
import { AcknowledgementRefused, buildAcknowledgement, type PurchaseOrderForAcknowledgement } from "../build-acknowledgement"
import { describeLineChanges, lineCost, parseAmazonWindow, purchaseOrderFields, purchaseOrderHash, PurchaseOrderMappingError } from "../purchase-order-fields"
import { availableAtLocation, matchVendorLine } from "../variant-match"
import { transactionOutcome, PROCESSING_COUNTS_AS_ACCEPTED_MS } from "../acknowledgement-outbox"

const amazonPo = (): VendorPurchaseOrder => ({
  purchaseOrderNumber: "PO000001",
  purchaseOrderState: "New",
  orderDetails: {
    purchaseOrderDate: "2026-12-01T08:00:00Z",
    purchaseOrderStateChangedDate: "2026-12-01T08:00:00Z",
    purchaseOrderType: "RegularOrder",
    sellingParty: { partyId: "ABCDE" },
    shipToParty: { partyId: "ABE2" },
    deliveryWindow: "2026-12-04T00:00:00Z--2026-12-11T00:00:00Z",
    items: [
      { itemSequenceNumber: "1", amazonProductIdentifier: "B1", vendorProductIdentifier: "SKU-1", orderedQuantity: { amount: 3, unitOfMeasure: "Eaches" }, isBackOrderAllowed: true, netCost: { currencyCode: "EUR", amount: "0.10" } },
      { itemSequenceNumber: "2", orderedQuantity: { amount: 2, unitOfMeasure: "Cases", unitSize: 12 }, isBackOrderAllowed: false, listPrice: { currencyCode: "EUR", amount: "19.99" } },
      { itemSequenceNumber: "3", orderedQuantity: { amount: 1 }, isBackOrderAllowed: false },
    ],
  },
})

describe("purchase order mapping", () => {
  it("totals Σ cost × eaches in decimals, falling back to the list price and saying so", () => {
    const { po, lines } = purchaseOrderFields(amazonPo())
    // 3 × 0.10 (no float drift) + 24 × 19.99; line 3 has no price at all.
    expect(po.cost_total).toBe("480.06")
    expect(lines.map((line) => [line.cost_source, line.ordered_eaches])).toEqual([["net_cost", 3], ["list_price", 24], ["none", 1]])
    expect(lines[1].cost_note).toMatch(/no net cost.*list price/)
    expect(lines[2].cost_note).toMatch(/neither/)
    expect(po).toMatchObject({ window_kind: "delivery", currency_code: "EUR", ship_to_party_id: "ABE2", purchase_order_type: "RegularOrder" })
    expect(po.window_start!.toISOString()).toBe("2026-12-04T00:00:00.000Z")
    expect(po.acknowledgement_due_at.toISOString()).toBe("2026-12-02T08:00:00.000Z")
  })

  it("refuses a window it cannot read and mixed currencies, naming the PO", () => {
    const po = amazonPo()
    po.orderDetails!.deliveryWindow = "next week"
    expect(() => purchaseOrderFields(po)).toThrow(PurchaseOrderMappingError)
    const mixed = amazonPo()
    mixed.orderDetails!.items[1].listPrice!.currencyCode = "GBP"
    expect(() => purchaseOrderFields(mixed)).toThrow(/PO000001 prices its lines in several currencies/)
  })

  it("parses Amazon's start--end windows", () => {
    expect(parseAmazonWindow("2026-12-04T00:00:00Z--2026-12-11T10:00:00Z")?.end.toISOString()).toBe("2026-12-11T10:00:00.000Z")
    expect(parseAmazonWindow("2026-12-04")).toBeNull()
    expect(parseAmazonWindow(null)).toBeNull()
  })

  it("hashes the PO independently of key order", () => {
    const po = amazonPo()
    const reordered = JSON.parse(JSON.stringify({ orderDetails: po.orderDetails, purchaseOrderState: po.purchaseOrderState, purchaseOrderNumber: po.purchaseOrderNumber }))
    expect(purchaseOrderHash(reordered)).toBe(purchaseOrderHash(po))
    po.orderDetails!.items[0].orderedQuantity.amount = 2
    expect(purchaseOrderHash(po)).not.toBe(purchaseOrderHash(reordered))
  })

  it("describes Amazon's changes line by line", () => {
    const before = [{ item_sequence_number: "1", ordered_eaches: 10 }, { item_sequence_number: "2", ordered_eaches: 5 }]
    expect(describeLineChanges(before, [{ item_sequence_number: "1", ordered_eaches: 6 }, { item_sequence_number: "2", ordered_eaches: 0 }])).toBe("line 1: 10 → 6 eaches; line 2 cancelled")
    expect(describeLineChanges(before, before)).toBeNull()
  })

  it("takes netCost before listPrice", () => {
    expect(lineCost({ itemSequenceNumber: "1", orderedQuantity: {}, isBackOrderAllowed: false, netCost: { amount: "1.00" }, listPrice: { amount: "2.00" } }).cost).toBe("1.00")
  })
})

describe("variant matching", () => {
  const candidates = [
    { id: "v1", sku: "SKU-1", barcodes: ["4006381333931"], available: 7 },
    { id: "v2", sku: "SKU-2", barcodes: ["0001"], available: 1 },
    { id: "v3", sku: "SKU-3", barcodes: ["0001"], available: 1 },
  ]
  it("matches by SKU, then by barcode; names what it could not match", () => {
    expect(matchVendorLine("SKU-1", candidates)).toMatchObject({ variant_id: "v1", available_quantity: 7 })
    expect(matchVendorLine("4006381333931", candidates)).toMatchObject({ variant_id: "v1" })
    expect(matchVendorLine("0001", candidates).match_note).toMatch(/Several variants carry 0001/)
    expect(matchVendorLine("X", candidates).match_note).toBe("No variant has the SKU or barcode X.")
    expect(matchVendorLine(null, candidates).variant_id).toBeNull()
  })
  it("counts stocked − reserved at the location, limited by the scarcest inventory item", () => {
    const levels = (stocked: number, reserved: number, location = "sloc") => ({ location_levels: [{ location_id: location, stocked_quantity: stocked, reserved_quantity: reserved }] })
    expect(availableAtLocation([{ required_quantity: 1, inventory: levels(10, 3) }], "sloc")).toBe(7)
    expect(availableAtLocation([{ required_quantity: 2, inventory: levels(10, 3) }, { required_quantity: 1, inventory: levels(2, 0) }], "sloc")).toBe(2)
    expect(availableAtLocation([{ required_quantity: 1, inventory: levels(10, 0, "other") }], "sloc")).toBe(0)
    expect(availableAtLocation([], "sloc")).toBeNull()
  })
})

describe("acknowledgement validation", () => {
  const po = (): PurchaseOrderForAcknowledgement => ({
    purchase_order_number: "PO000001",
    state: "New",
    selling_party_id: "ABCDE",
    raw: amazonPo(),
    lines: [
      { item_sequence_number: "1", asin: "B1", vendor_product_id: "SKU-1", ordered_quantity: 3, unit_of_measure: "Eaches", unit_size: null, is_back_order_allowed: true, rejected_once: false },
      { item_sequence_number: "2", asin: null, vendor_product_id: null, ordered_quantity: 2, unit_of_measure: "Cases", unit_size: 12, is_back_order_allowed: false, rejected_once: false },
    ],
  })
  const now = new Date("2026-12-01T10:00:00Z")
  const refusal = (fn: () => unknown) => {
    try {
      fn()
    } catch (error) {
      expect(error).toBeInstanceOf(AcknowledgementRefused)
      return (error as AcknowledgementRefused).problems
    }
    throw new Error("not refused")
  }

  it("builds Amazon's acknowledgement with split lines, cost echoed exactly and cases kept", () => {
    const ack = buildAcknowledgement(
      po(),
      {
        lines: [
          { item_sequence_number: "2", answers: [{ code: "Rejected", quantity: 2, rejection_reason: "ObsoleteProduct" }] },
          { item_sequence_number: "1", answers: [{ code: "Accepted", quantity: 2 }, { code: "Backordered", quantity: 1, scheduled_delivery_date: "2026-12-20" }] },
        ],
      },
      { sellingPartyId: null, now }
    )
    expect(ack.sellingParty).toEqual({ partyId: "ABCDE" })
    expect(ack.items[0]).toMatchObject({ itemSequenceNumber: "1", netCost: { currencyCode: "EUR", amount: "0.10" } })
    expect(ack.items[0].itemAcknowledgements[1]).toEqual({ acknowledgementCode: "Backordered", acknowledgedQuantity: { amount: 1, unitOfMeasure: "Eaches" }, scheduledDeliveryDate: "2026-12-20T00:00:00.000Z" })
    // A list-price-only line echoes the list price as its cost (Amazon requires netCost).
    expect(ack.items[1]).toMatchObject({ netCost: { amount: "19.99" }, listPrice: { amount: "19.99" }, orderedQuantity: { amount: 2, unitOfMeasure: "Cases", unitSize: 12 } })
    expect(ack.items[1].itemAcknowledgements).toEqual([{ acknowledgementCode: "Rejected", acknowledgedQuantity: { amount: 2, unitOfMeasure: "Cases", unitSize: 12 }, rejectionReason: "ObsoleteProduct" }])
  })

  it("refuses missing lines, wrong totals, forbidden backorders, reasonless rejections and re-accepting a rejected line", () => {
    const base = po()
    base.lines[1].rejected_once = true
    const problems = refusal(() =>
      buildAcknowledgement(base, { lines: [{ item_sequence_number: "1", answers: [{ code: "Rejected", quantity: 2 }] }] }, { sellingPartyId: null, now })
    )
    expect(problems).toEqual([
      "Line 1 (ASIN B1, SKU-1): a rejection needs a reason (TemporarilyUnavailable, InvalidProductIdentifier, ObsoleteProduct).",
      "Line 1 (ASIN B1, SKU-1): the answers add up to 2 eaches, Amazon ordered 3.",
      "Line 2 has no answer. Amazon takes an unanswered line as rejected: accept, backorder or reject it.",
    ])
    const more = refusal(() =>
      buildAcknowledgement(base, { lines: [{ item_sequence_number: "1", answers: [{ code: "Accepted", quantity: 3 }] }, { item_sequence_number: "2", answers: [{ code: "Backordered", quantity: 2 }] }, { item_sequence_number: "9", answers: [{ code: "Accepted", quantity: 1 }] }] }, { sellingPartyId: null, now })
    )
    expect(more).toEqual([
      "Purchase order PO000001 has no line 9.",
      "Line 2: Amazon does not allow a backorder on this line; accept or reject it.",
      "Line 2 was rejected before; Amazon never accepts a rejected line again.",
    ])
  })

  it("refuses a closed PO", () => {
    expect(refusal(() => buildAcknowledgement({ ...po(), state: "Closed" }, { lines: [] }, { sellingPartyId: null, now }))[0]).toMatch(/closed on Amazon/)
  })
})

describe("transaction outcome", () => {
  const submitted = new Date("2026-12-01T10:00:00Z")
  it("reads Success, Failure with Amazon's errors, and Processing for 15 minutes as accepted", () => {
    expect(transactionOutcome("Success", null, submitted, submitted).status).toBe("accepted")
    const failed = transactionOutcome("Failure", [{ code: "InvalidInput", message: "Line 1 does not allow backorders." }], submitted, submitted)
    expect(failed).toMatchObject({ status: "failed", message: "Amazon refused the acknowledgement: Line 1 does not allow backorders. Correct the answers and send them again." })
    expect(transactionOutcome("Processing", null, submitted, new Date(submitted.getTime() + 60_000)).status).toBe("processing")
    expect(transactionOutcome("Processing", null, submitted, new Date(submitted.getTime() + PROCESSING_COUNTS_AS_ACCEPTED_MS)).status).toBe("accepted")
  })
})
