import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, ProductStatus } from "@medusajs/framework/utils"
import {
  createInventoryLevelsWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"

/** The SKUs of the simulator's demo orders (simulator/demo-orders.ts DEMO_SKUS) with prices per currency. */
export const SEEDED_PRODUCTS = [
  { sku: "AMZ-TSHIRT-S", product: "Organic Cotton T-Shirt", option: "S", usd: 19.99, eur: 24.99, jpy: 2980 },
  { sku: "AMZ-TSHIRT-M", product: "Organic Cotton T-Shirt", option: "M", usd: 19.99, eur: 24.99, jpy: 2980 },
  { sku: "AMZ-MUG-01", product: "Stoneware Coffee Mug", option: "350 ml", usd: 12.99, eur: 14.99, jpy: 1980 },
  { sku: "AMZ-CUSTOM-MUG", product: "Personalized Engraved Mug", option: "Engraved", usd: 24.99, eur: 29.99, jpy: 3980 },
  { sku: "AMZ-POSTER-A2", product: "Mountain Sunrise Poster A2", option: "A2", usd: 14.99, eur: 19.99, jpy: 2480 },
] as const

export const SEEDED_STOCK = 100

export type SeededStore = {
  regions: { usd: string; eur: string; jpy: string }
  salesChannelId: string
  stockLocationId: string
  shippingProfileId: string
  shippingOptionId: string
  /** variant id and inventory item id per SKU */
  variants: Record<string, { variantId: string; inventoryItemId: string }>
}

/**
 * A store ready to receive Amazon orders, built the way a merchant's store is (core-flows workflows):
 * USD/EUR/JPY regions, an "Amazon" sales channel (also the store default), a stock location with
 * SEEDED_STOCK units of every demo SKU, a shipping profile and a manual shipping option.
 */
export async function seedStore(container: MedusaContainer): Promise<SeededStore> {
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const fulfillmentModule = container.resolve(Modules.FULFILLMENT)

  const { result: regions } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        { name: "United States", currency_code: "usd", countries: ["us"], automatic_taxes: false },
        { name: "Europe", currency_code: "eur", countries: ["de", "fr"], automatic_taxes: false },
        { name: "Japan", currency_code: "jpy", countries: ["jp"], automatic_taxes: false },
      ],
    },
  })
  const regionId = (currency: string) => regions.find((region) => region.currency_code === currency)!.id

  const {
    result: [salesChannel],
  } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: "Amazon", description: "Orders placed on Amazon" }] },
  })
  const [store] = await container.resolve(Modules.STORE).listStores({}, { take: 1 })
  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: store.id },
      update: {
        default_sales_channel_id: salesChannel.id,
        supported_currencies: [
          { currency_code: "usd", is_default: true },
          { currency_code: "eur" },
          { currency_code: "jpy" },
        ],
      },
    },
  })

  const {
    result: [stockLocation],
  } = await createStockLocationsWorkflow(container).run({
    input: { locations: [{ name: "Main warehouse", address: { address_1: "1 Warehouse Way", city: "Portland", country_code: "us" } }] },
  })
  await linkSalesChannelsToStockLocationWorkflow(container).run({ input: { id: stockLocation.id, add: [salesChannel.id] } })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: stockLocation.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
  })

  const {
    result: [shippingProfile],
  } = await createShippingProfilesWorkflow(container).run({ input: { data: [{ name: "Default", type: "default" }] } })
  const fulfillmentSet = await fulfillmentModule.createFulfillmentSets({
    name: "Main warehouse shipping",
    type: "shipping",
    service_zones: [
      {
        name: "Everywhere Amazon sells",
        geo_zones: ["us", "de", "fr", "jp"].map((country_code) => ({ type: "country" as const, country_code })),
      },
    ],
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: stockLocation.id },
    [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
  })
  const {
    result: [shippingOption],
  } = await createShippingOptionsWorkflow(container).run({
    input: [
      {
        name: "Amazon orders (ship from Main warehouse)",
        price_type: "flat",
        provider_id: "manual_manual",
        service_zone_id: fulfillmentSet.service_zones[0].id,
        shipping_profile_id: shippingProfile.id,
        type: { label: "Standard", description: "Shipped by the store", code: "standard" },
        prices: [
          { currency_code: "usd", amount: 5 },
          { currency_code: "eur", amount: 5 },
          { currency_code: "jpy", amount: 500 },
        ],
        rules: [],
      },
    ],
  })

  const byProduct = new Map<string, Array<(typeof SEEDED_PRODUCTS)[number]>>()
  for (const entry of SEEDED_PRODUCTS) byProduct.set(entry.product, [...(byProduct.get(entry.product) ?? []), entry])
  const { result: products } = await createProductsWorkflow(container).run({
    input: {
      products: [...byProduct.entries()].map(([title, entries]) => ({
        title,
        status: ProductStatus.PUBLISHED,
        shipping_profile_id: shippingProfile.id,
        sales_channels: [{ id: salesChannel.id }],
        options: [{ title: "Variant", values: entries.map((entry) => entry.option) }],
        variants: entries.map((entry) => ({
          title: entry.option,
          sku: entry.sku,
          manage_inventory: true,
          options: { Variant: entry.option },
          prices: [
            { currency_code: "usd", amount: entry.usd },
            { currency_code: "eur", amount: entry.eur },
            { currency_code: "jpy", amount: entry.jpy },
          ],
        })),
      })),
    },
  })

  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: variants } = await query.graph({
    entity: "product_variant",
    fields: ["id", "sku", "inventory_items.inventory_item_id"],
    filters: { product_id: products.map((product) => product.id) },
  })
  const seededVariants: SeededStore["variants"] = {}
  for (const variant of variants) {
    seededVariants[variant.sku!] = { variantId: variant.id, inventoryItemId: variant.inventory_items![0]!.inventory_item_id }
  }
  await createInventoryLevelsWorkflow(container).run({
    input: {
      inventory_levels: Object.values(seededVariants).map(({ inventoryItemId }) => ({
        inventory_item_id: inventoryItemId,
        location_id: stockLocation.id,
        stocked_quantity: SEEDED_STOCK,
      })),
    },
  })

  return {
    regions: { usd: regionId("usd"), eur: regionId("eur"), jpy: regionId("jpy") },
    salesChannelId: salesChannel.id,
    stockLocationId: stockLocation.id,
    shippingProfileId: shippingProfile.id,
    shippingOptionId: shippingOption.id,
    variants: seededVariants,
  }
}
