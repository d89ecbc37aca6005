import { existsSync } from "node:fs"
import path from "node:path"
import type { Browser, Locator, Page } from "playwright-core"
import { APP_DIR, dropDatabase, runMedusaCommand, startMedusaApp, type RunningApp } from "../../dev/medusa-app"
import { startSimulator, type SimOrderSeed, type Simulator } from "../../simulator"
import { launchBrowser } from "./browser"
import { createDatabaseFromTemplate, testDatabaseServerUrl } from "../../dev/database-templates"

/**
 * What a browser test of the admin needs: its own database (migrated, store seeded, an admin user), the SP-API
 * simulator with the test's orders, the real Medusa app (admin served by Vite), and a Chromium page.
 */

// The first admin page compiles the whole dashboard with Vite: minutes on a small machine.
export const FIRST_LOAD_TIMEOUT_MS = 12 * 60 * 1000
export const STEP_TIMEOUT_MS = 60 * 1000
export const ADMIN = { email: "browser-admin@amazon-plugin.test", password: "browser-test-password" }

// The demo store (regions, products with the simulator's SKUs, stock) lets imported Amazon orders become Medusa orders.
export const STORE_SEED_SCRIPT = path.join(APP_DIR, "src", "scripts", "seed-demo.ts")
export const storeSeedAvailable = existsSync(STORE_SEED_SCRIPT)

export type AdminAppFixture = {
  simulator: Simulator
  app: RunningApp
  browser: Browser
  page: Page
  /** Errors thrown inside the admin page, for the test to report. */
  browserErrors: string[]
  stop: () => Promise<void>
}

export async function startAdminApp({ orders, databasePrefix, env: extraEnv = {} }: { orders: SimOrderSeed[]; databasePrefix: string; env?: Record<string, string> }): Promise<AdminAppFixture> {
  const serverUrl = testDatabaseServerUrl()
  const databaseName = `${databasePrefix}_${process.pid}_${Date.now()}`
  await createDatabaseFromTemplate(serverUrl, databaseName, storeSeedAvailable ? "seeded" : "migrated")
  const env = {
    DATABASE_URL: `${serverUrl}/${databaseName}`,
    AMAZON_CREDENTIALS_KEY: process.env.AMAZON_CREDENTIALS_KEY,
    MEDUSA_ADMIN_DISABLED: "false",
    ...extraEnv,
  }
  runMedusaCommand(["user", "-e", ADMIN.email, "-p", ADMIN.password], env)

  const simulator = await startSimulator({ port: 0, timeScale: 100 })
  simulator.seedOrders(orders)

  let app: RunningApp | undefined
  let browser: Browser | undefined
  const stop = async () => {
    await browser?.close().catch(() => undefined)
    await app?.stop()
    await simulator.close()
    await dropDatabase(serverUrl, databaseName).catch((error) => console.warn(`Could not drop ${databaseName}: ${error.message}`))
  }
  try {
    app = await startMedusaApp(env, { timeoutMs: 5 * 60 * 1000 })
    browser = await launchBrowser()
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
    context.setDefaultTimeout(STEP_TIMEOUT_MS)
    const page = await context.newPage()
    const browserErrors: string[] = []
    page.on("pageerror", (error) => browserErrors.push(error.message))
    return { simulator, app, browser, page, browserErrors, stop }
  } catch (error) {
    await stop()
    throw error
  }
}

/** Logs into the admin with the email form, waiting as long as the first Vite compilation takes. */
export async function logIn(page: Page, appUrl: string) {
  await page.goto(`${appUrl}/app/login`, { waitUntil: "domcontentloaded", timeout: FIRST_LOAD_TIMEOUT_MS })
  await expectVisible(page.locator('input[name="email"]'), FIRST_LOAD_TIMEOUT_MS)
  await page.locator('input[name="email"]').fill(ADMIN.email)
  await page.locator('input[name="password"]').fill(ADMIN.password)
  await page.getByRole("button", { name: "Continue with Email" }).click()
  await page.waitForURL((url) => !url.pathname.endsWith("/login"), { timeout: FIRST_LOAD_TIMEOUT_MS })
}

export async function expectVisible(locator: Locator, timeout = STEP_TIMEOUT_MS) {
  await locator.first().waitFor({ state: "visible", timeout })
}

/** Waits until a list shows exactly `expected` rows (lists refetch after each filter change). */
export async function waitForCount(locator: Locator, expected: number, timeout = STEP_TIMEOUT_MS) {
  const deadline = Date.now() + timeout
  let actual = await locator.count()
  while (actual !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250))
    actual = await locator.count()
  }
  expect(actual).toBe(expected)
}

/** Polls `read` until `done` says its value is the awaited one; fails with the last value seen. */
export async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeout = STEP_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeout
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last seen: ${JSON.stringify(value)}`)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

/** The admin API with the browser's session (the page must be logged in). Fails with the API's answer on an error. */
export async function adminApi<T = any>(page: Page, appUrl: string, method: "GET" | "POST" | "DELETE", pathName: string, data?: unknown): Promise<T> {
  const response = await page.request.fetch(`${appUrl}${pathName}`, { method, data })
  const text = await response.text()
  if (!response.ok()) throw new Error(`${method} ${pathName} → ${response.status()}: ${text}`)
  return (text ? JSON.parse(text) : {}) as T
}
