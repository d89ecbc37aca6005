import { captureFailedMessage, captureFailureReason, packageAmount, planShipmentCaptures, shipmentCaptureTag, type PlanOrder, type PlanPush } from "../capture-plan"

// Two mugs (2 × 14.06) and a shirt (21.64), shipping 5.40: Amazon's total 55.16.
const ORDER: PlanOrder = {
  currency_code: "usd",
  items: [
    { id: "mug", quantity: 2, total: 28.12 },
    { id: "shirt", quantity: 1, total: 21.64 },
  ],
}
const TOTAL = 55.16

function push(id: string, items: Array<[string, number]>, minute: number): PlanPush {
  return { id, items: items.map(([line_item_id, quantity]) => ({ line_item_id, quantity })), confirmed_at: new Date(Date.UTC(2026, 11, 1, 12, minute)) }
}

const mugs = push("p1", [["mug", 2]], 1)
const shirt = push("p2", [["shirt", 1]], 2)

function sum(amounts: number[]) {
  return Math.round(amounts.reduce((total, amount) => total + amount, 0) * 100) / 100
}

describe("what each confirmed package captures", () => {
  it("a package that leaves units unshipped captures its lines only", () => {
    expect(planShipmentCaptures({ order: ORDER, payment: { id: "pay", amount: TOTAL, captures: [] }, confirmed: [mugs], planned: ["p1"] })).toEqual([
      { push_id: "p1", kind: "new", amount: 28.12 },
    ])
  })

  it("units Amazon shipped before the import count as shipped: the package after them captures the rest, shipping included", () => {
    // The import captured the two mugs (28.12) when it saw them shipped; only the shirt is a package of ours.
    const payment = { id: "pay", amount: TOTAL, captures: [{ id: "cap0", amount: 28.12, created_by: null }] }
    expect(
      planShipmentCaptures({ order: ORDER, payment, confirmed: [shirt], planned: ["p2"], shipped_before_import: [{ line_item_id: "mug", quantity: 2 }] })
    ).toEqual([{ push_id: "p2", kind: "new", amount: 27.04 }])
    // Without them, the shirt's package would not complete the order and would leave the shipping uncaptured.
    expect(planShipmentCaptures({ order: ORDER, payment, confirmed: [shirt], planned: ["p2"] })).toEqual([{ push_id: "p2", kind: "new", amount: 21.64 }])
  })

  it("the package confirmed last captures the rest, shipping included", () => {
    const payment = { id: "pay", amount: TOTAL, captures: [{ id: "cap1", amount: 28.12, created_by: shipmentCaptureTag("p1") }] }
    expect(planShipmentCaptures({ order: ORDER, payment, confirmed: [mugs, shirt], planned: ["p2"] })).toEqual([
      { push_id: "p2", kind: "new", amount: 27.04 },
    ])
  })

  it("whatever order the captures happen in (a failed one retried later, two processes), the total is the payment's", () => {
    const none = { id: "pay", amount: TOTAL, captures: [] as Array<{ id: string; amount: number; created_by: string }> }
    // The last package is captured first, the earlier one (whose capture failed) afterwards.
    const [last] = planShipmentCaptures({ order: ORDER, payment: none, confirmed: [mugs, shirt], planned: ["p2"] })
    expect(last).toEqual({ push_id: "p2", kind: "new", amount: 27.04 })
    const afterLast = { ...none, captures: [{ id: "cap2", amount: 27.04, created_by: shipmentCaptureTag("p2") }] }
    const [first] = planShipmentCaptures({ order: ORDER, payment: afterLast, confirmed: [mugs, shirt], planned: ["p1"] })
    expect(first).toEqual({ push_id: "p1", kind: "new", amount: 28.12 })
    // Both in one run.
    const both = planShipmentCaptures({ order: ORDER, payment: none, confirmed: [shirt, mugs], planned: ["p2", "p1"] })
    expect(sum(both.map((entry) => (entry.kind === "none" ? 0 : entry.amount)))).toBe(TOTAL)
  })

  it("a push whose tagged capture exists is not captured again; only the transaction may be missing", () => {
    const payment = { id: "pay", amount: TOTAL, captures: [{ id: "cap1", amount: 28.12, created_by: shipmentCaptureTag("p1") }] }
    expect(planShipmentCaptures({ order: ORDER, payment, confirmed: [mugs], planned: ["p1"] })).toEqual([
      { push_id: "p1", kind: "existing", capture_id: "cap1", amount: 28.12 },
    ])
  })

  it("never plans beyond what is left of the payment (the merchant captured by hand)", () => {
    const payment = { id: "pay", amount: TOTAL, captures: [{ id: "manual", amount: 50, created_by: "user_1" }] }
    expect(planShipmentCaptures({ order: ORDER, payment, confirmed: [mugs], planned: ["p1"] })).toEqual([{ push_id: "p1", kind: "new", amount: 5.16 }])
    const all = { id: "pay", amount: TOTAL, captures: [{ id: "manual", amount: TOTAL, created_by: "user_1" }] }
    expect(planShipmentCaptures({ order: ORDER, payment: all, confirmed: [mugs], planned: ["p1"] })).toEqual([
      { push_id: "p1", kind: "none", reason: "nothing_left" },
    ])
  })

  it("splits a line by units and rounds to the currency (JPY has no decimals)", () => {
    const yen: PlanOrder = { currency_code: "jpy", items: [{ id: "tea", quantity: 3, total: 1000 }] }
    expect(packageAmount(yen, push("a", [["tea", 1]], 1)).toNumber()).toBe(333)
    const first = push("a", [["tea", 1]], 1)
    const rest = push("b", [["tea", 2]], 2)
    const plans = planShipmentCaptures({ order: yen, payment: { id: "pay", amount: 1350, captures: [] }, confirmed: [first, rest], planned: ["a", "b"] })
    expect(plans).toEqual([
      { push_id: "a", kind: "new", amount: 333 },
      { push_id: "b", kind: "new", amount: 1017 },
    ])
  })
})

describe("the sentence of a failed capture", () => {
  const plan = { package_reference_id: "2", amazon_order_id: "111-0000000-0000001", currency_code: "eur", amount: 23.8 }

  it("names the package, the order and the amount, says what happens next, and leaves the SQL out", () => {
    const lockTimeout = Object.assign(new Error(`select "id" from "payment" where "id" = $1 for update - canceling statement due to lock timeout`), {})
    const message = captureFailedMessage(plan, captureFailureReason(lockTimeout), new Date("2026-12-02T10:04:00.123Z"))
    expect(message).toBe(
      "Amazon confirmed package 2 of order 111-0000000-0000001, but Medusa could not record its payment of €23.80 (canceling statement due to lock timeout). " +
        "The retry job tries again from 2026-12-02T10:04:00Z, waiting longer after each failure; if this message stays, open the order and check its payment."
    )
    expect(captureFailureReason(Object.assign(new Error("x"), { code: "55P03" }))).toBe("another change to the same payment was in progress")
    expect(captureFailureReason(new Error("The payment: pay_1 has been canceled."))).toBe("The payment: pay_1 has been canceled.")
  })
})
