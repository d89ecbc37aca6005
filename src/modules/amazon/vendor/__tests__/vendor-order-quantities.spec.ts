import { acceptedEachesByLine, buyingPartyEmail, itemAdditions, itemChanges, orderQuantitiesFor } from "../vendor-order-quantities"

const ack = (items: Array<[string, Array<[string, number, ("Eaches" | "Cases")?, number?]>]>) => ({
  items: items.map(([itemSequenceNumber, answers]) => ({
    itemSequenceNumber,
    orderedQuantity: { amount: 0, unitOfMeasure: "Eaches" as const },
    itemAcknowledgements: answers.map(([code, amount, unitOfMeasure = "Eaches", unitSize]) => ({
      acknowledgementCode: code as any,
      acknowledgedQuantity: { amount, unitOfMeasure, ...(unitSize ? { unitSize } : {}) },
    })),
  })),
})

const line = (id: string, sequence: string, orderedEaches: number) => ({ id, item_sequence_number: sequence, ordered_eaches: orderedEaches, unit_of_measure: "Eaches" as const, unit_size: null })

describe("vendor order quantities", () => {
  it("counts only accepted units, in eaches (cases × case size)", () => {
    const accepted = acceptedEachesByLine(ack([["1", [["Accepted", 80], ["Backordered", 20]]], ["2", [["Accepted", 2, "Cases", 6], ["Accepted", 1, "Cases", 6]]], ["3", [["Rejected", 5]]]]) as any)
    expect([...accepted.entries()]).toEqual([["1", 80], ["2", 18], ["3", 0]])
  })

  it("never carries more than Amazon still orders: backordered units are cut first, a zeroed line goes to 0", () => {
    const accepted = new Map([["1", 80], ["2", 10], ["3", 0]])
    const wanted = orderQuantitiesFor([line("a", "1", 90), line("b", "2", 0), line("c", "3", 5), line("d", "4", 7)], accepted)
    expect([...wanted.entries()]).toEqual([["a", 80], ["b", 0], ["c", 0], ["d", 0]])
    expect(orderQuantitiesFor([line("a", "1", 60)], accepted).get("a")).toBe(60)
  })

  it("changes only the items whose quantity differs, and ignores items of no PO line", () => {
    const wanted = new Map([["a", 60], ["b", 10]])
    const items = [{ id: "i1", quantity: 80, line_id: "a" }, { id: "i2", quantity: 10, line_id: "b" }, { id: "i3", quantity: 1, line_id: null }]
    expect(itemChanges(items, wanted)).toEqual([{ item_id: "i1", line_id: "a", from: 80, to: 60 }])
    expect(itemChanges(items.map((item) => (item.id === "i1" ? { ...item, quantity: 60 } : item)), wanted)).toEqual([])
  })

  it("derives one undeliverable guest email per buying party", () => {
    expect(buyingPartyEmail("AMAZON", "VEND1")).toBe("buying-party-amazon@amazon-vendor.invalid")
    expect(buyingPartyEmail(null, "VEND 1")).toBe("buying-party-vend-1@amazon-vendor.invalid")
    expect(buyingPartyEmail("AMAZON", null)).toBe(buyingPartyEmail("amazon", "OTHER"))
  })

  it("lines wanted on the order without an item of their own are additions; lines at 0 and lines carried are not", () => {
    const wanted = new Map([["a", 60], ["b", 10], ["c", 0]])
    expect(itemAdditions([{ line_id: "a" }], wanted)).toEqual([{ line_id: "b", quantity: 10 }])
    expect(itemAdditions([{ line_id: "a" }, { line_id: "b" }], wanted)).toEqual([])
  })
})
