import path from "node:path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { createOrderFulfillmentWorkflow, createOrderShipmentWorkflow } from "@medusajs/medusa/core-flows"
import { bulkOrders, startSimulator, type SimRequestLogEntry } from "../simulator"
import { seedStore, type SeededStore } from "../integration-tests/helpers/seed-store"
import { createStoreAccount } from "../integration-tests/helpers/simulator-account"

// Amazon's real rate limits in the plugin's SP-API client (the test app defaults to 100× faster refills).
// Set here, not only through the runner's `env` option: the runner loads medusa-config.ts (which reads this
// variable) BEFORE it applies `env`, so `env` alone would leave the client at 100×. The test below checks it.
const previousTimeScale = process.env.AMAZON_RATE_LIMIT_TIME_SCALE
process.env.AMAZON_RATE_LIMIT_TIME_SCALE = "1"

jest.setTimeout(600 * 1000)

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { importAmazonOrders } = require("medusa-plugin-amazon/workflows")

const US = "ATVPDKIKX0DER"
/** Part 1: orders shipped one after the other, latency of each confirmation. */
const LATENCY_ORDERS = 30
/** Part 2: orders shipped in one burst, confirmations per minute under Amazon's limit. */
const BURST_ORDERS = 60
/** Shipment workflows run at once in the burst (a fulfilment integration marking a batch as shipped). */
const BURST_CONCURRENCY = 8
/** Amazon's usage plan of confirmShipment (ordersV0.json): 2 requests/s, burst 10. */
const CONFIRM_RATE_PER_SECOND = 2
const CONFIRM_BURST = 10
/** The target for part 1. */
const TARGET_P95_MS = 10_000

const CONFIRM_PATH = /^\/orders\/v0\/orders\/([^/]+)\/shipmentConfirmation$/

type ImportedOrder = { amazonOrderId: string; orderId: string; items: Array<{ id: string; quantity: number }> }

/**
 * Tracking push to Amazon: how long after a shipment is created in Medusa Amazon receives its confirmShipment,
 * and how many confirmations per minute the plugin gets through under Amazon's rate limit (2/s after a burst of 10),
 * with the plugin's client limiter and the simulator both at Amazon's real rates (timeScale 1).
 */
medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../integration-tests/app"),
  inApp: true,
  env: { AMAZON_RATE_LIMIT_TIME_SCALE: "1" },
  testSuite: ({ getContainer }) => {
    let simulator: Awaited<ReturnType<typeof startSimulator>>
    let store: SeededStore
    let container: MedusaContainer
    let account: { id: string }
    let latencyOrders: ImportedOrder[] = []
    let burstOrders: ImportedOrder[] = []

    beforeAll(async () => {
      // Amazon's real limits on the simulator side too: a request our limiter lets through too early gets a 429.
      simulator = await startSimulator({ port: 0, timeScale: 1 })
      container = getContainer()
      store = await seedStore(container)
      account = await createStoreAccount(container, simulator.url, store, { marketplace_ids: [US] })

      // One import (one page) for both parts; the database snapshot the runner restores before each test has them.
      const total = LATENCY_ORDERS + BURST_ORDERS
      const seeds = bulkOrders({ count: total, idPrefix: "116", newest: new Date(simulator.now().getTime() - 10 * 60 * 1000) })
      simulator.seedOrders(seeds)
      const imported = await importAmazonOrders(container, { account_id: account.id, trigger: "test" })
      expect(imported.run).toMatchObject({ status: "succeeded", orders_created: total })

      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "amazon_order",
        fields: ["amazon_order_id", "order.id", "order.items.id", "order.items.variant_sku"],
        filters: { amazon_order_id: seeds.map((seed) => seed.id) },
      })
      const rows = new Map((data as any[]).map((row) => [row.amazon_order_id as string, row]))
      // Ship every unit Amazon sold: the quantities per SKU come from the seed.
      const ordered = seeds.map((seed): ImportedOrder => {
        const row = rows.get(seed.id)
        const lineBySku = new Map<string, string>(row.order.items.map((item: any) => [item.variant_sku, item.id]))
        return { amazonOrderId: seed.id, orderId: row.order.id, items: seed.items.map((item) => ({ id: lineBySku.get(item.sku)!, quantity: item.quantity })) }
      })
      latencyOrders = ordered.slice(0, LATENCY_ORDERS)
      burstOrders = ordered.slice(LATENCY_ORDERS)
    })
    afterAll(async () => {
      await simulator?.close()
      if (previousTimeScale === undefined) delete process.env.AMAZON_RATE_LIMIT_TIME_SCALE
      else process.env.AMAZON_RATE_LIMIT_TIME_SCALE = previousTimeScale
    })
    beforeEach(() => {
      container = getContainer()
    })

    const amazon = () => container.resolve("amazon") as any

    function confirmRequests(): Array<SimRequestLogEntry & { amazonOrderId: string }> {
      const out: Array<SimRequestLogEntry & { amazonOrderId: string }> = []
      for (const request of simulator.requests()) {
        const match = request.method === "POST" && CONFIRM_PATH.exec(request.path)
        if (match) out.push({ ...request, amazonOrderId: decodeURIComponent(match[1]) })
      }
      return out
    }

    /** Waits until Amazon accepted a confirmation of each order (or the deadline passes). */
    async function waitForConfirmations(amazonOrderIds: string[], timeoutMs: number) {
      const wanted = new Set(amazonOrderIds)
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const accepted = new Set(confirmRequests().filter((request) => request.status === 204 && wanted.has(request.amazonOrderId)).map((r) => r.amazonOrderId))
        if (accepted.size === wanted.size) return
        if (Date.now() > deadline) throw new Error(`Only ${accepted.size} of ${wanted.size} shipments were confirmed to Amazon within ${timeoutMs / 1000} s.`)
        await sleep(100)
      }
    }

    /** Every push of these orders is confirmed, after exactly one accepted confirmShipment request per order. */
    async function expectEachConfirmedOnce(orders: ImportedOrder[]) {
      const ids = orders.map((order) => order.amazonOrderId)
      const accepted = confirmRequests().filter((request) => request.status === 204 && ids.includes(request.amazonOrderId))
      const perOrder = new Map<string, number>()
      for (const request of accepted) perOrder.set(request.amazonOrderId, (perOrder.get(request.amazonOrderId) ?? 0) + 1)
      expect(ids.filter((id) => perOrder.get(id) !== 1)).toEqual([])
      // The subscriber's workflow marks the outbox row confirmed just after Amazon's answer.
      const deadline = Date.now() + 15_000
      for (;;) {
        const pushes = await amazon().listAmazonTrackingPushes({ amazon_order_id: ids }, { take: null })
        const notConfirmed = pushes.filter((push: any) => push.state !== "confirmed")
        if (pushes.length === ids.length && notConfirmed.length === 0) break
        if (Date.now() > deadline) {
          expect({ rows: pushes.length, notConfirmed: notConfirmed.map((push: any) => [push.amazon_order_id, push.state, push.last_error]) }).toEqual({
            rows: ids.length,
            notConfirmed: [],
          })
        }
        await sleep(200)
      }
    }

    function upsLabel(index: number) {
      const trackingNumber = `1Z999AA1${String(index).padStart(10, "0")}`
      return { tracking_number: trackingNumber, tracking_url: `https://www.ups.com/track?tracknum=${trackingNumber}`, label_url: "" }
    }

    /** A fulfillment without a label yet (no push: the plugin waits for the shipment's tracking number). */
    async function fulfil(order: ImportedOrder) {
      const { result } = await createOrderFulfillmentWorkflow(container).run({
        input: { order_id: order.orderId, items: order.items, location_id: store.stockLocationId, no_notification: true },
      })
      return result.id as string
    }

    async function ship(order: ImportedOrder, fulfillmentId: string, index: number) {
      await createOrderShipmentWorkflow(container).run({
        input: { order_id: order.orderId, fulfillment_id: fulfillmentId, items: order.items, labels: [upsLabel(index)], no_notification: true },
      })
    }

    it(`latency from shipment to Amazon's confirmShipment, ${LATENCY_ORDERS} orders shipped one after the other (target p95 ≤ ${TARGET_P95_MS / 1000} s)`, async () => {
      // The client really runs at Amazon's rates (see the note on AMAZON_RATE_LIMIT_TIME_SCALE above).
      const client = await amazon().clientForAccount(account.id)
      expect((client as any).timeScale).toBe(1)

      const before = simulator.requests().length
      const shippedAt = new Map<string, number>()
      const started = performance.now()
      for (const [index, order] of latencyOrders.entries()) {
        const fulfillmentId = await fulfil(order)
        await ship(order, fulfillmentId, index)
        shippedAt.set(order.amazonOrderId, Date.now())
      }
      const shippingSeconds = (performance.now() - started) / 1000
      await waitForConfirmations([...shippedAt.keys()], 120_000)

      // Until the request Amazon accepted arrived (after a 429, that is the client's retry).
      const acceptedAt = new Map<string, number>()
      const sent = confirmRequests().filter((request) => shippedAt.has(request.amazonOrderId))
      for (const request of sent) if (request.status === 204) acceptedAt.set(request.amazonOrderId, Date.parse(request.time))
      const latencies = [...shippedAt].map(([id, at]) => acceptedAt.get(id)! - at).sort((a, b) => a - b)
      const p50 = percentile(latencies, 50)
      const p95 = percentile(latencies, 95)
      const max = latencies[latencies.length - 1]
      const throttled = simulator.requests().slice(before).filter((request) => request.status === 429).length
      console.log(
        `TRACKING_BENCH latency shipment→confirmShipment over ${LATENCY_ORDERS} orders (shipped one after the other, ` +
          `${(LATENCY_ORDERS / shippingSeconds).toFixed(2)} shipments/s incl. fulfillment): ` +
          `p50=${Math.round(p50)} ms p95=${Math.round(p95)} ms max=${Math.round(max)} ms min=${Math.round(latencies[0])} ms; ` +
          `target p95 ≤ ${TARGET_P95_MS} ms: ${p95 <= TARGET_P95_MS ? "met" : "NOT met"}; ` +
          `${sent.length} confirmShipment requests, 429s from Amazon: ${throttled}`
      )
      await expectEachConfirmedOnce(latencyOrders)
    })

    it(`confirmations per minute under Amazon's confirmShipment limit (${CONFIRM_RATE_PER_SECOND}/s after a burst of ${CONFIRM_BURST}), ${BURST_ORDERS} shipments at once`, async () => {
      // Fulfillments first (without labels, nothing is pushed), so that the burst is only the shipments.
      const fulfillmentIds: string[] = []
      for (const order of burstOrders) fulfillmentIds.push(await fulfil(order))
      // Both buckets (the plugin's and Amazon's) full again after part 1: 10 tokens at 2/s.
      await sleep(((CONFIRM_BURST / CONFIRM_RATE_PER_SECOND) + 1) * 1000)

      const before = simulator.requests().length
      const burstStartedAt = Date.now()
      let next = 0
      await Promise.all(
        Array.from({ length: BURST_CONCURRENCY }, async () => {
          while (next < burstOrders.length) {
            const index = next++
            await ship(burstOrders[index], fulfillmentIds[index], LATENCY_ORDERS + index)
          }
        })
      )
      const shipmentsDoneAt = Date.now()
      await waitForConfirmations(
        burstOrders.map((order) => order.amazonOrderId),
        120_000
      )

      const wanted = new Set(burstOrders.map((order) => order.amazonOrderId))
      const requests = confirmRequests().filter((request) => wanted.has(request.amazonOrderId))
      const accepted = requests.filter((request) => request.status === 204).map((request) => Date.parse(request.time)).sort((a, b) => a - b)
      const throttled = simulator.requests().slice(before).filter((request) => request.status === 429).length
      const allThrottled = simulator.requests().filter((request) => request.status === 429).length

      const firstAt = Date.parse(requests.map((request) => request.time).sort()[0])
      const lastAt = accepted[accepted.length - 1]
      const windowSeconds = (lastAt - firstAt) / 1000
      const spanPerMinute = ((accepted.length - 1) / windowSeconds) * 60
      const endToEndPerMinute = (accepted.length / ((lastAt - burstStartedAt) / 1000)) * 60
      // The most Amazon's bucket lets through in that window, starting full: 10 at once, then 2 per second.
      const ceiling = Math.floor(CONFIRM_BURST + CONFIRM_RATE_PER_SECOND * windowSeconds)
      // The best Amazon allows for M requests from a full bucket: 10 at once, then one every 0.5 s.
      const idealSeconds = (BURST_ORDERS - CONFIRM_BURST) / CONFIRM_RATE_PER_SECOND
      const idealPerMinute = ((BURST_ORDERS - 1) / idealSeconds) * 60
      // Steady state: the second half of the confirmations, when Amazon's bucket is long empty.
      const tail = accepted.slice(Math.floor(accepted.length / 2))
      const steadyPerMinute = ((tail.length - 1) / ((tail[tail.length - 1] - tail[0]) / 1000)) * 60
      const gaps = tail.slice(1).map((time, index) => time - tail[index])
      const inFirstSecond = accepted.filter((time) => time - firstAt < 1000).length

      console.log(
        `TRACKING_BENCH throughput ${accepted.length} confirmations accepted for ${BURST_ORDERS} shipments created at once ` +
          `(${BURST_CONCURRENCY} shipment workflows in parallel; all ${BURST_ORDERS} shipments created ${((shipmentsDoneAt - burstStartedAt) / 1000).toFixed(1)} s after the start): ` +
          `first→last confirmShipment ${windowSeconds.toFixed(1)} s = ${spanPerMinute.toFixed(0)}/min ` +
          `(Amazon's best for ${BURST_ORDERS} from a full bucket: ${idealSeconds.toFixed(1)} s = ${idealPerMinute.toFixed(0)}/min; ` +
          `Amazon allows at most ${ceiling} in ${windowSeconds.toFixed(1)} s: ${((accepted.length / ceiling) * 100).toFixed(0)}% used); ` +
          `first shipment→last confirmation ${((lastAt - burstStartedAt) / 1000).toFixed(1)} s = ${endToEndPerMinute.toFixed(0)}/min`
      )
      console.log(
        `TRACKING_BENCH steady rate (last ${tail.length} confirmations): ${steadyPerMinute.toFixed(1)}/min vs Amazon's ${CONFIRM_RATE_PER_SECOND * 60}/min ` +
          `(gaps ${Math.min(...gaps)}–${Math.max(...gaps)} ms, Amazon's interval ${1000 / CONFIRM_RATE_PER_SECOND} ms); ` +
          `${inFirstSecond} accepted in the first second (Amazon's burst: ${CONFIRM_BURST})`
      )
      console.log(
        `TRACKING_BENCH 429s from Amazon (simulator at timeScale 1): ${throttled} during the burst, ${allThrottled} in the whole bench ` +
          `(target 0: ${allThrottled === 0 ? "met" : "NOT met"}); confirmShipment requests for the ${BURST_ORDERS} burst orders: ${requests.length}`
      )
      if (process.env.TRACKING_BENCH_REQUESTS) {
        // Optional: the confirmShipment log (arrival time, order, status) for a closer look at the pacing.
        const rows = confirmRequests().map((request) => ({ time: request.time, order: request.amazonOrderId, status: request.status }))
        require("node:fs").writeFileSync(process.env.TRACKING_BENCH_REQUESTS, JSON.stringify(rows, null, 1))
      }
      await expectEachConfirmedOnce(burstOrders)
    })
  },
})

function percentile(sorted: number[], p: number): number {
  // Nearest-rank percentile.
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
