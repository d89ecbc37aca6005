import { decorateCartTotals, MathBN } from "@medusajs/framework/utils"
import type { AmazonOrderItem } from "../../../../modules/amazon/sp-api/types"
import { buildMedusaOrder, type MedusaOrderDraft } from "../medusa-order-input"
import { amazonItem, amazonOrder, DE, JP, settings, US } from "./fixtures"

const CA = "A2EUQ1WTGCTBG2"
const UK = "A1F83G8C2ARO7P"
const DECIMALS: Record<string, number> = { usd: 2, cad: 2, eur: 2, gbp: 2, jpy: 0 }

const ORDER_FIGURES = [
  "item_subtotal",
  "original_item_tax_total",
  "original_item_total",
  "item_tax_total",
  "item_total",
  "shipping_subtotal",
  "original_shipping_tax_total",
  "shipping_total",
  "subtotal",
  "original_tax_total",
  "original_total",
  "discount_total",
  "discount_subtotal",
  "discount_tax_total",
  "tax_total",
  "total",
] as const
const ITEM_FIGURES = ["subtotal", "original_tax_total", "original_total", "discount_total", "discount_subtotal", "discount_tax_total", "tax_total", "total"] as const

type Figures = Record<string, number>

/**
 * Every total Medusa computes for the draft, with the order module's own code, as the API sends it (a JSON number).
 * The order's figures, then `items.<n>.<figure>`.
 */
function medusaFigures(draft: MedusaOrderDraft): Figures {
  const order: any = decorateCartTotals({
    currency_code: draft.currency_code,
    items: draft.items.map((item, index) => ({ ...item, id: `item_${index}` })),
    shipping_methods: draft.shipping_methods.map((method, index) => ({ ...method, id: `sm_${index}` })),
  } as any)
  // Medusa's BigNumber.toJSON: what the API sends.
  const json = (value: any) => (typeof value?.toJSON === "function" ? value.toJSON() : MathBN.convert(value).toNumber())
  const figures: Figures = {}
  for (const key of ORDER_FIGURES) figures[key] = json(order[key])
  order.items.forEach((item: any, index: number) => {
    for (const key of ITEM_FIGURES) figures[`items.${index}.${key}`] = json(item[key])
  })
  return figures
}

/** What the same figures are on Amazon, from Amazon's amounts alone (Amazon's own sums, not Medusa's code). */
function amazonFigures(items: AmazonOrderItem[], taxInclusive: boolean): Figures {
  const d = (value: string | null) => MathBN.convert(value ?? 0)
  const sum = (values: Array<ReturnType<typeof d>>) => values.reduce((total, value) => total.plus(value), MathBN.convert(0))
  const line = (price: string | null, tax: string | null, discount: string | null, discountTax: string | null) => {
    const net = taxInclusive ? d(price).minus(d(tax)) : d(price)
    const discountNet = taxInclusive ? d(discount).minus(d(discountTax)) : d(discount)
    return {
      subtotal: net,
      original_tax_total: d(tax),
      original_total: net.plus(d(tax)),
      discount_subtotal: discountNet,
      discount_tax_total: d(discountTax),
      discount_total: discountNet.plus(d(discountTax)),
      tax_total: d(tax).minus(d(discountTax)),
      total: net.minus(discountNet).plus(d(tax)).minus(d(discountTax)),
    }
  }
  const itemLines = items.map((item) => line(item.itemPrice, item.itemTax, item.promotionDiscount, item.promotionDiscountTax))
  const shipping = line(
    sum(items.map((item) => d(item.shippingPrice))).toFixed(),
    sum(items.map((item) => d(item.shippingTax))).toFixed(),
    sum(items.map((item) => d(item.shippingDiscount))).toFixed(),
    sum(items.map((item) => d(item.shippingDiscountTax))).toFixed()
  )
  const all = [...itemLines, shipping]
  const total = (key: keyof typeof shipping, lines = all) => sum(lines.map((entry) => entry[key])).toNumber()
  const figures: Figures = {
    item_subtotal: total("subtotal", itemLines),
    original_item_tax_total: total("original_tax_total", itemLines),
    original_item_total: total("original_total", itemLines),
    item_tax_total: total("tax_total", itemLines),
    item_total: total("total", itemLines),
    shipping_subtotal: shipping.subtotal.toNumber(),
    original_shipping_tax_total: shipping.original_tax_total.toNumber(),
    shipping_total: shipping.total.toNumber(),
    subtotal: total("subtotal"),
    original_tax_total: total("original_tax_total"),
    original_total: total("original_total"),
    discount_total: total("discount_total"),
    discount_subtotal: total("discount_subtotal"),
    discount_tax_total: total("discount_tax_total"),
    tax_total: total("tax_total"),
    total: total("total"),
  }
  itemLines.forEach((entry, index) => {
    for (const key of ITEM_FIGURES) figures[`items.${index}.${key}`] = entry[key].toNumber()
  })
  return figures
}

/** Figures Medusa derives by proportion from the tax line's rate; they equal Amazon's only to the currency's precision. */
const PRORATED = /(^|\.)(tax_total|item_tax_total|discount_subtotal|discount_tax_total)$/

function importOf(marketplaceId: string, currencyCode: string, items: AmazonOrderItem[]) {
  const result = buildMedusaOrder({
    order: amazonOrder({ marketplaceId, currencyCode, items }),
    firstSeenAt: "2026-11-20T10:06:00.000Z",
    settings: settings({
      regions: ["usd", "cad", "eur", "gbp", "jpy"].map((currency) => ({ id: `reg_${currency}`, currency_code: currency })),
    }),
  })
  if (!result.ok) throw new Error(result.reason)
  return result
}

function expectAmazonFigures(marketplaceId: string, currencyCode: string, items: AmazonOrderItem[], options: { allExact?: boolean } = {}) {
  const result = importOf(marketplaceId, currencyCode, items)
  const taxInclusive = result.order.items[0].is_tax_inclusive
  const medusa = medusaFigures(result.order)
  const amazon = amazonFigures(items, taxInclusive)
  const decimals = DECIMALS[currencyCode.toLowerCase()]
  const exact: Figures = {}
  const expected: Figures = {}
  const toCurrency: Figures = {}
  for (const [key, value] of Object.entries(medusa)) {
    if (PRORATED.test(key) && !options.allExact) {
      toCurrency[key] = Number(value.toFixed(decimals))
      expected[key] = amazon[key]
    } else {
      exact[key] = value
    }
  }
  // Exact: no digits beyond Amazon's; the prorated ones round to Amazon's figure at the currency's precision.
  expect(exact).toEqual(Object.fromEntries(Object.keys(exact).map((key) => [key, amazon[key]])))
  expect(toCurrency).toEqual(expected)
  expect(medusa.total).toBe(Number(result.buyerPaid))
  return { result, medusa, amazon }
}

describe("Medusa's figures for an imported order are Amazon's", () => {
  it("USD with a 5.00 promotion: discount 5.41 (5.00 and its 0.41 tax), tax 3.09 before and the total the buyer paid", () => {
    const items = [
      amazonItem({ unitPrice: "37.49", itemPrice: "37.49", itemTax: "3.09", promotionDiscount: "5.00", promotionDiscountTax: "0.41", promotionIds: ["SUMMER-5"], shippingPrice: "4.99", shippingTax: "0.41" }),
    ]
    const { result, medusa } = expectAmazonFigures(US, "USD", items)
    expect(medusa).toMatchObject({ item_subtotal: 37.49, original_tax_total: 3.5, discount_total: 5.41, total: 40.57, "items.0.discount_total": 5.41 })
    expect(result.order.items[0].adjustments).toEqual([expect.objectContaining({ code: "SUMMER-5", amount: "5.41", is_tax_inclusive: true })])
  })

  it("USD whose promotion tax is at the item's rate: every figure exact, the tax after the promotion included", () => {
    const items = [amazonItem({ unitPrice: "50.00", itemPrice: "50.00", itemTax: "4.00", promotionDiscount: "5.00", promotionDiscountTax: "0.40", shippingPrice: "0", shippingTax: "0" })]
    const { medusa } = expectAmazonFigures(US, "USD", items, { allExact: true })
    expect(medusa).toMatchObject({ tax_total: 3.6, discount_subtotal: 5, discount_tax_total: 0.4, discount_total: 5.4, total: 48.6 })
  })

  it("USD, quantity 3 and free shipping by a shipping promotion (ShippingDiscount and its tax)", () => {
    const items = [
      amazonItem({
        quantityOrdered: 3,
        unitPrice: "29.99",
        itemPrice: "89.97",
        itemTax: "7.42",
        promotionDiscount: "10.00",
        promotionDiscountTax: "0.83",
        shippingPrice: "5.99",
        shippingTax: "0.49",
        shippingDiscount: "5.99",
        shippingDiscountTax: "0.49",
      }),
      amazonItem({ orderItemId: "22222222222222", sellerSku: "SKU-SHIRT", quantityOrdered: 1, unitPrice: "19.99", itemPrice: "19.99", itemTax: "1.65", shippingPrice: "0", shippingTax: "0" }),
    ]
    const { result, medusa } = expectAmazonFigures(US, "USD", items)
    expect(result.order.items[0].unit_price).toBe("29.99")
    expect(medusa).toMatchObject({ shipping_subtotal: 5.99, shipping_total: 0, discount_total: 17.31, total: 108.2 })
  })

  it("CAD: tax on top, as in the US", () => {
    const items = [amazonItem({ unitPrice: "59.99", itemPrice: "59.99", itemTax: "7.80", promotionDiscount: "6.00", promotionDiscountTax: "0.78", shippingPrice: "7.99", shippingTax: "1.04" })]
    const { result } = expectAmazonFigures(CA, "CAD", items)
    expect(result.order.items[0].is_tax_inclusive).toBe(false)
  })

  it("EUR: VAT included; a 2.00 promotion is a 2.00 discount with its VAT inside", () => {
    const items = [
      amazonItem({ unitPrice: "19.99", itemPrice: "19.99", itemTax: "3.19", promotionDiscount: "2.00", promotionDiscountTax: "0.32", promotionIds: ["DE-POSTER-2EUR"], shippingPrice: "3.99", shippingTax: "0.64" }),
    ]
    const { result, medusa } = expectAmazonFigures(DE, "EUR", items)
    expect(result.order.items[0].is_tax_inclusive).toBe(true)
    expect(medusa).toMatchObject({ item_subtotal: 16.8, original_tax_total: 3.83, original_total: 23.98, discount_total: 2, total: 21.98 })
  })

  it("EUR with an ItemTax of 0.00: no VAT invented; price, promotion and total as Amazon's", () => {
    const items = [amazonItem({ unitPrice: "24.99", itemPrice: "24.99", itemTax: "0.00", promotionDiscount: "2.50", promotionDiscountTax: "0.00", shippingPrice: "0", shippingTax: "0.00" })]
    const { result, medusa } = expectAmazonFigures(DE, "EUR", items, { allExact: true })
    expect(result.order.items[0].tax_lines).toEqual([])
    expect(medusa).toMatchObject({ item_subtotal: 24.99, tax_total: 0, discount_total: 2.5, total: 22.49 })
  })

  it("GBP: VAT included at 20%; every figure exact", () => {
    const items = [amazonItem({ unitPrice: "24.00", itemPrice: "24.00", itemTax: "4.00", promotionDiscount: "3.00", promotionDiscountTax: "0.50", shippingPrice: "2.40", shippingTax: "0.40" })]
    const { result } = expectAmazonFigures(UK, "GBP", items, { allExact: true })
    expect(result.order.items[0].tax_lines[0].rate).toBe("20")
  })

  it("JPY (no decimals), quantity 2 and a ¥200 promotion", () => {
    const items = [amazonItem({ quantityOrdered: 2, unitPrice: "990", itemPrice: "1980", itemTax: "180", promotionDiscount: "200", promotionDiscountTax: "18", shippingPrice: "550", shippingTax: "50" })]
    const { result, medusa } = expectAmazonFigures(JP, "JPY", items)
    expect(result.order.items[0].tax_lines[0].rate).toBe("10")
    expect(medusa).toMatchObject({ item_subtotal: 1800, original_tax_total: 230, discount_total: 200, total: 2330 })
  })
})
