import { adminLogin, adminRequest, dropDatabase, ensureDatabaseExists, runMedusaCommand, startMedusaApp, type RunningApp } from "../../dev/medusa-app"
import { startSimulator, type SimOrderSeed, type Simulator } from "../../simulator"
import { accountForSimulator } from "../helpers/simulator-account"

/**
 * The tracking push through real crashes: a Medusa process is killed (SIGKILL, through the plugin's
 * AMAZON_PLUGIN_CRASH_AT hook) at each point of a shipment confirmation, a new process starts on the same
 * database, and its retry job finishes the work: one confirmShipment per package at Amazon, every row confirmed.
 */
jest.setTimeout(10 * 60 * 1000)

const US = "ATVPDKIKX0DER"
const ADMIN = { email: "crash-admin@amazon-plugin.test", password: "crash-test-password" }
const CRASH_POINTS = ["before-confirm-shipment", "after-confirm-shipment", "after-record-outcome"] as const
const CONFIRM_PATH = /^\/orders\/v0\/orders\/([^/]+)\/shipmentConfirmation$/

function databaseServerUrl() {
  const { DB_USERNAME, DB_PASSWORD, DB_HOST, DB_PORT } = process.env
  return `postgres://${DB_USERNAME}${DB_PASSWORD ? ":" + DB_PASSWORD : ""}@${DB_HOST}:${DB_PORT}`
}

function usOrder(id: string, now: Date): SimOrderSeed {
  return {
    id,
    marketplaceId: US,
    status: "UNSHIPPED",
    fulfilledBy: "MERCHANT",
    purchaseDate: new Date(now.getTime() - 60 * 60 * 1000).toISOString(),
    lastUpdated: new Date(now.getTime() - 30 * 60 * 1000).toISOString(),
    items: [{ sku: "AMZ-MUG-01", asin: "B0CSIMMUG1", title: "Stoneware Coffee Mug 350 ml", unitPrice: 12.99, unitTax: 1.07, quantity: 1 }],
    buyer: { name: "Jane Doe", email: `${id.replace(/-/g, "")}@marketplace.amazon.com` },
    address: { name: "Jane Doe", addressLine1: "55 Elm Street", city: "Boston", stateOrRegion: "MA", postalCode: "02118", countryCode: "US" },
  }
}

async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last seen: ${JSON.stringify(value)}`)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

describe("tracking push through crashes", () => {
  const serverUrl = databaseServerUrl()
  const databaseName = `amazon_tracking_crash_${process.pid}_${Date.now()}`
  const env = { DATABASE_URL: `${serverUrl}/${databaseName}`, AMAZON_CREDENTIALS_KEY: process.env.AMAZON_CREDENTIALS_KEY, AMAZON_PLUGIN_CRASH_AT: "" }
  let simulator: Simulator
  let db: any
  let app: RunningApp | undefined

  beforeAll(async () => {
    await ensureDatabaseExists(serverUrl, databaseName)
    runMedusaCommand(["db:migrate"], env)
    runMedusaCommand(["exec", "./src/scripts/seed-demo.ts"], env)
    runMedusaCommand(["user", "-e", ADMIN.email, "-p", ADMIN.password], env)
    simulator = await startSimulator({ port: 0, timeScale: 100 })
    const { Client } = require("pg")
    db = new Client({ connectionString: env.DATABASE_URL })
    await db.connect()
  })
  afterAll(async () => {
    await app?.stop()
    await db?.end()
    await simulator?.close()
    await dropDatabase(serverUrl, databaseName).catch(() => undefined)
  })

  async function start(crashAt = "") {
    app = await startMedusaApp({ ...env, AMAZON_PLUGIN_CRASH_AT: crashAt }, { timeoutMs: 4 * 60 * 1000 })
    return { app, token: await adminLogin(app.url, ADMIN.email, ADMIN.password) }
  }

  function confirmations(amazonOrderId: string) {
    return simulator.requests().filter((request) => {
      const match = request.method === "POST" && CONFIRM_PATH.exec(request.path)
      return match && decodeURIComponent(match[1]) === amazonOrderId
    })
  }

  async function pushRows() {
    const { rows } = await db.query(`select amazon_order_id, state, attempts, claimed_at from amazon_tracking_push where deleted_at is null order by amazon_order_id`)
    return rows as Array<{ amazon_order_id: string; state: string; attempts: number; claimed_at: Date | null }>
  }

  let accountId: string

  it("killed before, during and after confirmShipment, a restarted process confirms every package exactly once", async () => {
    const amazonIds = CRASH_POINTS.map((_, index) => `111-4200000-000000${index + 1}`)
    simulator.seedOrders(amazonIds.map((id) => usOrder(id, simulator.now())))

    let { app: running, token } = await start()
    const { account } = await adminRequest(running.url, token, "POST", "/admin/amazon/accounts", accountForSimulator(simulator.url, { marketplace_ids: [US], import_orders: false }))
    accountId = account.id
    await adminRequest(running.url, token, "POST", `/admin/amazon/accounts/${account.id}/sync`)
    const imported = await waitFor(
      "the import",
      async () => (await adminRequest(running.url, token, "GET", "/admin/amazon/orders?limit=50")).amazon_orders as any[],
      (orders) => amazonIds.every((id) => orders.some((order) => order.amazon_order_id === id && order.order?.id)),
      60_000
    )
    const { stock_locations } = await adminRequest(running.url, token, "GET", "/admin/stock-locations")
    const locationId = stock_locations[0].id
    await running.stop()

    for (const [index, point] of CRASH_POINTS.entries()) {
      ;({ app: running, token } = await start(point))
      const orderId = imported.find((order) => order.amazon_order_id === amazonIds[index]).order.id
      const { order } = await adminRequest(running.url, token, "GET", `/admin/orders/${orderId}?fields=id,items.id`)
      const items = order.items.map((item: any) => ({ id: item.id, quantity: 1 }))
      const exited = new Promise((resolve) => running.process.once("exit", (_code, signal) => resolve(signal)))
      const { order: fulfilled } = await adminRequest(running.url, token, "POST", `/admin/orders/${orderId}/fulfillments?fields=id,fulfillments.id`, {
        items,
        location_id: locationId,
        no_notification: true,
      })
      const trackingNumber = `1Z999AA1012345679${index}`
      await adminRequest(running.url, token, "POST", `/admin/orders/${orderId}/fulfillments/${fulfilled.fulfillments[0].id}/shipments`, {
        items,
        labels: [{ tracking_number: trackingNumber, tracking_url: `https://www.ups.com/track?tracknum=${trackingNumber}`, label_url: "" }],
        no_notification: true,
      })
      // The subscriber confirms the shipment after the request answered, and the process dies at the crash point.
      expect(await exited).toBe("SIGKILL")
      app = undefined
    }

    expect((await pushRows()).map((row) => row.state)).toEqual(["sent", "sent", "confirmed"])
    expect(amazonIds.map((id) => confirmations(id).length)).toEqual([0, 1, 1])

    // What the retry job of a later process sees once the dead sender's claims are old enough to be given up.
    await db.query(`update amazon_tracking_push set claimed_at = now() - interval '20 minutes' where state = 'sent'`)
    await start()
    const settled = await waitFor("the retry job", pushRows, (rows) => rows.every((row) => row.state === "confirmed"), 150_000)
    expect(settled.map((row) => row.attempts)).toEqual([2, 2, 1])
    for (const id of amazonIds) {
      expect(confirmations(id).map((request) => request.status)).toEqual([204])
      expect(simulator.getOrderSnapshot(id)!.packages).toHaveLength(1)
    }
  })
  it("two Medusa processes on the in-memory defaults retry the same 60 due confirmations: each is sent exactly once", async () => {
    await app?.stop()
    app = undefined
    const amazonIds = Array.from({ length: 60 }, (_, index) => `111-4300000-${String(index + 1).padStart(7, "0")}`)
    simulator.seedOrders(amazonIds.map((id) => usOrder(id, simulator.now())))
    // Queued while Amazon was unreachable: waiting, due now.
    for (const [index, amazonOrderId] of amazonIds.entries()) {
      const orderItemId = simulator.getOrderSnapshot(amazonOrderId)!.items[0].orderItemId
      const trackingNumber = `1Z999AA1${String(index).padStart(10, "0")}`
      const pkg = {
        marketplaceId: US,
        packageDetail: { packageReferenceId: "1", carrierCode: "UPS", trackingNumber, shipDate: simulator.now().toISOString(), orderItems: [{ orderItemId, quantity: 1 }] },
      }
      // The staged Amazon order each push belongs to (the outbox row references it).
      await db.query(
        `insert into amazon_order (id, amazon_order_id, status, fulfillment_channel, purchase_date, first_seen_at, last_update_date, snapshot, account_id, import_state, created_at, updated_at)
         values ($1, $2, 'UNSHIPPED', 'FBM', now(), now(), now(), '{}'::jsonb, $3, 'imported', now(), now())`,
        [`amzord_twoproc_${index}`, amazonOrderId, accountId]
      )
      await db.query(
        `insert into amazon_tracking_push (id, fulfillment_id, order_id, amazon_order_row_id, amazon_order_id, account_id, marketplace_id, trigger,
           state, package_reference_id, carrier_code, tracking_number, package, items, attempts, next_attempt_at, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, 'shipment', 'waiting', '1', 'UPS', $8, $9, $10, 1, now() - interval '1 minute', now(), now())`,
        [`amztrk_twoproc_${index}`, `ful_twoproc_${index}`, `order_twoproc_${index}`, `amzord_twoproc_${index}`, amazonOrderId, accountId, US, trackingNumber, JSON.stringify(pkg), JSON.stringify([{ order_item_id: orderItemId, quantity: 1 }])]
      )
    }

    const apps = await Promise.all([startMedusaApp(env, { timeoutMs: 4 * 60 * 1000 }), startMedusaApp(env, { timeoutMs: 4 * 60 * 1000 })])
    try {
      const rows = await waitFor(
        "both processes' retry jobs",
        async () => (await db.query(`select id, state, attempts from amazon_tracking_push where id like 'amztrk_twoproc_%'`)).rows as any[],
        (rows) => rows.every((row) => row.state === "confirmed"),
        200_000
      )
      expect(rows).toHaveLength(60)
      for (const row of rows) expect(row.attempts).toBe(2)
      for (const id of amazonIds) expect(confirmations(id).map((request) => request.status)).toEqual([204])
    } finally {
      await Promise.all(apps.map((running) => running.stop()))
    }
  })
})
