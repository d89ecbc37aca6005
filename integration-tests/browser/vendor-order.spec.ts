import type { Page } from "playwright-core"
import { DEFAULT_VENDOR_CODE } from "../../simulator"
import { accountForSimulator } from "../helpers/simulator-account"
import { adminApi, expectVisible, logIn, startAdminApp, STEP_TIMEOUT_MS, storeSeedAvailable, waitFor, type AdminAppFixture } from "./app-fixture"
import { describeWithBrowser, saveScreenshot } from "./browser"

// The first admin page compiles the whole dashboard with Vite: minutes on a small machine.
jest.setTimeout(25 * 60 * 1000)

const PO = "PO5510BR"
const describeWithStore = storeSeedAvailable ? describeWithBrowser : describe.skip

describeWithStore("A vendor PO's Medusa order in the admin (real admin, Chromium, SP-API simulator)", () => {
  let fixture: AdminAppFixture
  let page: Page

  beforeAll(async () => {
    // The job that reads Amazon's answer and makes the order: every two seconds here, every minute by default.
    fixture = await startAdminApp({ orders: [], databasePrefix: "amazon_vendor_browser", env: { AMAZON_VENDOR_ACKNOWLEDGEMENTS_SCHEDULE: "*/2 * * * * *" } })
    page = fixture.page
  })
  afterAll(async () => {
    await fixture?.stop()
  })

  it("the PO page links the order of the accepted quantities, and the order shows them at cost", async () => {
    const appUrl = fixture.app.url
    fixture.simulator.vendor.processingMs = 0
    fixture.simulator.vendor.seedPurchaseOrders([
      {
        purchaseOrderNumber: PO,
        shipToPartyId: "ABE2",
        items: [
          { asin: "B0MUG00001", vendorProductId: "AMZ-MUG-01", quantity: 12, netCost: "4.05", backOrderAllowed: true },
          { asin: "B0POSTER01", vendorProductId: "AMZ-POSTER-A2", quantity: 4, listPrice: "3.10" },
        ],
      },
    ])
    await logIn(page, appUrl)
    const { stock_locations } = await adminApi(page, appUrl, "GET", "/admin/stock-locations?limit=1")
    const { account } = await adminApi(
      page,
      appUrl,
      "POST",
      "/admin/amazon/accounts",
      accountForSimulator(fixture.simulator.url, { name: "Amazon Vendor (browser)", kind: "vendor", marketplace_ids: [], vendor_codes: [DEFAULT_VENDOR_CODE], stock_location_id: stock_locations[0].id })
    )
    await adminApi(page, appUrl, "POST", `/admin/amazon/accounts/${account.id}/vendor-import`)
    const [listed] = await waitFor(
      "the import",
      async () => (await adminApi(page, appUrl, "GET", `/admin/amazon/vendor/purchase-orders?q=${PO}`)).purchase_orders as any[],
      (rows) => rows.length === 1
    )
    await adminApi(page, appUrl, "POST", `/admin/amazon/vendor/purchase-orders/${listed.id}/acknowledge`, {
      lines: [
        { item_sequence_number: "1", answers: [{ code: "Accepted", quantity: 10 }, { code: "Backordered", quantity: 2, scheduled_ship_date: "2026-12-20T00:00:00Z" }] },
        { item_sequence_number: "2", answers: [{ code: "Accepted", quantity: 4 }] },
      ],
    })
    const detail = await waitFor(
      "the vendor order",
      async () => (await adminApi(page, appUrl, "GET", `/admin/amazon/vendor/purchase-orders/${listed.id}`)).purchase_order,
      (po) => !!po.medusa_order
    )

    await page.goto(`${appUrl}/app/amazon/vendor/${listed.id}`, { waitUntil: "domcontentloaded" })
    const link = page.getByTestId("vendor-po-order").getByRole("link", { name: `Medusa order #${detail.medusa_order.display_id}` })
    await expectVisible(link, 5 * STEP_TIMEOUT_MS)
    await saveScreenshot(page, "vendor-01-po-with-order")
    await link.click()
    await page.waitForURL(new RegExp(`/app/orders/${detail.medusa_order.id}`))
    await expectVisible(page.getByText("Amazon Vendor").first())
    // 10 mugs at 4.05 and 4 posters at the 3.10 list price: 52.90.
    await expectVisible(page.getByText("52.90").first())
    // Medusa's own reservation badge: both lines hold their stock.
    await expectVisible(page.getByText("Allocated", { exact: true }).nth(1))
    expect(await page.getByText("Not allocated", { exact: true }).count()).toBe(0)
    await saveScreenshot(page, "vendor-02-medusa-order")
    expect(fixture.browserErrors).toEqual([])
  })
})
