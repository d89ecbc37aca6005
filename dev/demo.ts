/**
 * `npm run demo`: a Medusa store with this plugin, the SP-API simulator seeded with realistic Amazon orders,
 * a connection test and an order import, then the admin URL and login. Ctrl-C stops everything.
 * `npm run demo -- --smoke`: the same without the admin, exiting 0 only if the seeded orders are in Medusa.
 */
import { selectDatabase } from "./database"
import { linkPluginIntoNodeModules } from "./link-plugin"
import { adminLogin, adminRequest, ensureDatabaseExists, freePort, runMedusaCommand, startMedusaApp, type RunningApp } from "./medusa-app"
import { demoOrders, startSimulator } from "../simulator"

const ADMIN_EMAIL = "admin@amazon-demo.local"
const ADMIN_PASSWORD = "amazon-demo"
const DATABASE_NAME = "medusa_amazon_demo"
const CREDENTIALS_KEY = process.env.AMAZON_CREDENTIALS_KEY || "demo-only-credentials-key-change-me"

const smoke = process.argv.includes("--smoke") || process.env.DEMO_SMOKE === "1"

function step(message: string) {
  console.log(`\n▶ ${message}`)
}

async function main() {
  const cleanups: Array<() => Promise<void>> = []
  let stopping = false
  const shutdown = async (code: number) => {
    if (stopping) return
    stopping = true
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error) => console.error(`While stopping: ${(error as Error).message}`))
    }
    process.exit(code)
  }
  process.on("SIGINT", () => {
    console.log("\nStopping the demo…")
    void shutdown(0)
  })
  process.on("SIGTERM", () => void shutdown(0))

  try {
    linkPluginIntoNodeModules()

    step("Database")
    const database = await selectDatabase("demo")
    cleanups.push(database.stop)
    console.log(database.description)
    await ensureDatabaseExists(database.serverUrl, DATABASE_NAME)
    const databaseUrl = `${database.serverUrl}/${DATABASE_NAME}`

    step("SP-API simulator")
    const simulatorPort = await freePort(Number(process.env.AMAZON_SIMULATOR_PORT || 4567))
    const simulator = await startSimulator({ port: simulatorPort, timeScale: 50 })
    cleanups.push(() => simulator.close())
    const seeded = demoOrders()
    simulator.seedOrders(seeded)
    console.log(`Simulator on ${simulator.url} with ${seeded.length} Amazon orders.`)

    const env = {
      DATABASE_URL: databaseUrl,
      AMAZON_CREDENTIALS_KEY: CREDENTIALS_KEY,
      AMAZON_RATE_LIMIT_TIME_SCALE: "50",
      MEDUSA_ADMIN_DISABLED: smoke ? "true" : "false",
      JWT_SECRET: process.env.JWT_SECRET || "demo-jwt-secret",
      COOKIE_SECRET: process.env.COOKIE_SECRET || "demo-cookie-secret",
    }

    step("Migrations and store data")
    runMedusaCommand(["db:migrate"], env)
    runMedusaCommand(["exec", "./src/scripts/seed-demo.ts"], env)
    try {
      runMedusaCommand(["user", "-e", ADMIN_EMAIL, "-p", ADMIN_PASSWORD], env)
    } catch (error) {
      if (!/already exists/i.test((error as Error).message)) throw error
    }

    step(smoke ? "Medusa (no admin, smoke mode)" : "Medusa with the admin (the first start builds the dashboard, about a minute)")
    const app: RunningApp = await startMedusaApp(env, { port: Number(process.env.PORT) || (await freePort(9000)) })
    cleanups.push(app.stop)
    console.log(`Medusa is up on ${app.url}.`)

    const token = await adminLogin(app.url, ADMIN_EMAIL, ADMIN_PASSWORD)
    // A merchant connects one account per Amazon region; the simulator's seller sells in all three.
    const accounts: Array<{ id: string; name: string }> = []
    for (const region of DEMO_REGIONS) {
      const account = await upsertDemoAccount(app.url, token, simulator.url, region)
      step(`Connection test: ${account.name}`)
      const { sync_run: connection } = await adminRequest(app.url, token, "POST", `/admin/amazon/accounts/${account.id}/test-connection`)
      console.log(`${connection.status === "succeeded" ? "✔" : "✘"} ${connection.message}`)
      if (connection.status !== "succeeded") throw new Error(`The connection test of "${account.name}" failed; see the message above.`)
      accounts.push(account)
    }

    for (const account of accounts) await runOrderImport(app.url, token, account)
    const imported = await printAmazonOrders(app.url, token)

    if (smoke) {
      const expected = seeded.filter(becomesMedusaOrder).length
      if (imported < expected) throw new Error(`Expected ${expected} Amazon orders in Medusa, found ${imported}.`)
      console.log(`\nSmoke test passed: ${imported} Amazon orders are Medusa orders.`)
      await shutdown(0)
      return
    }

    console.log(`\nAdmin: ${app.url}/app   login ${ADMIN_EMAIL} / ${ADMIN_PASSWORD}`)
    console.log(`Amazon settings: ${app.url}/app/settings/amazon`)
    console.log("Press Ctrl-C to stop Medusa, the simulator and the database.")
    await new Promise(() => {})
  } catch (error) {
    console.error(`\nThe demo stopped: ${(error as Error).message}`)
    await shutdown(1)
  }
}

/** Which seeded orders the import turns into Medusa orders: FBM once unshipped, FBA once shipped. */
function becomesMedusaOrder(order: any): boolean {
  const status = String(order.status).toUpperCase()
  const fba = String(order.fulfilledBy ?? order.fulfillmentChannel ?? "").toUpperCase().includes("AMAZON") || order.fulfillmentChannel === "FBA"
  if (status === "CANCELLED" || status === "CANCELED") return false
  if (fba) return status === "SHIPPED"
  return status !== "PENDING" && status !== "PENDING_AVAILABILITY"
}

const DEMO_REGIONS = [
  { name: "Amazon US (demo simulator)", region: "na", marketplace_ids: ["ATVPDKIKX0DER"] },
  { name: "Amazon DE (demo simulator)", region: "eu", marketplace_ids: ["A1PA6795UKMFR9"] },
  { name: "Amazon JP (demo simulator)", region: "fe", marketplace_ids: ["A1VC38T7YXB528"] },
]

/** Creates the demo account, or points an existing one at this run's simulator (its port may differ). */
async function upsertDemoAccount(appUrl: string, token: string, simulatorUrl: string, region: (typeof DEMO_REGIONS)[number]) {
  const endpoints = { api_endpoint: simulatorUrl, token_endpoint: `${simulatorUrl}/auth/o2/token` }
  const { accounts } = await adminRequest(appUrl, token, "GET", "/admin/amazon/accounts")
  const existing = accounts.find((a: any) => a.name === region.name)
  if (existing) {
    return (await adminRequest(appUrl, token, "POST", `/admin/amazon/accounts/${existing.id}`, endpoints)).account
  }
  const input = {
    ...region,
    ...endpoints,
    lwa_client_id: "amzn1.application-oa2-client.sim",
    lwa_client_secret: "sim-secret",
    refresh_token: "Atzr|sim-refresh-token",
  }
  return (await adminRequest(appUrl, token, "POST", "/admin/amazon/accounts", input)).account
}

/** Runs "Sync now" for one account, follows the background run as the admin does, and says what it did. */
async function runOrderImport(appUrl: string, token: string, account: { id: string; name: string }) {
  step(`Order import: ${account.name}`)
  const { sync_run: started } = await adminRequest(appUrl, token, "POST", `/admin/amazon/accounts/${account.id}/sync`)
  let run = started
  const deadline = Date.now() + 5 * 60 * 1000
  while (["running", "waiting"].includes(run.status)) {
    if (Date.now() > deadline) throw new Error(`The import of ${account.name} is still ${run.status} after 5 minutes.`)
    await new Promise((resolve) => setTimeout(resolve, 500))
    run = (await adminRequest(appUrl, token, "GET", `/admin/amazon/sync-runs/${started.id}`)).sync_run
  }
  console.log(
    `${run.status}: ${run.orders_seen} Amazon orders seen, ${run.orders_created} created in Medusa, ` +
      `${run.orders_updated} updated, ${run.orders_parked} need attention (${run.duration_ms} ms, ${run.api_calls} SP-API calls).`
  )
  for (const problem of run.errors?.items ?? []) console.log(`  ! ${problem.amazon_order_id ?? ""} ${problem.message}`)
}

/** Lists every staged Amazon order with what became of it; returns how many are Medusa orders. */
async function printAmazonOrders(appUrl: string, token: string): Promise<number> {
  step("Amazon orders in Medusa")
  const { amazon_orders } = await adminRequest(appUrl, token, "GET", "/admin/amazon/orders?limit=200")
  for (const order of amazon_orders) {
    const medusa = order.order ? `→ Medusa order #${order.order.display_id}` : ""
    console.log(
      `  ${order.amazon_order_id}  ${order.fulfillment_channel}  ${String(order.status).padEnd(18)} ${order.import_state.padEnd(15)} ${medusa}` +
        `${order.attention_reason ? ` — ${order.attention_reason}` : ""}`
    )
  }
  return amazon_orders.filter((o: any) => o.import_state === "imported").length
}

void main()
