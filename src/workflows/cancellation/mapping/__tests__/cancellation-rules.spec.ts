import { cancellationRefusal, type OrderForCancellation } from "../cancellation-rules"

const unshipped: OrderForCancellation = {
  amazon_order_id: "111-1111111-1111111",
  status: "UNSHIPPED",
  fulfillment_channel: "FBM",
  items: [{ order_item_id: "1", quantity_shipped: 0 }],
  tracking_pushes: [],
}
const open = { status: "pending", fulfillments: [] }

describe("cancellationRefusal", () => {
  it("lets an unshipped FBM order be cancelled", () => {
    expect(cancellationRefusal(unshipped, open, null, "admin")).toBeNull()
  })

  it.each([
    ["an item shipped", { items: [{ order_item_id: "1", quantity_shipped: 1 }] }],
    ["a confirmed package", { tracking_pushes: [{ state: "confirmed" }] }],
    ["a confirmation on its way", { tracking_pushes: [{ state: "sent" }] }],
    ["Amazon's status", { status: "PARTIALLY_SHIPPED" }],
  ])("refuses once shipped (%s)", (_what, change) => {
    expect(cancellationRefusal({ ...unshipped, ...change }, open, null, "admin")).toMatch(/already confirmed as shipped to Amazon/)
  })

  it("refuses FBA, cancelled, pending and fulfilled orders with a sentence each", () => {
    expect(cancellationRefusal({ ...unshipped, fulfillment_channel: "FBA" }, open, null, "admin")).toMatch(/only Amazon can cancel it/)
    expect(cancellationRefusal({ ...unshipped, status: "CANCELLED" }, open, null, "admin")).toMatch(/already cancelled at Amazon/)
    expect(cancellationRefusal(unshipped, open, { status: "queued" }, "admin")).toMatch(/already waiting for Amazon's answer/)
    expect(cancellationRefusal(unshipped, { status: "pending", fulfillments: [{ canceled_at: null }] }, null, "admin")).toMatch(/Cancel the fulfillment first/)
    expect(cancellationRefusal({ ...unshipped, tracking_pushes: [{ state: "waiting" }] }, open, null, "admin")).toMatch(/waiting to be confirmed/)
  })

  it("Medusa's own Cancel (the order is cancelled already) is not refused for being cancelled in Medusa", () => {
    expect(cancellationRefusal(unshipped, { status: "canceled", fulfillments: [] }, null, "medusa_cancel")).toBeNull()
    expect(cancellationRefusal(unshipped, { status: "canceled", fulfillments: [] }, null, "admin")).toMatch(/already cancelled/)
  })
})
