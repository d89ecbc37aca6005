import path from "node:path"
import { amazonIntegrationTestRunner } from "../helpers/medusa-runner"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { startSimulator, type SimOrderItemSeed, type SimOrderSeed } from "../../simulator"
import { createAdminHeaders } from "../helpers/admin"
import { expectTrafficConformsToAmazonModels } from "../helpers/conformance"
import { seedStore, type SeededStore } from "../helpers/seed-store"
import { createStoreAccount } from "../helpers/simulator-account"

jest.setTimeout(240 * 1000)

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { importAmazonOrders } = require("medusa-plugin-amazon/workflows")

const US = "ATVPDKIKX0DER"
const DE = "A1PA6795UKMFR9"
const JP = "A1VC38T7YXB528"
const MINUTE = 60 * 1000
const DECIMALS: Record<string, number> = { usd: 2, eur: 2, jpy: 0 }
const TAX_INCLUSIVE: Record<string, boolean> = { [US]: false, [DE]: true, [JP]: true }

const ORDER_FIGURES = [
  "item_subtotal",
  "item_tax_total",
  "item_total",
  "original_item_tax_total",
  "shipping_subtotal",
  "shipping_tax_total",
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
const ITEM_FIGURES = ["subtotal", "original_tax_total", "discount_total", "discount_subtotal", "discount_tax_total", "tax_total", "total"] as const
/** Medusa derives these by proportion from the line's one tax rate; Amazon rounds its promotion's tax on its own. */
const PRORATED = /(^|\.)(item_tax_total|shipping_tax_total|tax_total|discount_subtotal|discount_tax_total)$/

type Figures = Record<string, number>

/** Amazon's figures for a seeded order, in minor units from the seed alone, the way Amazon adds them up. */
function amazonFigures(seed: SimOrderSeed, decimals: number): Figures {
  const inclusive = TAX_INCLUSIVE[seed.marketplaceId]
  const minor = (value: number | undefined) => Math.round((value ?? 0) * 10 ** decimals)
  const line = (price: number, tax: number, discount: number, discountTax: number) => {
    const net = inclusive ? price - tax : price
    const discountNet = inclusive ? discount - discountTax : discount
    return {
      subtotal: net,
      original_tax_total: tax,
      discount_subtotal: discountNet,
      discount_tax_total: discountTax,
      discount_total: discountNet + discountTax,
      tax_total: tax - discountTax,
      total: net - discountNet + tax - discountTax,
    }
  }
  const items = seed.items.map((item: SimOrderItemSeed) =>
    line(minor(item.unitPrice) * item.quantity, minor(item.unitTax) * item.quantity, minor(item.promotionDiscount), minor(item.promotionDiscountTax))
  )
  const shipping = line(
    seed.items.reduce((sum, item) => sum + minor(item.shippingPrice), 0),
    seed.items.reduce((sum, item) => sum + minor(item.shippingTax), 0),
    seed.items.reduce((sum, item) => sum + minor(item.shippingDiscount), 0),
    seed.items.reduce((sum, item) => sum + minor(item.shippingDiscountTax), 0)
  )
  const sum = (key: keyof typeof shipping, lines = [...items, shipping]) => lines.reduce((total, entry) => total + entry[key], 0)
  const inMinor: Figures = {
    item_subtotal: sum("subtotal", items),
    item_tax_total: sum("tax_total", items),
    item_total: sum("total", items),
    original_item_tax_total: sum("original_tax_total", items),
    shipping_subtotal: shipping.subtotal,
    shipping_tax_total: shipping.tax_total,
    shipping_total: shipping.total,
    subtotal: sum("subtotal"),
    original_tax_total: sum("original_tax_total"),
    original_total: sum("subtotal") + sum("original_tax_total"),
    discount_total: sum("discount_total"),
    discount_subtotal: sum("discount_subtotal"),
    discount_tax_total: sum("discount_tax_total"),
    tax_total: sum("tax_total"),
    total: sum("total"),
  }
  items.forEach((entry, index) => {
    for (const key of ITEM_FIGURES) inMinor[`items.${index}.${key}`] = entry[key]
  })
  return Object.fromEntries(Object.entries(inMinor).map(([key, value]) => [key, Number((value / 10 ** decimals).toFixed(decimals))]))
}

amazonIntegrationTestRunner({
  cwd: path.join(__dirname, "../app"),
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let simulator: Awaited<ReturnType<typeof startSimulator>>
    let store: SeededStore
    let container: MedusaContainer
    let admin: { headers: Record<string, string> }

    beforeAll(async () => {
      simulator = await startSimulator({ port: 0, timeScale: 100 })
      container = getContainer()
      store = await seedStore(container)
    })
    afterAll(async () => {
      await simulator?.close()
    })
    beforeEach(async () => {
      simulator.reset()
      container = getContainer()
      admin = await createAdminHeaders(container)
    })
    afterEach(() => {
      expectTrafficConformsToAmazonModels(simulator)
    })

    function seed(id: string, marketplaceId: string, items: SimOrderItemSeed[], address: SimOrderSeed["address"]): SimOrderSeed {
      const now = simulator.now().getTime()
      return {
        id,
        marketplaceId,
        status: "UNSHIPPED",
        fulfilledBy: "MERCHANT",
        purchaseDate: new Date(now - 60 * MINUTE).toISOString(),
        lastUpdated: new Date(now - 30 * MINUTE).toISOString(),
        items,
        buyer: { name: address!.name, email: `${id.replace(/-/g, "")}@marketplace.amazon.com` },
        address,
      }
    }

    function orders(): SimOrderSeed[] {
      return [
        // The promotion of the issue: 5.00 off, 0.41 less tax (8.25 %); a line of 3 units with its own promotion; a line
        // shipped free by a shipping promotion.
        seed(
          "111-7000001-0000001",
          US,
          [
            { sku: "AMZ-POSTER-A2", asin: "B0CSIMPST1", title: "Mountain Sunrise Poster A2", quantity: 1, unitPrice: 37.49, unitTax: 3.09, promotionDiscount: 5.0, promotionDiscountTax: 0.41, promotionIds: ["SUMMER-5"], shippingPrice: 4.99, shippingTax: 0.41 },
            { sku: "AMZ-MUG-01", asin: "B0CSIMMUG1", title: "Stoneware Coffee Mug 350 ml", quantity: 3, unitPrice: 12.99, unitTax: 1.07, promotionDiscount: 3.0, promotionDiscountTax: 0.25, promotionIds: ["MUGS-3"] },
            { sku: "AMZ-TSHIRT-M", asin: "B0CSIMTSHM", title: "Organic Cotton T-Shirt M", quantity: 1, unitPrice: 19.99, unitTax: 1.65, shippingPrice: 5.99, shippingTax: 0.49, shippingDiscount: 5.99, shippingDiscountTax: 0.49, promotionIds: ["FREE-SHIP"] },
          ],
          { name: "Jane Doe", addressLine1: "55 Elm Street", city: "Boston", stateOrRegion: "MA", postalCode: "02118", countryCode: "US" }
        ),
        // VAT included: a 2.00 promotion with its 0.32 VAT inside, a line Amazon reports 0.00 VAT for, free shipping.
        seed(
          "302-7000002-0000002",
          DE,
          [
            { sku: "AMZ-POSTER-A2", asin: "B0CSIMPST1", title: "Poster Bergsonnenaufgang A2", quantity: 1, unitPrice: 19.99, unitTax: 3.19, promotionDiscount: 2.0, promotionDiscountTax: 0.32, promotionIds: ["DE-POSTER-2EUR"], shippingPrice: 3.99, shippingTax: 0.64 },
            { sku: "AMZ-MUG-01", asin: "B0CSIMMUG1", title: "Steingut-Kaffeebecher 350 ml", quantity: 1, unitPrice: 14.99, unitTax: 0, promotionDiscount: 1.5, promotionDiscountTax: 0 },
            { sku: "AMZ-TSHIRT-M", asin: "B0CSIMTSHM", title: "Bio-Baumwoll-T-Shirt – Größe M", quantity: 1, unitPrice: 24.99, unitTax: 3.99, shippingPrice: 4.99, shippingTax: 0.8, shippingDiscount: 4.99, shippingDiscountTax: 0.8, promotionIds: ["DE-VERSANDFREI"] },
          ],
          { name: "Max Mustermann", addressLine1: "Straße des 17. Juni 135", city: "Berlin", postalCode: "10623", countryCode: "DE" }
        ),
        // Yen have no minor unit: 2 × ¥990 with ¥90 consumption tax each, ¥200 off with ¥18 of tax inside.
        seed(
          "503-7000003-0000003",
          JP,
          [{ sku: "AMZ-MUG-01", asin: "B0CSIMMUG1", title: "陶器のマグカップ 350ml", quantity: 2, unitPrice: 990, unitTax: 90, promotionDiscount: 200, promotionDiscountTax: 18, promotionIds: ["JP-200"], shippingPrice: 550, shippingTax: 50 }],
          { name: "山田 太郎", addressLine1: "千代田区丸の内1-9-1", city: "千代田区", stateOrRegion: "東京都", postalCode: "100-0005", countryCode: "JP" }
        ),
      ]
    }

    async function medusaFigures(orderId: string): Promise<Figures> {
      const fields = [...ORDER_FIGURES, ...ITEM_FIGURES.map((key) => `items.${key}`), "items.variant_sku", "items.created_at"].join(",")
      const { data } = await api.get(`/admin/orders/${orderId}?fields=${fields}`, admin)
      const figures: Figures = {}
      for (const key of ORDER_FIGURES) figures[key] = data.order[key]
      return { ...figures, ...itemFigures(data.order.items) }
    }

    /** Items in Amazon's order of lines (the SKU is unique per seeded order). */
    let skuOrder: string[] = []
    function itemFigures(items: any[]): Figures {
      const figures: Figures = {}
      for (const item of items) {
        const index = skuOrder.indexOf(item.variant_sku)
        for (const key of ITEM_FIGURES) figures[`items.${index}.${key}`] = item[key]
      }
      return figures
    }

    it("every total Medusa shows for an imported order with promotions is Amazon's, in USD, EUR and JPY, from both Orders API versions", async () => {
      const seeds = orders()
      simulator.seedOrders(seeds)
      const { data: regions } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({ entity: "region", fields: ["id", "currency_code"] })
      expect(regions.map((region: any) => region.currency_code).sort()).toEqual(["eur", "jpy", "usd"])

      for (const orders_api_version of ["2026-01-01", "v0"]) {
        const account = await createStoreAccount(container, simulator.url, store, { marketplace_ids: [US, DE, JP], orders_api_version, name: `Figures ${orders_api_version}` })
        const result = await importAmazonOrders(container, { account_id: account.id, trigger: "test" })
        expect(result.run).toMatchObject({ status: "succeeded", orders_created: 3 })
        const { data: staged } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
          entity: "amazon_order",
          fields: ["amazon_order_id", "order_total", "currency_code", "order.id"],
          filters: { account_id: account.id },
        })

        for (const amazonOrder of seeds) {
          const row = staged.find((entry: any) => entry.amazon_order_id === amazonOrder.id)
          const currency = row.currency_code.toLowerCase()
          const decimals = DECIMALS[currency]
          skuOrder = amazonOrder.items.map((item) => item.sku)
          const medusa = await medusaFigures(row.order.id)
          const amazon = amazonFigures(amazonOrder, decimals)
          expect(amazon.total).toBe(Number(row.order_total))

          const where = { order: amazonOrder.id, orders_api_version }
          // To the currency's precision: every figure, order and item.
          const rounded = Object.fromEntries(Object.entries(medusa).map(([key, value]) => [key, Number(Number(value).toFixed(decimals))]))
          expect({ ...where, figures: rounded }).toEqual({ ...where, figures: amazon })
          // Exactly, without digits beyond the currency's: all but what Medusa prorates by the line's rate.
          const exact = Object.fromEntries(Object.entries(medusa).filter(([key]) => !PRORATED.test(key)))
          expect({ ...where, figures: exact }).toEqual({ ...where, figures: Object.fromEntries(Object.keys(exact).map((key) => [key, amazon[key]])) })
        }
      }
    })
  },
})
