import { mkdtempSync, readFileSync, existsSync } from "node:fs"
import os from "node:os"
import path from "node:path"
import {
  adminLogin,
  adminRequest,
  APP_DIR,
  startMedusaApp,
  type RunningApp,
} from "../../dev/medusa-app"
import { bulkOrders } from "../../simulator"
import { crashTestBed } from "../helpers/crash-app"
import { accountForSimulator } from "../helpers/simulator-account"

/**
 * The order import killed (SIGKILL, as `kill -9`) at every named point between fetching a page and emitting
 * order.placed, each time restarted on the same database and run again: in the end every Amazon order is exactly
 * one Medusa order with one link, one reservation set (FBM) or one fulfilment (FBA) and one order.placed, and no run shows "running".
 * One app process per crash point: each meets the half-done work the process before it left (and must complete
 * it), and new Amazon orders arrive between crashes.
 */
// Thirteen app boots on a busy 2-core machine.
jest.setTimeout(20 * 60 * 1000)

const ADMIN = { email: "crash-admin@amazon-plugin.test", password: "crash-test-password" }
const STORE_SEED_SCRIPT = path.join(APP_DIR, "src", "scripts", "seed-demo.ts")
const CRASH_SEQUENCE = [
  "mid-page-loop",
  "before-create-orders",
  "after-create-orders",
  "after-links",
  "after-reservations",
  "after-payment-collections",
  "after-payment-links",
  "after-fulfillments",
  "after-fulfillment-links",
  "after-fulfillment-changes",
  "after-mark",
  "after-emit",
] as const

async function sql<T = any>(databaseUrl: string, text: string): Promise<T[]> {
  const { Client } = require("pg")
  const client = new Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    return (await client.query(text)).rows
  } finally {
    await client.end()
  }
}

async function waitForExit(app: RunningApp, timeoutMs: number) {
  if (app.process.exitCode !== null || app.process.signalCode !== null) return app.process.signalCode
  return await new Promise<string | null>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The app did not die at its crash point within ${timeoutMs / 1000}s.\n${app.logs().slice(-3000)}`)), timeoutMs)
    app.process.once("exit", (_code, signal) => {
      clearTimeout(timer)
      resolve(signal)
    })
  })
}

async function waitForRun(app: RunningApp, token: string, runId: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const { sync_run } = await adminRequest(app.url, token, "GET", `/admin/amazon/sync-runs/${runId}`)
    if (!["running", "waiting"].includes(sync_run.status)) return sync_run
    if (Date.now() > deadline) throw new Error(`Run ${runId} still ${sync_run.status} after ${timeoutMs / 1000}s`)
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
}

const STALE_SECONDS = 6

const describeWithStore = existsSync(STORE_SEED_SCRIPT) ? describe : describe.skip

describeWithStore("order import killed at every crash point (separate Medusa process, same database)", () => {
  const eventLog = path.join(mkdtempSync(path.join(os.tmpdir(), "amazon-crash-")), "order-placed.log")
  const bed = crashTestBed("import_crash", ADMIN, {
    AMAZON_TEST_ORDER_PLACED_LOG: eventLog,
    // A killed run is recognised quickly; each restart waits this long after the kill before it syncs.
    AMAZON_PLUGIN_SYNC_RUN_STALE_SECONDS: String(STALE_SECONDS),
  })
  const { env } = bed
  const databaseUrl = env.DATABASE_URL!

  it("ends with exactly one Medusa order, link, reservation set and order.placed per Amazon order", async () => {
    let accountId: string | null = null
    let seeded = 0
    // Every fifth order is an FBA order Amazon has shipped: it gets a fulfilment at import.
    const fbaIds = new Set<string>()
    const seedMore = (count: number) => {
      const seeds = bulkOrders({ count, idPrefix: String(200 + seeded / 10), newest: new Date(Date.now() - 5 * 60_000) }).map((seed, index) => {
        if (index % 5 !== 0) return seed
        fbaIds.add(seed.id)
        return { ...seed, status: "SHIPPED" as const, fulfilledBy: "AMAZON" as const }
      })
      bed.simulator.seedOrders(seeds)
      seeded += count
    }
    seedMore(130)
    const [{ stocked: stockedBefore }] = await sql(databaseUrl, `select sum(stocked_quantity)::int as stocked from inventory_level where deleted_at is null`)

    let killedAt = 0
    for (const point of [...CRASH_SEQUENCE, null]) {
      const app = (bed.app = await startMedusaApp({ ...env, AMAZON_PLUGIN_CRASH_AT: point ?? undefined }, { timeoutMs: 4 * 60 * 1000 }))
      const token = await adminLogin(app.url, ADMIN.email, ADMIN.password)
      if (!accountId) {
        const { account } = await adminRequest(app.url, token, "POST", "/admin/amazon/accounts", {
          ...accountForSimulator(bed.simulator.url),
          import_orders: false,
        })
        accountId = account.id as string
      }
      // The killed run's heartbeat must have gone stale, as it would after any real restart of a store.
      const staleIn = killedAt + (STALE_SECONDS + 1) * 1000 - Date.now()
      if (staleIn > 0) await new Promise((resolve) => setTimeout(resolve, staleIn))
      const started = Date.now()
      const { sync_run } = await adminRequest(app.url, token, "POST", `/admin/amazon/accounts/${accountId}/sync`)
      expect(Date.now() - started).toBeLessThan(1000)
      if (point) {
        expect(await waitForExit(app, 120_000)).toBe("SIGKILL")
        killedAt = Date.now()
        bed.app = undefined
        if (point !== "mid-page-loop") seedMore(20)
        continue
      }
      const finished = await waitForRun(app, token, sync_run.id)
      expect(finished.status).toBe("succeeded")
      expect(finished.message).toMatch(/Resumed the interrupted import/)
      const { sync_runs } = await adminRequest(app.url, token, "GET", `/admin/amazon/sync-runs?account_id=${accountId}&kind=order_import&limit=50`)
      expect(sync_runs.filter((run: any) => run.status === "interrupted")).toHaveLength(CRASH_SEQUENCE.length)
      expect(sync_runs.filter((run: any) => ["running", "waiting"].includes(run.status))).toHaveLength(0)
    }

    const staged = await sql(databaseUrl, `select amazon_order_id, import_state, intended_order_id from amazon_order where deleted_at is null`)
    expect(staged).toHaveLength(seeded)
    expect(staged.filter((row) => row.import_state !== "imported")).toEqual([])

    const orders = await sql(databaseUrl, `select id, metadata->>'amazon_order_id' as amazon_order_id from "order" where deleted_at is null`)
    const perAmazonOrder = new Map<string, number>()
    for (const order of orders) perAmazonOrder.set(order.amazon_order_id, (perAmazonOrder.get(order.amazon_order_id) ?? 0) + 1)
    expect(orders).toHaveLength(seeded)
    expect([...perAmazonOrder.values()].filter((count) => count !== 1)).toEqual([])
    expect(new Set(staged.map((row) => row.intended_order_id))).toEqual(new Set(orders.map((order) => order.id)))

    const [linkTable] = await sql(
      databaseUrl,
      `select table_name from information_schema.columns where column_name = 'amazon_order_id' and table_name like 'amazon_amazon_order%order'`
    )
    const links = await sql(databaseUrl, `select amazon_order_id, order_id from "${linkTable.table_name}" where deleted_at is null`)
    expect(links).toHaveLength(seeded)
    expect(new Set(links.map((link) => link.order_id)).size).toBe(seeded)
    expect(new Set(links.map((link) => link.amazon_order_id)).size).toBe(seeded)

    // Reservations are made for FBM lines only (an FBA order's stock is Amazon's), one set per line.
    const lineItems = await sql(
      databaseUrl,
      `select distinct oi.item_id from order_item oi join "order" o on o.id = oi.order_id
        where o.deleted_at is null and oi.deleted_at is null and coalesce(o.metadata->>'amazon_order_id', '') <> all(array[${[...fbaIds].map((id) => `'${id}'`).join(",")}]::text[])`
    )
    const reservations = await sql(databaseUrl, `select line_item_id, count(*)::int as n from reservation_item where deleted_at is null group by line_item_id`)
    expect(reservations.filter((row) => row.n !== 1)).toEqual([])
    expect(reservations).toHaveLength(lineItems.length)

    // One Amazon payment per order: its collection (id derived from the order's), its link, one authorized payment.
    const paymentLinks = await sql(
      databaseUrl,
      `select order_id, payment_collection_id from order_payment_collection where deleted_at is null`
    )
    expect(paymentLinks).toHaveLength(seeded)
    expect(new Set(paymentLinks.map((link) => link.order_id))).toEqual(new Set(orders.map((order) => order.id)))
    const payments = await sql(
      databaseUrl,
      `select pc.id, count(p.id)::int as n from payment_collection pc left join payment p on p.payment_collection_id = pc.id and p.deleted_at is null
        where pc.deleted_at is null group by pc.id`
    )
    expect(payments).toHaveLength(seeded)
    expect(payments.filter((row) => row.n !== 1)).toEqual([])
    expect(new Set(payments.map((row) => row.id))).toEqual(new Set(paymentLinks.map((link) => link.payment_collection_id)))

    // Exactly one fulfilment per FBA order (none elsewhere), linked once, recorded by one fulfil and one ship change.
    const fbaOrderIds = new Set(orders.filter((order) => fbaIds.has(order.amazon_order_id)).map((order) => order.id))
    expect(fbaOrderIds.size).toBe(fbaIds.size)
    const fulfillments = await sql(databaseUrl, `select id from fulfillment where deleted_at is null`)
    expect(fulfillments).toHaveLength(fbaIds.size)
    const fulfillmentLinks = await sql(databaseUrl, `select order_id, fulfillment_id from order_fulfillment where deleted_at is null`)
    expect(fulfillmentLinks).toHaveLength(fbaIds.size)
    expect(new Set(fulfillmentLinks.map((link) => link.order_id))).toEqual(fbaOrderIds)
    expect(new Set(fulfillmentLinks.map((link) => link.fulfillment_id))).toEqual(new Set(fulfillments.map((row) => row.id)))
    const changes = await sql(
      databaseUrl,
      `select oc.order_id, oc.status, array_agg(distinct oca.action) as actions from order_change oc join order_change_action oca on oca.order_change_id = oc.id
        where oc.deleted_at is null and oca.deleted_at is null group by oc.id, oc.order_id, oc.status`
    )
    expect(changes.filter((change) => change.status !== "confirmed")).toEqual([])
    expect(changes).toHaveLength(2 * fbaIds.size)
    for (const orderId of fbaOrderIds) {
      expect(changes.filter((change) => change.order_id === orderId).map((change) => String(change.actions)).sort()).toEqual(["FULFILL_ITEM", "SHIP_ITEM"])
    }
    // No stock level of the store moved for them: every reservation is an FBM line's, and nothing was adjusted.
    const levels = await sql(databaseUrl, `select sum(stocked_quantity)::int as stocked from inventory_level where deleted_at is null`)
    expect(levels[0].stocked).toBe(stockedBefore)

    const placed = readFileSync(eventLog, "utf8").split("\n").filter(Boolean)
    expect(placed).toHaveLength(seeded)
    expect(new Set(placed)).toEqual(new Set(orders.map((order) => order.id)))
  })
})
