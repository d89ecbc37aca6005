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

  it("killed before, during and after confirmShipment, a restarted process confirms every package exactly once", async () => {
    const amazonIds = CRASH_POINTS.map((_, index) => `111-4200000-000000${index + 1}`)
    simulator.seedOrders(amazonIds.map((id) => usOrder(id, simulator.now())))

    let { app: running, token } = await start()
    const { account } = await adminRequest(running.url, token, "POST", "/admin/amazon/accounts", accountForSimulator(simulator.url, { marketplace_ids: [US], import_orders: false }))
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
})
