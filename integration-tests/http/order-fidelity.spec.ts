import path from "node:path"
import { amazonIntegrationTestRunner } from "../helpers/medusa-runner"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { demoOrders, startSimulator, type SimOrderSeed } from "../../simulator"
import { createAdminHeaders } from "../helpers/admin"
import { expectTrafficConformsToAmazonModels } from "../helpers/conformance"
import { seedStore, type SeededStore } from "../helpers/seed-store"
import { accountForSimulator, createStoreAccount } from "../helpers/simulator-account"

jest.setTimeout(240 * 1000)

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { importAmazonOrders } = require("medusa-plugin-amazon/workflows")

const US = "ATVPDKIKX0DER"
const DE = "A1PA6795UKMFR9"
const BUSINESS_PRIME_ORDER = "111-5550105-0000005"
const MINUTE = 60 * 1000

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

    const query = () => container.resolve(ContainerRegistrationKeys.QUERY)

    async function runImport(accountId: string) {
      const result = await importAmazonOrders(container, { account_id: accountId, trigger: "test" })
      expect(result.ran).toBe(true)
      return result.run
    }

    function usOrder(id: string, email: string): SimOrderSeed {
      const now = simulator.now().getTime()
      return {
        id,
        marketplaceId: US,
        status: "UNSHIPPED",
        fulfilledBy: "MERCHANT",
        purchaseDate: new Date(now - 60 * MINUTE).toISOString(),
        lastUpdated: new Date(now - 30 * MINUTE).toISOString(),
        items: [{ sku: "AMZ-MUG-01", asin: "B0CSIMMUG1", title: "Stoneware Coffee Mug 350 ml", quantity: 1, unitPrice: 12.99, unitTax: 1.07, shippingPrice: 3.99, shippingTax: 0.33 }],
        buyer: { name: "Jane Doe", email },
        address: { name: "Jane Doe", addressLine1: "55 Elm Street", city: "Boston", stateOrRegion: "MA", postalCode: "02118", countryCode: "US" },
      }
    }

    async function refused(request: Promise<unknown>) {
      const error: any = await request.then(
        () => null,
        (e) => e
      )
      expect(error?.response).toBeDefined()
      return { status: error.response.status, message: String(error.response.data?.message ?? "") }
    }

    it("refuses an account whose marketplaces Amazon serves from another region, at create and at update", async () => {
      const created = await refused(api.post("/admin/amazon/accounts", accountForSimulator(simulator.url, { region: "na", marketplace_ids: [US, DE] }), admin))
      expect(created.status).toBe(400)
      expect(created.message).toBe(
        "Amazon.de (Europe) is not in the account's region North America. Choose the region those marketplaces belong to, or create a separate account for each region."
      )

      const { data } = await api.post("/admin/amazon/accounts", accountForSimulator(simulator.url, { region: "na", marketplace_ids: [US] }), admin)
      const addedForeign = await refused(api.post(`/admin/amazon/accounts/${data.account.id}`, { marketplace_ids: [US, DE] }, admin))
      expect(addedForeign.status).toBe(400)
      expect(addedForeign.message).toMatch(/^Amazon\.de \(Europe\) is not in the account's region North America\./)
      const movedRegion = await refused(api.post(`/admin/amazon/accounts/${data.account.id}`, { region: "eu" }, admin))
      expect(movedRegion.status).toBe(400)
      expect(movedRegion.message).toMatch(/^Amazon\.com \(North America\) is not in the account's region Europe\./)

      const { data: kept } = await api.get(`/admin/amazon/accounts/${data.account.id}`, admin)
      expect(kept.account).toMatchObject({ region: "na", marketplace_ids: [US] })
    })

    it("a Business Prime order is found by the BUSINESS filter and by the PRIME filter", async () => {
      const account = await createStoreAccount(container, simulator.url, store, { marketplace_ids: [US] })
      simulator.seedOrders(demoOrders({ now: simulator.now() }).filter((order) => order.id === BUSINESS_PRIME_ORDER))
      await runImport(account.id)

      for (const subtype of ["BUSINESS", "PRIME", "BUSINESS_PRIME"]) {
        const { data } = await api.get(`/admin/amazon/orders?account_id=${account.id}&subtype=${subtype}`, admin)
        expect(data.amazon_orders.map((order: any) => order.amazon_order_id)).toEqual([BUSINESS_PRIME_ORDER])
      }
      const { data: nextDay } = await api.get(`/admin/amazon/orders?account_id=${account.id}&subtype=NEXT_DAY`, admin)
      expect(nextDay.amazon_orders).toEqual([])
    })

    it("a gift message and gift wrap level reach the Medusa order and its item, the same from both Orders API versions", async () => {
      const giftOrder = demoOrders({ now: simulator.now() }).filter((order) => order.id === "111-5550107-0000007")
      expect(giftOrder[0].items[0].giftMessage).toBeTruthy()
      simulator.seedOrders(giftOrder)
      for (const orders_api_version of ["2026-01-01", "v0"]) {
        const account = await createStoreAccount(container, simulator.url, store, { marketplace_ids: [US], orders_api_version, name: `Gifts ${orders_api_version}` })
        expect(await runImport(account.id)).toMatchObject({ orders_created: 1 })
        const { data } = await query().graph({
          entity: "amazon_order",
          fields: ["order.id", "order.metadata", "order.items.metadata"],
          filters: { account_id: account.id },
        })
        const order = data[0].order
        expect({ orders_api_version, gifts: order.metadata.amazon_gifts }).toEqual({
          orders_api_version,
          gifts: [{ order_item_id: expect.any(String), sku: "AMZ-CUSTOM-MUG", message: "Happy birthday! Can't wait to celebrate.", wrap_level: "Classic" }],
        })
        expect(order.items[0].metadata).toMatchObject({ amazon_gift_message: "Happy birthday! Can't wait to celebrate.", amazon_gift_wrap_level: "Classic" })
      }
    })

    it("guest mode: the buyer's orders share one guest customer found by email, also across reruns", async () => {
      const account = await createStoreAccount(container, simulator.url, store, { marketplace_ids: [US] })
      const email = "guestbuyer91@marketplace.amazon.com"
      simulator.seedOrders([usOrder("111-9990001-0000001", email)])
      expect(await runImport(account.id)).toMatchObject({ orders_created: 1 })
      // The buyer's next order reaches a later run: that run finds the customer the first one made.
      simulator.advanceTime(MINUTE)
      simulator.seedOrders([{ ...usOrder("111-9990001-0000002", email), lastUpdated: simulator.now().toISOString() }])
      simulator.advanceTime(3 * MINUTE)
      expect(await runImport(account.id)).toMatchObject({ orders_created: 1 })
      await runImport(account.id)

      const { data: orders } = await query().graph({ entity: "order", fields: ["id", "customer_id", "customer.email", "customer.has_account"], filters: { email } })
      expect(orders).toHaveLength(2)
      expect(orders[0].customer_id).toBeTruthy()
      expect(orders[1].customer_id).toBe(orders[0].customer_id)
      expect(orders[0].customer).toMatchObject({ email, has_account: false })
      const customers = await container.resolve(Modules.CUSTOMER).listCustomers({ email })
      expect(customers).toHaveLength(1)
    })
  },
})
