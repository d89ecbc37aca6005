import { execFileSync } from "node:child_process"
import { existsSync, mkdirSync, readFileSync } from "node:fs"
import path from "node:path"
import type { Page } from "playwright-core"
import { DEFAULT_VENDOR_CODE } from "../../simulator"
import { accountForSimulator } from "../helpers/simulator-account"
import { pdfPageTexts } from "../../test-utils/pdf-text"
import { adminApi, expectVisible, logIn, startAdminApp, STEP_TIMEOUT_MS, storeSeedAvailable, waitFor, waitForCount, type AdminAppFixture } from "./app-fixture"
import { describeWithBrowser, saveScreenshot, SCREENSHOT_DIR } from "./browser"

// The first admin page compiles the whole dashboard with Vite: minutes on a small machine.
jest.setTimeout(25 * 60 * 1000)

const PO = "PO5530SH"
const OTHER_FC_PO = "PO5531MD"
const PREFIX = "0614141"
const describeWithStore = storeSeedAvailable ? describeWithBrowser : describe.skip

/** The server's last answer in the builder: "Checking…" until the debounced validation of the current state returns. */
async function validationSettles(page: Page, expected: RegExp) {
  await waitFor("the live validation", async () => (await page.getByTestId("vendor-shipment-validation").textContent()) ?? "", (text) => expected.test(text))
}

/**
 * The admin scrolls inside its own container, so a full-page screenshot stops at the window: the window is made as
 * tall as the content for the shot, then set back.
 */
async function screenshotWhole(page: Page, name: string) {
  const viewport = page.viewportSize()!
  const height = await page.evaluate(() =>
    Math.max(document.documentElement.scrollHeight, ...Array.from(document.querySelectorAll("*"), (element) => (element.scrollHeight > element.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(element).overflowY) ? element.scrollHeight + element.getBoundingClientRect().top : 0)))
  )
  await page.setViewportSize({ width: viewport.width, height: Math.min(Math.ceil(height) + 40, 6000) })
  await saveScreenshot(page, name)
  await page.setViewportSize(viewport)
}

describeWithStore("Vendor shipments in the admin: builder with live validation, ASN to Amazon, labels (real admin, Chromium, SP-API simulator)", () => {
  let fixture: AdminAppFixture
  let page: Page

  beforeAll(async () => {
    // The job that reads Amazon's answer to the acknowledgement: every two seconds here, every minute by default.
    fixture = await startAdminApp({ orders: [], databasePrefix: "amazon_vendor_ship_browser", env: { AMAZON_VENDOR_ACKNOWLEDGEMENTS_SCHEDULE: "*/2 * * * * *" } })
    page = fixture.page
  })
  afterAll(async () => {
    await fixture?.stop()
  })

  it("packs 2 pallets of cartons, shows a quantity above accepted at its carton until fixed, saves, sends, shows Amazon's result and prints the labels", async () => {
    const appUrl = fixture.app.url
    fixture.simulator.vendor.processingMs = 0
    fixture.simulator.vendor.seedPurchaseOrders([
      {
        purchaseOrderNumber: PO,
        shipToPartyId: "ABE2",
        items: [
          { asin: "B0MUG00001", vendorProductId: "AMZ-MUG-01", quantity: 40, netCost: "4.05" },
          { asin: "B0POSTER01", vendorProductId: "AMZ-POSTER-A2", quantity: 20, netCost: "3.10" },
        ],
      },
      { purchaseOrderNumber: OTHER_FC_PO, shipToPartyId: "MDW2", items: [{ asin: "B0MUG00001", vendorProductId: "AMZ-MUG-01", quantity: 10, netCost: "4.05" }] },
    ])
    await logIn(page, appUrl)
    const { stock_locations } = await adminApi(page, appUrl, "GET", "/admin/stock-locations?limit=1")
    // The shipping option the warehouse ships Amazon's shipments with: the fulfilments of accepted shipments go through it.
    const { shipping_options } = await adminApi(page, appUrl, "GET", "/admin/shipping-options?limit=1")
    const { account } = await adminApi(
      page,
      appUrl,
      "POST",
      "/admin/amazon/accounts",
      accountForSimulator(fixture.simulator.url, {
        name: "Amazon Vendor (browser)",
        kind: "vendor",
        marketplace_ids: [],
        vendor_codes: [DEFAULT_VENDOR_CODE],
        stock_location_id: stock_locations[0].id,
        shipping_option_id: shipping_options[0].id,
        gs1_company_prefix: PREFIX,
        vendor_ship_from_party_id: "WHSE01",
      })
    )
    await adminApi(page, appUrl, "POST", `/admin/amazon/accounts/${account.id}/vendor-import`)
    const listed = await waitFor(
      "the import",
      async () => (await adminApi(page, appUrl, "GET", `/admin/amazon/vendor/purchase-orders?account_id=${account.id}`)).purchase_orders as any[],
      (rows) => rows.length === 2
    )
    const byNumber = Object.fromEntries(listed.map((po) => [po.purchase_order_number, po]))
    await adminApi(page, appUrl, "POST", `/admin/amazon/vendor/purchase-orders/${byNumber[PO].id}/acknowledge`, {
      lines: [
        { item_sequence_number: "1", answers: [{ code: "Accepted", quantity: 40 }] },
        { item_sequence_number: "2", answers: [{ code: "Accepted", quantity: 20 }] },
      ],
    })
    await adminApi(page, appUrl, "POST", `/admin/amazon/vendor/purchase-orders/${byNumber[OTHER_FC_PO].id}/acknowledge`, { lines: [{ item_sequence_number: "1", answers: [{ code: "Accepted", quantity: 10 }] }] })
    for (const number of [PO, OTHER_FC_PO]) {
      await waitFor(
        `Amazon's answer to the acknowledgement of ${number}`,
        async () => (await adminApi(page, appUrl, "GET", `/admin/amazon/vendor/purchase-orders/${byNumber[number].id}`)).purchase_order,
        (po) => po.acknowledgements[0]?.status === "accepted",
        2 * STEP_TIMEOUT_MS
      )
    }

    // "Ship this PO" starts the builder with the PO's lines, one carton each, on pallet P1.
    await page.goto(`${appUrl}/app/amazon/vendor/${byNumber[PO].id}`, { waitUntil: "domcontentloaded" })
    await expectVisible(page.getByRole("button", { name: "Ship this PO" }), 5 * STEP_TIMEOUT_MS)
    await saveScreenshot(page, "vendor-shipment-00-po-ship-this-po")
    await page.getByRole("button", { name: "Ship this PO" }).click()
    await page.waitForURL(/\/app\/amazon\/vendor\/shipments\/new/)
    const pallet1 = page.getByTestId("vendor-pallet-P1")
    await expectVisible(pallet1.getByTestId("vendor-carton-C2"), 5 * STEP_TIMEOUT_MS)
    await expectVisible(page.getByTestId("vendor-shipment-line-PO5530SH-1").getByText("40").first())
    // The PO of another FC is offered but cannot join this shipment.
    await expectVisible(page.getByText("goes to another FC; ship it separately"))
    await validationSettles(page, /problems? to fix/)
    await expectVisible(page.getByTestId("vendor-pallet-problems-P1").getByText("Pallet P1 has no weight; Amazon needs the weight of every pallet."))
    await expectVisible(page.getByText("Amazon requires the carrier's SCAC", { exact: false }))
    await screenshotWhole(page, "vendor-shipment-01-builder-started-from-po")

    await page.getByLabel("Carrier SCAC").fill("abfs")
    await page.getByLabel("Bill of lading (BOL)").fill("BOL-445566")
    await page.getByLabel("Gross weight").fill("310")
    await page.getByLabel("Weight of pallet P1").fill("160")
    await page.getByLabel("Quantity of item 1 in carton C1").fill("20")
    // A second pallet with a carton: the builder fills it with what is still unpacked (20 mugs of line 1).
    await page.getByRole("button", { name: "Add pallet" }).click()
    const pallet2 = page.getByTestId("vendor-pallet-P2")
    await pallet2.getByRole("button", { name: "Add carton" }).click()
    expect(await pallet2.getByTestId("vendor-carton-C3").getByLabel("Quantity of item 1 in carton C3").inputValue()).toBe("20")
    await page.getByLabel("Weight of pallet P2").fill("150")
    await validationSettles(page, /Amazon's rules are met/)

    // 25 posters where Amazon accepted 20: the server's sentence appears at carton C2, and only there among the cartons.
    await page.getByLabel("Quantity of item 1 in carton C2").fill("25")
    await validationSettles(page, /1 problem to fix/)
    const problem =
      "PO PO5530SH line 2 (AMZ-POSTER-A2): 25 eaches are packed (carton C2 on pallet P1: 25), but Amazon accepted 20 and 0 already shipped, so at most 20 can go; take 5 out."
    await expectVisible(page.getByTestId("vendor-carton-problems-C2").getByText(problem))
    expect(await page.getByTestId("vendor-carton-C1").getByTestId("vendor-shipment-problem").count()).toBe(0)
    expect(await page.getByTestId("vendor-carton-C3").getByTestId("vendor-shipment-problem").count()).toBe(0)
    expect(await page.getByRole("button", { name: "Save shipment" }).isDisabled()).toBe(true)
    await screenshotWhole(page, "vendor-shipment-02-quantity-above-accepted")

    await page.getByLabel("Quantity of item 1 in carton C2").fill("20")
    await validationSettles(page, /Amazon's rules are met/)
    expect(await page.getByTestId("vendor-shipment-problem").count()).toBe(0)
    await screenshotWhole(page, "vendor-shipment-03-valid")
    await page.getByRole("button", { name: "Save shipment" }).click()

    await page.waitForURL(/\/app\/amazon\/vendor\/shipments\/amzvshp_/)
    const shipmentId = new URL(page.url()).pathname.split("/").pop()!
    await expectVisible(page.getByTestId("vendor-shipment-page").getByText("Ready to send").first())
    const { shipment } = await adminApi(page, appUrl, "GET", `/admin/amazon/vendor/shipments/${shipmentId}`)
    expect(shipment).toMatchObject({ status: "ready", ship_to_party_id: "ABE2", shipment_structure: "PalletizedStandardCase", carrier_scac: "ABFS" })
    expect(shipment.contents.pallets.map((p: any) => [p.reference, p.cartons])).toEqual([["P1", ["C1", "C2"]], ["P2", ["C3"]]])
    expect(shipment.contents.cartons.map((c: any) => [c.reference, c.items.map((i: any) => [i.item_sequence_number, i.quantity])])).toEqual([
      ["C1", [["1", 20]]],
      ["C2", [["2", 20]]],
      ["C3", [["1", 20]]],
    ])
    const pallet1Sscc: string = shipment.contents.pallets[0].sscc
    // Grouped as the label prints it: extension, company prefix, serial, check digit.
    const pallet1Printed = `(00) ${pallet1Sscc[2]} ${PREFIX} ${pallet1Sscc.slice(10, 19)} ${pallet1Sscc[19]}`
    await expectVisible(page.getByTestId("vendor-shipment-container-P1").getByText(pallet1Printed))
    await saveScreenshot(page, "vendor-shipment-04-saved")

    await page.getByRole("button", { name: "Send to Amazon" }).click()
    await expectVisible(page.getByTestId("vendor-shipment-page").getByText("Amazon is processing").first())
    await page.getByRole("button", { name: "Refresh result" }).click()
    await expectVisible(page.getByTestId("vendor-shipment-message").getByText("Amazon accepted the shipment confirmation."))
    await expectVisible(page.getByTestId("vendor-shipment-page").getByText("Accepted by Amazon").first())
    expect(await page.getByTestId("vendor-shipment-step-accepted").getAttribute("data-reached")).toBe("true")
    expect(fixture.simulator.vendor.receivedShipmentConfirmations()).toHaveLength(1)
    // Accepted: the PO's shipped quantities became a fulfilment of its Medusa order, linked from the page.
    await waitFor(
      `the fulfilment of ${PO}'s Medusa order`,
      async () => (await adminApi(page, appUrl, "GET", `/admin/amazon/vendor/shipments/${shipmentId}`)).shipment.fulfillments,
      (rows: any[]) => rows.length === 1 && rows[0].status === "done",
      2 * STEP_TIMEOUT_MS
    )
    const poOrder = page.getByTestId(`vendor-shipment-order-${PO}`)
    await expectVisible(poOrder.getByText("Fulfilled"))
    const { purchase_order: shippedPo } = await adminApi(page, appUrl, "GET", `/admin/amazon/vendor/purchase-orders/${byNumber[PO].id}`)
    expect(await poOrder.getByRole("link", { name: "Open order" }).getAttribute("href")).toBe(`/app/orders/${shippedPo.order_id}`)
    await screenshotWhole(page, "vendor-shipment-05-accepted")

    // The labels the merchant prints: downloaded through the page's link, first page rendered for a human to look at.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("vendor-shipment-labels").click()])
    mkdirSync(SCREENSHOT_DIR, { recursive: true })
    const pdfFile = path.join(SCREENSHOT_DIR, "vendor-shipment-labels.pdf")
    await download.saveAs(pdfFile)
    const pages = await pdfPageTexts(new Uint8Array(readFileSync(pdfFile)))
    expect(pages).toHaveLength(5)
    expect(pages[0]).toContain(pallet1Printed)
    expect(pages[0]).toContain("SHIP TO: AMAZON ABE2")
    // poppler-utils is installed beside Chromium by .ci/run.
    const pngBase = path.join(SCREENSHOT_DIR, "vendor-shipment-06-label-page-1")
    execFileSync("pdftoppm", ["-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", pdfFile, pngBase])
    expect(existsSync(`${pngBase}.png`)).toBe(true)

    // The list: reachable from the Vendor page's tabs, with Amazon's result.
    await page.goto(`${appUrl}/app/amazon/vendor`, { waitUntil: "domcontentloaded" })
    await page.getByTestId("vendor-tabs").getByRole("link", { name: "Shipments" }).click()
    await page.waitForURL(/\/app\/amazon\/vendor\/shipments$/)
    const row = page.getByRole("row").filter({ hasText: shipment.shipment_identifier })
    await expectVisible(row.getByText("Accepted by Amazon"))
    await expectVisible(row.getByText("2 pallets, 3 cartons"))
    await expectVisible(row.getByText("Amazon accepted the shipment confirmation."))
    await saveScreenshot(page, "vendor-shipment-07-list")

    // The PO page lists the shipments that carry its lines.
    await page.goto(`${appUrl}/app/amazon/vendor/${byNumber[PO].id}`, { waitUntil: "domcontentloaded" })
    const poShipments = page.getByTestId("vendor-po-shipments")
    await expectVisible(poShipments.getByRole("link", { name: shipment.shipment_identifier }))
    await expectVisible(poShipments.getByText("Accepted by Amazon"))
    await screenshotWhole(page, "vendor-shipment-08-po-with-shipment")

    // Amazon's answer to the next ASN is cut mid-body: Amazon has it, but the plugin cannot tell, so it is unknown.
    const { shipment: lost } = await adminApi(page, appUrl, "POST", "/admin/amazon/vendor/shipments", {
      account_id: account.id,
      shipment_type: "SmallParcel",
      carrier_scac: "UPSN",
      bill_of_lading_number: null,
      shipped_at: null,
      estimated_delivery_at: null,
      gross_weight: { value: 6, unit: "Kg" },
      pallets: [],
      cartons: [{ reference: "C1", weight: { value: 6, unit: "Kg" }, tracking_number: "1Z999AA10123456784", items: [{ purchase_order_number: OTHER_FC_PO, item_sequence_number: "1", quantity: 10 }] }],
    })
    fixture.simulator.injectFault({ operation: "SubmitShipmentConfirmations", kind: "malformed", times: 1 })
    expect((await adminApi(page, appUrl, "POST", `/admin/amazon/vendor/shipments/${lost.id}/submit`)).shipment.status).toBe("unknown")
    expect(fixture.simulator.vendor.receivedShipmentConfirmations()).toHaveLength(2)

    // The list's status filter finds it, and only it.
    await page.goto(`${appUrl}/app/amazon/vendor/shipments`, { waitUntil: "domcontentloaded" })
    await page.getByLabel("Status").click()
    await page.getByRole("option", { name: "Unknown — check Vendor Central", exact: true }).click()
    // A shipment's row is the one linking to the shipment; the list keeps the previous rows while it refetches.
    await waitForCount(page.getByRole("row").filter({ has: page.locator('a[href*="/amazon/vendor/shipments/amzvshp_"]') }), 1)
    await expectVisible(page.getByRole("row").filter({ hasText: lost.shipment_identifier }).getByText("Unknown — check Vendor Central"))
    await expectVisible(page.getByRole("row").filter({ hasText: lost.shipment_identifier }).getByText("Sent, no answer", { exact: false }))
    await saveScreenshot(page, "vendor-shipment-09a-list-unknown")
    await page.getByRole("row").filter({ hasText: lost.shipment_identifier }).getByRole("link", { name: lost.shipment_identifier }).click()
    await page.waitForURL(new RegExp(`/app/amazon/vendor/shipments/${lost.id}$`))
    await expectVisible(page.getByTestId("vendor-shipment-message").getByText("it is not sent again automatically", { exact: false }))
    expect(await page.getByTestId("vendor-shipment-step-unknown").getAttribute("data-reached")).toBe("true")
    await expectVisible(page.getByRole("button", { name: "Send again" }))
    await screenshotWhole(page, "vendor-shipment-09-unknown")

    // The merchant finds it in Vendor Central: recorded accepted, the PO's order fulfilled, nothing sent again.
    await page.getByTestId("vendor-shipment-resolve").getByRole("button", { name: "Amazon has it" }).click()
    const confirm = page.getByRole("alertdialog")
    await expectVisible(confirm.getByText("nothing is sent again", { exact: false }))
    // The dialog and its overlay fade in: the shot waits for the page's finite animations to end.
    await page.evaluate(() => Promise.all(document.getAnimations().filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity).map((animation) => animation.finished)))
    await saveScreenshot(page, "vendor-shipment-10-amazon-has-it-prompt")
    await confirm.getByRole("button", { name: "Amazon has it" }).click()
    await expectVisible(page.getByText("Recorded as accepted by Amazon", { exact: false }))
    await expectVisible(page.getByTestId("vendor-shipment-page").getByText("Accepted by Amazon").first())
    await expectVisible(page.getByTestId(`vendor-shipment-order-${OTHER_FC_PO}`).getByText("Fulfilled"), 2 * STEP_TIMEOUT_MS)
    expect(await page.getByTestId("vendor-shipment-resolve").count()).toBe(0)
    expect(await page.getByTestId("vendor-shipment-step-processing").count()).toBe(0)
    expect(fixture.simulator.vendor.receivedShipmentConfirmations()).toHaveLength(2)
    await screenshotWhole(page, "vendor-shipment-11-resolved-accepted")
    expect(fixture.browserErrors).toEqual([])
  })
})
