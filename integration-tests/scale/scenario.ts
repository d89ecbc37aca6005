import { adminLogin, adminRequest, dropDatabase, runMedusaCommand } from "../../dev/medusa-app"
import { startMedusaCluster, type ClusterProcessName, type MedusaCluster } from "../../dev/medusa-cluster"
import { claimRedisDatabase } from "../../dev/redis-test-db"
import { bulkOrders, startSimulator, type SimFaultSpec, type SimRequestLogEntry, type Simulator } from "../../simulator"
import { accountForSimulator } from "../helpers/simulator-account"
import { createDatabaseFromTemplate, testDatabaseServerUrl } from "../../dev/database-templates"

/**
 * Issue 9's proof, shared by the scale test (which asserts) and the bench (which prints): one database, one Redis,
 * one Medusa server and two workers; Amazon (the simulator) with N FBM orders and faults on; a worker killed with
 * SIGKILL twice while the orders are imported and once while shipments are confirmed to Amazon.
 */
export type ScaleOptions = {
  orders: number
  shipped: number
  importTimeoutMs: number
  trackingTimeoutMs: number
  /**
   * Speeds up Amazon's rate limits in the simulator and the plugin alike. At 1 (Amazon's real rates) shipments made
   * faster than confirmShipment's 2/s can only stay unthrottled if the processes share the rate; keep the order
   * count within searchOrders' burst then (≈ 1,000 orders), or the import waits minutes per page.
   */
  timeScale: number
  log?: (line: string) => void
}

export function scaleOptionsFromEnv(): ScaleOptions {
  const orders = Number(process.env.AMAZON_SCALE_ORDERS || 2000)
  return {
    orders,
    shipped: Math.min(orders, Number(process.env.AMAZON_SCALE_SHIPPED || 300)),
    importTimeoutMs: Number(process.env.AMAZON_SCALE_IMPORT_TIMEOUT_MS || 15 * 60 * 1000),
    trackingTimeoutMs: Number(process.env.AMAZON_SCALE_TRACKING_TIMEOUT_MS || 8 * 60 * 1000),
    timeScale: Number(process.env.AMAZON_SCALE_TIME_SCALE || 100),
  }
}

export type ScaleFigures = {
  amazonOrders: number
  shippedOrders: number
  medusaOrders: number
  /** Amazon orders that became more than one Medusa order (by the buyer's unique email). */
  duplicatedAmazonOrders: number
  linkRows: number
  medusaOrdersWithoutLink: number
  amazonOrdersWithMoreThanOneLink: number
  stagedNotImported: number
  importRunsByStatus: Record<string, number>
  /** What the runs that did not succeed said, with how many said it. */
  importRunMessages: Record<string, number>
  trackingPushesByState: Record<string, number>
  /** Why the pushes that are not confirmed are not, with how many. */
  trackingPushErrors: Record<string, number>
  /** Shipped orders whose confirmShipment Amazon handled (not a fault, not a throttle) other than exactly once. */
  ordersNotConfirmedExactlyOnce: number
  confirmShipmentCalls: number
  confirmShipmentHandled: number
  injected429s: number
  /** 429s the simulator's own rate limiter answered: the plugin went faster than Amazon allows. */
  throttled429s: number
  kills: Array<{ phase: "import" | "tracking"; worker: ClusterProcessName; at: string }>
  timeScale: number
  importSeconds: number
  trackingSeconds: number
  totalSeconds: number
}

const IMPORT_FAULTS: SimFaultSpec[] = [
  { operation: "searchOrders", kind: "429", times: 2 },
  { operation: "searchOrders", kind: "500", times: 2 },
  { operation: "searchOrders", kind: "slow", times: 2, delayMs: 1500 },
  { operation: "searchOrders", kind: "malformed", times: 1 },
  { operation: "lwaToken", kind: "500", times: 1 },
]
// No malformed answer to confirmShipment: Amazon would have applied it, so a retry is right and the "exactly one
// confirmation per package" count would be ambiguous.
const TRACKING_FAULTS: SimFaultSpec[] = [
  { operation: "confirmShipment", kind: "429", times: 3 },
  { operation: "confirmShipment", kind: "500", times: 3 },
  { operation: "confirmShipment", kind: "slow", times: 3, delayMs: 1500 },
]

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function poll(what: string, timeoutMs: number, check: () => Promise<boolean>, log: (line: string) => void) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return true
    await sleep(1000)
  }
  log(`Gave up waiting for ${what} after ${Math.round(timeoutMs / 1000)} s; the figures show where it stopped.`)
  return false
}

async function inBatches<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++])
    })
  )
}

export async function runScaleScenario(options: ScaleOptions): Promise<ScaleFigures> {
  const started = performance.now()
  const print = options.log ?? ((line: string) => console.log(line))
  const log = (line: string) => print(`[${((performance.now() - started) / 1000).toFixed(0)} s] ${line}`)
  const serverUrl = testDatabaseServerUrl()
  const databaseName = `amazon_scale_${process.pid}_${Date.now()}`
  const redis = await claimRedisDatabase()
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { Client } = require("pg")
  let db: any
  let simulator: Simulator | undefined
  let cluster: MedusaCluster | undefined
  try {
    await createDatabaseFromTemplate(serverUrl, databaseName, "seeded")
    const env = {
      DATABASE_URL: `${serverUrl}/${databaseName}`,
      AMAZON_TEST_REDIS_URL: redis.url,
      AMAZON_CREDENTIALS_KEY: process.env.AMAZON_CREDENTIALS_KEY || "integration-tests-credentials-key",
      AMAZON_RATE_LIMIT_TIME_SCALE: String(options.timeScale),
    }
    const admin = { email: "scale-admin@amazon-plugin.test", password: "scale-test-password" }
    runMedusaCommand(["user", "-e", admin.email, "-p", admin.password], env)
    db = new Client({ connectionString: env.DATABASE_URL })
    await db.connect()
    const count = async (sql: string, params: unknown[] = []) => Number((await db.query(sql, params)).rows[0].count)
    // The seeded store's stock is sized for the demo; every order of this run must be reservable and shippable.
    await db.query("update inventory_level set stocked_quantity = 1000000")
    const linkTable: string = (
      await db.query(
        `select table_name from information_schema.columns where table_schema = 'public' and column_name = 'amazon_order_id'
           and table_name in (select table_name from information_schema.columns where column_name = 'order_id') and table_name like '%order_order%'`
      )
    ).rows[0]?.table_name
    if (!linkTable) throw new Error("The amazon_order ↔ order link table is missing from the migrated database.")

    simulator = await startSimulator({ port: 0, timeScale: options.timeScale, requestLogLimit: 1_000_000 })
    simulator.seedOrders(bulkOrders({ count: options.orders, newest: new Date(simulator.now().getTime() - 10 * 60 * 1000) }))

    cluster = await startMedusaCluster(env, { workers: 2 })
    const serverApp = cluster.server
    // A process that fell back to the in-memory modules would make the whole run prove nothing.
    const fakeRedis = cluster.logs().includes("redisUrl not found")
    const redisConnections = cluster.logs().split("\n").filter((line) => /connection to redis/i.test(line))
    const missing = ["event-bus-redis", "workflow-engine-redis", "locking-redis"].filter((module) => !redisConnections.some((line) => line.includes(module)))
    if (fakeRedis || missing.length) throw new Error(`The Medusa processes are not on Redis ${redis.url}:\n${cluster.logs().slice(-3000)}`)
    log(`SCALE server and ${cluster.workerNames.length} workers up on ${redis.url} (event bus, workflow engine and locking on Redis)`)
    const token = await adminLogin(serverApp.url, admin.email, admin.password)
    const api = <T = any>(method: string, path: string, body?: unknown) => adminRequest<T>(serverApp.url, token, method, path, body)
    const idOf = async (sql: string) => (await db.query(sql)).rows[0].id as string
    const store = {
      sales_channel_id: await idOf(`select id from sales_channel where name = 'Amazon' and deleted_at is null`),
      stock_location_id: await idOf(`select id from stock_location where name = 'Main warehouse' and deleted_at is null`),
      shipping_option_id: await idOf(`select id from shipping_option where name = 'Amazon orders (ship from Main warehouse)' and deleted_at is null`),
    }
    for (const fault of IMPORT_FAULTS) simulator.injectFault(fault)
    const kills: ScaleFigures["kills"] = []
    const killBusiest = async (phase: "import" | "tracking") => {
      const worker = await cluster!.busiestWorker()
      log(`SCALE killing ${worker} (kill -9) during the ${phase}`)
      await cluster!.kill(worker)
      kills.push({ phase, worker, at: new Date().toISOString() })
      await cluster!.restart(worker)
      log(`SCALE ${worker} restarted`)
    }

    // The scheduled job (on a worker) imports the account: its first tick finds it due at once.
    const importStarted = performance.now()
    await api("POST", "/admin/amazon/accounts", accountForSimulator(simulator.url, { ...store, import_orders: true, push_tracking: true, import_interval_minutes: 2 }))
    const linked = () => count(`select count(distinct amazon_order_id) as count from "${linkTable}" where deleted_at is null`)
    for (const share of [0.25, 0.6]) {
      await poll(`${Math.round(share * 100)} % of the orders to be imported`, options.importTimeoutMs, async () => (await linked()) >= share * options.orders, log)
      await killBusiest("import")
    }
    await poll(
      "every Amazon order to be imported",
      options.importTimeoutMs,
      async () => (await count(`select count(*) as count from amazon_order where import_state = 'imported' and deleted_at is null`)) >= options.orders,
      log
    )
    const importSeconds = (performance.now() - importStarted) / 1000
    log(`SCALE import phase ended after ${importSeconds.toFixed(0)} s`)

    // Ship orders in Medusa through the admin API (on the server); the workers confirm them to Amazon.
    for (const fault of TRACKING_FAULTS) simulator.injectFault(fault)
    const toShip: Array<{ order_id: string; amazon_order_id: string }> = (
      await db.query(
        `select l.order_id, a.amazon_order_id from "${linkTable}" l join amazon_order a on a.id = l.amazon_order_id
          where l.deleted_at is null order by a.amazon_order_id limit $1`,
        [options.shipped]
      )
    ).rows
    const trackingStarted = performance.now()
    const confirmCalls = () => simulator!.requests().filter((entry) => entry.operation?.operationId === "confirmShipment").length
    let shippingFailures = 0
    const shipping = inBatches(toShip, 4, async ({ order_id, amazon_order_id }) => {
      try {
        const { order } = await api("GET", `/admin/orders/${order_id}?fields=id,*items`)
        const items = order.items.map((item: any) => ({ id: item.id, quantity: Number(item.quantity) }))
        await api("POST", `/admin/orders/${order_id}/fulfillments`, { items, location_id: store.stock_location_id, no_notification: true })
        const { order: withFulfillment } = await api("GET", `/admin/orders/${order_id}?fields=id,*fulfillments`)
        const fulfillment = withFulfillment.fulfillments.find((candidate: any) => !candidate.shipped_at && !candidate.canceled_at)
        await api("POST", `/admin/orders/${order_id}/fulfillments/${fulfillment.id}/shipments`, {
          items,
          labels: [{ tracking_number: `1Z${amazon_order_id.replace(/-/g, "")}`, tracking_url: "https://www.ups.com/track", label_url: "https://labels.example.com/l.pdf" }],
          no_notification: true,
        })
      } catch (error) {
        shippingFailures++
        log(`SCALE could not ship ${amazon_order_id} in Medusa: ${(error as Error).message.slice(0, 300)}`)
      }
    })
    await poll("a third of the shipments to reach Amazon", options.trackingTimeoutMs, async () => confirmCalls() >= toShip.length / 3, log)
    await killBusiest("tracking")
    await shipping
    if (shippingFailures) log(`SCALE ${shippingFailures} orders could not be shipped in Medusa`)
    await poll(
      "every shipment confirmation to be settled",
      options.trackingTimeoutMs,
      async () => (await count(`select count(*) as count from amazon_tracking_push where state in ('confirmed', 'failed') and deleted_at is null`)) >= toShip.length,
      log
    )
    const trackingSeconds = (performance.now() - trackingStarted) / 1000

    const byKey = async (sql: string) =>
      Object.fromEntries((await db.query(sql)).rows.map((row: any) => [row.key, Number(row.count)])) as Record<string, number>
    const requests: SimRequestLogEntry[] = simulator.requests()
    const confirmations = requests.filter((entry) => entry.operation?.operationId === "confirmShipment")
    const handled = confirmations.filter((entry) => entry.fault !== "429" && entry.fault !== "500" && entry.status !== 429)
    const handledPerOrder = new Map<string, number>()
    for (const entry of handled) {
      const amazonOrderId = decodeURIComponent(entry.path.split("/")[4] ?? "")
      handledPerOrder.set(amazonOrderId, (handledPerOrder.get(amazonOrderId) ?? 0) + 1)
    }
    const figures: ScaleFigures = {
      amazonOrders: options.orders,
      shippedOrders: toShip.length,
      medusaOrders: await count(`select count(*) as count from "order" where deleted_at is null`),
      duplicatedAmazonOrders: await count(`select count(*) as count from (select email from "order" where deleted_at is null group by email having count(*) > 1) d`),
      linkRows: await count(`select count(*) as count from "${linkTable}" where deleted_at is null`),
      medusaOrdersWithoutLink: await count(
        `select count(*) as count from "order" o where o.deleted_at is null and not exists (select 1 from "${linkTable}" l where l.order_id = o.id and l.deleted_at is null)`
      ),
      amazonOrdersWithMoreThanOneLink: await count(
        `select count(*) as count from (select amazon_order_id from "${linkTable}" where deleted_at is null group by amazon_order_id having count(*) > 1) d`
      ),
      stagedNotImported: await count(`select count(*) as count from amazon_order where import_state <> 'imported' and deleted_at is null`),
      importRunsByStatus: await byKey(`select status as key, count(*) as count from amazon_sync_run where kind = 'order_import' group by status`),
      importRunMessages: await byKey(
        `select coalesce(message, '(no message)') as key, count(*) as count from amazon_sync_run where kind = 'order_import' and status <> 'succeeded' group by 1`
      ),
      trackingPushesByState: await byKey(`select state as key, count(*) as count from amazon_tracking_push where deleted_at is null group by state`),
      trackingPushErrors: await byKey(
        `select state || ': ' || coalesce(last_error, '(no error)') as key, count(*) as count from amazon_tracking_push where state <> 'confirmed' and deleted_at is null group by 1`
      ),
      ordersNotConfirmedExactlyOnce: toShip.filter(({ amazon_order_id }) => handledPerOrder.get(amazon_order_id) !== 1).length,
      confirmShipmentCalls: confirmations.length,
      confirmShipmentHandled: handled.length,
      injected429s: requests.filter((entry) => entry.fault === "429").length,
      throttled429s: requests.filter((entry) => entry.status === 429 && entry.fault !== "429").length,
      kills,
      timeScale: options.timeScale,
      importSeconds,
      trackingSeconds,
      totalSeconds: (performance.now() - started) / 1000,
    }
    return figures
  } catch (error) {
    if (cluster) log(`SCALE last output of the Medusa processes:\n${cluster.logs().slice(-6000)}`)
    throw error
  } finally {
    await cluster?.stop()
    await simulator?.close()
    await db?.end().catch(() => undefined)
    await dropDatabase(serverUrl, databaseName).catch((error) => log(`Could not drop ${databaseName}: ${error.message}`))
    await redis.release().catch((error) => log(`Could not flush Redis database ${redis.index}: ${error.message}`))
  }
}

/** The figures as the lines the README's table is filled from. */
export function describeScaleFigures(figures: ScaleFigures): string[] {
  return [
    `SCALE_BENCH ${figures.amazonOrders} Amazon orders → ${figures.medusaOrders} Medusa orders (${figures.duplicatedAmazonOrders} Amazon orders duplicated, ` +
      `${figures.medusaOrdersWithoutLink} Medusa orders without link, ${figures.amazonOrdersWithMoreThanOneLink} Amazon orders with >1 link, ` +
      `${figures.stagedNotImported} not imported); import phase ${figures.importSeconds.toFixed(0)} s with ${figures.kills.filter((kill) => kill.phase === "import").length} worker kills; ` +
      `import runs ${JSON.stringify(figures.importRunsByStatus)}, of which not succeeded: ${JSON.stringify(figures.importRunMessages)}`,
    `SCALE_BENCH ${figures.shippedOrders} orders shipped → ${figures.confirmShipmentCalls} confirmShipment calls, ${figures.confirmShipmentHandled} handled by Amazon, ` +
      `${figures.ordersNotConfirmedExactlyOnce} orders not confirmed exactly once; pushes ${JSON.stringify(figures.trackingPushesByState)} ${JSON.stringify(figures.trackingPushErrors)}; ` +
      `tracking phase ${figures.trackingSeconds.toFixed(0)} s with ${figures.kills.filter((kill) => kill.phase === "tracking").length} worker kill`,
    `SCALE_BENCH rate limits ×${figures.timeScale}; 429s: ${figures.injected429s} injected, ${figures.throttled429s} from Amazon's rate limit; whole scenario ${figures.totalSeconds.toFixed(0)} s`,
  ]
}
