import path from "node:path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { startSimulator } from "../simulator"
import { seedStore } from "../integration-tests/helpers/seed-store"
import { createStoreAccount } from "../integration-tests/helpers/simulator-account"

jest.setTimeout(900 * 1000)

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { importAmazonSettlements } = require("medusa-plugin-amazon/workflows")

const US = "ATVPDKIKX0DER"
const SIZES = [10_000, 100_000]
const TARGET_SECONDS = 30

/** Runs `work` while sampling the process's resident memory; returns seconds and the peak above the start. */
async function measure<T>(work: () => Promise<T>) {
  global.gc?.()
  const baseline = process.memoryUsage().rss
  let peak = baseline
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 20)
  const started = performance.now()
  try {
    const result = await work()
    return { result, seconds: (performance.now() - started) / 1000, peakMb: (peak - baseline) / 2 ** 20, baselineMb: baseline / 2 ** 20 }
  } finally {
    clearInterval(sampler)
  }
}

/**
 * Settlement import: a settlement report of N lines (gzipped, as Amazon serves it) listed, downloaded, parsed as it
 * streams and stored in one transaction; then the reconciliation of its N orders (all unknown to the store). Prints
 * seconds and the peak resident memory above the start for 10,000 and 100,000 lines: memory should stay flat.
 */
medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../integration-tests/app"),
  inApp: true,
  testSuite: ({ getContainer }) => {
    let simulator: Awaited<ReturnType<typeof startSimulator>>
    let container: MedusaContainer
    let account: { id: string }

    beforeAll(async () => {
      simulator = await startSimulator({ port: 0, timeScale: 1000 })
      container = getContainer()
      const store = await seedStore(container)
      account = await createStoreAccount(container, simulator.url, store, { marketplace_ids: [US] })
    })
    afterAll(async () => {
      await simulator?.close()
    })

    it("imports settlement files of 10,000 and 100,000 lines", async () => {
      const amazon = container.resolve("amazon") as any
      const rows: string[] = []
      for (const size of SIZES) {
        const [closed] = simulator.closeSettlement({ marketplaceId: US, bulkLines: size })
        const imported = await measure<any>(() => amazon.importSettlementReports(account.id))
        expect(imported.result.outcomes).toEqual([expect.objectContaining({ state: "imported", settlement_id: closed.settlementId, lines: size + 1 })])
        const reconciled = await measure(() => importAmazonSettlements(container, { account_id: account.id, trigger: "test" }))
        const [settlement] = await amazon.listAmazonSettlements({ settlement_id: closed.settlementId })
        expect(settlement).toMatchObject({ line_count: size + 1, unknown_order_count: size })
        rows.push(
          `${String(size).padStart(7)} lines  import ${imported.seconds.toFixed(1).padStart(5)} s  peak RSS +${imported.peakMb.toFixed(0).padStart(4)} MB` +
            `  |  reconcile ${reconciled.seconds.toFixed(1).padStart(5)} s  peak RSS +${reconciled.peakMb.toFixed(0).padStart(4)} MB  (process ${imported.baselineMb.toFixed(0)} MB before)`
        )
        if (size === SIZES[SIZES.length - 1]) expect(imported.seconds).toBeLessThan(TARGET_SECONDS * 3)
      }
      // eslint-disable-next-line no-console
      console.log(`Settlement import (goal: ≤ ${TARGET_SECONDS} s for 100,000 lines, memory flat in the file's size)\n${rows.join("\n")}`)
    })
  },
})
