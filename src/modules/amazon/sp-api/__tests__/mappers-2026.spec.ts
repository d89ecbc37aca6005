import { mapOrder2026, mapOrderItem2026 } from "../mappers/orders-2026"
import { OrderMappingError } from "../mappers/common"
import { Order2026Schema, SearchOrdersResponseSchema } from "../schemas/orders-2026"
import * as fixtures from "./fixtures/orders-2026"

const order = (raw: unknown) => Order2026Schema.parse(raw)

describe("mapOrder2026", () => {
  it("maps a US tax-on-top order: tax split by charge, negative discount as positive amount", () => {
    const mapped = mapOrder2026(order(fixtures.usTaxOnTop2026))
    expect(mapped).toMatchObject({
      amazonOrderId: "113-5926331-5834609",
      marketplaceId: "ATVPDKIKX0DER",
      salesChannel: "Amazon.com",
      status: "UNSHIPPED",
      fulfillmentChannel: "FBM",
      purchaseDate: "2025-03-03T17:42:10Z",
      lastUpdateDate: "2025-03-03T18:05:44Z",
      currencyCode: "USD",
      orderTotal: "25.04",
      subtypes: [],
      shipServiceLevel: "STANDARD",
      earliestShipDate: "2025-03-04T08:00:00Z",
      latestShipDate: "2025-03-05T07:59:59Z",
      buyer: { email: "x7k2m9q4p1@marketplace.amazon.com", name: "Jane Doe", companyName: null, purchaseOrderNumber: null },
      buyerRequestedCancel: false,
      source: "2026-01-01",
    })
    expect(mapped.shippingAddress).toMatchObject({ name: "Jane Doe", addressLine3: null, addressType: "RESIDENTIAL", countryCode: "US" })
    expect(mapped.items[0]).toEqual({
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
      promotionDiscountTax: null,
      shippingDiscount: null,
      shippingDiscountTax: null,
      promotionIds: ["SPRING-2025"],
      customization: null,
      gift: null,
      buyerRequestedCancel: false,
      cancelReason: null,
    })
  })

  it("adds the VAT back into DE prices (24.99 incl. 3.99) and puts the discount tax on the free shipping", () => {
    const mapped = mapOrder2026(order(fixtures.deVatInclusive2026))
    expect(mapped.orderTotal).toBe("24.99")
    expect(mapped.currencyCode).toBe("EUR")
    expect(mapped.items[0]).toMatchObject({
      unitPrice: "24.99",
      itemPrice: "24.99",
      itemTax: "3.99",
      shippingPrice: "3.00",
      shippingTax: "0.48",
      shippingDiscount: "3.00",
      shippingDiscountTax: "0.48",
      promotionDiscount: null,
      promotionDiscountTax: null,
      promotionIds: [],
    })
  })

  it("leaves US prices net of tax, which Amazon adds on top", () => {
    const mapped = mapOrder2026(order({ ...(fixtures.deVatInclusive2026 as object), salesChannel: { channelName: "AMAZON", marketplaceId: "ATVPDKIKX0DER", marketplaceName: "Amazon.com" } }))
    expect(mapped.items[0]).toMatchObject({ itemPrice: "21.00", itemTax: "3.99", shippingPrice: "2.52", shippingDiscount: "2.52" })
  })

  it("keeps JPY whole and reads Amazon's own sandbox example", () => {
    const mapped = mapOrder2026(order(fixtures.jpyFba2026))
    expect(mapped.orderTotal).toBe("19940")
    expect(mapped.currencyCode).toBe("JPY")
    expect(mapped.fulfillmentChannel).toBe("FBA")
    expect(mapped.subtypes).toEqual(["PRIME"])
    expect(mapped.items.map((item) => [item.unitPrice, item.itemPrice, item.quantityShipped])).toEqual([
      ["5980", "5980", 1],
      ["6980", "13960", 2],
    ])
  })

  it("leaves PII null for an FBA order and does not invent a shipping tax", () => {
    const mapped = mapOrder2026(order(fixtures.fbaNoPii2026))
    expect(mapped.buyer).toEqual({ email: null, name: null, companyName: null, purchaseOrderNumber: null })
    expect(mapped.shippingAddress).toMatchObject({ name: null, addressLine1: null, phone: null, city: "Austin" })
    expect(mapped.items[0]).toMatchObject({ itemTax: "4.13", shippingTax: null, shippingPrice: null })
    expect(mapped.shipServiceLevel).toBe("EXPEDITED")
  })

  it("maps Amazon Custom, Business Prime, SECOND_DAY and the buyer's cancellation request", () => {
    const mapped = mapOrder2026(order(fixtures.customBusinessPrimeCancel2026))
    expect(mapped.subtypes).toEqual(["BUSINESS_PRIME", "SECOND_DAY"])
    expect(mapped.buyer).toEqual({ email: null, name: "Pat Lee", companyName: "Lee Woodworks LLC", purchaseOrderNumber: "PO-7781" })
    expect(mapped.buyerRequestedCancel).toBe(true)
    expect(mapped.buyerCancelReason).toBe("Ordered by mistake")
    expect(mapped.items[0]).toMatchObject({
      customization: { url: "https://zme-caps.amazon.com/t/bR6qHkzSOxuB/J8nbWhze0Bd3/1", text: null },
      buyerRequestedCancel: true,
      cancelReason: "Ordered by mistake",
      // No PROCEEDS for the item: the line total is unit price × quantity.
      itemPrice: "79.90",
      itemTax: null,
    })
    expect(mapped.shippingAddress).toBeNull()
  })

  it("tags PREMIUM, PREORDER and replacements", () => {
    const mapped = mapOrder2026(
      order({
        ...fixtures.usTaxOnTop2026,
        programs: ["PREMIUM", "PREORDER", "AMAZON_EASY_SHIP"],
        associatedOrders: [{ orderId: "113-0000000-0000000", associationType: "REPLACEMENT_ORIGINAL_ID" }],
        fulfillment: { ...fixtures.usTaxOnTop2026.fulfillment, fulfillmentServiceLevel: "SAME_DAY" },
      })
    )
    expect(mapped.subtypes).toEqual(["PREMIUM", "PREORDER", "REPLACEMENT", "SAME_DAY"])
  })

  it("reads the gift option from the item's packing into the shape v0 gives", () => {
    const [item] = order({
      ...fixtures.usTaxOnTop2026,
      orderItems: [
        {
          ...fixtures.usTaxOnTop2026.orderItems[0],
          fulfillment: { quantityFulfilled: 0, quantityUnfulfilled: 1, packing: { giftOption: { giftMessage: "Happy Holidays!", giftWrapLevel: "PREMIUM" } } },
        },
      ],
    }).orderItems
    expect(mapOrderItem2026(item).gift).toEqual({ message: "Happy Holidays!", wrapLevel: "PREMIUM" })
  })

  it("reads the seller's confirmed packages (carrier, tracking number, ship time, items) and leaves them out when Amazon lists none", () => {
    const itemId = fixtures.usTaxOnTop2026.orderItems[0].orderItemId
    const mapped = mapOrder2026(
      order({
        ...fixtures.usTaxOnTop2026,
        packages: [
          {
            packageReferenceId: "1",
            createdTime: "2026-11-20T15:00:00Z",
            packageStatus: { status: "SHIPPED" },
            carrier: "UPS",
            shipTime: "2026-11-20T16:00:00Z",
            shippingService: "Ground",
            trackingNumber: "1Z999AA10123456784",
            packageItems: [{ orderItemId: itemId, quantity: 1 }],
          },
        ],
      })
    )
    expect(mapped.packages).toEqual([
      { packageReferenceId: "1", carrier: "UPS", trackingNumber: "1Z999AA10123456784", shipTime: "2026-11-20T16:00:00Z", items: [{ orderItemId: itemId, quantity: 1 }] },
    ])
    expect(mapOrder2026(order(fixtures.usTaxOnTop2026)).packages).toBeUndefined()
  })

  it("does not treat a merchant cancellation as a buyer request", () => {
    const [item] = order({
      ...fixtures.usTaxOnTop2026,
      orderItems: [
        { ...fixtures.usTaxOnTop2026.orderItems[0], cancellation: { cancellationExecution: { cancelledBy: "MERCHANT", cancelReason: "NoInventory" } } },
      ],
    }).orderItems
    expect(mapOrderItem2026(item)).toMatchObject({ buyerRequestedCancel: false, cancelReason: "NoInventory" })
  })

  it("refuses to map without fulfillment data instead of guessing status and channel", () => {
    const { fulfillment: _omitted, ...withoutFulfillment } = fixtures.usTaxOnTop2026
    expect(() => mapOrder2026(order(withoutFulfillment))).toThrow(OrderMappingError)
    expect(() =>
      mapOrder2026(order({ ...fixtures.usTaxOnTop2026, fulfillment: { fulfillmentStatus: "UNSHIPPED" } }))
    ).toThrow(/fulfilled by Amazon or by the merchant/)
  })
})

describe("2026-01-01 schemas", () => {
  it("accept Amazon's documented searchOrders example shape with extra fields", () => {
    const parsed = SearchOrdersResponseSchema.safeParse({
      orders: [{ ...fixtures.usTaxOnTop2026, packages: [{ packageReferenceId: "1" }], somethingNew: true }],
      pagination: { nextToken: "2YgYW55IGNhcm5hbCBwbGVhc3VyZS4" },
      lastUpdatedBefore: "2024-12-25T15:00:00Z",
    })
    expect(parsed.success).toBe(true)
  })

  it("reject money as a number and unknown fulfillment statuses", () => {
    const withNumberMoney = { ...fixtures.usTaxOnTop2026, proceeds: { grandTotal: { amount: 25.04, currencyCode: "USD" } } }
    expect(Order2026Schema.safeParse(withNumberMoney).success).toBe(false)
    const withUnknownStatus = { ...fixtures.usTaxOnTop2026, fulfillment: { fulfillmentStatus: "LOST", fulfilledBy: "MERCHANT" } }
    expect(Order2026Schema.safeParse(withUnknownStatus).success).toBe(false)
  })
})
