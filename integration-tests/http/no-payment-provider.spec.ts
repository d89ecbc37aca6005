import path from "node:path"
import { amazonIntegrationTestRunner } from "../helpers/medusa-runner"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { demoOrders, startSimulator } from "../../simulator"
import { createAdminHeaders } from "../helpers/admin"
import { seedStore } from "../helpers/seed-store"
import { createStoreAccount } from "../helpers/simulator-account"

// A store that did not list the Amazon payment provider: medusa-config reads this before the runner boots the app.
const previous = process.env.AMAZON_TEST_WITHOUT_PAYMENT_PROVIDER
process.env.AMAZON_TEST_WITHOUT_PAYMENT_PROVIDER = "1"

jest.setTimeout(240 * 1000)

/* eslint-disable @typescript-eslint/no-var-requires */
const { importAmazonOrders } = require("medusa-plugin-amazon/workflows")
const { AMAZON_PAYMENT_PROVIDER_MISSING_MESSAGE } = require("../../.medusa/server/src/providers/amazon-payment/service")
/* eslint-enable @typescript-eslint/no-var-requires */

const US = "ATVPDKIKX0DER"

amazonIntegrationTestRunner({
  cwd: path.join(__dirname, "../app"),
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let simulator: Awaited<ReturnType<typeof startSimulator>>
    beforeAll(async () => {
      simulator = await startSimulator({ port: 0, timeScale: 100 })
    })
    afterAll(async () => {
      await simulator?.close()
      if (previous === undefined) delete process.env.AMAZON_TEST_WITHOUT_PAYMENT_PROVIDER
      else process.env.AMAZON_TEST_WITHOUT_PAYMENT_PROVIDER = previous
    })

    it("Settings → Amazon says the provider is missing with the medusa-config entry (also when an earlier config left its row); orders still import, without payment, and the run says so", async () => {
      const container = getContainer()
      // A store that listed the provider once and removed it: Medusa leaves its row enabled, which must not count.
      await container
        .resolve(ContainerRegistrationKeys.PG_CONNECTION)
        .raw(`INSERT INTO payment_provider (id, is_enabled) VALUES ('pp_amazon_amazon', true) ON CONFLICT (id) DO UPDATE SET is_enabled = true, deleted_at = NULL`)
      const admin = await createAdminHeaders(container)
      const { data } = await api.get("/admin/amazon/status", admin)
      expect(data.status.payment_provider_installed).toBe(false)
      expect(data.status.payment_provider_message).toMatch(/Amazon payment provider is not installed/)
      expect(data.status.payment_provider_snippet).toContain('resolve: "medusa-plugin-amazon/providers/amazon-payment", id: "amazon"')

      const store = await seedStore(container)
      const account = await createStoreAccount(container, simulator.url, store, { marketplace_ids: [US] })
      simulator.seedOrders(demoOrders({ now: simulator.now() }).filter((seed) => seed.id === "111-5550103-0000003"))
      const { run } = await importAmazonOrders(container, { account_id: account.id, trigger: "test" })
      expect(run.orders_created).toBe(1)
      expect(run.errors.items).toEqual(expect.arrayContaining([expect.objectContaining({ message: AMAZON_PAYMENT_PROVIDER_MISSING_MESSAGE })]))

      const { data: orders } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
        entity: "amazon_order",
        fields: ["order.id", "order.payment_collections.id"],
        filters: { amazon_order_id: "111-5550103-0000003" },
      })
      expect(orders[0].order.id).toBeTruthy()
      expect(orders[0].order.payment_collections ?? []).toEqual([])
    })
  },
})
