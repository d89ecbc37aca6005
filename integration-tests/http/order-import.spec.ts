import path from "node:path"
import { amazonIntegrationTestRunner } from "../helpers/medusa-runner"
import { ContainerRegistrationKeys, Modules, ProductStatus } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { createOrderFulfillmentWorkflow, createProductsWorkflow } from "@medusajs/medusa/core-flows"
import { demoOrders, startSimulator, type SimOrderSeed } from "../../simulator"
import { expectTrafficConformsToAmazonModels } from "../helpers/conformance"
import { orderPlacedEvents } from "../app/src/subscribers/record-order-placed"
import { seedStore, SEEDED_STOCK, type SeededStore } from "../helpers/seed-store"
import { createStoreAccount } from "../helpers/simulator-account"
import { catalogueItems, usOrderSeed, type SeedLine } from "../helpers/sim-orders"

jest.setTimeout(240 * 1000)

// The app loads the BUILT plugin by package name; the test drives the same build.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const plugin = require("medusa-plugin-amazon/workflows")
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { importAmazonOrders, retryAmazonOrderImportWorkflow } = plugin

const US = "ATVPDKIKX0DER"
const DE = "A1PA6795UKMFR9"
const JP = "A1VC38T7YXB528"
const UK = "A1F83G8C2ARO7P"
const MINUTE = 60 * 1000

const ORDER_FIELDS = [
  "id",
  "status",
  "email",
  "currency_code",
  "region_id",
  "sales_channel_id",
  "customer_id",
  "no_notification",
  "metadata",
  "total",
  "tax_total",
  "items.id",
  "items.title",
  "items.quantity",
  "items.unit_price",
  "items.variant_id",
  "items.variant_sku",
  "items.is_tax_inclusive",
  "items.metadata",
  "items.tax_lines.rate",
  "items.tax_lines.code",
  "items.adjustments.amount",
  "items.adjustments.code",
  "items.detail.fulfilled_quantity",
  "items.detail.shipped_quantity",
  "shipping_methods.name",
  "shipping_methods.amount",
  "shipping_methods.shipping_option_id",
  "shipping_address.*",
]

/** Decimal places Amazon uses per currency in these tests. */
const DECIMALS: Record<string, number> = { usd: 2, eur: 2, jpy: 0 }

amazonIntegrationTestRunner({
  cwd: path.join(__dirname, "../app"),
  inApp: true,
  testSuite: ({ getContainer, dbConnection }) => {
    let simulator: Awaited<ReturnType<typeof startSimulator>>
    let store: SeededStore
    let container: MedusaContainer

    beforeAll(async () => {
      simulator = await startSimulator({ port: 0, timeScale: 100 })
      container = getContainer()
      store = await seedStore(container)
    })
    afterAll(async () => {
      await simulator?.close()
    })
    beforeEach(() => {
      simulator.reset()
      orderPlacedEvents().length = 0
      container = getContainer()
    })
    afterEach(() => {
      // Every request the import sent, and every answer it read, has the exact shape of Amazon's models.
      expectTrafficConformsToAmazonModels(simulator)
    })

    const amazon = () => container.resolve("amazon") as any
    const query = () => container.resolve(ContainerRegistrationKeys.QUERY)

    async function createAccount(overrides: Record<string, unknown> = {}) {
      return createStoreAccount(container, simulator.url, store, { marketplace_ids: [US, DE, JP], ...overrides })
    }

    async function runImport(accountId: string) {
      const result = await importAmazonOrders(container, { account_id: accountId, trigger: "test" })
      expect(result.ran).toBe(true)
      return result.run
    }

    /** Amazon serves changes only two minutes after they happen. */
    function letAmazonCatchUp() {
      simulator.advanceTime(3 * MINUTE)
    }

    async function stagedOrders(accountId: string) {
      const { data } = await query().graph({
        entity: "amazon_order",
        fields: ["id", "amazon_order_id", "status", "import_state", "attention_reason", "subtypes", "order_total", "currency_code", "first_seen_at", "order.id"],
        filters: { account_id: accountId },
      })
      return new Map<string, any>(data.map((row: any) => [row.amazon_order_id, row]))
    }

    async function medusaOrder(orderId: string) {
      const { data } = await query().graph({ entity: "order", fields: ORDER_FIELDS, filters: { id: orderId } })
      // BigNumber fields serialise to plain numbers.
      return JSON.parse(JSON.stringify(data[0]))
    }

    async function medusaOrdersFor(accountId: string) {
      const staged = await stagedOrders(accountId)
      const orders = new Map<string, any>()
      for (const [amazonId, row] of staged) if (row.order?.id) orders.set(amazonId, await medusaOrder(row.order.id))
      return orders
    }

    async function inventoryLevels() {
      const inventory = container.resolve(Modules.INVENTORY)
      const levels = await inventory.listInventoryLevels({ location_id: store.stockLocationId })
      return Object.fromEntries(levels.map((level) => [level.inventory_item_id, { stocked: Number(level.stocked_quantity), reserved: Number(level.reserved_quantity) }]))
    }

    async function reservationsFor(lineItemIds: string[]) {
      return container.resolve(Modules.INVENTORY).listReservationItems({ line_item_id: lineItemIds })
    }

    function rounded(value: unknown, currency: string) {
      return Number(Number(value).toFixed(DECIMALS[currency]))
    }

    const usOrder = (id: string, overrides: Partial<SimOrderSeed> = {}) =>
      usOrderSeed(id, simulator.now(), catalogueItems([{ sku: "AMZ-MUG-01", quantity: 2, shippingPrice: 3.99, shippingTax: 0.33 }]), overrides)

    it("FBM: PENDING is staged only; at UNSHIPPED it becomes exactly one Medusa order that matches Amazon and can be fulfilled", async () => {
      const account = await createAccount()
      const [pending] = demoOrders({ now: simulator.now() }).filter((order) => order.id === "111-5550101-0000001")
      simulator.seedOrders([pending])

      const firstRun = await runImport(account.id)
      expect(firstRun).toMatchObject({ status: "succeeded", orders_seen: 1, orders_created: 0 })
      let staged = (await stagedOrders(account.id)).get(pending.id)
      expect(staged).toMatchObject({ status: "PENDING", import_state: "staged" })
      expect(staged.order).toBeFalsy()
      const firstSeen = staged.first_seen_at

      simulator.setOrderStatus(pending.id, "UNSHIPPED")
      letAmazonCatchUp()
      const before = await inventoryLevels()
      const secondRun = await runImport(account.id)
      expect(secondRun).toMatchObject({ status: "succeeded", orders_created: 1 })
      expect(secondRun.api_calls).toBeGreaterThan(0)

      staged = (await stagedOrders(account.id)).get(pending.id)
      expect(staged).toMatchObject({ status: "UNSHIPPED", import_state: "imported" })
      expect(staged.first_seen_at).toEqual(firstSeen)
      const order = await medusaOrder(staged.order.id)
      expect(order).toMatchObject({
        status: "pending",
        email: "jdoe7x2k@marketplace.amazon.com",
        currency_code: "usd",
        region_id: store.regions.usd,
        sales_channel_id: store.salesChannelId,
        // Guest mode: a guest customer by the buyer's email, as Medusa's guest checkout makes one.
        customer_id: expect.any(String),
        no_notification: true,
        metadata: expect.objectContaining({ amazon_order_id: pending.id, amazon_marketplace_id: US, amazon_first_seen_at: new Date(firstSeen).toISOString() }),
      })
      expect(order.items).toHaveLength(1)
      expect(order.items[0]).toMatchObject({
        variant_id: store.variants["AMZ-TSHIRT-M"].variantId,
        variant_sku: "AMZ-TSHIRT-M",
        quantity: 1,
        unit_price: 19.99,
        is_tax_inclusive: false,
      })
      expect(order.items[0].tax_lines).toEqual([expect.objectContaining({ code: "AMAZON_TAX" })])
      expect(rounded(order.tax_total, "usd")).toBe(1.65)
      expect(rounded(order.total, "usd")).toBe(Number(staged.order_total))
      expect(order.shipping_address).toMatchObject({ first_name: "Jane Doe", address_1: "55 Elm Street", city: "Boston", province: "MA", postal_code: "02118", country_code: "us" })
      expect(order.shipping_methods[0]).toMatchObject({ shipping_option_id: store.shippingOptionId })

      const guest = await getContainer().resolve(Modules.CUSTOMER).retrieveCustomer(order.customer_id)
      expect(guest).toMatchObject({ email: "jdoe7x2k@marketplace.amazon.com", has_account: false, first_name: null })

      // ERP subscribers hear about it; nothing else is sent.
      expect(orderPlacedEvents()).toEqual([{ id: order.id }])

      // FBM stock is reserved (not taken) so that the store can fulfil it.
      const inventoryItemId = store.variants["AMZ-TSHIRT-M"].inventoryItemId
      const after = await inventoryLevels()
      expect(after[inventoryItemId]).toEqual({ stocked: before[inventoryItemId].stocked, reserved: before[inventoryItemId].reserved + 1 })
      expect(await reservationsFor([order.items[0].id])).toHaveLength(1)

      // Importing again changes nothing.
      const thirdRun = await runImport(account.id)
      expect(thirdRun.orders_created).toBe(0)
      expect((await medusaOrdersFor(account.id)).size).toBe(1)
      expect(orderPlacedEvents()).toHaveLength(1)

      await createOrderFulfillmentWorkflow(container).run({
        input: { order_id: order.id, items: [{ id: order.items[0].id, quantity: 1 }], location_id: store.stockLocationId },
      })
      const fulfilled = await inventoryLevels()
      expect(fulfilled[inventoryItemId]).toEqual({ stocked: SEEDED_STOCK - 1, reserved: before[inventoryItemId].reserved })
    })

    it("imports every demo order with Amazon's amounts in USD, EUR and JPY, subtypes, customization and unicode names", async () => {
      const account = await createAccount()
      simulator.seedOrders(demoOrders({ now: simulator.now() }))
      const runStartedOnAmazon = simulator.now().getTime()
      const run = await runImport(account.id)
      const runEndedOnAmazon = simulator.now().getTime()

      const staged = await stagedOrders(account.id)
      const orders = await medusaOrdersFor(account.id)
      expect(run).toMatchObject({ status: "succeeded", orders_seen: staged.size, orders_created: orders.size, orders_parked: 0 })
      expect([...orders.keys()].sort()).toEqual(
        [
          "111-5550102-0000002",
          "111-5550103-0000003",
          "111-5550104-0000004",
          "111-5550105-0000005",
          "111-5550106-0000006",
          "111-5550107-0000007",
          "111-5550108-0000008",
          "111-5550109-0000009",
          "302-5550111-0000011",
          "302-5550112-0000012",
          "503-5550113-0000013",
        ].sort()
      )
      expect(staged.get("111-5550101-0000001")).toMatchObject({ status: "PENDING", import_state: "staged" })
      expect(staged.get("111-5550110-0000010")).toMatchObject({ status: "CANCELLED", import_state: "skipped" })

      const german = orders.get("302-5550111-0000011")
      expect(german).toMatchObject({ currency_code: "eur", region_id: store.regions.eur })
      expect(german.items[0].is_tax_inclusive).toBe(true)
      expect(orders.get("302-5550112-0000012").shipping_address.first_name).toBe("Zoë Ångström-Łukasiewicz")
      const japanese = orders.get("503-5550113-0000013")
      expect(japanese).toMatchObject({ currency_code: "jpy", region_id: store.regions.jpy })
      expect(japanese.shipping_methods[0].name).toBe("Amazon Standard")
      expect(japanese.shipping_address).toMatchObject({ first_name: "山田 太郎", province: "東京都" })

      // Promotions are adjustments, not lower prices.
      const promoted = orders.get("111-5550102-0000002")
      const mug = promoted.items.find((item: any) => item.variant_sku === "AMZ-MUG-01")
      expect(mug.unit_price).toBe(12.99)
      expect(mug.adjustments).toEqual([expect.objectContaining({ code: "PLM-SUMMER-MUG-2", amount: 2 })])

      // Amazon Custom: the buyer's text is on the line a packer reads, and on the order.
      const custom = orders.get("111-5550107-0000007")
      expect(custom.items[0].metadata).toMatchObject({ amazon_customization_text: "Happy 30th, Sam! ☕ — love, Alex", amazon_customization_url: expect.stringContaining("http") })
      expect(custom.metadata.amazon_customizations).toEqual([expect.objectContaining({ text: "Happy 30th, Sam! ☕ — love, Alex" })])

      // Subtypes are on the staging row (filterable) and on the order.
      expect(staged.get("111-5550105-0000005").subtypes).toContain("BUSINESS_PRIME")
      expect(orders.get("111-5550106-0000006").metadata.amazon_subtypes).toEqual(expect.arrayContaining(["PREMIUM", "SECOND_DAY"]))
      const primeRows = await amazon().listAmazonOrders({ account_id: account.id, subtypes: { $contains: ["PRIME"] } })
      expect(primeRows.map((row: any) => row.amazon_order_id).sort()).toEqual(["111-5550103-0000003", "111-5550108-0000008"])
      const businessRows = await amazon().listAmazonOrders({ account_id: account.id, subtypes: { $overlap: ["BUSINESS", "BUSINESS_PRIME"] } })
      expect(businessRows.map((row: any) => row.amazon_order_id).sort()).toEqual(["111-5550104-0000004", "111-5550105-0000005"])

      // order.placed once per imported order, in one go.
      expect(orderPlacedEvents().map((event) => event.id).sort()).toEqual([...orders.values()].map((order) => order.id).sort())

      // The watermark moved to where Amazon ended the window (two minutes before now, on Amazon's clock, whole seconds).
      const [saved] = await amazon().listAmazonAccounts({ id: account.id })
      // Measured against the run itself, not the checks above (whose duration depends on the machine's load).
      const watermark = new Date(saved.orders_watermark).getTime()
      expect(watermark % 1000).toBe(0)
      expect(watermark).toBeGreaterThan(runStartedOnAmazon - 2 * MINUTE - 1000)
      expect(watermark).toBeLessThanOrEqual(runEndedOnAmazon - 2 * MINUTE)

      // The Medusa order total is what the buyer paid on Amazon, in every currency.
      const totals = [...orders].map(([amazonId, order]) => ({ amazonId, currency: order.currency_code, total: rounded(order.total, order.currency_code) }))
      expect(totals).toEqual([...orders.keys()].map((amazonId) => ({ amazonId, currency: staged.get(amazonId).currency_code.toLowerCase(), total: Number(staged.get(amazonId).order_total) })))
      for (const order of orders.values()) expect(order.no_notification).toBe(true)
      // Staged money is a bigNumber: the exact decimal Amazon sent is kept beside the number, yen without decimals.
      const { data: moneyRows } = await query().graph({
        entity: "amazon_order",
        fields: ["amazon_order_id", "currency_code", "order_total", "raw_order_total", "snapshot", "items.unit_price", "items.raw_unit_price"],
        filters: { amazon_order_id: [...orders.keys()] },
      })
      for (const row of moneyRows as any[]) {
        expect({ id: row.amazon_order_id, raw: Number(row.raw_order_total.value), total: row.order_total }).toEqual({
          id: row.amazon_order_id,
          raw: Number(row.snapshot.orderTotal),
          total: Number(row.snapshot.orderTotal),
        })
        if (row.currency_code === "JPY") expect(row.raw_order_total.value).toMatch(/^\d+$/)
        for (const item of row.items) expect(Number(item.raw_unit_price.value)).toBe(item.unit_price)
      }
      expect((moneyRows as any[]).some((row) => row.currency_code === "JPY")).toBe(true)
      // VAT-inclusive marketplaces keep the price the buyer saw, with Amazon's VAT inside it.
      expect(german.items[0].unit_price).toBe(24.99)
      expect(rounded(german.tax_total, "eur")).toBe(4.79)
      expect(japanese.items[0].unit_price).toBe(1980)
      expect(japanese.shipping_methods[0].amount).toBe(550)
    })

    it("finds the Medusa order of an Amazon order id through the staging row's link, and keeps the id in metadata", async () => {
      const account = await createAccount()
      simulator.seedOrders([usOrder("111-7770001-0000001")])
      await runImport(account.id)
      const { data } = await query().graph({
        entity: "amazon_order",
        fields: ["order.id", "order.metadata"],
        filters: { amazon_order_id: "111-7770001-0000001" },
      })
      expect(data).toHaveLength(1)
      expect(data[0].order.metadata.amazon_order_id).toBe("111-7770001-0000001")
    })

    it("FBA: a shipped order is created completed and shipped, and the store's inventory is not touched", async () => {
      const account = await createAccount()
      const [fba] = demoOrders({ now: simulator.now() }).filter((order) => order.id === "111-5550108-0000008")
      simulator.seedOrders([{ ...fba, status: "UNSHIPPED" }])
      const before = await inventoryLevels()
      await runImport(account.id)
      expect((await medusaOrdersFor(account.id)).size).toBe(0)

      simulator.setOrderStatus(fba.id, "SHIPPED")
      letAmazonCatchUp()
      await runImport(account.id)
      const order = (await medusaOrdersFor(account.id)).get(fba.id)
      expect(order).toMatchObject({ status: "completed", email: null, customer_id: null })
      expect(order.items[0].detail).toMatchObject({ fulfilled_quantity: 1, shipped_quantity: 1 })
      expect(order.shipping_methods[0].shipping_option_id).toBeNull()
      // Amazon shares only city/postcode for FBA; nothing is invented.
      expect(order.shipping_address).toMatchObject({ first_name: null, address_1: null, city: "Denver", country_code: "us" })
      expect(await reservationsFor(order.items.map((item: any) => item.id))).toHaveLength(0)
      expect(await inventoryLevels()).toEqual(before)
      expect(orderPlacedEvents()).toEqual([{ id: order.id }])
    })

    it("FBA import switched off: shipped FBA orders are skipped and say why", async () => {
      const account = await createAccount({ import_fba: false })
      const [fba] = demoOrders({ now: simulator.now() }).filter((order) => order.id === "111-5550108-0000008")
      simulator.seedOrders([fba])
      await runImport(account.id)
      expect((await stagedOrders(account.id)).get(fba.id)).toMatchObject({ import_state: "skipped", attention_reason: expect.stringContaining("FBA") })
      expect((await medusaOrdersFor(account.id)).size).toBe(0)
    })

    it("two imports at once, and again, create nothing twice", async () => {
      const account = await createAccount()
      const ids = Array.from({ length: 6 }, (_, index) => `111-8880000-000000${index}`)
      simulator.seedOrders(ids.map((id) => usOrder(id)))
      const [first, second] = await Promise.all([runImport(account.id), runImport(account.id)])
      await runImport(account.id)
      expect(first.orders_created + second.orders_created).toBe(6)
      const orders = await medusaOrdersFor(account.id)
      expect(orders.size).toBe(6)
      const { data: allOrders } = await query().graph({ entity: "order", fields: ["id", "metadata"] })
      for (const id of ids) {
        expect(allOrders.filter((order: any) => order.metadata?.amazon_order_id === id)).toHaveLength(1)
      }
      expect(orderPlacedEvents()).toHaveLength(6)
      const reservations = await reservationsFor([...orders.values()].flatMap((order) => order.items.map((item: any) => item.id)))
      expect(reservations).toHaveLength(6)
    })

    it("an order Amazon cancels after import is cancelled in Medusa and its stock released; address corrections reach the Medusa order", async () => {
      const account = await createAccount()
      const id = "111-9990000-0000001"
      simulator.seedOrders([usOrder(id)])
      await runImport(account.id)
      const order = (await medusaOrdersFor(account.id)).get(id)
      const inventoryItemId = store.variants["AMZ-MUG-01"].inventoryItemId
      const reserved = (await inventoryLevels())[inventoryItemId].reserved
      expect(await reservationsFor([order.items[0].id])).toHaveLength(1)

      simulator.updateAddress(id, { addressLine2: "Apt 5" })
      letAmazonCatchUp()
      await runImport(account.id)
      const [row] = await amazon().listAmazonOrders({ account_id: account.id, amazon_order_id: id })
      expect(row.snapshot.shippingAddress.addressLine2).toBe("Apt 5")
      // The warehouse ships to the Medusa order's address: the buyer's correction is applied there, as an order change.
      const corrected = await medusaOrder(order.id)
      expect(corrected.shipping_address).toMatchObject({ address_2: "Apt 5", address_1: order.shipping_address.address_1, city: order.shipping_address.city })
      const changes = await (getContainer().resolve("order") as any).listOrderChanges({ order_id: order.id })
      expect(changes.some((change: any) => change.change_type === "update_order")).toBe(true)
      // Seeing the same address again changes nothing more.
      simulator.setOrderStatus(id, "UNSHIPPED")
      letAmazonCatchUp()
      await runImport(account.id)
      const changesAfter = await (getContainer().resolve("order") as any).listOrderChanges({ order_id: order.id })
      expect(changesAfter).toHaveLength(changes.length)

      simulator.setOrderStatus(id, "CANCELLED")
      letAmazonCatchUp()
      await runImport(account.id)
      expect((await stagedOrders(account.id)).get(id)).toMatchObject({ status: "CANCELLED" })
      expect((await medusaOrder(order.id)).status).toBe("canceled")
      expect(await reservationsFor([order.items[0].id])).toHaveLength(0)
      expect((await inventoryLevels())[inventoryItemId].reserved).toBe(reserved - 2)
    })

    it("bad orders are parked with a sentence saying what to fix; the rest of the page imports; retry imports once fixed", async () => {
      const account = await createAccount({ marketplace_ids: [US, UK] })
      const now = simulator.now().getTime()
      simulator.seedOrders([
        usOrder("111-1000000-0000001"),
        usOrder("111-1000000-0000002", { items: [{ sku: "AMZ-NEW-LAMP", asin: "B0LAMP0001", title: "Desk Lamp", quantity: 1, unitPrice: 39.99, unitTax: 3.3 }] }),
        usOrder("111-1000000-0000003", { buyer: undefined, address: { city: "Boston", stateOrRegion: "MA", postalCode: "02118", countryCode: "US" } }),
        {
          ...usOrder("202-1000000-0000004"),
          marketplaceId: UK,
          currency: "GBP",
          address: { name: "Ann Lee", addressLine1: "1 High St", city: "London", postalCode: "N1 1AA", countryCode: "GB" },
          lastUpdated: new Date(now - 20 * MINUTE).toISOString(),
        },
      ])
      const run = await runImport(account.id)
      expect(run).toMatchObject({ status: "partial", orders_seen: 4, orders_created: 1, orders_parked: 3 })
      const staged = await stagedOrders(account.id)
      expect(staged.get("111-1000000-0000001").import_state).toBe("imported")
      const reasons = {
        sku: staged.get("111-1000000-0000002").attention_reason,
        address: staged.get("111-1000000-0000003").attention_reason,
        currency: staged.get("202-1000000-0000004").attention_reason,
      }
      expect(reasons.sku).toBe('No product variant has the SKU "AMZ-NEW-LAMP". Give the matching variant that SKU (or create the product) and retry the import.')
      expect(reasons.address).toMatch(/^Amazon did not share a shippable address .*retry the import\.$/)
      expect(reasons.currency).toMatch(/^No region of the store uses GBP.*retry\.$/)
      for (const id of ["111-1000000-0000002", "111-1000000-0000003", "202-1000000-0000004"]) {
        expect(staged.get(id).import_state).toBe("needs_attention")
      }
      expect(run.errors.items.map((problem: any) => problem.amazon_order_id).sort()).toEqual(["111-1000000-0000002", "111-1000000-0000003", "202-1000000-0000004"])
      // The watermark still moves: parked orders are stored, nothing is lost.
      const [saved] = await amazon().listAmazonAccounts({ id: account.id })
      expect(saved.orders_watermark).not.toBeNull()

      const lampRow = staged.get("111-1000000-0000002")
      const stillParked = await retryAmazonOrderImportWorkflow(container).run({ input: { id: lampRow.id } })
      expect(stillParked.result).toMatchObject({ import_state: "needs_attention", order_id: null })
      expect(stillParked.result.message).toContain("AMZ-NEW-LAMP")

      await createProductsWorkflow(container).run({
        input: {
          products: [
            {
              title: "Desk Lamp",
              status: ProductStatus.PUBLISHED,
              shipping_profile_id: store.shippingProfileId,
              sales_channels: [{ id: store.salesChannelId }],
              options: [{ title: "Variant", values: ["Default"] }],
              variants: [{ title: "Default", sku: "AMZ-NEW-LAMP", manage_inventory: false, options: { Variant: "Default" }, prices: [{ currency_code: "usd", amount: 39.99 }] }],
            },
          ],
        },
      })
      const retried = await retryAmazonOrderImportWorkflow(container).run({ input: { id: lampRow.id } })
      expect(retried.result).toMatchObject({ import_state: "imported", order_id: expect.any(String) })
      const lampOrder = await medusaOrder(retried.result.order_id)
      expect(rounded(lampOrder.total, "usd")).toBe(Number(lampRow.order_total))
      expect(orderPlacedEvents().map((event) => event.id)).toContain(lampOrder.id)
      // Retrying an imported order does not import it again.
      const again = await retryAmazonOrderImportWorkflow(container).run({ input: { id: lampRow.id } })
      expect(again.result.order_id).toBe(lampOrder.id)
      expect((await medusaOrdersFor(account.id)).size).toBe(2)
    })

    it.each([
      { api: "2026-01-01", operation: "searchOrders", simApi: "orders-2026-01-01" as const, field: "orderItems\\.0\\.quantityOrdered" },
      { api: "v0", operation: "getOrders", simApi: "orders-v0" as const, field: "IsPrime" },
    ])(
      "Orders API $api: one order Amazon sends in a broken shape is parked naming the field; the rest of its page imports; it imports once Amazon sends it intact",
      async ({ api, operation, simApi, field }) => {
        const account = await createAccount({ orders_api_version: api })
        simulator.seedOrders([usOrder("111-3000000-0000001"), usOrder("111-3000000-0000002"), usOrder("111-3000000-0000003")])
        simulator.injectFault({ operation, api: simApi, kind: "corruptOrder", orderId: "111-3000000-0000002" })
        const run = await runImport(account.id)
        expect(run).toMatchObject({ status: "partial", orders_seen: 3, orders_created: 2, orders_parked: 1 })
        const staged = await stagedOrders(account.id)
        expect(staged.get("111-3000000-0000001").import_state).toBe("imported")
        expect(staged.get("111-3000000-0000003").import_state).toBe("imported")
        expect(staged.get("111-3000000-0000002").import_state).toBe("needs_attention")
        expect(staged.get("111-3000000-0000002").attention_reason).toMatch(
          new RegExp(`^Amazon sent this order in a shape the import cannot read \\(${field}: .*\\)\\.`)
        )

        // Amazon updates the order (any change bumps its last update); the next import reads it intact.
        simulator.setOrderStatus("111-3000000-0000002", "UNSHIPPED")
        letAmazonCatchUp()
        await runImport(account.id)
        expect((await stagedOrders(account.id)).get("111-3000000-0000002").import_state).toBe("imported")
        expect((await medusaOrdersFor(account.id)).size).toBe(3)
      }
    )

    it("customer mode 'create': the buyer becomes one customer with the address, reused for their next order", async () => {
      const account = await createAccount({ customer_mode: "create" })
      const buyer = { name: "Priya Raman", email: "praman4d8s@marketplace.amazon.com" }
      simulator.seedOrders([usOrder("111-2000000-0000001", { buyer }), usOrder("111-2000000-0000002", { buyer })])
      await runImport(account.id)
      const orders = [...(await medusaOrdersFor(account.id)).values()]
      expect(orders).toHaveLength(2)
      expect(orders[0].customer_id).toBeTruthy()
      expect(orders[1].customer_id).toBe(orders[0].customer_id)
      const customer = await container.resolve(Modules.CUSTOMER).retrieveCustomer(orders[0].customer_id, { relations: ["addresses"] })
      expect(customer).toMatchObject({ email: buyer.email, first_name: "Priya Raman" })
      expect(customer.addresses[0]).toMatchObject({ address_1: "55 Elm Street", city: "Boston", country_code: "us" })
    })

    it("when Amazon answers garbage the run fails with a sentence, the watermark stays, and the next run imports", async () => {
      const account = await createAccount()
      simulator.seedOrders([usOrder("111-3000000-0000001")])
      simulator.injectFault({ operation: "searchOrders", kind: "malformed", times: 1 })
      const failed = await runImport(account.id)
      expect(failed.status).toBe("failed")
      expect(failed.message).toMatch(/^The import stopped after 0 page\(s\): .+ Orders stored before that are kept; the next run continues from the same point\.$/)
      const [saved] = await amazon().listAmazonAccounts({ id: account.id })
      expect(saved.orders_watermark).toBeNull()
      expect((await medusaOrdersFor(account.id)).size).toBe(0)

      const recovered = await runImport(account.id)
      expect(recovered).toMatchObject({ status: "succeeded", orders_created: 1 })
    })

    it("scheduled ticks run an account only when it is switched on and its interval has passed; Sync now always runs", async () => {
      const off = await createAccount()
      const skipped = await importAmazonOrders(container, { account_id: off.id, trigger: "schedule" })
      expect(skipped).toMatchObject({ ran: false, reason: "Order import is switched off for this account." })

      const on = await createAccount({ import_orders: true, import_interval_minutes: 5 })
      const first = await importAmazonOrders(container, { account_id: on.id, trigger: "schedule" })
      expect(first).toMatchObject({ ran: true, run: expect.objectContaining({ trigger: "schedule", status: "succeeded" }) })
      const tooSoon = await importAmazonOrders(container, { account_id: on.id, trigger: "schedule" })
      expect(tooSoon).toMatchObject({ ran: false, reason: "The last import started less than 5 minutes ago." })
      const manual = await importAmazonOrders(container, { account_id: on.id, trigger: "manual" })
      expect(manual).toMatchObject({ ran: true, run: expect.objectContaining({ trigger: "manual" }) })
    })

    it("a failure in the middle of creating a page's orders leaves nothing half-made, and the next run imports them", async () => {
      const account = await createAccount({ customer_mode: "create" })
      const ids = ["111-4000000-0000001", "111-4000000-0000002"]
      simulator.seedOrders(ids.map((id) => usOrder(id)))
      const {
        rows: [linkTable],
      } = await dbConnection.raw(`select tablename from pg_tables where schemaname = current_schema() and tablename like '%amazon_order%order%'`)
      // Fault injection in the database: linking an Amazon order to its Medusa order fails after orders,
      // customers and reservations were made.
      await dbConnection.raw(`create or replace function amazon_test_refuse_link() returns trigger as $$ begin raise exception 'link refused by test'; end $$ language plpgsql`)
      await dbConnection.raw(`create trigger amazon_test_refuse_link before insert on "${linkTable.tablename}" for each row execute function amazon_test_refuse_link()`)
      const inventoryBefore = await inventoryLevels()
      const { data: ordersBefore } = await query().graph({ entity: "order", fields: ["id"] })
      const { data: customersBefore } = await query().graph({ entity: "customer", fields: ["id"] })

      const failed = await runImport(account.id)
      expect(failed.status).toBe("failed")
      expect(failed.message).toMatch(/^The import stopped after 0 page\(s\)/)
      const { data: ordersAfter } = await query().graph({ entity: "order", fields: ["id"] })
      const { data: customersAfter } = await query().graph({ entity: "customer", fields: ["id"] })
      expect(ordersAfter).toHaveLength(ordersBefore.length)
      expect(customersAfter).toHaveLength(customersBefore.length)
      expect(await inventoryLevels()).toEqual(inventoryBefore)
      expect(await stagedOrders(account.id)).toEqual(new Map())
      expect(orderPlacedEvents()).toHaveLength(0)
      const [saved] = await amazon().listAmazonAccounts({ id: account.id })
      expect(saved.orders_watermark).toBeNull()

      await dbConnection.raw(`drop trigger amazon_test_refuse_link on "${linkTable.tablename}"`)
      const recovered = await runImport(account.id)
      expect(recovered).toMatchObject({ status: "succeeded", orders_created: 2 })
      expect((await medusaOrdersFor(account.id)).size).toBe(2)
    })

    it("a page's orders are made in one call of the order module's bulk creation, without the read-back of its public createOrders, with the same entity events", async () => {
      const orderModule = container.resolve(Modules.ORDER) as any
      const eventBus = container.resolve(Modules.EVENT_BUS)
      const emitted = jest.spyOn(eventBus, "emit")
      const entityEvents = () =>
        emitted.mock.calls
          .filter(([, options]) => (options as { internal?: boolean } | undefined)?.internal)
          .flatMap(([messages]) => (Array.isArray(messages) ? messages : [messages]) as Array<{ name: string; data: { id: string } }>)
      // What Medusa's public createOrders emits for an order like an imported one.
      const [reference] = await orderModule.createOrders([
        {
          currency_code: "usd",
          email: "reference@example.com",
          shipping_address: { first_name: "Reference", address_1: "1 Main St", city: "Seattle", country_code: "us" },
          items: [{ title: "Mug", quantity: 1, unit_price: 10, tax_lines: [{ code: "T", rate: 10 }] }],
          shipping_methods: [{ name: "Standard", amount: 0 }],
        },
      ])
      const referenceNames = new Set(entityEvents().map((event) => event.name))
      expect(referenceNames).toContain("order.order.created")
      await orderModule.deleteOrders([reference.id])
      emitted.mockClear()

      const account = await createAccount()
      const ids = ["111-4100000-0000001", "111-4100000-0000002", "111-4100000-0000003"]
      simulator.seedOrders(ids.map((id) => usOrder(id)))
      // The Medusa this plugin runs on has it; if an upgrade removes it, the import falls back to createOrders (slower) and this says so.
      expect(typeof orderModule.createOrders_).toBe("function")
      const bulk = jest.spyOn(orderModule, "createOrders_")
      const publicCreate = jest.spyOn(orderModule, "createOrders")
      let importEvents: Array<{ name: string; data: { id: string } }> = []
      try {
        const run = await runImport(account.id)
        expect(run).toMatchObject({ status: "succeeded", orders_created: 3 })
        expect(bulk).toHaveBeenCalledTimes(1)
        expect((bulk.mock.calls[0][0] as unknown[]).length).toBe(3)
        expect(publicCreate).not.toHaveBeenCalled()
        importEvents = entityEvents()
      } finally {
        bulk.mockRestore()
        publicCreate.mockRestore()
        emitted.mockRestore()
      }
      const orders = await medusaOrdersFor(account.id)
      expect([...orders.keys()].sort()).toEqual(ids)
      for (const order of orders.values()) expect(order.items).toHaveLength(1)
      const importNames = new Set(importEvents.map((event) => event.name))
      for (const name of referenceNames) expect(importNames).toContain(name)
      const createdIds = importEvents.filter((event) => event.name === "order.order.created").map((event) => event.data.id)
      expect(createdIds.sort()).toEqual([...orders.values()].map((order) => order.id).sort())
    })

    it("the v0 fallback imports the same orders identically", async () => {
      simulator.seedOrders(demoOrders({ now: simulator.now() }))
      const current = await createAccount({ name: "Orders 2026-01-01" })
      const fallback = await createAccount({ name: "Orders v0", orders_api_version: "v0" })
      await runImport(current.id)
      const v0Run = await runImport(fallback.id)
      expect(v0Run.status).toBe("succeeded")
      expect(simulator.requests().some((request) => request.path === "/orders/v0/orders")).toBe(true)

      const comparable = (order: any) => ({
        status: order.status,
        email: order.email,
        currency_code: order.currency_code,
        total: rounded(order.total, order.currency_code),
        tax_total: rounded(order.tax_total, order.currency_code),
        address: { ...order.shipping_address, id: undefined, created_at: undefined, updated_at: undefined },
        shipping: order.shipping_methods.map((method: any) => ({ name: method.name, amount: method.amount })),
        items: order.items
          .map((item: any) => ({
            sku: item.variant_sku,
            quantity: item.quantity,
            unit_price: item.unit_price,
            is_tax_inclusive: item.is_tax_inclusive,
            adjustments: item.adjustments.map((adjustment: any) => adjustment.amount),
            customization: item.metadata.amazon_customization_text ?? null,
            metadata: item.metadata,
          }))
          .sort((a: any, b: any) => a.sku.localeCompare(b.sku)),
        subtypes: order.metadata.amazon_subtypes,
        // Everything the plugin stores has one shape whichever API version fetched it; only when each account
        // first saw the order differs.
        metadata: { ...order.metadata, amazon_first_seen_at: undefined },
      })
      const fromCurrent = await medusaOrdersFor(current.id)
      const fromV0 = await medusaOrdersFor(fallback.id)
      const stagedV0 = await stagedOrders(fallback.id)
      for (const [amazonId, order] of fromV0) {
        expect({ amazonId, total: rounded(order.total, order.currency_code) }).toEqual({ amazonId, total: Number(stagedV0.get(amazonId).order_total) })
      }
      expect([...fromV0.keys()].sort()).toEqual([...fromCurrent.keys()].sort())
      for (const [amazonId, order] of fromCurrent) {
        expect({ amazonId, ...comparable(fromV0.get(amazonId)) }).toEqual({ amazonId, ...comparable(order) })
      }
    })
  },
})
