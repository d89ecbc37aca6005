import { readFileSync, writeFileSync } from "node:fs"
import path from "node:path"
import type { Page } from "playwright-core"
import { DEFAULT_SELLER, DEFAULT_VENDOR_CODE, type SimOrderSeed } from "../../simulator"
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
import { describeWithBrowser, saveScreenshot, SCREENSHOT_DIR } from "./browser"

jest.setTimeout(25 * 60 * 1000)

// The app's feed job ticks every two seconds instead of every minute: a buyer's request reaches the queue at once.
process.env.AMAZON_FEEDS_SCHEDULE = "*/2 * * * * *"

const US = "ATVPDKIKX0DER"
const MINUTE = 60 * 1000
const HOUR = 60 * MINUTE

const CATALOGUE: Record<string, { asin: string; title: string; unitPrice: number; unitTax: number }> = {
  "AMZ-MUG-01": { asin: "B0CSIMMUG1", title: "Stoneware Coffee Mug 350 ml", unitPrice: 12.99, unitTax: 1.07 },
  "AMZ-TSHIRT-M": { asin: "B0CSIMTSHM", title: "Organic Cotton T-Shirt – Size M", unitPrice: 19.99, unitTax: 1.65 },
  "AMZ-DISCONTINUED": { asin: "B0CSIMGONE", title: "Discontinued Tea Towel", unitPrice: 7.5, unitTax: 0.62 },
}

/** An FBM order on Amazon.com last changed `changedAgo` ago, optionally with the buyer's cancellation request. */
function fbmOrder(id: string, sku: string, buyer: string, { changedAgo = 30 * MINUTE, cancelRequest }: { changedAgo?: number; cancelRequest?: string } = {}): SimOrderSeed {
  const now = Date.now()
  return {
    id,
    marketplaceId: US,
    status: "UNSHIPPED",
    fulfilledBy: "MERCHANT",
    purchaseDate: new Date(now - changedAgo - 2 * HOUR).toISOString(),
    lastUpdated: new Date(now - changedAgo).toISOString(),
    items: [{ ...CATALOGUE[sku], sku, quantity: 1, shippingPrice: 4.99, shippingTax: 0.41 } as any],
    buyer: { name: buyer, email: `${id.replace(/-/g, "")}@marketplace.amazon.com` },
    address: { name: buyer, addressLine1: "55 Elm Street", city: "Boston", stateOrRegion: "MA", postalCode: "02118", countryCode: "US" },
    ...(cancelRequest ? { buyerCancelRequest: { reason: cancelRequest } } : {}),
  }
}

const SELLER_CANCEL = fbmOrder("111-7880001-0000001", "AMZ-MUG-01", "Jane Doe")
const BUYER_ACCEPT = fbmOrder("111-7880002-0000002", "AMZ-TSHIRT-M", "Priya Raman", { changedAgo: 2 * HOUR, cancelRequest: "Ordered the wrong size" })
const BUYER_DECLINE = fbmOrder("111-7880003-0000003", "AMZ-MUG-01", "Lee Park", { changedAgo: 5 * HOUR, cancelRequest: "Found it cheaper elsewhere" })
const BUYER_OVERDUE = fbmOrder("111-7880004-0000004", "AMZ-MUG-01", "Aiko Tanaka", { changedAgo: 50 * HOUR, cancelRequest: "Delivery date too late" })
const PAID = fbmOrder("111-7880005-0000005", "AMZ-MUG-01", "Carlos Mendes")
const SHORT_PAID = fbmOrder("111-7880006-0000006", "AMZ-TSHIRT-M", "Mia Schulz")
/** Shipped on Amazon, for a product the store does not sell: the settlement pays an order Medusa does not have. */
const NOT_IN_STORE: SimOrderSeed = { ...fbmOrder("111-7880007-0000007", "AMZ-DISCONTINUED", "Sam Okafor"), status: "SHIPPED" }
const ORDERS = [SELLER_CANCEL, BUYER_ACCEPT, BUYER_DECLINE, BUYER_OVERDUE, PAID, SHORT_PAID, NOT_IN_STORE]
const MEDUSA_ORDERS = ORDERS.filter((order) => order !== NOT_IN_STORE)

const PO = "PO7731BR"

const describeWithStore = storeSeedAvailable ? describeWithBrowser : describe.skip

describeWithStore("Amazon operations pages in the admin: feeds, cancellations, settlements, vendor (real admin, Chromium, SP-API simulator)", () => {
  let fixture: AdminAppFixture
  let page: Page
  let appUrl: string
  let sellerAccountId: string
  const medusaOrders = new Map<string, { id: string; display_id: number }>()

  beforeAll(async () => {
    fixture = await startAdminApp({ orders: ORDERS, databasePrefix: "amazon_operations_browser" })
    page = fixture.page
    appUrl = fixture.app.url
  })

  afterAll(async () => {
    // The app's log next to the screenshots: what a failed step's server side said.
    if (fixture) writeFileSync(path.join(SCREENSHOT_DIR, "operations-app.log"), fixture.app.logs())
    await fixture?.stop()
  })

  afterEach(() => {
    if (fixture?.browserErrors.length) console.warn(`Errors in the admin page:\n${fixture.browserErrors.splice(0).join("\n")}`)
  })

  const api = <T = any>(method: "GET" | "POST", pathName: string, data?: unknown) => adminApi<T>(page, appUrl, method, pathName, data)

  async function goTo(pathName: string, testId: string) {
    await page.goto(`${appUrl}/app${pathName}`, { waitUntil: "domcontentloaded" })
    const root = page.getByTestId(testId)
    await expectVisible(root, 3 * STEP_TIMEOUT_MS)
    return root
  }

  async function openOrderWidget(amazonOrderId: string) {
    await page.goto(`${appUrl}/app/orders/${medusaOrders.get(amazonOrderId)!.id}`, { waitUntil: "domcontentloaded" })
    const widget = page.getByTestId("amazon-order-widget")
    await expectVisible(widget, 3 * STEP_TIMEOUT_MS)
    return widget
  }

  async function cancellationsOf(amazonOrderId: string) {
    return (await api("GET", `/admin/orders/${medusaOrders.get(amazonOrderId)!.id}/amazon`)).cancellations as any[]
  }

  async function orderStatus(amazonOrderId: string) {
    return (await api("GET", `/admin/orders/${medusaOrders.get(amazonOrderId)!.id}?fields=id,status`)).order.status as string
  }

  /** Waits for a toast saying `text`; fails with what the toasts said instead (e.g. the API's refusal). */
  async function expectToast(text: string) {
    const toasts = page.locator("[data-sonner-toast]")
    const seen = new Set<string>()
    await waitFor(
      `a toast saying “${text}”`,
      async () => {
        for (const said of await toasts.allTextContents()) seen.add(said)
        return [...seen]
      },
      (said) => said.some((one) => one.includes(text))
    )
  }

  async function chooseOption(triggerLabel: string, option: string) {
    await page.getByLabel(triggerLabel).first().click()
    await page.getByRole("option", { name: option, exact: true }).click()
  }

  /** Fulfils and ships every item with a UPS label; waits until Amazon confirmed it and the payment is captured. */
  async function shipWhole(amazonOrderId: string, trackingNumber: string) {
    const order = medusaOrders.get(amazonOrderId)!
    const { order: detail } = await api("GET", `/admin/orders/${order.id}?fields=id,*items`)
    const items = detail.items.map((item: any) => ({ id: item.id, quantity: Number(item.quantity) }))
    const { stock_locations } = await api("GET", "/admin/stock-locations?limit=1")
    await api("POST", `/admin/orders/${order.id}/fulfillments`, { items, location_id: stock_locations[0].id, no_notification: true })
    const { order: withFulfillment } = await api("GET", `/admin/orders/${order.id}?fields=id,*fulfillments`)
    const fulfillment = withFulfillment.fulfillments.find((candidate: any) => !candidate.shipped_at && !candidate.canceled_at)
    await api("POST", `/admin/orders/${order.id}/fulfillments/${fulfillment.id}/shipments`, {
      items,
      labels: [{ tracking_number: trackingNumber, tracking_url: "", label_url: "" }],
      no_notification: true,
    })
    await waitFor(
      `the shipment of ${amazonOrderId} to be confirmed and captured`,
      async () => (await api("GET", `/admin/amazon/tracking?amazon_order_id=${amazonOrderId}`)).tracking_pushes[0],
      (push: any) => push?.state === "confirmed" && push.payment_capture_state === "captured"
    )
  }

  async function runToEnd(syncRunId: string) {
    return waitFor(
      `sync run ${syncRunId}`,
      async () => (await api("GET", `/admin/amazon/sync-runs/${syncRunId}`)).sync_run,
      (run: any) => !["running", "waiting"].includes(run.status),
      2 * STEP_TIMEOUT_MS
    )
  }

  it("logs in, connects the simulator's seller and imports its orders", async () => {
    await logIn(page, appUrl)
    const { account } = await api("POST", "/admin/amazon/accounts", accountForSimulator(fixture.simulator.url, { name: "Amazon US (operations test)", marketplace_ids: [US], seller_id: DEFAULT_SELLER.sellerId }))
    sellerAccountId = account.id
    await api("POST", `/admin/amazon/accounts/${account.id}/sync`)
    const orders = await waitFor(
      "the Amazon orders to become Medusa orders",
      async () => (await api("GET", "/admin/amazon/orders?limit=50")).amazon_orders as Array<{ amazon_order_id: string; order: { id: string; display_id: number } | null }>,
      (rows) => MEDUSA_ORDERS.every((seed) => rows.some((row) => row.amazon_order_id === seed.id && row.order)) && rows.some((row) => row.amazon_order_id === NOT_IN_STORE.id),
      3 * STEP_TIMEOUT_MS
    )
    for (const order of orders) if (order.order) medusaOrders.set(order.amazon_order_id, order.order)
    expect(medusaOrders.has(NOT_IN_STORE.id)).toBe(false)
  })

  it("cancels an order at Amazon from the order widget: ten reasons in plain words, the zero-stock switch, pending, then cancelled", async () => {
    let widget = await openOrderWidget(SELLER_CANCEL.id)
    await widget.getByRole("button", { name: "Cancel at Amazon" }).click()
    const dialog = page.getByRole("dialog")
    await expectVisible(dialog.getByText(`Cancel order ${SELLER_CANCEL.id} at Amazon`))
    const send = dialog.getByRole("button", { name: "Ask Amazon to cancel" })
    expect(await send.isDisabled()).toBe(true)
    await dialog.getByLabel("Cancellation reason").click()
    const options = page.getByRole("option")
    await waitForCount(options, 10)
    const labels = (await options.allTextContents()).map((text) => text.trim())
    expect(labels).toContain("Out of stock")
    expect(labels).toContain("The buyer asked to cancel")
    // Plain words, not Amazon's codes.
    for (const label of labels) expect(label).not.toMatch(/^[A-Z][a-z]+[A-Z]\w*$/)
    await saveScreenshot(page, "operations-01-cancel-reasons")
    await page.getByRole("option", { name: "Out of stock", exact: true }).click()
    const zeroStock = dialog.getByRole("switch")
    await expectVisible(zeroStock)
    if ((await zeroStock.getAttribute("aria-checked")) !== "true") await zeroStock.click()
    expect(await zeroStock.getAttribute("aria-checked")).toBe("true")
    await saveScreenshot(page, "operations-02-cancel-dialog")
    // Amazon's Feeds API answers HTTP 500 for now, so the request stays pending long enough to be seen.
    fixture.simulator.injectFault({ operation: "createFeed", kind: "500", times: 1000 })
    await send.click()
    await expectToast(`Amazon is asked to cancel order ${SELLER_CANCEL.id}.`)

    const [asked] = await cancellationsOf(SELLER_CANCEL.id)
    expect(asked).toMatchObject({ cancel_reason: "NoInventory", zero_stock: true, origin: "admin" })
    expect(["queued", "batched"]).toContain(asked.status)
    widget = await openOrderWidget(SELLER_CANCEL.id)
    const pending = widget.getByTestId("amazon-cancellation-pending")
    await expectVisible(pending)
    expect(await pending.textContent()).toContain("Cancellation pending at Amazon (Out of stock, asked ")
    // Nothing more to ask while Amazon has not answered.
    expect(await widget.getByRole("button", { name: "Cancel at Amazon" }).count()).toBe(0)
    expect(await orderStatus(SELLER_CANCEL.id)).not.toBe("canceled")
    await pending.scrollIntoViewIfNeeded()
    await saveScreenshot(page, "operations-03-cancellation-pending")
    fixture.simulator.clearFaults()

    await waitFor(
      "Amazon to accept the cancellation and Medusa to follow",
      () => cancellationsOf(SELLER_CANCEL.id),
      (rows) => rows[0]?.status === "accepted" && !!rows[0].medusa_applied_at,
      3 * STEP_TIMEOUT_MS
    )
    expect(await orderStatus(SELLER_CANCEL.id)).toBe("canceled")
    expect(fixture.simulator.getOrderSnapshot(SELLER_CANCEL.id)!.status).toBe("CANCELLED")
    widget = await openOrderWidget(SELLER_CANCEL.id)
    const accepted = widget.getByTestId("amazon-cancellation-accepted")
    await expectVisible(accepted)
    expect(await accepted.textContent()).toBe("Amazon cancelled this order (Out of stock); its items' stock was set to 0.")
    expect(await widget.getByRole("button", { name: "Cancel at Amazon" }).count()).toBe(0)
    await accepted.scrollIntoViewIfNeeded()
    await saveScreenshot(page, "operations-04-cancelled-at-amazon")
  })

  it("lists buyers' cancellation requests with their 48 h countdown, overdue highlighted, and accept / decline reach Amazon", async () => {
    const root = await goTo("/amazon/cancellation-requests", "amazon-cancellation-requests-page")
    const rows = root.getByRole("row").filter({ has: page.getByTestId("amazon-cancellation-request") })
    await waitForCount(rows, 3, 2 * STEP_TIMEOUT_MS)
    const row = (id: string) => rows.filter({ hasText: id })
    expect(await row(BUYER_ACCEPT.id).textContent()).toContain("Ordered the wrong size")
    // Asked 2 h ago: 46 h left; asked 50 h ago: 2 h overdue, in red.
    const acceptCountdown = row(BUYER_ACCEPT.id).getByTestId("amazon-cancellation-countdown")
    expect(await acceptCountdown.textContent()).toMatch(/^(45|46) h \d+ min left$/)
    expect(await acceptCountdown.getAttribute("data-overdue")).toBe("false")
    const overdue = row(BUYER_OVERDUE.id).getByTestId("amazon-cancellation-countdown")
    expect(await overdue.textContent()).toMatch(/^(1|2) h \d+ min overdue$/)
    expect(await overdue.getAttribute("data-overdue")).toBe("true")
    // The order link opens the Medusa order.
    expect(await row(BUYER_ACCEPT.id).getByRole("link", { name: BUYER_ACCEPT.id }).getAttribute("href")).toContain(medusaOrders.get(BUYER_ACCEPT.id)!.id)
    await saveScreenshot(page, "operations-05-cancellation-requests")

    await row(BUYER_ACCEPT.id).getByRole("button", { name: "Accept and cancel" }).click()
    await expectToast(`Amazon is asked to cancel order ${BUYER_ACCEPT.id}.`)
    await waitForCount(rows, 2)
    await row(BUYER_DECLINE.id).getByRole("button", { name: "Decline (ship)" }).click()
    await expectToast(`Order ${BUYER_DECLINE.id} ships as normal.`)
    await waitForCount(rows, 1)

    await waitFor("Amazon to cancel the accepted request's order", () => cancellationsOf(BUYER_ACCEPT.id), (found) => found[0]?.status === "accepted" && !!found[0].medusa_applied_at)
    expect(fixture.simulator.getOrderSnapshot(BUYER_ACCEPT.id)!.status).toBe("CANCELLED")
    expect(await orderStatus(BUYER_ACCEPT.id)).toBe("canceled")
    expect(fixture.simulator.getOrderSnapshot(BUYER_DECLINE.id)!.status).toBe("UNSHIPPED")
    expect(await orderStatus(BUYER_DECLINE.id)).not.toBe("canceled")

    // The answered ones are under their own filters.
    // The previous filter's rows stay on screen until the new ones arrive: wait for the answered order itself.
    await chooseOption("Filter by answer", "Accepted (cancelled)")
    await expectVisible(rows.filter({ hasText: BUYER_ACCEPT.id }))
    await waitForCount(rows, 1)
    expect(await rows.first().getByRole("button").count()).toBe(0)
    await chooseOption("Filter by answer", "Declined (you ship it)")
    await expectVisible(rows.filter({ hasText: BUYER_DECLINE.id }))
    await waitForCount(rows, 1)
    await saveScreenshot(page, "operations-06-cancellation-requests-declined")
  })

  it("shows the feeds that carried the cancellations, with counts and Amazon's result for each order", async () => {
    const root = await goTo("/amazon/feeds", "amazon-feeds-page")
    const rows = root.getByRole("row").filter({ has: page.getByTestId("amazon-feed") })
    await waitFor("the feeds", () => rows.count(), (count) => count >= 2)
    const texts = await rows.allTextContents()
    for (const text of texts) {
      expect(text).toContain("Order cancellations")
      expect(text).toContain("Processed")
    }
    await saveScreenshot(page, "operations-07-feeds")

    // Newest first: the oldest feed carried the seller's cancellation.
    await rows.last().click()
    const messages = page.getByTestId("amazon-feed-messages")
    await expectVisible(messages)
    const message = messages.getByRole("row").filter({ hasText: SELLER_CANCEL.id })
    await expectVisible(message)
    expect(await message.textContent()).toContain("Out of stock")
    expect(await message.textContent()).toContain("Accepted")
    expect(await message.getByRole("link", { name: SELLER_CANCEL.id }).getAttribute("href")).toContain(medusaOrders.get(SELLER_CANCEL.id)!.id)
    await saveScreenshot(page, "operations-08-feed-messages")
  })

  it("shows settlements per order against Medusa's captures, exports the CSV, and the order widget says when Amazon paid", async () => {
    const settlementsRoot = await goTo("/amazon/settlements", "amazon-settlements-page")
    await expectVisible(settlementsRoot.getByTestId("amazon-settlements-empty"))
    await saveScreenshot(page, "operations-09-settlements-empty")

    await shipWhole(PAID.id, "1Z999AA10123457001")
    await shipWhole(SHORT_PAID.id, "1Z999AA10123457002")
    // Finances leaves out the last two minutes; before the settlement closes the widget shows what was posted.
    fixture.simulator.advanceTime(3 * MINUTE)
    const early = await api("POST", `/admin/amazon/accounts/${sellerAccountId}/settlements`)
    expect(await runToEnd(early.sync_run.id)).toMatchObject({ status: "succeeded" })
    let widget = await openOrderWidget(PAID.id)
    const posted = widget.getByTestId("amazon-payout")
    await expectVisible(posted)
    expect(await posted.textContent()).toMatch(/^Posted by Amazon, settlement still open: \$[\d.]+, fees -?\$[\d.]+/)

    fixture.simulator.advanceTime(3 * MINUTE)
    const [closed] = fixture.simulator.closeSettlement({ marketplaceId: US, shortPay: [{ orderId: SHORT_PAID.id, amountMinor: 250 }] })
    await goTo("/amazon/settlements", "amazon-settlements-page")
    await page.getByRole("button", { name: "Import now" }).click()
    await expectToast("Importing the settlements")
    const rows = page.getByRole("row").filter({ has: page.getByTestId("amazon-settlement") })
    await waitFor(
      "the settlement to be listed",
      async () => {
        await page.reload({ waitUntil: "domcontentloaded" })
        await expectVisible(page.getByTestId("amazon-settlements-page"), 3 * STEP_TIMEOUT_MS)
        await page.waitForTimeout(1000)
        return rows.count()
      },
      (count) => count === 1,
      2 * STEP_TIMEOUT_MS
    )
    const row = rows.first()
    expect(await row.getByTestId("amazon-settlement").getAttribute("data-settlement-id")).toBe(closed.settlementId)
    const rowText = await row.textContent()
    expect(rowText).toContain("Needs review")
    expect(rowText).toContain("1 paid differently")
    expect(rowText).toContain("1 unknown order")
    expect(rowText).toContain(`$${Number(closed.totalAmount).toFixed(2)}`)
    await saveScreenshot(page, "operations-10-settlements")

    await row.click()
    await page.waitForURL(/\/amazon\/settlements\/[^/]+$/)
    const detail = page.getByTestId("amazon-settlement-page")
    await expectVisible(detail)
    const orderRows = detail.getByRole("row").filter({ has: page.getByTestId("amazon-settlement-order") })
    await waitForCount(orderRows, 3)
    const orderRow = (id: string) => orderRows.filter({ hasText: id })
    expect(await orderRow(PAID.id).getByTestId("amazon-settlement-order").getAttribute("data-reconciliation")).toBe("matched")
    expect(await orderRow(PAID.id).textContent()).toContain("Matches Medusa")
    expect(await orderRow(PAID.id).getByRole("link", { name: "Open order" }).getAttribute("href")).toContain(
      medusaOrders.get(PAID.id)!.id
    )
    expect(await orderRow(SHORT_PAID.id).textContent()).toContain("Paid differently")
    expect(await orderRow(SHORT_PAID.id).textContent()).toMatch(/-\$2\.50 against \$[\d.]+ captured/)
    expect(await orderRow(NOT_IN_STORE.id).textContent()).toContain("Unknown order")
    expect(await orderRow(NOT_IN_STORE.id).textContent()).toContain("Not in this store")
    await saveScreenshot(page, "operations-11-settlement-detail")

    await chooseOption("Filter by reconciliation", "Orders: Paid differently")
    await waitForCount(orderRows, 1)
    expect(await orderRows.first().textContent()).toContain(SHORT_PAID.id)

    const [download] = await Promise.all([page.waitForEvent("download"), detail.getByRole("button", { name: "Export CSV" }).click()])
    expect(download.suggestedFilename()).toBe(`amazon-settlement-${closed.settlementId}.csv`)
    const csv = readFileSync((await download.path())!, "utf8")
    for (const id of [PAID.id, SHORT_PAID.id, NOT_IN_STORE.id]) expect(csv).toContain(id)

    widget = await openOrderWidget(PAID.id)
    const paid = widget.getByTestId("amazon-payout")
    // The simulator deposits two days after the settlement closes, so the payout is still to come.
    await expectVisible(paid.getByText(/^To be paid by Amazon on \w+ \d+, \d{4}: \$16\.44, fees -\$1\.95$/))
    expect(await paid.textContent()).toContain(`Settlement ${closed.settlementId}`)
    await paid.scrollIntoViewIfNeeded()
    await saveScreenshot(page, "operations-12-order-widget-paid")
  })

  it("lists Vendor Central purchase orders and acknowledges one from its page", async () => {
    const vendorRoot = await goTo("/amazon/vendor", "amazon-vendor-page")
    await expectVisible(vendorRoot.getByTestId("amazon-vendor-no-account"))
    await saveScreenshot(page, "operations-13-vendor-no-account")

    fixture.simulator.vendor.processingMs = 0
    const { account } = await api(
      "POST",
      "/admin/amazon/accounts",
      accountForSimulator(fixture.simulator.url, { name: "Amazon Vendor US", kind: "vendor", marketplace_ids: [], vendor_codes: [DEFAULT_VENDOR_CODE], gs1_company_prefix: "0614141" })
    )
    fixture.simulator.vendor.seedPurchaseOrders([
      {
        purchaseOrderNumber: PO,
        shipToPartyId: "ABE2",
        purchaseOrderDate: new Date(Date.now() - 2 * HOUR),
        items: [
          { asin: "B0MUG00001", vendorProductId: "AMZ-MUG-01", quantity: 40, netCost: "4.05", backOrderAllowed: true },
          { asin: "B0UNKNOWN1", vendorProductId: "NOT-IN-STORE", quantity: 2, unitOfMeasure: "Cases", unitSize: 6, netCost: "1.25" },
        ],
      },
    ])
    const started = await api("POST", `/admin/amazon/accounts/${account.id}/vendor-import`)
    expect(await runToEnd(started.sync_run.id)).toMatchObject({ status: "succeeded", orders_created: 1 })

    await goTo("/amazon/vendor", "amazon-vendor-page")
    const rows = page.getByRole("row").filter({ hasText: PO })
    await waitForCount(rows, 1)
    const text = await rows.first().textContent()
    expect(text).toContain("New")
    expect(text).toContain("ABE2")
    expect(text).toContain("$177.00")
    expect(text).toMatch(/Due in 22 h/)
    await saveScreenshot(page, "operations-14-vendor-list")

    await rows.first().getByRole("link", { name: PO }).click()
    await page.waitForURL(/\/amazon\/vendor\/[^/]+$/)
    await expectVisible(page.getByRole("heading", { name: `Purchase order ${PO}` }))
    // Line 1: 30 accepted, 10 backordered; line 2 (not in the store): rejected.
    const first = page.getByTestId("vendor-line-answers-1")
    await first.getByLabel("Quantity").first().fill("30")
    await first.getByRole("button", { name: "Split" }).click()
    await first.getByLabel("Quantity").nth(1).fill("10")
    expect(await first.textContent()).toContain("40 of 40 answered")
    const second = page.getByTestId("vendor-line-answers-2")
    await second.getByLabel("Answer 1 of line 2").click()
    await page.getByRole("option", { name: "Rejected", exact: true }).click()
    await second.getByLabel("Rejection reason").click()
    await page.getByRole("option", { name: "Invalid product identifier", exact: true }).click()
    await saveScreenshot(page, "operations-15-vendor-acknowledge-form")

    await page.getByRole("button", { name: "Send acknowledgement" }).click()
    await expectToast("Acknowledgement sent to Amazon")
    const ack = page.getByTestId("vendor-acknowledgement")
    await expectVisible(ack)
    // The acknowledgement job reads Amazon's result within a minute.
    await waitFor(
      "Amazon to accept the acknowledgement",
      async () => {
        await page.reload({ waitUntil: "domcontentloaded" })
        await expectVisible(page.getByTestId("vendor-acknowledgement"), 3 * STEP_TIMEOUT_MS)
        return (await page.getByTestId("vendor-acknowledgement").first().textContent()) ?? ""
      },
      (found) => found.includes("Accepted by Amazon"),
      3 * STEP_TIMEOUT_MS
    )
    const received = fixture.simulator.vendor.receivedAcknowledgements()
    expect(received).toHaveLength(1)
    const body = JSON.stringify(received[0].body)
    expect(body).toContain(PO)
    expect(body).toContain("InvalidProductIdentifier")
    await expectVisible(page.getByRole("button", { name: "Send updated acknowledgement" }))
    await saveScreenshot(page, "operations-16-vendor-acknowledged")
  })
})
