import type { Page } from "playwright-core"
import type { SimOrderSeed } from "../../simulator"
import { accountForSimulator } from "../helpers/simulator-account"
import {
  adminApi,
  expectVisible,
  logIn,
  startAdminApp,
  STEP_TIMEOUT_MS,
  storeSeedAvailable,
  waitFor,
  waitForCount,
  type AdminAppFixture,
} from "./app-fixture"
import { describeWithBrowser, saveScreenshot } from "./browser"

jest.setTimeout(25 * 60 * 1000)

const US = "ATVPDKIKX0DER"
const MINUTE = 60 * 1000

/** An FBM order on Amazon.com for the demo store's SKUs. */
function fbmOrder(id: string, sku: string, quantity: number, buyer: string): SimOrderSeed {
  const now = Date.now()
  return {
    id,
    marketplaceId: US,
    status: "UNSHIPPED",
    fulfilledBy: "MERCHANT",
    purchaseDate: new Date(now - 3 * 60 * MINUTE).toISOString(),
    lastUpdated: new Date(now - 30 * MINUTE).toISOString(),
    items: [{ sku, asin: `B0T${id.slice(-7)}`, title: sku === "AMZ-MUG-01" ? "Stoneware Coffee Mug 350 ml" : "Organic Cotton T-Shirt – Size M", quantity, unitPrice: 12.99, unitTax: 1.07 }],
    buyer: { name: buyer, email: `${id.replace(/-/g, "")}@marketplace.amazon.com` },
    address: { name: buyer, addressLine1: "55 Elm Street", city: "Boston", stateOrRegion: "MA", postalCode: "02118", countryCode: "US" },
  }
}

// One order per story, so that each one's confirmation is easy to tell apart.
const SHIPPED_IN_MEDUSA = fbmOrder("111-7770001-0000001", "AMZ-MUG-01", 2, "Jane Doe")
const AMAZON_DOWN = fbmOrder("111-7770002-0000002", "AMZ-TSHIRT-M", 1, "Priya Raman")
const CANCELLED_ON_AMAZON = fbmOrder("111-7770003-0000003", "AMZ-MUG-01", 1, "Lee Park")
const CSV_BY_AMAZON_ID = fbmOrder("111-7770004-0000004", "AMZ-MUG-01", 1, "Aiko Tanaka")
const CSV_BY_ORDER_NUMBER = fbmOrder("111-7770005-0000005", "AMZ-TSHIRT-M", 3, "Carlos Mendes")
/** Amazon picked, packed and shipped it from its own stock; Amazon shares no buyer data for it. */
const SHIPPED_BY_AMAZON: SimOrderSeed = {
  id: "111-7770006-0000006",
  marketplaceId: US,
  status: "SHIPPED",
  fulfilledBy: "AMAZON",
  purchaseDate: new Date(Date.now() - 26 * 60 * MINUTE).toISOString(),
  lastUpdated: new Date(Date.now() - 40 * MINUTE).toISOString(),
  items: [{ sku: "AMZ-MUG-01", asin: "B0T0000006", title: "Stoneware Coffee Mug 350 ml", quantity: 2, unitPrice: 12.99, unitTax: 1.07 }],
}
const ORDERS = [SHIPPED_IN_MEDUSA, AMAZON_DOWN, CANCELLED_ON_AMAZON, CSV_BY_AMAZON_ID, CSV_BY_ORDER_NUMBER, SHIPPED_BY_AMAZON]
const UNKNOWN_AMAZON_ORDER = "111-7779999-0009999"

type TrackingPush = { id: string; state: string; attempts: number; last_error: string | null; amazon_order_id: string }

const describeWithStore = storeSeedAvailable ? describeWithBrowser : describe.skip

describeWithStore("Amazon shipment confirmations in the admin (real admin, Chromium, SP-API simulator)", () => {
  let fixture: AdminAppFixture
  let page: Page
  let appUrl: string
  /** Medusa order (id, display id) of each Amazon order, once imported. */
  const medusaOrders = new Map<string, { id: string; display_id: number }>()

  beforeAll(async () => {
    fixture = await startAdminApp({ orders: ORDERS, databasePrefix: "amazon_tracking_browser" })
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

  async function pushesOf(amazonOrderId: string): Promise<TrackingPush[]> {
    const { tracking_pushes } = await api<{ tracking_pushes: TrackingPush[] }>("GET", `/admin/amazon/tracking?amazon_order_id=${amazonOrderId}`)
    return tracking_pushes
  }

  /** Waits until Amazon has answered the order's (only) confirmation at least once. */
  async function settledPush(amazonOrderId: string): Promise<TrackingPush> {
    const [push] = await waitFor(
      `Amazon's answer to the confirmation of ${amazonOrderId}`,
      () => pushesOf(amazonOrderId),
      (pushes) => pushes.length > 0 && pushes[0].state !== "sent" && !(pushes[0].state === "waiting" && pushes[0].attempts === 0)
    )
    return push
  }

  /** Creates a fulfillment of every item of the order, as the admin's "Fulfill items" does; returns its id. */
  async function fulfilEverything(amazonOrderId: string) {
    const order = medusaOrders.get(amazonOrderId)!
    const { order: detail } = await api("GET", `/admin/orders/${order.id}?fields=id,*items`)
    const items = detail.items.map((item: any) => ({ id: item.id, quantity: Number(item.quantity) }))
    const { stock_locations } = await api("GET", "/admin/stock-locations?limit=1")
    await api("POST", `/admin/orders/${order.id}/fulfillments`, { items, location_id: stock_locations[0].id, no_notification: true })
    const { order: withFulfillment } = await api("GET", `/admin/orders/${order.id}?fields=id,*fulfillments`)
    const fulfillment = withFulfillment.fulfillments.find((candidate: any) => !candidate.shipped_at && !candidate.canceled_at)
    return { orderId: order.id, fulfillmentId: fulfillment.id as string, items }
  }

  /** "Mark as shipped" with a UPS label, as the admin's shipment form does. */
  async function markShipped(fulfilment: { orderId: string; fulfillmentId: string; items: unknown[] }, trackingNumber: string) {
    await api("POST", `/admin/orders/${fulfilment.orderId}/fulfillments/${fulfilment.fulfillmentId}/shipments`, {
      items: fulfilment.items,
      labels: [
        {
          tracking_number: trackingNumber,
          tracking_url: `https://www.ups.com/track?tracknum=${trackingNumber}`,
          label_url: `https://labels.example.com/${trackingNumber}.pdf`,
        },
      ],
      no_notification: true,
    })
  }

  async function openOrder(amazonOrderId: string) {
    await page.goto(`${appUrl}/app/orders/${medusaOrders.get(amazonOrderId)!.id}`, { waitUntil: "domcontentloaded" })
    const widget = page.getByTestId("amazon-order-widget")
    await expectVisible(widget, 3 * STEP_TIMEOUT_MS)
    return widget
  }

  /** Medusa's own order page: the header's payment and fulfilment badges, as any store's staff sees them. */
  async function openMedusaOrderPage(amazonOrderId: string) {
    await page.goto(`${appUrl}/app/orders/${medusaOrders.get(amazonOrderId)!.id}`, { waitUntil: "domcontentloaded" })
    await expectVisible(page.getByText(`#${medusaOrders.get(amazonOrderId)!.display_id}`), 3 * STEP_TIMEOUT_MS)
  }

  async function expectBadge(text: string) {
    await expectVisible(page.getByText(text, { exact: true }), 2 * STEP_TIMEOUT_MS)
  }

  async function openShipmentsPage(view: "attention" | "all") {
    await page.goto(`${appUrl}/app/amazon/shipments${view === "all" ? "?state=all" : ""}`, { waitUntil: "domcontentloaded" })
    await expectVisible(page.locator(`[data-testid="amazon-shipments-page"][data-state-view="${view}"][aria-busy="false"]`), 3 * STEP_TIMEOUT_MS)
  }

  it("logs in, connects the simulator's seller and imports its orders", async () => {
    await logIn(page, appUrl)
    const { account } = await api("POST", "/admin/amazon/accounts", accountForSimulator(fixture.simulator.url, { name: "Amazon US (tracking test)", marketplace_ids: [US] }))
    await api("POST", `/admin/amazon/accounts/${account.id}/sync`)
    // "Sync now" may finish in the background (or the scheduled import may be first): wait for the orders.
    await waitFor(
      "the Amazon orders to become Medusa orders",
      async () => (await api("GET", "/admin/amazon/orders?import_state=imported&limit=50")).amazon_orders as Array<{ amazon_order_id: string; order: { id: string; display_id: number } | null }>,
      (orders) => ORDERS.every((seed) => orders.some((order) => order.amazon_order_id === seed.id && order.order)),
      3 * STEP_TIMEOUT_MS
    ).then((orders) => {
      for (const order of orders) if (order.order) medusaOrders.set(order.amazon_order_id, order.order)
    })
    expect(medusaOrders.size).toBe(ORDERS.length)
  })

  it("confirms an order marked as shipped in Medusa, and the order's widget says so", async () => {
    // Before shipping, Medusa's own order page shows Amazon's money flow: the buyer's payment is held, not charged.
    await openMedusaOrderPage(SHIPPED_IN_MEDUSA.id)
    await expectBadge("Authorized")
    await expectBadge("Not fulfilled")
    await saveScreenshot(page, "tracking-00-medusa-order-authorized")

    // Medusa's own Capture button offers to capture the held money: the Amazon provider refuses, and says how.
    await page.getByRole("button", { name: "Capture payment" }).click()
    await page.getByRole("button", { name: "Confirm", exact: true }).click()
    const refusal = page.getByText(/Amazon charges the buyer when it accepts your shipment confirmation/)
    await expectVisible(refusal, 2 * STEP_TIMEOUT_MS)
    // The toast slides in: the screenshot waits until it has settled.
    await page.waitForTimeout(600)
    await saveScreenshot(page, "tracking-00b-medusa-capture-refused")
    await openMedusaOrderPage(SHIPPED_IN_MEDUSA.id)
    await expectBadge("Authorized")

    // Before shipping, the widget says what will happen.
    let widget = await openOrder(SHIPPED_IN_MEDUSA.id)
    await expectVisible(widget.getByTestId("amazon-shipment-confirmations-empty"))

    await markShipped(await fulfilEverything(SHIPPED_IN_MEDUSA.id), "1Z999AA10123456784")
    expect(await settledPush(SHIPPED_IN_MEDUSA.id)).toMatchObject({ state: "confirmed", attempts: 1 })
    expect(fixture.simulator.getOrderSnapshot(SHIPPED_IN_MEDUSA.id)!.status).toBe("SHIPPED")

    widget = await openOrder(SHIPPED_IN_MEDUSA.id)
    const confirmation = widget.getByTestId("amazon-shipment-confirmation")
    await expectVisible(confirmation)
    await waitForCount(confirmation, 1)
    expect(await confirmation.getAttribute("data-state")).toBe("confirmed")
    const text = await confirmation.textContent()
    expect(text).toContain("Confirmed")
    expect(text).toContain("UPS")
    expect(text).toContain("1Z999AA10123456784")
    expect(text).toMatch(/Amazon confirmed it on/)
    expect(await confirmation.getByRole("button", { name: "Retry" }).count()).toBe(0)
    await confirmation.scrollIntoViewIfNeeded()
    await saveScreenshot(page, "tracking-01-order-widget-confirmed")

    // Amazon charged the buyer when it accepted the confirmation: Medusa's page shows the payment captured.
    await openMedusaOrderPage(SHIPPED_IN_MEDUSA.id)
    await expectBadge("Captured")
    await expectBadge("Shipped")
    await saveScreenshot(page, "tracking-01b-medusa-order-captured")
  })

  it("shows an order Amazon fulfilled as paid and shipped on Medusa's own order page, with its fulfilment card", async () => {
    await openMedusaOrderPage(SHIPPED_BY_AMAZON.id)
    await expectBadge("Captured")
    await expectBadge("Shipped")
    await expectVisible(page.getByRole("heading", { name: "Fulfillment #1" }))
    await expectVisible(page.getByText("Amazon FBA"))
    // The card lists what was shipped as Medusa's own fulfilments do: quantity × the stocked item's title.
    await expectVisible(page.getByText(/^2x \S/))
    expect(await page.getByText("Not fulfilled", { exact: true }).count()).toBe(0)
    await page.getByRole("heading", { name: "Fulfillment #1" }).scrollIntoViewIfNeeded()
    await saveScreenshot(page, "tracking-01c-medusa-order-fba")
  })

  it("shows what needs attention on the Shipments page and in the widget, and Retry confirms once Amazon is back", async () => {
    // The buyer cancelled on Amazon between packing and shipping: Amazon refuses for good.
    const packed = await fulfilEverything(CANCELLED_ON_AMAZON.id)
    fixture.simulator.setOrderStatus(CANCELLED_ON_AMAZON.id, "CANCELLED")
    await markShipped(packed, "1Z999AA10123456786")
    const failed = await settledPush(CANCELLED_ON_AMAZON.id)
    expect(failed.state).toBe("failed")
    expect(failed.last_error).toMatch(/cancelled on Amazon/)

    // Amazon answers HTTP 500 for a while: the confirmation waits and is retried.
    fixture.simulator.injectFault({ operation: "confirmShipment", kind: "500", times: 50 })
    await markShipped(await fulfilEverything(AMAZON_DOWN.id), "1Z999AA10123456785")
    const waiting = await settledPush(AMAZON_DOWN.id)
    expect(waiting.state).toBe("waiting")
    expect(waiting.last_error).toMatch(/HTTP 500/)

    // The sidebar's Amazon entry has a "Shipments" item.
    await page.goto(`${appUrl}/app/amazon`, { waitUntil: "domcontentloaded" })
    const shipmentsLink = page.locator('a[href$="/app/amazon/shipments"]')
    await expectVisible(shipmentsLink, 3 * STEP_TIMEOUT_MS)
    expect((await shipmentsLink.first().textContent())?.trim()).toBe("Shipments")
    await shipmentsLink.first().click()
    await page.waitForURL(/\/amazon\/shipments$/)
    await expectVisible(page.locator('[data-testid="amazon-shipments-page"][data-state-view="attention"][aria-busy="false"]'))

    // By default: only what needs attention, each with its sentence.
    // DataTable renders the rows: a row of the list is the table row holding a confirmation's first cell.
    const rows = page.getByRole("row").filter({ has: page.getByTestId("amazon-shipment") })
    await waitForCount(rows, 2)
    const waitingRow = rows.filter({ hasText: AMAZON_DOWN.id })
    const failedRow = rows.filter({ hasText: CANCELLED_ON_AMAZON.id })
    expect(await waitingRow.getByTestId("amazon-shipment").getAttribute("data-state")).toBe("waiting")
    expect(await waitingRow.getByTestId("amazon-tracking-state").textContent()).toBe("Waiting")
    expect(await waitingRow.getByTestId("amazon-shipment-error").textContent()).toBe(waiting.last_error)
    expect(await waitingRow.textContent()).toContain("1Z999AA10123456785")
    expect(await failedRow.getByTestId("amazon-tracking-state").textContent()).toBe("Failed")
    expect(await failedRow.getByTestId("amazon-shipment-error").textContent()).toBe(failed.last_error)
    expect(await failedRow.textContent()).toContain("Only when you retry")
    // The confirmed one is not in this view.
    expect(await rows.filter({ hasText: SHIPPED_IN_MEDUSA.id }).count()).toBe(0)
    await saveScreenshot(page, "tracking-02-shipments-needing-attention")

    // The order's widget tells the same story.
    const widget = await openOrder(AMAZON_DOWN.id)
    const confirmation = widget.getByTestId("amazon-shipment-confirmation")
    await expectVisible(confirmation)
    expect(await confirmation.getAttribute("data-state")).toBe("waiting")
    expect(await confirmation.getByTestId("amazon-shipment-confirmation-error").textContent()).toBe(waiting.last_error)
    await expectVisible(confirmation.getByRole("button", { name: "Retry" }))
    await confirmation.scrollIntoViewIfNeeded()
    await saveScreenshot(page, "tracking-03-order-widget-waiting")

    const cancelledWidget = await openOrder(CANCELLED_ON_AMAZON.id)
    const refused = cancelledWidget.getByTestId("amazon-shipment-confirmation")
    await expectVisible(refused)
    expect(await refused.getAttribute("data-state")).toBe("failed")
    expect(await refused.getByTestId("amazon-shipment-confirmation-error").textContent()).toBe(failed.last_error)
    await refused.scrollIntoViewIfNeeded()
    await saveScreenshot(page, "tracking-04-order-widget-failed")

    // Amazon is back: Retry on the Shipments page sends it at once and says what Amazon answered.
    fixture.simulator.clearFaults()
    await openShipmentsPage("attention")
    await waitForCount(rows, 2)
    await rows.filter({ hasText: AMAZON_DOWN.id }).getByRole("button", { name: "Retry" }).click()
    const toast = page.locator("[data-sonner-toast]").filter({ hasText: AMAZON_DOWN.id })
    await expectVisible(toast)
    expect(await toast.first().textContent()).toContain(`Amazon confirmed the shipment of order ${AMAZON_DOWN.id}.`)
    // It no longer needs attention; the refused one still does.
    await waitForCount(rows, 1)
    expect(await rows.first().textContent()).toContain(CANCELLED_ON_AMAZON.id)
    await saveScreenshot(page, "tracking-05-shipments-after-retry")
    expect(fixture.simulator.getOrderSnapshot(AMAZON_DOWN.id)!.status).toBe("SHIPPED")

    // "All" shows every confirmation, newest first.
    await page.getByLabel("Filter by confirmation state").click()
    await page.getByRole("option", { name: "State: All", exact: true }).click()
    await expectVisible(page.locator('[data-testid="amazon-shipments-page"][data-state-view="all"][aria-busy="false"]'))
    await waitForCount(rows, 3)
    expect(await rows.filter({ hasText: AMAZON_DOWN.id }).getByTestId("amazon-shipment").getAttribute("data-state")).toBe("confirmed")
    expect(await rows.filter({ hasText: SHIPPED_IN_MEDUSA.id }).getByTestId("amazon-shipment").getAttribute("data-state")).toBe("confirmed")
    expect(await rows.filter({ hasText: AMAZON_DOWN.id }).getByRole("button", { name: "Retry" }).count()).toBe(0)
    await saveScreenshot(page, "tracking-06-shipments-all")
  })

  it("uploads a tracking CSV through the file input and shows the result of every line", async () => {
    await openShipmentsPage("attention")
    const upload = page.getByTestId("amazon-tracking-upload")
    await expectVisible(upload.getByText("Expected columns"))
    const orderNumber = medusaOrders.get(CSV_BY_ORDER_NUMBER.id)!.display_id
    const csv = [
      "Amazon Order ID,Carrier,Tracking No,Ship Date",
      `${CSV_BY_AMAZON_ID.id},UPS,1Z999AA10123456790,`,
      `#${orderNumber},Royal Mail,AB123456789GB,`,
      `${UNKNOWN_AMAZON_ORDER},UPS,1Z999AA10123456791,`,
    ].join("\n")
    await upload.getByTestId("amazon-tracking-file").setInputFiles({ name: "tracking.csv", mimeType: "text/csv", buffer: Buffer.from(csv) })
    await upload.getByRole("button", { name: "Import tracking numbers" }).click()

    const result = upload.getByTestId("amazon-tracking-import-result")
    await expectVisible(result, 2 * STEP_TIMEOUT_MS)
    const resultRows = result.getByTestId("amazon-tracking-import-row")
    await waitForCount(resultRows, 3)
    expect(await upload.getByTestId("amazon-tracking-import-summary").textContent()).toBe(
      "2 line(s) were imported; 1 could not be. Fix those lines and upload just them again."
    )
    const [byId, byNumber, unknown] = await resultRows.all()
    expect(await byId.getAttribute("data-status")).toBe("done")
    expect(await byId.textContent()).toContain(CSV_BY_AMAZON_ID.id)
    expect(await byId.textContent()).toContain("Confirmed")
    expect(await byNumber.getAttribute("data-status")).toBe("done")
    expect(await byNumber.textContent()).toContain(CSV_BY_ORDER_NUMBER.id)
    expect(await unknown.getAttribute("data-status")).toBe("error")
    expect(await unknown.textContent()).toContain(
      `Amazon order ${UNKNOWN_AMAZON_ORDER} is not known to the store yet. Run "Sync now" for its Amazon account, then import this line again.`
    )
    await result.scrollIntoViewIfNeeded()
    await saveScreenshot(page, "tracking-07-csv-upload-result")

    expect(fixture.simulator.getOrderSnapshot(CSV_BY_AMAZON_ID.id)!.status).toBe("SHIPPED")
    expect(fixture.simulator.getOrderSnapshot(CSV_BY_ORDER_NUMBER.id)!.packages).toEqual([
      expect.objectContaining({ carrierCode: "Royal Mail", trackingNumber: "AB123456789GB" }),
    ])

    // A file that is no tracking file is refused with the API's sentence.
    await upload.getByTestId("amazon-tracking-file").setInputFiles({ name: "notes.csv", mimeType: "text/csv", buffer: Buffer.from("name,city\nJane,Boston\n") })
    await upload.getByRole("button", { name: "Import tracking numbers" }).click()
    const refusal = upload.getByTestId("amazon-tracking-upload-error")
    await expectVisible(refusal)
    expect(await refusal.textContent()).toMatch(/The header line has no .*order.* column/)
  })

  it("finds a Medusa order by (part of) its Amazon order id from the orders list", async () => {
    await page.goto(`${appUrl}/app/orders`, { waitUntil: "domcontentloaded" })
    const search = page.getByTestId("amazon-order-search")
    await expectVisible(search, 3 * STEP_TIMEOUT_MS)

    // Nothing by that id: the merchant reads why and where else to look.
    await search.getByLabel("Find a Medusa order by its Amazon order ID").fill("999-0000")
    await expectVisible(search.getByTestId("amazon-order-search-none"))
    expect(await search.getByTestId("amazon-order-search-none").textContent()).toContain("No Amazon order ID contains “999-0000”.")

    await search.getByLabel("Find a Medusa order by its Amazon order ID").fill("7770004")
    await expectVisible(search.locator('[data-testid="amazon-order-search-results"][data-query="7770004"]'))
    const matches = search.getByTestId("amazon-order-search-match")
    await waitForCount(matches, 1)
    expect(await matches.first().textContent()).toContain(CSV_BY_AMAZON_ID.id)
    const { id, display_id } = medusaOrders.get(CSV_BY_AMAZON_ID.id)!
    await saveScreenshot(page, "tracking-08-order-search")

    await matches.first().getByRole("link", { name: `Open order #${display_id}` }).click()
    await page.waitForURL(new RegExp(`/orders/${id}$`))
    const widget = page.getByTestId("amazon-order-widget")
    await expectVisible(widget, 3 * STEP_TIMEOUT_MS)
    await expectVisible(widget.getByText(CSV_BY_AMAZON_ID.id))
    // The CSV upload's confirmation is on the order too.
    const confirmation = widget.getByTestId("amazon-shipment-confirmation")
    await expectVisible(confirmation)
    expect(await confirmation.getAttribute("data-state")).toBe("confirmed")
    expect(await confirmation.textContent()).toContain("1Z999AA10123456790")
    await saveScreenshot(page, "tracking-09-order-found-by-amazon-id")
  })
})
