import { decorateCartTotals } from "@medusajs/framework/utils"
import { AMAZON_TAX_CODE, buildMedusaOrder, resolveRegion, serviceLevelCategoryOf, type MedusaOrderDraft } from "../medusa-order-input"
import { amazonItem, amazonOrder, DE, JP, settings, variant } from "./fixtures"

/** The totals Medusa itself computes for the draft (same code the order module uses for order totals). */
function medusaTotals(draft: MedusaOrderDraft) {
  const totals = decorateCartTotals({
    currency_code: draft.currency_code,
    items: draft.items.map((item, index) => ({ ...item, id: `item_${index}` })),
    shipping_methods: draft.shipping_methods.map((method, index) => ({ ...method, id: `sm_${index}` })),
  } as any)
  const round = (value: unknown) => Number(Number((value as any)?.numeric ?? value).toFixed(6))
  return { total: round(totals.total), tax: round(totals.tax_total) }
}

function built(result: ReturnType<typeof buildMedusaOrder>) {
  if (!result.ok) throw new Error(`expected an order, got: ${result.reason}`)
  return result
}

describe("buildMedusaOrder — amounts", () => {
  it("US: tax on top; Medusa's total equals what the buyer paid and Amazon's order total", () => {
    const result = built(buildMedusaOrder({ order: amazonOrder(), firstSeenAt: "2026-11-20T10:06:00.000Z", settings: settings() }))
    expect(result.buyerPaid).toBe("27.04")
    const [item] = result.order.items
    expect(item.is_tax_inclusive).toBe(false)
    expect(item.unit_price).toBe("19.99")
    expect(item.tax_lines[0].code).toBe(AMAZON_TAX_CODE)
    expect(medusaTotals(result.order)).toEqual({ total: 27.04, tax: 2.06 })
  })

  it("DE: prices include VAT; lines are tax-inclusive and the VAT inside is Amazon's", () => {
    const order = amazonOrder({
      marketplaceId: DE,
      currencyCode: "EUR",
      orderTotal: "29.98",
      items: [amazonItem({ unitPrice: "24.99", itemPrice: "24.99", itemTax: "3.99", shippingPrice: "4.99", shippingTax: "0.80" })],
      shippingAddress: { ...amazonOrder().shippingAddress!, countryCode: "DE", city: "Berlin", stateOrRegion: null, postalCode: "10115" },
    })
    const result = built(buildMedusaOrder({ order, firstSeenAt: "2026-11-20T10:06:00.000Z", settings: settings() }))
    expect(result.order.region_id).toBe("reg_eu")
    expect(result.order.items[0].is_tax_inclusive).toBe(true)
    expect(result.order.shipping_methods[0].is_tax_inclusive).toBe(true)
    expect(Number(result.order.items[0].tax_lines[0].rate)).toBeCloseTo(19, 6)
    expect(result.buyerPaid).toBe("29.98")
    expect(medusaTotals(result.order)).toEqual({ total: 29.98, tax: 4.79 })
  })

  it("JPY amounts are whole yen: ¥19,940 stays 19940", () => {
    const order = amazonOrder({
      marketplaceId: JP,
      currencyCode: "JPY",
      orderTotal: "19940",
      items: [amazonItem({ quantityOrdered: 2, unitPrice: "9970", itemPrice: "19940", itemTax: "1812", shippingPrice: "0", shippingTax: "0" })],
      shippingAddress: { ...amazonOrder().shippingAddress!, name: "山田 太郎", countryCode: "JP", city: "東京都", postalCode: "100-0001" },
    })
    const result = built(buildMedusaOrder({ order, firstSeenAt: "2026-11-20T10:06:00.000Z", settings: settings() }))
    expect(result.order.currency_code).toBe("jpy")
    expect(result.order.items[0].unit_price).toBe("9970")
    expect(result.order.shipping_address?.first_name).toBe("山田 太郎")
    expect(result.order.shipping_address?.last_name).toBeNull()
    expect(medusaTotals(result.order)).toEqual({ total: 19940, tax: 1812 })
  })

  it("promotions become adjustments and the total is still what the buyer paid (US and DE)", () => {
    const us = amazonOrder({
      items: [
        amazonItem({ quantityOrdered: 3, unitPrice: "10.00", itemPrice: "30.00", itemTax: "2.06", promotionDiscount: "5.00", promotionDiscountTax: "0", promotionIds: ["PROMO-5"], shippingPrice: "5.00", shippingTax: "0", shippingDiscount: "5.00" }),
      ],
    })
    const usResult = built(buildMedusaOrder({ order: us, firstSeenAt: "2026-11-20T10:06:00.000Z", settings: settings() }))
    // What the promotion took off the buyer's payment (here no tax came off with it), tax-inclusive.
    expect(usResult.order.items[0].adjustments).toEqual([expect.objectContaining({ code: "PROMO-5", amount: "5", is_tax_inclusive: true })])
    expect(usResult.order.shipping_methods[0].adjustments[0].amount).toBe("5")
    expect(usResult.buyerPaid).toBe("27.06")
    expect(medusaTotals(usResult.order).total).toBe(27.06)

    const de = amazonOrder({
      marketplaceId: DE,
      currencyCode: "EUR",
      items: [amazonItem({ unitPrice: "119.00", itemPrice: "119.00", itemTax: "19.00", promotionDiscount: "11.90", promotionDiscountTax: "1.90", shippingPrice: "0", shippingTax: "0" })],
    })
    const deResult = built(buildMedusaOrder({ order: de, firstSeenAt: "2026-11-20T10:06:00.000Z", settings: settings() }))
    expect(deResult.buyerPaid).toBe("107.1")
    expect(medusaTotals(deResult.order)).toEqual({ total: 107.1, tax: 17.1 })
  })

  it("a price that does not divide by the quantity still adds up to Amazon's line total", () => {
    const order = amazonOrder({ items: [amazonItem({ quantityOrdered: 3, unitPrice: "3.33", itemPrice: "10.00", itemTax: "0", shippingPrice: "0", shippingTax: "0" })] })
    const result = built(buildMedusaOrder({ order, firstSeenAt: "2026-11-20T10:06:00.000Z", settings: settings() }))
    expect(medusaTotals(result.order).total).toBe(10)
  })
})

describe("buildMedusaOrder — what goes on the order", () => {
  it("puts the buyer's gift message and wrap level on the item and on the order", () => {
    const order = amazonOrder({ items: [amazonItem({ gift: { message: "Happy birthday!", wrapLevel: "Classic" } })] })
    const draft = built(buildMedusaOrder({ order, firstSeenAt: "x", settings: settings() })).order
    expect(draft.items[0].metadata).toEqual(expect.objectContaining({ amazon_gift_message: "Happy birthday!", amazon_gift_wrap_level: "Classic" }))
    expect(draft.metadata.amazon_gifts).toEqual([{ order_item_id: order.items[0].orderItemId, sku: order.items[0].sellerSku, message: "Happy birthday!", wrap_level: "Classic" }])
    const plain = built(buildMedusaOrder({ order: amazonOrder(), firstSeenAt: "x", settings: settings() })).order
    expect(plain.metadata).not.toHaveProperty("amazon_gifts")
    expect(plain.items[0].metadata).not.toHaveProperty("amazon_gift_message")
  })

  it("never notifies, names the shipping method after Amazon's service level and keeps Amazon facts in metadata", () => {
    const order = amazonOrder({
      subtypes: ["BUSINESS_PRIME", "SECOND_DAY"],
      items: [amazonItem({ customization: { url: "https://zip.example/c.zip", text: "Happy birthday, Zoë" } })],
    })
    const { order: draft } = built(buildMedusaOrder({ order, firstSeenAt: "2026-11-20T10:06:00.000Z", settings: settings() }))
    expect(draft.no_notification).toBe(true)
    expect(draft.status).toBe("pending")
    expect(draft.shipping_methods[0]).toEqual(expect.objectContaining({ name: "Std US D2D Dom", shipping_option_id: "so_amazon" }))
    const withCategory = built(buildMedusaOrder({ order, firstSeenAt: "x", settings: settings(), serviceLevelCategory: "Standard" }))
    expect(withCategory.order.shipping_methods[0].name).toBe("Amazon Standard")
    const from2026 = built(buildMedusaOrder({ order: { ...order, shipServiceLevel: "STANDARD" }, firstSeenAt: "x", settings: settings() }))
    expect(from2026.order.shipping_methods[0].name).toBe("Amazon Standard")
    expect(draft.metadata).toEqual(
      expect.objectContaining({
        amazon_order_id: "111-0000001-0000001",
        amazon_marketplace_id: "ATVPDKIKX0DER",
        amazon_subtypes: ["BUSINESS_PRIME", "SECOND_DAY"],
        amazon_purchase_date: "2026-11-20T10:00:00Z",
        amazon_first_seen_at: "2026-11-20T10:06:00.000Z",
        amazon_customizations: [{ order_item_id: "11111111111111", sku: "SKU-MUG", url: "https://zip.example/c.zip", text: "Happy birthday, Zoë" }],
      })
    )
    expect(draft.items[0].metadata).toEqual(
      expect.objectContaining({ amazon_customization_text: "Happy birthday, Zoë", amazon_customization_url: "https://zip.example/c.zip" })
    )
  })

  it("reserves FBM stock at the chosen location, in inventory units", () => {
    const withKit = settings({
      stockLocationId: "sloc_main",
      variantsBySku: new Map([["SKU-MUG", variant("SKU-MUG", { inventory_items: [{ inventory_item_id: "iitem_mug", required_quantity: 2, location_ids: ["sloc_main"] }] })]]),
    })
    const result = built(buildMedusaOrder({ order: amazonOrder({ items: [amazonItem({ quantityOrdered: 3 })] }), firstSeenAt: "x", settings: withKit }))
    expect(result.reservations).toEqual([
      { amazon_order_item_id: "11111111111111", variant_id: "variant_SKU-MUG", inventory_item_id: "iitem_mug", location_id: "sloc_main", quantity: "6" },
    ])
  })

  it("reserves only the units still to ship of an order the seller shipped partly outside Medusa, and says where it ships from", () => {
    const stocked = settings({
      variantsBySku: new Map([
        ["SKU-MUG", variant("SKU-MUG", { inventory_items: [{ inventory_item_id: "iitem_mug", required_quantity: 1, location_ids: ["sloc_a"] }] })],
        ["SKU-TEE", variant("SKU-TEE", { inventory_items: [{ inventory_item_id: "iitem_tee", required_quantity: 1, location_ids: ["sloc_a"] }] })],
      ]),
    })
    const order = amazonOrder({
      status: "PARTIALLY_SHIPPED",
      items: [
        amazonItem({ quantityOrdered: 3, quantityShipped: 1 }),
        amazonItem({ orderItemId: "22222222222222", sellerSku: "SKU-TEE", quantityOrdered: 1, quantityShipped: 1 }),
      ],
    })
    const result = built(buildMedusaOrder({ order, firstSeenAt: "x", settings: stocked }))
    expect(result.reservations).toEqual([
      { amazon_order_item_id: "11111111111111", variant_id: "variant_SKU-MUG", inventory_item_id: "iitem_mug", location_id: "sloc_a", quantity: "2" },
    ])
    expect(result.shipFromLocationId).toBe("sloc_a")
  })

  it("FBA: completed, no reservations, no store shipping option, and no invented buyer when Amazon withholds PII", () => {
    const order = amazonOrder({
      fulfillmentChannel: "FBA",
      status: "SHIPPED",
      buyer: { email: null, name: null, companyName: null, purchaseOrderNumber: null },
      shippingAddress: null,
      shipServiceLevel: null,
    })
    const result = built(buildMedusaOrder({ order, firstSeenAt: "x", settings: settings({ customerMode: "create" }) }))
    expect(result.order.status).toBe("completed")
    expect(result.reservations).toEqual([])
    expect(result.order.email).toBeNull()
    expect(result.order.shipping_address).toBeUndefined()
    expect(result.order.shipping_methods[0].shipping_option_id).toBeUndefined()
    expect(result.order.shipping_methods[0].name).toBe("Fulfilled by Amazon")
    expect(result.customer).toBeNull()
  })

  it("customer mode: guest asks for a guest customer by email alone; create asks for a customer with the address", () => {
    const guest = built(buildMedusaOrder({ order: amazonOrder(), firstSeenAt: "x", settings: settings() }))
    expect(guest.customer).toEqual({ email: "abc123@marketplace.amazon.com", guest: true, name: null, company: null, phone: null, address: null })
    expect(guest.order.email).toBe("abc123@marketplace.amazon.com")
    const created = built(buildMedusaOrder({ order: amazonOrder(), firstSeenAt: "x", settings: settings({ customerMode: "create" }) }))
    expect(created.customer).toEqual(
      expect.objectContaining({ email: "abc123@marketplace.amazon.com", name: "Jane Doe", address: expect.objectContaining({ address_1: "1 Main St", country_code: "us" }) })
    )
  })
})

describe("buildMedusaOrder — orders that must be parked, each with a sentence saying what to fix", () => {
  const park = (order = amazonOrder(), options = settings()) => {
    const result = buildMedusaOrder({ order, firstSeenAt: "x", settings: options })
    if (result.ok) throw new Error("expected the order to be parked")
    expect(result.reason).toMatch(/^[A-Z].*\.$/)
    return result.reason
  }

  it("unknown SKU names the SKU", () => {
    expect(park(amazonOrder({ items: [amazonItem({ sellerSku: "NOPE-1" })] }))).toContain('"NOPE-1"')
  })

  it("FBM without a shippable address (no PII role)", () => {
    const address = { ...amazonOrder().shippingAddress!, name: null, addressLine1: null }
    expect(park(amazonOrder({ shippingAddress: address }))).toContain("recipient name, street")
  })

  it("currency without a region", () => {
    expect(park(amazonOrder({ currencyCode: "GBP", marketplaceId: "A1F83G8C2ARO7P" }))).toContain("No region of the store uses GBP")
  })

  it("quantity 0", () => {
    expect(park(amazonOrder({ items: [amazonItem({ quantityOrdered: 0 })] }))).toContain("quantity 0")
  })

  it("malformed amounts and empty orders", () => {
    expect(park(amazonOrder({ items: [amazonItem({ itemPrice: "12,50" })] }))).toContain("items.0.itemPrice is not an amount of money")
    expect(park(amazonOrder({ items: [] }))).toContain("items has no items")
  })

  it("SKU not stocked where Amazon stock is reserved", () => {
    const unstocked = settings({ variantsBySku: new Map([["SKU-MUG", variant("SKU-MUG", { inventory_items: [{ inventory_item_id: "i", required_quantity: 1, location_ids: [] }] })]]) })
    expect(park(amazonOrder(), unstocked)).toContain('SKU "SKU-MUG" is not stocked')
  })
})

describe("resolveRegion", () => {
  it("prefers the account's region for the marketplace and refuses one in another currency", () => {
    const regions = [
      { id: "reg_eu_a", currency_code: "eur" },
      { id: "reg_eu_b", currency_code: "eur" },
      { id: "reg_us", currency_code: "usd" },
    ]
    expect(resolveRegion({ marketplaceId: DE, currencyCode: "EUR" }, { regions, regionByMarketplace: { [DE]: "reg_eu_b" } })).toEqual({ region: regions[1] })
    const wrong = resolveRegion({ marketplaceId: DE, currencyCode: "EUR" }, { regions, regionByMarketplace: { [DE]: "reg_us" } })
    expect("problem" in wrong && wrong.problem).toContain("uses USD, but this order is in EUR")
  })
})

describe("buildMedusaOrder — bad input from Amazon", () => {
  const firstSeenAt = "2026-11-20T10:06:00.000Z"

  it("parks an order with a negative unit price with a sentence (never a negative Medusa order)", () => {
    const order = amazonOrder({ items: [amazonItem({ unitPrice: "-3.93", itemPrice: "-3.93" })] })
    const result = buildMedusaOrder({ order, firstSeenAt, settings: settings() })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.reason).toMatch(/negative unit price \(-3\.93\)/)
  })

  it("parks negative taxes and non-finite amounts or quantities", () => {
    const negativeTax = buildMedusaOrder({ order: amazonOrder({ items: [amazonItem({ itemTax: "-1.00" })] }), firstSeenAt, settings: settings() })
    expect(negativeTax.ok).toBe(false)
    if (!negativeTax.ok) expect(negativeTax.reason).toMatch(/negative item tax/)
    for (const bad of [{ unitPrice: "NaN", itemPrice: "NaN" }, { itemPrice: "Infinity" }, { quantityOrdered: -2 }, { quantityOrdered: Number.POSITIVE_INFINITY }]) {
      const result = buildMedusaOrder({ order: amazonOrder({ items: [amazonItem(bad as any)] }), firstSeenAt, settings: settings() })
      expect(result.ok).toBe(false)
    }
  })

  it("cuts over-long address lines and buyer text, and notes what was cut in the order's metadata", () => {
    const base = amazonOrder()
    const order = amazonOrder({
      shippingAddress: { ...base.shippingAddress!, addressLine1: "A".repeat(5000), name: "N".repeat(300) },
      shipServiceLevel: "S".repeat(1000),
    })
    const result = built(buildMedusaOrder({ order, firstSeenAt, settings: settings() }))
    expect(result.order.shipping_address!.address_1).toHaveLength(255)
    expect(result.order.shipping_address!.first_name).toHaveLength(255)
    expect((result.order.metadata as any).amazon_ship_service_level).toHaveLength(255)
    expect(result.order.shipping_methods[0].name).toHaveLength(255)
    expect((result.order.metadata as any).amazon_cut_fields).toEqual(
      expect.arrayContaining(["shipping_address.address_1", "shipping_address.first_name", "ship_service_level"])
    )
  })

  it("notes nothing when nothing was cut", () => {
    const result = built(buildMedusaOrder({ order: amazonOrder(), firstSeenAt, settings: settings() }))
    expect((result.order.metadata as any).amazon_cut_fields).toBeUndefined()
  })
})

describe("serviceLevelCategoryOf", () => {
  it("names v0's categories as 2026-01-01 does", () => {
    expect(serviceLevelCategoryOf("Standard")).toBe("STANDARD")
    expect(serviceLevelCategoryOf("SecondDay")).toBe("SECOND_DAY")
    expect(serviceLevelCategoryOf("FreeEconomy")).toBe("FREE_ECONOMY")
    expect(serviceLevelCategoryOf(" ")).toBeNull()
    expect(serviceLevelCategoryOf(null)).toBeNull()
  })
})
