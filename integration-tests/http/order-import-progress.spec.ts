import path from "node:path"
import { amazonIntegrationTestRunner } from "../helpers/medusa-runner"
import type { MedusaContainer } from "@medusajs/framework/types"
import { bulkOrders, startSimulator } from "../../simulator"
import { createAdminHeaders } from "../helpers/admin"
import { seedStore, type SeededStore } from "../helpers/seed-store"
import { createStoreAccount } from "../helpers/simulator-account"

jest.setTimeout(240 * 1000)

const ORDER_COUNT = 350

/**
 * "Sync now" runs the import in the background: it answers at once with the run, the run's counts grow page by
 * page, a second "Sync now" meanwhile waits for the first and says so, and the finished run has the counts a
 * blocking import had.
 */
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
      admin = await createAdminHeaders(container)
    })
    afterAll(async () => {
      await simulator?.close()
    })

    async function readRun(id: string) {
      const response = await api.get(`/admin/amazon/sync-runs/${id}`, admin)
      return response.data.sync_run
    }

    it("answers at once, shows growing counts and a waiting second run, and finishes with the full counts", async () => {
      simulator.seedOrders(bulkOrders({ count: ORDER_COUNT, newest: new Date(Date.now() - 10 * 60 * 1000) }))
      // Every page answer is slow, so the run is seen part-way through.
      simulator.injectFault({ operation: "searchOrders", kind: "slow", times: 10, delayMs: 800 })
      const account = await createStoreAccount(container, simulator.url, store)

      const askedAt = Date.now()
      const first = await api.post(`/admin/amazon/accounts/${account.id}/sync`, {}, admin)
      expect(Date.now() - askedAt).toBeLessThan(1000)
      expect(first.data.sync_run.id).toMatch(/^amzrun_/)
      expect(first.data.sync_run.status).toBe("running")

      const seenCounts: number[] = []
      const deadline = Date.now() + 180_000
      let firstRun = await readRun(first.data.sync_run.id)
      // The second "Sync now" comes once the first is under way (holds the account's lock).
      while (firstRun.orders_seen === 0 && firstRun.status === "running" && Date.now() < deadline) {
        seenCounts.push(firstRun.orders_seen)
        await new Promise((resolve) => setTimeout(resolve, 100))
        firstRun = await readRun(first.data.sync_run.id)
      }
      const second = await api.post(`/admin/amazon/accounts/${account.id}/sync`, {}, admin)
      expect(second.data.sync_run.id).not.toBe(first.data.sync_run.id)

      let sawWaiting = false
      while (["running", "waiting"].includes(firstRun.status) && Date.now() < deadline) {
        seenCounts.push(firstRun.orders_seen)
        const secondRun = await readRun(second.data.sync_run.id)
        if (secondRun.status === "waiting") {
          sawWaiting = true
          expect(secondRun.message).toMatch(/^Waiting for the import started at \d\d:\d\d UTC to finish\.$/)
        }
        await new Promise((resolve) => setTimeout(resolve, 200))
        firstRun = await readRun(first.data.sync_run.id)
      }

      expect(sawWaiting).toBe(true)
      const partCounts = [...new Set(seenCounts)].filter((count) => count > 0 && count < ORDER_COUNT)
      expect(partCounts.length).toBeGreaterThanOrEqual(2)
      expect(seenCounts).toEqual([...seenCounts].sort((a, b) => a - b))

      expect(firstRun.status).toBe("succeeded")
      expect(firstRun.pages).toBe(4)
      expect(firstRun.orders_seen).toBe(ORDER_COUNT)
      expect(firstRun.orders_created).toBe(ORDER_COUNT)
      expect(firstRun.orders_parked).toBe(0)

      let secondRun = await readRun(second.data.sync_run.id)
      while (["running", "waiting"].includes(secondRun.status) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200))
        secondRun = await readRun(second.data.sync_run.id)
      }
      expect(secondRun.status).toBe("succeeded")
      expect(secondRun.orders_created).toBe(0)
    })
  },
})
