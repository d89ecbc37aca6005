import type { Page } from "playwright-core"
import type { SimOrderSeed } from "../../simulator"
import { DEFAULT_SELLER } from "../../simulator"
import { accountForSimulator } from "../helpers/simulator-account"
import { adminApi, expectVisible, logIn, startAdminApp, STEP_TIMEOUT_MS, storeSeedAvailable, waitFor, type AdminAppFixture } from "./app-fixture"
import { describeWithBrowser, saveScreenshot } from "./browser"

jest.setTimeout(25 * 60 * 1000)

const US = "ATVPDKIKX0DER"
const MINUTE = 60 * 1000

function fbmOrder(id: string, buyer: string): SimOrderSeed {
  const now = Date.now()
  return {
    id,
    marketplaceId: US,
    status: "UNSHIPPED",
    fulfilledBy: "MERCHANT",
    purchaseDate: new Date(now - 3 * 60 * MINUTE).toISOString(),
    lastUpdated: new Date(now - 30 * MINUTE).toISOString(),
    items: [{ sku: "AMZ-MUG-01", asin: "B0R0000001", title: "Stoneware Coffee Mug 350 ml", quantity: 2, unitPrice: 12.99, unitTax: 1.07 }],
    buyer: { name: buyer, email: `${id.replace(/-/g, "")}@marketplace.amazon.com` },
    address: { name: buyer, addressLine1: "55 Elm Street", city: "Boston", stateOrRegion: "MA", postalCode: "02118", countryCode: "US" },
  }
}

const PARTIAL = fbmOrder("111-7780001-0000001", "Jane Doe")
const REJECTED = fbmOrder("111-7780002-0000002", "Lee Park")
const ORDERS = [PARTIAL, REJECTED]

const describeWithStore = storeSeedAvailable ? describeWithBrowser : describe.skip

describeWithStore("Refunds through Amazon in the order widget (real admin, Chromium, SP-API simulator)", () => {
  let fixture: AdminAppFixture
  let page: Page
  let appUrl: string
  const medusaOrders = new Map<string, { id: string; display_id: number }>()

  beforeAll(async () => {
    fixture = await startAdminApp({ orders: ORDERS, databasePrefix: "amazon_refunds_browser" })
    page = fixture.page
    appUrl = fixture.app.url
  })
  afterAll(async () => {
    await fixture?.stop()
  })
  afterEach(() => {
    if (fixture?.browserErrors.length) console.warn(`Errors in the admin page:\n${fixture.browserErrors.splice(0).join("\n")}`)
  })

  const api = <T = any>(method: "GET" | "POST", pathName: string, data?: unknown) => adminApi<T>(page, appUrl, method, pathName, data)

  /** Fulfils and ships every item with a UPS label, then waits until Amazon confirmed it and the payment is captured. */
  async function shipEverything(amazonOrderId: string) {
    const order = medusaOrders.get(amazonOrderId)!
    const { order: detail } = await api("GET", `/admin/orders/${order.id}?fields=id,*items`)
    const items = detail.items.map((item: any) => ({ id: item.id, quantity: Number(item.quantity) }))
    const { stock_locations } = await api("GET", "/admin/stock-locations?limit=1")
    await api("POST", `/admin/orders/${order.id}/fulfillments`, { items, location_id: stock_locations[0].id, no_notification: true })
    const { order: withFulfillment } = await api("GET", `/admin/orders/${order.id}?fields=id,*fulfillments`)
    const fulfillment = withFulfillment.fulfillments.find((candidate: any) => !candidate.shipped_at && !candidate.canceled_at)
    const trackingNumber = "1Z999AA10123456784"
    await api("POST", `/admin/orders/${order.id}/fulfillments/${fulfillment.id}/shipments`, {
      items,
      labels: [{ tracking_number: trackingNumber, tracking_url: `https://www.ups.com/track?tracknum=${trackingNumber}`, label_url: "" }],
      no_notification: true,
    })
    await waitFor(
      `the shipment of ${amazonOrderId} confirmed and captured`,
      async () => (await api("GET", `/admin/amazon/tracking?amazon_order_id=${amazonOrderId}`)).tracking_pushes[0],
      (push: any) => push?.state === "confirmed" && push.payment_capture_state === "captured",
      3 * STEP_TIMEOUT_MS
    )
  }

  async function openWidget(amazonOrderId: string) {
    await page.goto(`${appUrl}/app/orders/${medusaOrders.get(amazonOrderId)!.id}`, { waitUntil: "domcontentloaded" })
    const widget = page.getByTestId("amazon-order-widget")
    await expectVisible(widget, 3 * STEP_TIMEOUT_MS)
    return widget
  }

  async function chooseReason(label: string) {
    await page.getByLabel("Refund reason").click()
    await page.getByRole("option", { name: label, exact: true }).click()
  }

  it("logs in, connects the simulator's seller, imports and ships the orders", async () => {
    await logIn(page, appUrl)
    const { account } = await api(
      "POST",
      "/admin/amazon/accounts",
      accountForSimulator(fixture.simulator.url, { name: "Amazon US (refund test)", marketplace_ids: [US], seller_id: DEFAULT_SELLER.sellerId })
    )
    await api("POST", `/admin/amazon/accounts/${account.id}/sync`)
    const orders = await waitFor(
      "the Amazon orders to become Medusa orders",
      async () => (await api("GET", "/admin/amazon/orders?import_state=imported&limit=50")).amazon_orders as Array<{ amazon_order_id: string; order: { id: string; display_id: number } | null }>,
      (rows) => ORDERS.every((seed) => rows.some((row) => row.amazon_order_id === seed.id && row.order)),
      3 * STEP_TIMEOUT_MS
    )
    for (const order of orders) if (order.order) medusaOrders.set(order.amazon_order_id, order.order)
    for (const seed of ORDERS) await shipEverything(seed.id)
  })

  it("refunds 5.00 of one line's item price from the dialog; the widget shows it waiting, then refunded by Amazon", async () => {
    const widget = await openWidget(PARTIAL.id)
    await widget.getByRole("button", { name: "Refund through Amazon" }).click()
    const line = page.getByTestId("amazon-refund-line")
    await expectVisible(line)
    await line.getByLabel("Item price").fill("5.00")
    await chooseReason("Price error")
    await page.getByLabel("Note (shown on the Medusa refund)").fill("Price matched for the buyer")
    await saveScreenshot(page, "refunds-01-dialog")
    await page.getByRole("button", { name: "Refund", exact: true }).click()
    await expectVisible(page.getByText(`Refund of 5.00 recorded for order ${PARTIAL.id}.`))

    const row = widget.getByTestId("amazon-refund")
    await expectVisible(row.filter({ hasText: "Refunded by Amazon" }), 3 * STEP_TIMEOUT_MS)
    expect(await row.first().textContent()).toContain("Price error, item")
    expect(await row.first().textContent()).toContain("Item price 5.00")
    await row.first().scrollIntoViewIfNeeded()
    await saveScreenshot(page, "refunds-02-widget-refunded")
    const snapshot = fixture.simulator.getOrderSnapshot(PARTIAL.id)!
    expect(snapshot.items[0].refunded).toEqual({ Principal: "5.00" })
    // Medusa's own order page shows the payment partially refunded.
    await expectVisible(page.getByText("Partially refunded", { exact: true }), 2 * STEP_TIMEOUT_MS)
  })

  it("Amazon refuses a refund: the widget shows Amazon's reason in red", async () => {
    fixture.simulator.setOrderStatus(REJECTED.id, "CANCELLED")
    const widget = await openWidget(REJECTED.id)
    await widget.getByRole("button", { name: "Refund through Amazon" }).click()
    await page.getByLabel("What to refund").click()
    await page.getByRole("option", { name: "Everything not refunded yet", exact: true }).click()
    await chooseReason("The buyer cancelled")
    await page.getByRole("button", { name: "Refund", exact: true }).click()
    const rejected = widget.getByTestId("amazon-refund-rejected")
    await expectVisible(rejected, 3 * STEP_TIMEOUT_MS)
    const text = await rejected.textContent()
    expect(text).toMatch(/Amazon refused this: .+ \(Amazon code 18103\)/)
    expect(text).toContain("NOT REFUNDED BY AMAZON")
    await rejected.scrollIntoViewIfNeeded()
    await saveScreenshot(page, "refunds-03-widget-rejected")
  })
})
