import { planLines, planProportional, planWholeOrder, planWithReturn, refundPayload, type RefundLine } from "../refunds"

const none = { Principal: 0, Tax: 0, Shipping: 0, ShippingTax: 0 }
const mug: RefundLine = { order_item_id: "100", line_item_id: "ordli_1", title: "Mug", quantity: 2, paid: { Principal: 2598, Tax: 214, Shipping: 499, ShippingTax: 0 }, refunded: { ...none } }
const shirt: RefundLine = { order_item_id: "200", line_item_id: "ordli_2", title: "Shirt", quantity: 1, paid: { Principal: 1999, Tax: 165, Shipping: 0, ShippingTax: 0 }, refunded: { ...none } }

describe("refund breakdown", () => {
  it("shares an amount proportionally over what is still refundable, to the cent, remainder cents deterministic", () => {
    const items = planProportional([mug, shirt], 1000, false)
    const total = items.reduce((sum, item) => sum + Object.values(item.components).reduce((s, c) => s + (c ?? 0), 0), 0)
    expect(total).toBe(1000)
    // 5475 refundable: Principal of the mug gets 2598/5475 of 10.00 = 474.5 → 475 (largest dropped fraction first).
    expect(items).toEqual([
      { order_item_id: "100", components: { Principal: 475, Tax: 39, Shipping: 91 } },
      { order_item_id: "200", components: { Principal: 365, Tax: 30 } },
    ])
    expect(planProportional([mug, shirt], 1000, false)).toEqual(items)
  })

  it("refuses an amount above what was paid and not yet refunded, with the amount still refundable", () => {
    const refunded = { ...shirt, refunded: { Principal: 1999, Tax: 165, Shipping: 0, ShippingTax: 0 } }
    expect(() => planProportional([mug, refunded], 3312, false)).toThrow("Amazon can refund at most 33.11 more on this order")
  })

  it("in tax-inclusive marketplaces shares the money over Principal and Shipping and carries the VAT share along", () => {
    const de: RefundLine = { order_item_id: "300", line_item_id: null, title: "Becher", quantity: 1, paid: { Principal: 2499, Tax: 399, Shipping: 0, ShippingTax: 0 }, refunded: { ...none } }
    expect(planProportional([de], 1000, true)).toEqual([{ order_item_id: "300", components: { Principal: 1000, Tax: 160 } }])
  })

  it("a line breakdown gives exactly the components asked for and refuses more than a component's rest", () => {
    expect(planLines([mug, shirt], [{ order_item_id: "100", amounts: { Principal: "5.00" } }], false)).toEqual([{ order_item_id: "100", components: { Principal: 500 } }])
    expect(planLines([mug, shirt], [{ line_item_id: "ordli_1", quantity: 1 }], false)).toEqual([
      { order_item_id: "100", quantity: 1, components: { Principal: 1299, Tax: 107, Shipping: 250 } },
    ])
    expect(() => planLines([mug], [{ order_item_id: "100", amounts: { Shipping: "5.00" } }], false)).toThrow(
      'Shipping of "Mug" (Amazon item 100) can be refunded by at most 4.99'
    )
  })

  it("the whole order is every component still refundable; a received return's units come first", () => {
    expect(planWholeOrder([mug])).toEqual([{ order_item_id: "100", components: { Principal: 2598, Tax: 214, Shipping: 499 } }])
    const items = planWithReturn([mug, shirt], [{ order_item_id: "200", quantity: 1 }], 2164, false)
    expect(items).toEqual([{ order_item_id: "200", quantity: 1, components: { Principal: 1999, Tax: 165 } }])
  })

  it("the payload is what the adjustment feed builder accepts", () => {
    expect(refundPayload({ amazon_order_id: "111-1234567-1234567", currency: "usd", reason: "CustomerReturn", items: [{ order_item_id: "100", components: { Principal: 500, Tax: 0 } }] })).toEqual({
      amazonOrderId: "111-1234567-1234567",
      currency: "USD",
      items: [{ orderItemId: "100", adjustmentReason: "CustomerReturn", components: [{ type: "Principal", amount: "5.00" }] }],
    })
  })
})
