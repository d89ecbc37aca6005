import { buildShipmentPackage, type PackageInput } from "../shipment-package"

const NOW = new Date("2026-11-23T12:00:00.000Z")

function input(overrides: Partial<PackageInput> = {}, fulfillment: Partial<PackageInput["fulfillment"]> = {}, amazonStatus = "UNSHIPPED"): PackageInput {
  return {
    fulfillment: {
      id: "ful_1",
      provider_id: "manual_manual",
      shipped_at: "2026-11-23T10:00:00.000Z",
      canceled_at: null,
      labels: [{ tracking_number: "1Z999AA10123456784", tracking_url: "" }],
      metadata: null,
      items: [
        { line_item_id: "li_mug", quantity: 2, inventory_item_id: "iitem_mug", sku: "MUG" },
        { line_item_id: "li_shirt", quantity: 1, inventory_item_id: "iitem_shirt", sku: "SHIRT" },
      ],
      ...fulfillment,
    },
    orderLines: [
      { id: "li_mug", variant_sku: "MUG", required_quantities: { iitem_mug: 1 } },
      { id: "li_shirt", variant_sku: "SHIRT", required_quantities: { iitem_shirt: 1 } },
    ],
    amazonOrder: {
      amazon_order_id: "111-0000000-0000001",
      marketplace_id: "ATVPDKIKX0DER",
      status: amazonStatus,
      fulfillment_channel: "FBM",
      items: [
        { order_item_id: "OI-MUG", seller_sku: "MUG", line_item_id: "li_mug", quantity_ordered: 3, quantity_shipped: 0 },
        { order_item_id: "OI-SHIRT", seller_sku: "SHIRT", line_item_id: "li_shirt", quantity_ordered: 1, quantity_shipped: 0 },
      ],
    },
    packageReferenceId: "1",
    unitsInOtherPushes: {},
    now: NOW,
    ...overrides,
  }
}

describe("shipment package for Amazon", () => {
  it("lists exactly the Amazon items and units of the fulfillment, with carrier, tracking number and ship date", () => {
    const built = buildShipmentPackage(input())
    expect(built).toEqual({
      ok: true,
      carrier: { carrierCode: "UPS" },
      tracking_number: "1Z999AA10123456784",
      ship_date: "2026-11-23T10:00:00.000Z",
      lines: [
        { order_item_id: "OI-MUG", line_item_id: "li_mug", quantity: 2 },
        { order_item_id: "OI-SHIRT", line_item_id: "li_shirt", quantity: 1 },
      ],
      request: {
        marketplaceId: "ATVPDKIKX0DER",
        packageDetail: {
          packageReferenceId: "1",
          carrierCode: "UPS",
          trackingNumber: "1Z999AA10123456784",
          shipDate: "2026-11-23T10:00:00.000Z",
          orderItems: [
            { orderItemId: "OI-MUG", quantity: 2 },
            { orderItemId: "OI-SHIRT", quantity: 1 },
          ],
        },
      },
    })
  })

  it("sends an unknown carrier as Other with its name, and takes ship date and method from the fulfillment metadata", () => {
    const built = buildShipmentPackage(
      input({}, { labels: [{ tracking_number: "SC-778", tracking_url: null }], metadata: { amazon_carrier: "Speedy Couriers", amazon_ship_date: "2026-11-22T08:00:00Z", amazon_shipping_method: "Next day" } })
    )
    expect(built.ok && built.request.packageDetail).toMatchObject({ carrierCode: "Other", carrierName: "Speedy Couriers", shippingMethod: "Next day", shipDate: "2026-11-22T08:00:00.000Z" })
  })

  it("matches a line to the Amazon item by SKU when the import did not record the line item", () => {
    const base = input()
    base.amazonOrder.items[1].line_item_id = null
    const built = buildShipmentPackage(base)
    expect(built.ok && built.lines[1]).toEqual({ order_item_id: "OI-SHIRT", line_item_id: "li_shirt", quantity: 1 })
  })

  it("counts units of inventory kits as core-flows does (fulfillment quantity / required quantity)", () => {
    const base = input({}, { items: [{ line_item_id: "li_mug", quantity: 4, inventory_item_id: "iitem_box", sku: "MUG" }] })
    base.orderLines[0].required_quantities = { iitem_box: 2, iitem_lid: 2 }
    const built = buildShipmentPackage(base)
    expect(built.ok && built.lines).toEqual([{ order_item_id: "OI-MUG", line_item_id: "li_mug", quantity: 2 }])
  })

  it("refuses orders cancelled on Amazon with a sentence saying not to ship", () => {
    const built = buildShipmentPackage(input({}, {}, "CANCELLED"))
    expect(built).toMatchObject({ ok: false, code: "ORDER_CANCELLED" })
    expect(!built.ok && built.message).toMatch(/was cancelled on Amazon, so its shipment cannot be confirmed\. Do not send the parcel/)
  })

  it("refuses what Amazon would refuse, each with what to do", () => {
    const cases: Array<[PackageInput, string, RegExp]> = [
      [input({}, { labels: [] }), "NO_TRACKING_NUMBER", /has no tracking number/],
      [input({}, { labels: [{ tracking_number: "12345", tracking_url: "" }] }), "UNKNOWN_CARRIER", /set "amazon_carrier" in the fulfillment's metadata/],
      [input({}, { metadata: { amazon_ship_date: "2026-12-24T00:00:00Z" } }), "INVALID_SHIP_DATE", /in the future/],
      [input({}, { metadata: { amazon_ship_date: "yesterday" } }), "INVALID_SHIP_DATE", /is not a date/],
      [input({}, { items: [{ line_item_id: "li_gift", quantity: 1, inventory_item_id: null, sku: "GIFT" }] }), "ITEM_NOT_ON_AMAZON_ORDER", /SKU GIFT, which is not an item/],
      [input({ unitsInOtherPushes: { "OI-MUG": 2 } }), "QUANTITY_ABOVE_UNSHIPPED", /ships 2 of SKU MUG, but only 1 of the 3/],
      [input({}, { canceled_at: "2026-11-23T11:00:00Z" }), "FULFILLMENT_CANCELED", /was cancelled in Medusa/],
      [input({}, {}, "SHIPPED"), "ORDER_ALREADY_SHIPPED", /already shows .* as shipped/],
    ]
    for (const [packageInput, code, sentence] of cases) {
      const built = buildShipmentPackage(packageInput)
      expect(built).toMatchObject({ ok: false, code })
      expect(!built.ok && built.message).toMatch(sentence)
    }
  })
})
