import { amazonShipTime, importedFulfillmentId, importedShipmentOf } from "../imported-shipment"
import { amazonItem, amazonOrder } from "./fixtures"

describe("what had shipped when an Amazon order is imported", () => {
  it("FBA: every unit, Amazon giving no ship time: the end of the ship-by window, bounded by the last update", () => {
    const order = amazonOrder({
      fulfillmentChannel: "FBA",
      status: "SHIPPED",
      latestShipDate: "2026-11-22T07:59:59Z",
      lastUpdateDate: "2026-11-21T12:00:00Z",
      items: [amazonItem({ quantityOrdered: 2, quantityShipped: 0 }), amazonItem({ orderItemId: "22222222222222", quantityOrdered: 1, quantityShipped: 1 })],
    })
    expect(importedShipmentOf(order)).toEqual({
      quantities: { "11111111111111": 2, "22222222222222": 1 },
      shipped_at: "2026-11-21T12:00:00.000Z",
      labels: [],
      carrier: null,
    })
    expect(amazonShipTime({ ...order, lastUpdateDate: "2026-11-25T00:00:00Z" })).toBe("2026-11-22T07:59:59.000Z")
    expect(amazonShipTime({ ...order, latestShipDate: null })).toBe("2026-11-21T12:00:00.000Z")
  })

  it("FBM: Amazon's shipped count per item, with the packages' carrier, tracking numbers and latest ship time", () => {
    const order = amazonOrder({
      status: "PARTIALLY_SHIPPED",
      items: [amazonItem({ quantityOrdered: 3, quantityShipped: 2 }), amazonItem({ orderItemId: "22222222222222", quantityOrdered: 1, quantityShipped: 0 })],
      packages: [
        { packageReferenceId: "4", carrier: "UPS", trackingNumber: "1Z999AA10123456784", shipTime: "2026-11-20T15:00:00Z", items: [{ orderItemId: "11111111111111", quantity: 1 }] },
        { packageReferenceId: "5", carrier: "UPS", trackingNumber: "1Z999AA10123456785", shipTime: "2026-11-21T09:30:00Z", items: [{ orderItemId: "11111111111111", quantity: 1 }] },
      ],
    })
    expect(importedShipmentOf(order)).toEqual({
      quantities: { "11111111111111": 2 },
      shipped_at: "2026-11-21T09:30:00.000Z",
      labels: [
        { tracking_number: "1Z999AA10123456784", tracking_url: "", label_url: "" },
        { tracking_number: "1Z999AA10123456785", tracking_url: "", label_url: "" },
      ],
      carrier: "UPS",
    })
  })

  it("nothing shipped: no fulfilment; a fulfilment id follows from the order id", () => {
    expect(importedShipmentOf(amazonOrder())).toBeNull()
    expect(importedFulfillmentId("order_01ABC")).toBe("ful_amz_01ABC")
  })
})
