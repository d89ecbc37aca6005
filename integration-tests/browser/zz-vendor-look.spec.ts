import path from "node:path"
import { adminApi, expectVisible, logIn, startAdminApp, type AdminAppFixture } from "./app-fixture"
import { describeWithBrowser, SCREENSHOT_DIR } from "./browser"
import { accountForSimulator } from "../helpers/simulator-account"

jest.setTimeout(20 * 60 * 1000)

describeWithBrowser("vendor admin look", () => {
  let fixture: AdminAppFixture
  beforeAll(async () => {
    fixture = await startAdminApp({ orders: [], databasePrefix: "vendor_look" })
  })
  afterAll(async () => fixture?.stop())

  it("renders", async () => {
    const { page, app, simulator } = fixture
    simulator.vendor.seedPurchaseOrders([
      {
        purchaseOrderNumber: "PO4471AB",
        purchaseOrderDate: new Date(Date.now() - 60_000),
        items: [
          { asin: "B0MUG00001", vendorProductId: "AMZ-MUG-01", quantity: 100, netCost: "4.05", backOrderAllowed: true },
          { asin: "B0POSTER01", vendorProductId: "AMZ-POSTER-A2", quantity: 10, listPrice: "3.10" },
          { asin: "B0UNKNOWN1", vendorProductId: "NOT-IN-STORE", quantity: 2, unitOfMeasure: "Cases", unitSize: 6, netCost: "1.25" },
        ],
      },
    ])
    await logIn(page, app.url)
    const { account } = await adminApi(page, app.url, "POST", "/admin/amazon/accounts", accountForSimulator(simulator.url, { name: "Amazon Vendor US", kind: "vendor", marketplace_ids: [], vendor_codes: ["SIMVC"] }))
    await adminApi(page, app.url, "POST", `/admin/amazon/accounts/${account.id}/vendor-import`, {})
    await new Promise((resolve) => setTimeout(resolve, 3000))
    await page.goto(`${app.url}/app/amazon/vendor`)
    await expectVisible(page.getByText("PO4471AB"), 5 * 60 * 1000)
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "vendor-list.png"), fullPage: true })
    await page.getByText("PO4471AB").first().click()
    await expectVisible(page.getByText("Send acknowledgement"))
    await page.getByTestId("vendor-line-answers-1").getByRole("button", { name: "Split" }).click()
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "vendor-po.png"), fullPage: true })
    await page.getByRole("button", { name: "Send acknowledgement" }).click()
    await expectVisible(page.getByTestId("vendor-ack-error"))
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "vendor-po-error.png"), fullPage: true })
    await page.goto(`${app.url}/app/settings/amazon`)
    await new Promise((resolve) => setTimeout(resolve, 3000))
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "vendor-settings.png"), fullPage: true })
    expect(fixture.browserErrors).toEqual([])
  })
})
