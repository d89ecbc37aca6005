import type { Page } from "playwright-core"
import { bulkOrders } from "../../simulator"
import { accountForSimulator } from "../helpers/simulator-account"
import { adminApi, expectVisible, logIn, startAdminApp, STEP_TIMEOUT_MS, type AdminAppFixture } from "./app-fixture"
import { describeWithBrowser, saveScreenshot } from "./browser"

// The first admin page compiles the whole dashboard with Vite: minutes on a small machine.
jest.setTimeout(25 * 60 * 1000)

const ORDER_COUNT = 450

describeWithBrowser("Watching a long import in the admin (real admin, Chromium, SP-API simulator)", () => {
  let fixture: AdminAppFixture
  let page: Page

  beforeAll(async () => {
    fixture = await startAdminApp({
      orders: bulkOrders({ count: ORDER_COUNT, newest: new Date(Date.now() - 10 * 60 * 1000) }),
      databasePrefix: "amazon_progress_browser",
    })
    page = fixture.page
  })
  afterAll(async () => {
    await fixture?.stop()
  })

  it("shows the running import's progress and counts, then its result, without a reload", async () => {
    await logIn(page, fixture.app.url)
    await adminApi(page, fixture.app.url, "POST", "/admin/amazon/accounts", accountForSimulator(fixture.simulator.url, { name: "Amazon US (progress test)" }))
    await page.goto(`${fixture.app.url}/app/settings/amazon`, { waitUntil: "domcontentloaded" })
    const account = page.getByTestId("amazon-account")
    await expectVisible(account, 5 * STEP_TIMEOUT_MS)

    // Slow page answers, so the import is watched part-way through.
    fixture.simulator.injectFault({ operation: "searchOrders", kind: "slow", times: 10, delayMs: 2500 })
    await account.getByRole("button", { name: "Sync now" }).click()
    // The scheduled tick may have started an import first; then "Sync now" waits for it. Either way one runs.
    const runningRow = account
      .getByTestId("amazon-sync-run-row")
      .filter({ has: page.getByTestId("amazon-sync-run-progress").getByText(/page \d+ done/) })
      .first()
    await expectVisible(runningRow)
    await saveScreenshot(page, "progress-01-running")
    const seenWhileRunning = Number(await runningRow.locator("td").nth(5).textContent())
    expect(seenWhileRunning).toBeGreaterThan(0)
    expect(seenWhileRunning).toBeLessThan(ORDER_COUNT)

    const anyProgress = account.getByTestId("amazon-sync-run-progress")
    const deadline = Date.now() + 3 * STEP_TIMEOUT_MS
    while ((await anyProgress.count()) > 0 && Date.now() < deadline) await page.waitForTimeout(500)
    expect(await anyProgress.count()).toBe(0)
    const importRows = account.getByTestId("amazon-sync-run-row").filter({ hasText: "Order import" })
    let created = 0
    for (let index = 0; index < (await importRows.count()); index++) {
      const row = importRows.nth(index)
      expect(await row.getByText("Succeeded").count()).toBe(1)
      created += Number(await row.locator("td").nth(6).textContent())
    }
    expect(created).toBe(ORDER_COUNT)
    await saveScreenshot(page, "progress-02-finished")
    expect(fixture.browserErrors).toEqual([])
  })
})
