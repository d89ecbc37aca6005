import { mapOrderItemV0, mapOrderStatusV0, mapOrderV0 } from "../mappers/orders-v0"
import { OrderMappingError } from "../mappers/common"
import { OrderAddressV0Schema, OrderBuyerInfoV0Schema, OrderItemV0Schema, OrderV0Schema } from "../schemas/orders-v0"
import * as fixtures from "./fixtures/orders-v0"

// The mappers receive what the client returns, i.e. schema-validated data; so do the tests.
const order = (raw: unknown) => OrderV0Schema.parse(raw)
const items = (raw: unknown[]) => raw.map((item) => OrderItemV0Schema.parse(item))

describe("mapOrderV0", () => {
  it("maps a US tax-on-top order with its address and buyer info", () => {
    const mapped = mapOrderV0({
      order: order(fixtures.usTaxOnTopOrder),
      items: items(fixtures.usTaxOnTopItems),
      address: OrderAddressV0Schema.parse(fixtures.usTaxOnTopAddress),
      buyerInfo: OrderBuyerInfoV0Schema.parse(fixtures.usTaxOnTopBuyerInfo),
    })
    expect(mapped).toMatchObject({
      amazonOrderId: "113-5926331-5834609",
      marketplaceId: "ATVPDKIKX0DER",
      salesChannel: "Amazon.com",
      status: "UNSHIPPED",
      fulfillmentChannel: "FBM",
      currencyCode: "USD",
      orderTotal: "25.04",
      subtypes: [],
      shipServiceLevel: "Std US D2D Dom",
      earliestShipDate: "2025-03-04T08:00:00Z",
      latestShipDate: "2025-03-05T07:59:59Z",
      buyer: { email: "x7k2m9q4p1@marketplace.amazon.com", name: "Jane Doe", companyName: null, purchaseOrderNumber: null },
      buyerRequestedCancel: false,
      buyerCancelReason: null,
      source: "v0",
    })
    expect(mapped.shippingAddress).toEqual({
      name: "Jane Doe",
      companyName: null,
      addressLine1: "1200 12th Ave S",
      addressLine2: "Apt 4",
      addressLine3: null,
      city: "SEATTLE",
      districtOrCounty: null,
      stateOrRegion: "WA",
      municipality: null,
      postalCode: "98101-1234",
      countryCode: "US",
      phone: "+1 206-555-0100 ext. 12345",
      addressType: "RESIDENTIAL",
      extendedFields: null,
    })
    expect(mapped.items).toEqual([
      {
        orderItemId: "40914375630122",
        asin: "B0C1H26C46",
        sellerSku: "MUG-BLUE-12OZ",
        title: "Ceramic Coffee Mug, 12 oz, Blue",
        quantityOrdered: 1,
        quantityShipped: 0,
        unitPrice: "19.99",
        itemPrice: "19.99",
        itemTax: "1.65",
        shippingPrice: "4.99",
        shippingTax: "0.41",
        promotionDiscount: "2.00",
        promotionDiscountTax: "0.00",
        shippingDiscount: "0.00",
        shippingDiscountTax: "0.00",
        promotionIds: ["US Core Free Shipping Promotion 12345", "SPRING-2025"],
        customization: null,
        gift: null,
        buyerRequestedCancel: false,
        cancelReason: null,
      },
    ])
  })

  it("keeps DE prices VAT-inclusive: 24.99 including 3.99 VAT", () => {
    const mapped = mapOrderV0({ order: order(fixtures.deVatInclusiveOrder), items: items(fixtures.deVatInclusiveItems) })
    expect(mapped.currencyCode).toBe("EUR")
    expect(mapped.orderTotal).toBe("24.99")
    expect(mapped.items[0]).toMatchObject({ unitPrice: "24.99", itemPrice: "24.99", itemTax: "3.99", shippingPrice: "0.00" })
    expect(mapped.shippingAddress).toMatchObject({ name: "Max Mustermann", addressLine1: "Hauptstraße 5", city: "München" })
    // "false" string flag is accepted and means false.
    expect(mapped.subtypes).toEqual([])
  })

  it("keeps JPY amounts without decimals and derives the exact unit price", () => {
    const mapped = mapOrderV0({ order: order(fixtures.jpyOrder), items: items(fixtures.jpyItems) })
    expect(mapped.orderTotal).toBe("19940")
    expect(mapped.currencyCode).toBe("JPY")
    expect(mapped.status).toBe("SHIPPED")
    expect(mapped.items[0]).toMatchObject({ itemPrice: "19940", unitPrice: "9970", itemTax: "0", quantityShipped: 2 })
  })

  it("leaves PII null for an FBA order instead of inventing it", () => {
    const mapped = mapOrderV0({ order: order(fixtures.fbaNoPiiOrder), items: items(fixtures.fbaNoPiiItems) })
    expect(mapped.fulfillmentChannel).toBe("FBA")
    expect(mapped.buyer).toEqual({ email: null, name: null, companyName: null, purchaseOrderNumber: null })
    expect(mapped.shippingAddress).toMatchObject({ name: null, addressLine1: null, phone: null, city: "AUSTIN", postalCode: "78701" })
    expect(mapped.subtypes).toEqual(["PRIME"])
    expect(mapped.items[0]).toMatchObject({ shippingPrice: null, shippingTax: null, promotionIds: [], customization: null })
  })

  it("reads the gift message and gift wrap level from the item's buyer info into the shape 2026-01-01 gives", () => {
    const [item] = items([{ ...fixtures.usTaxOnTopItems[0], IsGift: "true", BuyerInfo: { GiftMessageText: " For you! ", GiftWrapLevel: "Classic" } }])
    expect(mapOrderItemV0(item).gift).toEqual({ message: "For you!", wrapLevel: "Classic" })
    const [plain] = items([{ ...fixtures.usTaxOnTopItems[0], BuyerInfo: { GiftMessageText: "" } }])
    expect(mapOrderItemV0(plain).gift).toBeNull()
  })

  it("maps the Amazon Custom URL to customization.url", () => {
    const [item] = items(fixtures.amazonCustomItems)
    expect(mapOrderItemV0(item).customization).toEqual({
      url: "https://zme-caps.amazon.com/t/bR6qHkzSOxuB/J8nbWhze0Bd3DkajkOdY-XQbWkFralegp2sr_QZiKEE/1",
      text: null,
    })
  })

  it("tags a Business + Prime SecondDay order as BUSINESS_PRIME and SECOND_DAY", () => {
    const mapped = mapOrderV0({ order: order(fixtures.businessPrimeSecondDayOrder), items: [] })
    expect(mapped.subtypes).toEqual(["BUSINESS_PRIME", "SECOND_DAY"])
    expect(mapped.buyer.purchaseOrderNumber).toBe("PO-7781")
  })

  it("tags Business alone, Premium, Preorder, Replacement, NextDay, SameDay", () => {
    const base = { ...fixtures.usTaxOnTopOrder }
    expect(mapOrderV0({ order: order({ ...base, IsBusinessOrder: true }), items: [] }).subtypes).toEqual(["BUSINESS"])
    expect(
      mapOrderV0({
        order: order({ ...base, IsPremiumOrder: "true", OrderType: "Preorder", IsReplacementOrder: true, ShipmentServiceLevelCategory: "NextDay" }),
        items: [],
      }).subtypes
    ).toEqual(["PREMIUM", "PREORDER", "REPLACEMENT", "NEXT_DAY"])
    expect(mapOrderV0({ order: order({ ...base, ShipmentServiceLevelCategory: "SameDay" }), items: [] }).subtypes).toEqual(["SAME_DAY"])
  })

  it('reads IsBuyerRequestedCancel as the STRING "true" / "false"', () => {
    const mapped = mapOrderV0({ order: order(fixtures.usTaxOnTopOrder), items: items(fixtures.buyerCancelItems) })
    expect(mapped.buyerRequestedCancel).toBe(true)
    expect(mapped.buyerCancelReason).toBe("Ordered by mistake")
    expect(mapped.items.map((item) => item.buyerRequestedCancel)).toEqual([true, false])
    expect(mapped.items[1].cancelReason).toBeNull()
    // 30.00 for 1, 10.00 for 3 → no exact unit price, so none is invented.
    expect(mapped.items.map((item) => item.unitPrice)).toEqual(["30.00", null])
  })

  it("maps every v0 status", () => {
    expect(
      (["PendingAvailability", "Pending", "Unshipped", "PartiallyShipped", "Shipped", "InvoiceUnconfirmed", "Canceled", "Unfulfillable"] as const).map(
        mapOrderStatusV0
      )
    ).toEqual(["PENDING_AVAILABILITY", "PENDING", "UNSHIPPED", "PARTIALLY_SHIPPED", "SHIPPED", "SHIPPED", "CANCELLED", "UNFULFILLABLE"])
  })

  it("refuses to guess the fulfillment channel", () => {
    const { FulfillmentChannel: _omitted, ...withoutChannel } = fixtures.usTaxOnTopOrder
    expect(() => mapOrderV0({ order: order(withoutChannel), items: [] })).toThrow(OrderMappingError)
  })

  it("prefers getOrderAddress data over the order's own partial address", () => {
    const mapped = mapOrderV0({
      order: order(fixtures.usTaxOnTopOrder),
      items: [],
      address: OrderAddressV0Schema.parse({ ...fixtures.usTaxOnTopAddress, BuyerCompanyName: "Doe Inc." }),
    })
    expect(mapped.shippingAddress?.addressLine1).toBe("1200 12th Ave S")
    expect(mapped.buyer.companyName).toBe("Doe Inc.")
  })
})

describe("v0 schemas", () => {
  it("accept unknown extra fields but reject wrong types on mapped fields", () => {
    expect(OrderV0Schema.safeParse({ ...fixtures.usTaxOnTopOrder, BrandNewField: { x: 1 } }).success).toBe(true)
    expect(OrderV0Schema.safeParse({ ...fixtures.usTaxOnTopOrder, OrderStatus: "Lost" }).success).toBe(false)
    expect(
      OrderItemV0Schema.safeParse({ ...fixtures.usTaxOnTopItems[0], ItemPrice: { CurrencyCode: "USD", Amount: 19.99 } }).success
    ).toBe(false)
    expect(OrderItemV0Schema.safeParse({ ...fixtures.usTaxOnTopItems[0], QuantityOrdered: "1" }).success).toBe(false)
  })
})
