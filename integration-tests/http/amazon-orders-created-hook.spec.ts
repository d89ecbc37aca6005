import path from "node:path"
import { amazonIntegrationTestRunner } from "../helpers/medusa-runner"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { startSimulator, type SimOrderSeed } from "../../simulator"
import { seedStore, type SeededStore } from "../helpers/seed-store"
import { createStoreAccount } from "../helpers/simulator-account"
import { amazonOrdersCreatedRecord as amazonOrdersCreatedHookRecord } from "../app/src/lib/amazon-orders-created-record"
import { orderPlacedEvents } from "../app/src/subscribers/record-order-placed"

jest.setTimeout(240 * 1000)

/* eslint-disable @typescript-eslint/no-var-requires */
const { importAmazonOrders } = require("medusa-plugin-amazon/workflows")
/* eslint-enable @typescript-eslint/no-var-requires */

const US = "ATVPDKIKX0DER"
const MINUTE = 60 * 1000

/**
 * The amazonOrdersCreated hook of createMedusaOrdersFromAmazonWorkflow, consumed the way a store consumes it
 * (integration-tests/app/src/workflows/hooks/amazon-orders-created.ts, loaded by Medusa from the app's
 * src/workflows): it gets each imported order once, and a handler that throws rolls the import back.
 */
amazonIntegrationTestRunner({
  cwd: path.join(__dirname, "../app"),
  inApp: true,
  testSuite: ({ getContainer }) => {
    let simulator: Awaited<ReturnType<typeof startSimulator>>
    let store: SeededStore
    let container: MedusaContainer
    let account: { id: string }

    beforeAll(async () => {
      simulator = await startSimulator({ port: 0, timeScale: 100 })
      container = getContainer()
      store = await seedStore(container)
      account = await createStoreAccount(container, simulator.url, store, { marketplace_ids: [US] })
    })
    afterAll(async () => {
      await simulator?.close()
    })
    beforeEach(() => {
      container = getContainer()
      simulator.reset()
      const record = amazonOrdersCreatedHookRecord()
      record.calls.length = 0
      record.failed.length = 0
      record.failWith = null
      orderPlacedEvents().length = 0
    })

    function order(id: string, fulfilledBy: "MERCHANT" | "AMAZON" = "MERCHANT"): SimOrderSeed {
      const now = simulator.now().getTime()
      return {
        id,
        marketplaceId: US,
        status: fulfilledBy === "AMAZON" ? "SHIPPED" : "UNSHIPPED",
        fulfilledBy,
        purchaseDate: new Date(now - 60 * MINUTE).toISOString(),
        lastUpdated: new Date(now - 30 * MINUTE).toISOString(),
        items: [{ asin: "B0CSIMMUG1", title: "Stoneware Coffee Mug 350 ml", sku: "AMZ-MUG-01", quantity: 1, unitPrice: 12.99, unitTax: 1.07, shippingPrice: 4.99, shippingTax: 0.41 }],
        buyer: { name: "Jane Doe", email: `${id.replace(/-/g, "")}@marketplace.amazon.com` },
        address: { name: "Jane Doe", addressLine1: "55 Elm Street", city: "Boston", stateOrRegion: "MA", postalCode: "02118", countryCode: "US" },
      }
    }

    async function runImport() {
      const result = await importAmazonOrders(container, { account_id: account.id, trigger: "test" })
      expect(result.ran).toBe(true)
      return result.run
    }

    async function medusaOrderIds(amazonIds: string[]): Promise<Record<string, string>> {
      const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
        entity: "amazon_order",
        fields: ["amazon_order_id", "order.id"],
        filters: { amazon_order_id: amazonIds },
      })
      return Object.fromEntries((data as any[]).filter((row) => row.order).map((row) => [row.amazon_order_id, row.order.id]))
    }

    /** Medusa orders (not deleted) with this email: the buyer's address is unique per test order. */
    async function ordersOf(email: string) {
      const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({ entity: "order", fields: ["id"], filters: { email } })
      return data
    }

    it("gets every imported order once, with its Medusa id, Amazon id, account and channel; a run that imports nothing does not call it", async () => {
      const fbm = ["111-7100000-0000001", "111-7100000-0000002"]
      const fba = "111-7100000-0000003"
      simulator.seedOrders([order(fbm[0]), order(fbm[1]), order(fba, "AMAZON")])
      expect((await runImport()).status).toBe("succeeded")

      const ids = await medusaOrderIds([...fbm, fba])
      const received = amazonOrdersCreatedHookRecord().calls.flat()
      expect(received).toHaveLength(3)
      expect(received).toEqual(
        expect.arrayContaining([
          { order_id: ids[fbm[0]], amazon_order_id: fbm[0], account_id: account.id, fulfillment_channel: "FBM" },
          { order_id: ids[fbm[1]], amazon_order_id: fbm[1], account_id: account.id, fulfillment_channel: "FBM" },
          { order_id: ids[fba], amazon_order_id: fba, account_id: account.id, fulfillment_channel: "FBA" },
        ])
      )

      simulator.advanceTime(3 * MINUTE)
      expect((await runImport()).status).toBe("succeeded")
      expect(amazonOrdersCreatedHookRecord().calls.flat()).toHaveLength(3)
    })

    it("a handler that throws rolls the page back (no order, no order.placed, nothing staged, the run failed with its message); the next run imports the order", async () => {
      const amazonId = "111-7100000-0000004"
      const email = `${amazonId.replace(/-/g, "")}@marketplace.amazon.com`
      simulator.seedOrders([order(amazonId)])
      amazonOrdersCreatedHookRecord().failWith = "The ERP refused the order."
      const failed = await runImport()
      expect(failed.status).toBe("failed")
      expect(failed.message).toContain("The ERP refused the order.")
      expect(amazonOrdersCreatedHookRecord().failed.flat().map((entry) => entry.amazon_order_id)).toEqual([amazonId])
      expect(await medusaOrderIds([amazonId])).toEqual({})
      expect(await ordersOf(email)).toHaveLength(0)
      expect(orderPlacedEvents()).toEqual([])
      // The page is rolled back as a whole, staging included: the next run reads the order from Amazon again.
      expect(await (container.resolve("amazon") as any).listAmazonOrders({ amazon_order_id: amazonId })).toEqual([])

      amazonOrdersCreatedHookRecord().failWith = null
      simulator.advanceTime(3 * MINUTE)
      expect((await runImport()).status).toBe("succeeded")
      const ids = await medusaOrderIds([amazonId])
      expect(ids[amazonId]).toBeTruthy()
      expect(amazonOrdersCreatedHookRecord().calls.flat()).toEqual([
        { order_id: ids[amazonId], amazon_order_id: amazonId, account_id: account.id, fulfillment_channel: "FBM" },
      ])
      expect(orderPlacedEvents()).toEqual([{ id: ids[amazonId] }])
      expect(await ordersOf(email)).toHaveLength(1)
    })
  },
})
