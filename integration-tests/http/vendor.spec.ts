import path from "node:path"
import { amazonIntegrationTestRunner } from "../helpers/medusa-runner"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { startSimulator, DEFAULT_VENDOR_CODE, type SimPurchaseOrderSeed } from "../../simulator"
import { createAdminHeaders } from "../helpers/admin"
import { expectTrafficConformsToAmazonModels } from "../helpers/conformance"
import { seedStore, SEEDED_STOCK, type SeededStore } from "../helpers/seed-store"
import { accountForSimulator } from "../helpers/simulator-account"
import { orderPlacedEvents } from "../app/src/subscribers/record-order-placed"

jest.setTimeout(180 * 1000)

// The app loads the BUILT plugin by package name; the test drives the same build.
/* eslint-disable @typescript-eslint/no-var-requires */
const { processVendorAcknowledgementsWorkflow, syncVendorPurchaseOrderOrders } = require("medusa-plugin-amazon/workflows")
/* eslint-enable @typescript-eslint/no-var-requires */

const PO = "PO4471AB"
const ACK_PATH = "/vendor/orders/v1/acknowledgements"

/** Line 1: net cost, backorders allowed; line 2: only a list price; line 3: ordered in cases of 6. */
function purchaseOrder(overrides: Partial<SimPurchaseOrderSeed> = {}): SimPurchaseOrderSeed {
  return {
    purchaseOrderNumber: PO,
    shipToPartyId: "ABE2",
    items: [
      { asin: "B0MUG00001", vendorProductId: "AMZ-MUG-01", quantity: 100, netCost: "4.05", backOrderAllowed: true },
      { asin: "B0POSTER01", vendorProductId: "AMZ-POSTER-A2", quantity: 10, listPrice: "3.10" },
      { asin: "B0UNKNOWN1", vendorProductId: "NOT-IN-STORE", quantity: 2, unitOfMeasure: "Cases", unitSize: 6, netCost: "1.25" },
    ],
    ...overrides,
  }
}

const THREE_ANSWERS = [
  { item_sequence_number: "1", answers: [{ code: "Accepted", quantity: 80 }, { code: "Backordered", quantity: 20, scheduled_ship_date: "2026-12-20T00:00:00Z" }] },
  { item_sequence_number: "2", answers: [{ code: "Accepted", quantity: 10 }] },
  { item_sequence_number: "3", answers: [{ code: "Rejected", quantity: 2, rejection_reason: "InvalidProductIdentifier" }] },
]

amazonIntegrationTestRunner({
  cwd: path.join(__dirname, "../app"),
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let simulator: Awaited<ReturnType<typeof startSimulator>>
    let container: MedusaContainer
    let store: SeededStore
    let admin: { headers: Record<string, string> }
    let account: { id: string }

    beforeAll(async () => {
      // timeScale 1: the simulator's own clock decides when a transaction stops "Processing".
      simulator = await startSimulator({ port: 0, timeScale: 1000 })
      container = getContainer()
      store = await seedStore(container)
      admin = await createAdminHeaders(container)
      const created = await api.post(
        "/admin/amazon/accounts",
        accountForSimulator(simulator.url, { name: "Amazon Vendor US", kind: "vendor", marketplace_ids: [], vendor_codes: [DEFAULT_VENDOR_CODE], stock_location_id: store.stockLocationId, gs1_company_prefix: "0614141" }),
        admin
      )
      account = created.data.account
    })
    afterAll(async () => {
      await simulator?.close()
    })
    beforeEach(() => {
      container = getContainer()
      simulator.reset()
      // The transaction is finished when next read; Processing → Success is covered by the client's simulator tests.
      simulator.vendor.processingMs = 0
    })
    afterEach(() => {
      expectTrafficConformsToAmazonModels(simulator)
    })

    const acknowledgementRequests = () => simulator.requests().filter((entry) => entry.method === "POST" && entry.path === ACK_PATH)

    async function importNow() {
      const started = Date.now()
      const response = await api.post(`/admin/amazon/accounts/${account.id}/vendor-import`, {}, admin)
      expect(response.status).toBe(202)
      // Answered at once, with the run the import carries on in the background.
      expect(Date.now() - started).toBeLessThan(2000)
      for (;;) {
        const { data } = await api.get(`/admin/amazon/sync-runs/${response.data.sync_run.id}`, admin)
        if (!["running", "waiting"].includes(data.sync_run.status)) return data.sync_run
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    }

    async function purchaseOrderPage() {
      const list = await api.get(`/admin/amazon/vendor/purchase-orders?q=${PO}`, admin)
      expect(list.data.purchase_orders).toHaveLength(1)
      return (await api.get(`/admin/amazon/vendor/purchase-orders/${list.data.purchase_orders[0].id}`, admin)).data.purchase_order
    }

    async function settleAcknowledgements() {
      await processVendorAcknowledgementsWorkflow(container).run({ input: { stale_after_ms: 0 } })
    }

    /** What the job does each minute: Amazon's results read, then the orders of POs it took made or edited. */
    async function runVendorJob() {
      await settleAcknowledgements()
      return await syncVendorPurchaseOrderOrders(container)
    }

    async function vendorOrder(orderId: string) {
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "order",
        fields: ["id", "email", "no_notification", "currency_code", "total", "status", "sales_channel.name", "customer.email", "customer.has_account", "customer.company_name", "shipping_address.company", "shipping_address.metadata", "items.id", "items.quantity", "items.unit_price", "items.variant_sku", "items.metadata", "metadata"],
        filters: { id: orderId },
      })
      return data[0] as any
    }

    async function reservationsOf(order: { items: Array<{ id: string }> }) {
      const reservations = await container.resolve(Modules.INVENTORY).listReservationItems({ line_item_id: order.items.map((item) => item.id) }, { take: null })
      return new Map(reservations.map((reservation: any) => [reservation.line_item_id, { quantity: Number(reservation.quantity), location_id: reservation.location_id }]))
    }

    async function vendorOrderCount() {
      return (await container.resolve(Modules.ORDER).listOrders({ sales_channel_id: "sc_amazon_vendor" }, { select: ["id"], take: null })).length
    }

    async function placedFor(orderId: string) {
      // The local event bus delivers on its own tick.
      await new Promise((resolve) => setTimeout(resolve, 300))
      return orderPlacedEvents().filter((event) => event.id === orderId).length
    }

    /** A PO imported, answered 80 accepted + 20 backordered / 10 accepted / 2 cases rejected, and taken by Amazon. */
    async function acknowledgedPurchaseOrder() {
      simulator.vendor.seedPurchaseOrders([purchaseOrder()])
      await importNow()
      const po = await purchaseOrderPage()
      const response = await api.post(`/admin/amazon/vendor/purchase-orders/${po.id}/acknowledge`, { lines: THREE_ANSWERS }, admin)
      expect(response.status).toBe(202)
      return po
    }

    it("the accepted quantities become one Medusa order at cost, in Amazon Vendor, with stock reserved and order.placed once", async () => {
      orderPlacedEvents().length = 0
      const po = await acknowledgedPurchaseOrder()
      // Nothing before Amazon took the answer: a refused acknowledgement must not leave demand in the store.
      expect((await purchaseOrderPage()).medusa_order).toBeFalsy()
      expect(await vendorOrderCount()).toBe(0)

      const outcomes = await runVendorJob()
      expect(outcomes).toEqual([expect.objectContaining({ purchase_order_id: po.id, outcome: "created" })])
      const shown = await purchaseOrderPage()
      expect(shown.medusa_order).toMatchObject({ id: shown.order_id, display_id: expect.any(Number) })
      expect(shown.order_note).toBeNull()

      const order = await vendorOrder(shown.order_id)
      expect(order).toMatchObject({ email: null, no_notification: true, currency_code: "usd", status: "pending", sales_channel: { name: "Amazon Vendor" } })
      expect(order.customer).toMatchObject({ email: "buying-party-amazon@amazon-vendor.invalid", has_account: false, company_name: "Amazon (buying party AMAZON)" })
      expect(order.shipping_address).toMatchObject({ company: "Amazon ABE2", metadata: { amazon_ship_to_party_id: "ABE2" } })
      expect(order.metadata).toMatchObject({ amazon_vendor_purchase_order_number: PO })
      // Accepted only (not the 20 backordered mugs, not the rejected cases), at net cost and the list-price fallback.
      const bySku = Object.fromEntries(order.items.map((item: any) => [item.variant_sku, item]))
      expect(Object.keys(bySku).sort()).toEqual(["AMZ-MUG-01", "AMZ-POSTER-A2"])
      expect([Number(bySku["AMZ-MUG-01"].quantity), Number(bySku["AMZ-MUG-01"].unit_price)]).toEqual([80, 4.05])
      expect([Number(bySku["AMZ-POSTER-A2"].quantity), Number(bySku["AMZ-POSTER-A2"].unit_price)]).toEqual([10, 3.1])
      expect(bySku["AMZ-POSTER-A2"].metadata).toMatchObject({ amazon_cost_source: "list_price", amazon_vendor_item_sequence_number: "2" })
      expect(Number(order.total)).toBeCloseTo(80 * 4.05 + 10 * 3.1, 6)

      const reservations = await reservationsOf(order)
      expect(reservations.get(bySku["AMZ-MUG-01"].id)).toEqual({ quantity: 80, location_id: store.stockLocationId })
      expect(reservations.get(bySku["AMZ-POSTER-A2"].id)).toEqual({ quantity: 10, location_id: store.stockLocationId })
      expect(await placedFor(order.id)).toBe(1)

      // The job again, and an import reading the same PO again: nothing new.
      expect(await runVendorJob()).toEqual([])
      const again = await importNow()
      expect(again.status).toBe("succeeded")
      await runVendorJob()
      expect(await vendorOrderCount()).toBe(1)
      expect((await purchaseOrderPage()).order_id).toBe(order.id)
      expect(await placedFor(order.id)).toBe(1)
      expect([...(await reservationsOf(order)).values()].map((reservation) => reservation.quantity).sort((a, b) => a - b)).toEqual([10, 80])
    })

    it("a sync that runs twice at once, or again after its order was made, still makes one order", async () => {
      orderPlacedEvents().length = 0
      const po = await acknowledgedPurchaseOrder()
      await settleAcknowledgements()
      const results = await Promise.all([syncVendorPurchaseOrderOrders(container), syncVendorPurchaseOrderOrders(container)])
      expect(results.flat().filter((outcome: any) => outcome.outcome === "created")).toHaveLength(1)
      expect(await vendorOrderCount()).toBe(1)
      // As if the process had died after the order was made, before the PO was recorded in line.
      const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as any
      await pg.raw(`UPDATE amazon_vendor_purchase_order SET order_acknowledgement_id = NULL WHERE id = ?`, [po.id])
      expect(await syncVendorPurchaseOrderOrders(container)).toEqual([expect.objectContaining({ outcome: "in_line" })])
      expect(await vendorOrderCount()).toBe(1)
      const orderId = (await purchaseOrderPage()).order_id
      expect(await placedFor(orderId)).toBe(1)
      expect([...(await reservationsOf(await vendorOrder(orderId))).values()]).toHaveLength(2)
    })

    it("Amazon's partial cancellation becomes a confirmed Medusa order edit that releases the stock, once", async () => {
      orderPlacedEvents().length = 0
      await acknowledgedPurchaseOrder()
      await runVendorJob()
      const orderId = (await purchaseOrderPage()).order_id
      const before = await vendorOrder(orderId)
      const mug = before.items.find((item: any) => item.variant_sku === "AMZ-MUG-01")
      const poster = before.items.find((item: any) => item.variant_sku === "AMZ-POSTER-A2")

      // Amazon cuts line 1 from 100 to 60 (the 20 backordered go first, then 20 accepted) and cancels line 2.
      simulator.vendor.changeQuantities(PO, { "1": 60, "2": 0 })
      const run = await importNow()
      expect(run).toMatchObject({ status: "succeeded", message: expect.stringMatching(/1 Medusa order\(s\) changed to match/) })

      const after = await vendorOrder(orderId)
      const quantities = Object.fromEntries(after.items.map((item: any) => [item.variant_sku, Number(item.quantity)]))
      // Medusa's order edit takes an item updated to 0 off the order.
      expect(quantities).toEqual({ "AMZ-MUG-01": 60 })
      expect(Number(after.total)).toBeCloseTo(60 * 4.05, 6)
      const reservations = await reservationsOf(before)
      expect(reservations.get(mug.id)).toEqual({ quantity: 60, location_id: store.stockLocationId })
      expect(reservations.has(poster.id)).toBe(false)
      const orders = container.resolve(Modules.ORDER)
      const changes = await orders.listOrderChanges({ order_id: orderId } as any, { take: null })
      expect(changes.map((change: any) => [change.change_type, change.status])).toEqual([["edit", "confirmed"]])
      expect((changes[0] as any).description).toMatch(/PO4471AB: line 1 80 → 60, line 2 10 → 0/)
      const page = await purchaseOrderPage()
      expect(page.order_note).toBeNull()

      // Read again, synced again: no second edit, the stock stays released.
      await importNow()
      await runVendorJob()
      expect(await orders.listOrderChanges({ order_id: orderId } as any, { take: null })).toHaveLength(1)
      expect([...(await reservationsOf(before)).values()]).toEqual([{ quantity: 60, location_id: store.stockLocationId }])
      expect(await vendorOrderCount()).toBe(1)
      expect(await placedFor(orderId)).toBe(1)
    })

    it("the vendor's own later answer (fewer accepted) edits the order the same way", async () => {
      const po = await acknowledgedPurchaseOrder()
      await runVendorJob()
      const orderId = (await purchaseOrderPage()).order_id
      const update = [
        { item_sequence_number: "1", answers: [{ code: "Accepted", quantity: 50 }, { code: "Backordered", quantity: 20, scheduled_ship_date: "2026-12-20T00:00:00Z" }, { code: "Rejected", quantity: 30, rejection_reason: "TemporarilyUnavailable" }] },
        THREE_ANSWERS[1],
        THREE_ANSWERS[2],
      ]
      const response = await api.post(`/admin/amazon/vendor/purchase-orders/${po.id}/acknowledge`, { lines: update }, admin)
      expect(response.status).toBe(202)
      // Until Amazon takes the update, the order keeps what Amazon took before.
      expect(await syncVendorPurchaseOrderOrders(container)).toEqual([])
      expect(await runVendorJob()).toEqual([expect.objectContaining({ outcome: "edited", order_id: orderId })])
      const order = await vendorOrder(orderId)
      expect(Object.fromEntries(order.items.map((item: any) => [item.variant_sku, Number(item.quantity)]))).toEqual({ "AMZ-MUG-01": 50, "AMZ-POSTER-A2": 10 })
      expect([...(await reservationsOf(order)).values()].map((reservation) => reservation.quantity).sort((a, b) => a - b)).toEqual([10, 50])
      expect(await vendorOrderCount()).toBe(1)
    })

    it("a line accepted only in a later answer (0 accepted before) is added to the order by the edit, at cost, with its stock reserved", async () => {
      simulator.vendor.seedPurchaseOrders([purchaseOrder()])
      await importNow()
      const po = await purchaseOrderPage()
      const first = [
        { item_sequence_number: "1", answers: [{ code: "Backordered", quantity: 100, scheduled_ship_date: "2026-12-20T00:00:00Z" }] },
        THREE_ANSWERS[1],
        THREE_ANSWERS[2],
      ]
      expect((await api.post(`/admin/amazon/vendor/purchase-orders/${po.id}/acknowledge`, { lines: first }, admin)).status).toBe(202)
      await runVendorJob()
      const orderId = (await purchaseOrderPage()).order_id
      expect((await vendorOrder(orderId)).items.map((item: any) => item.variant_sku)).toEqual(["AMZ-POSTER-A2"])

      const update = [{ item_sequence_number: "1", answers: [{ code: "Accepted", quantity: 70 }, { code: "Backordered", quantity: 30, scheduled_ship_date: "2026-12-20T00:00:00Z" }] }, THREE_ANSWERS[1], THREE_ANSWERS[2]]
      expect((await api.post(`/admin/amazon/vendor/purchase-orders/${po.id}/acknowledge`, { lines: update }, admin)).status).toBe(202)
      expect(await runVendorJob()).toEqual([expect.objectContaining({ outcome: "edited", order_id: orderId })])
      const order = await vendorOrder(orderId)
      const mug = order.items.find((item: any) => item.variant_sku === "AMZ-MUG-01")
      expect([Number(mug.quantity), Number(mug.unit_price)]).toEqual([70, 4.05])
      expect(mug.metadata).toMatchObject({ amazon_vendor_item_sequence_number: "1", amazon_cost_source: "net_cost" })
      expect(Number(order.total)).toBeCloseTo(70 * 4.05 + 10 * 3.1, 6)
      const reservations = await reservationsOf(order)
      expect(reservations.get(mug.id)).toEqual({ quantity: 70, location_id: store.stockLocationId })
      expect([...reservations.values()].map((reservation) => reservation.quantity).sort((a, b) => a - b)).toEqual([10, 70])
      const changes = await container.resolve(Modules.ORDER).listOrderChanges({ order_id: orderId } as any, { take: null })
      expect(changes.map((change: any) => [change.change_type, change.status])).toEqual([["edit", "confirmed"]])
      expect((changes[0] as any).description).toMatch(/line 1 0 → 70/)
      // Synced again: in line, no second item, no second edit.
      expect(await runVendorJob()).toEqual([])
      await importNow()
      await runVendorJob()
      expect((await vendorOrder(orderId)).items).toHaveLength(2)
      expect(await container.resolve(Modules.ORDER).listOrderChanges({ order_id: orderId } as any, { take: null })).toHaveLength(1)
    })

    it("a PO whose accepted line has no variant gets no order, and its page says what to do", async () => {
      simulator.vendor.seedPurchaseOrders([purchaseOrder()])
      await importNow()
      const po = await purchaseOrderPage()
      const answers = [THREE_ANSWERS[0], THREE_ANSWERS[1], { item_sequence_number: "3", answers: [{ code: "Accepted", quantity: 2 }] }]
      await api.post(`/admin/amazon/vendor/purchase-orders/${po.id}/acknowledge`, { lines: answers }, admin)
      expect(await runVendorJob()).toEqual([expect.objectContaining({ outcome: "waiting" })])
      const shown = await purchaseOrderPage()
      expect(shown.medusa_order).toBeFalsy()
      expect(shown.order_note).toBe(
        "Line 3 (ASIN B0UNKNOWN1, NOT-IN-STORE) is accepted but matched to no product variant, so no Medusa order can carry it. Give the variant the vendor product id as its SKU or barcode and import again."
      )
      expect(await vendorOrderCount()).toBe(0)
      // Nothing half-made is left behind: no intended order id, no customer.
      expect(shown.order_id).toBeNull()
    })

    it("a vendor account is tested through Vendor Orders and kept out of the seller import", async () => {
      const tested = await api.post(`/admin/amazon/accounts/${account.id}/test-connection`, {}, admin)
      expect(tested.data.sync_run).toMatchObject({ status: "succeeded", message: expect.stringMatching(/Vendor Central/) })
      expect(simulator.requests().some((entry) => entry.path === "/vendor/orders/v1/purchaseOrders")).toBe(true)
      const sync = await api.post(`/admin/amazon/accounts/${account.id}/sync`, {}, admin).catch((error) => error.response)
      expect(sync.status).toBe(400)
      expect(sync.data.message).toMatch(/Vendor Central account/)
      const noCodes = await api
        .post("/admin/amazon/accounts", accountForSimulator(simulator.url, { kind: "vendor", marketplace_ids: [], vendor_codes: [] }), admin)
        .catch((error) => error.response)
      expect(noCodes.status).toBe(400)
      expect(noCodes.data.message).toMatch(/vendor code/)
      expect(simulator.requests().some((entry) => entry.path.startsWith("/orders/"))).toBe(false)
    })

    it("imports a PO with Σ cost × quantity, list-price fallback, cases, window and stock; importing twice changes nothing", async () => {
      // Placed just now: the second import's window (which overlaps the first) reads it again.
      simulator.vendor.seedPurchaseOrders([purchaseOrder({ purchaseOrderDate: new Date(Date.now() - 60 * 1000) })])
      const run = await importNow()
      expect(run).toMatchObject({ status: "succeeded", kind: "vendor_import", orders_seen: 1, orders_created: 1 })
      const po = await purchaseOrderPage()
      // 100 × 4.05 + 10 × 3.10 (list price) + 2 cases × 6 × 1.25
      expect(Number(po.cost_total)).toBeCloseTo(451, 6)
      expect(po).toMatchObject({ state: "New", ship_to_party_id: "ABE2", window_kind: "ship", purchase_order_type: "RegularOrder", currency_code: "USD" })
      expect(new Date(po.window_end).getTime()).toBeGreaterThan(new Date(po.window_start).getTime())
      expect(new Date(po.acknowledgement_due_at).getTime() - new Date(po.purchase_order_date).getTime()).toBe(24 * 60 * 60 * 1000)
      const [mug, poster, unknown] = po.lines
      expect(mug).toMatchObject({ item_sequence_number: "1", asin: "B0MUG00001", cost_source: "net_cost", variant_id: store.variants["AMZ-MUG-01"].variantId, available_quantity: SEEDED_STOCK })
      expect(poster).toMatchObject({ cost_source: "list_price", cost_note: expect.stringMatching(/no net cost/), variant_sku: "AMZ-POSTER-A2" })
      expect(unknown).toMatchObject({ unit_of_measure: "Cases", unit_size: 6, ordered_quantity: 2, ordered_eaches: 12, variant_id: null, match_note: expect.stringMatching(/NOT-IN-STORE/) })

      const again = await importNow()
      expect(again).toMatchObject({ status: "succeeded", orders_seen: 1, orders_created: 0, orders_updated: 0 })
      const after = await purchaseOrderPage()
      expect(after.lines).toEqual(po.lines)
      expect(after.cost_total).toEqual(po.cost_total)
    })

    it("the scheduled job's round (no staleness given) sends and reads results like the test's", async () => {
      simulator.vendor.seedPurchaseOrders([purchaseOrder({ purchaseOrderNumber: "PO4471JB" })])
      await importNow()
      const detail = async () => {
        const list = await api.get("/admin/amazon/vendor/purchase-orders?q=PO4471JB", admin)
        return (await api.get(`/admin/amazon/vendor/purchase-orders/${list.data.purchase_orders[0].id}`, admin)).data.purchase_order
      }
      const po = await detail()
      await api.post(`/admin/amazon/vendor/purchase-orders/${po.id}/acknowledge`, { lines: THREE_ANSWERS }, admin)
      // The job passes no input: its default staleness must be a number of milliseconds, not a workflow reference.
      const { result } = await processVendorAcknowledgementsWorkflow(container).run({ input: {} })
      expect(result.polled).toEqual([{ id: expect.any(String), status: "accepted" }])
      expect((await detail()).acknowledgements[0]).toMatchObject({ status: "accepted" })
    })

    it("acknowledges accepted / backordered (split) / rejected: Amazon receives exactly that once, and its result is shown", async () => {
      simulator.vendor.seedPurchaseOrders([purchaseOrder()])
      await importNow()
      const po = await purchaseOrderPage()
      const response = await api.post(`/admin/amazon/vendor/purchase-orders/${po.id}/acknowledge`, { lines: THREE_ANSWERS }, admin)
      expect(response.status).toBe(202)
      expect(response.data.acknowledgement).toMatchObject({ status: "processing", transaction_id: expect.any(String) })

      const sent = acknowledgementRequests()
      expect(sent).toHaveLength(1)
      const [ack] = (sent[0].body as any).acknowledgements
      expect(ack).toMatchObject({ purchaseOrderNumber: PO, sellingParty: { partyId: DEFAULT_VENDOR_CODE } })
      expect(ack.items.map((item: any) => [item.itemSequenceNumber, item.netCost, item.itemAcknowledgements.map((a: any) => [a.acknowledgementCode, a.acknowledgedQuantity.amount, a.rejectionReason])])).toEqual([
        ["1", { currencyCode: "USD", amount: "4.05" }, [["Accepted", 80, undefined], ["Backordered", 20, undefined]]],
        ["2", { currencyCode: "USD", amount: "3.10" }, [["Accepted", 10, undefined]]],
        ["3", { currencyCode: "USD", amount: "1.25" }, [["Rejected", 2, "InvalidProductIdentifier"]]],
      ])
      expect(ack.items[0].itemAcknowledgements[1].scheduledShipDate).toBe("2026-12-20T00:00:00.000Z")
      expect(ack.items[2].orderedQuantity).toEqual({ amount: 2, unitOfMeasure: "Cases", unitSize: 6 })

      await settleAcknowledgements()
      const shown = await purchaseOrderPage()
      expect(shown.acknowledgements[0]).toMatchObject({ status: "accepted", transaction_status: "Success", message: "Amazon accepted the acknowledgement." })
      expect(shown.acknowledged_at).toBeTruthy()
      expect(shown.state).toBe("Acknowledged")
      expect(shown.lines[2].rejected_once).toBe(true)
      expect(acknowledgementRequests()).toHaveLength(1)

      // A rejected line can never be accepted later: refused here, before Amazon.
      const update = THREE_ANSWERS.map((line) => (line.item_sequence_number === "3" ? { item_sequence_number: "3", answers: [{ code: "Accepted", quantity: 2 }] } : line))
      const refused = await api.post(`/admin/amazon/vendor/purchase-orders/${po.id}/acknowledge`, { lines: update }, admin).catch((error) => error.response)
      expect(refused.status).toBe(400)
      expect(refused.data.message).toMatch(/Line 3 .* was rejected before; Amazon never accepts a rejected line again\./)
      expect(acknowledgementRequests()).toHaveLength(1)
    })

    it("refuses an invalid acknowledgement with sentences and sends nothing", async () => {
      simulator.vendor.seedPurchaseOrders([purchaseOrder()])
      await importNow()
      const po = await purchaseOrderPage()
      const missingLine = await api
        .post(`/admin/amazon/vendor/purchase-orders/${po.id}/acknowledge`, { lines: THREE_ANSWERS.slice(0, 2) }, admin)
        .catch((error) => error.response)
      expect(missingLine.status).toBe(400)
      expect(missingLine.data.message).toBe("Line 3 (ASIN B0UNKNOWN1, NOT-IN-STORE) has no answer. Amazon takes an unanswered line as rejected: accept, backorder or reject it.")
      const wrong = await api
        .post(
          `/admin/amazon/vendor/purchase-orders/${po.id}/acknowledge`,
          {
            lines: [
              THREE_ANSWERS[0],
              { item_sequence_number: "2", answers: [{ code: "Accepted", quantity: 5 }, { code: "Backordered", quantity: 5 }] },
              { item_sequence_number: "3", answers: [{ code: "Rejected", quantity: 2 }] },
            ],
          },
          admin
        )
        .catch((error) => error.response)
      expect(wrong.status).toBe(400)
      expect(wrong.data.message).toMatch(/Line 2 .*: Amazon does not allow a backorder on this line; accept or reject it\./)
      expect(wrong.data.message).toMatch(/Line 3 .*: a rejection needs a reason/)
      expect(acknowledgementRequests()).toHaveLength(0)
      expect((await purchaseOrderPage()).acknowledgements).toHaveLength(0)
    })

    it("flags a PO Amazon changes after it was acknowledged", async () => {
      simulator.vendor.seedPurchaseOrders([purchaseOrder()])
      await importNow()
      const po = await purchaseOrderPage()
      await api.post(`/admin/amazon/vendor/purchase-orders/${po.id}/acknowledge`, { lines: THREE_ANSWERS }, admin)
      await settleAcknowledgements()
      simulator.vendor.changeQuantities(PO, { "1": 60, "2": 0 })
      const run = await importNow()
      expect(run).toMatchObject({ status: "succeeded", orders_updated: 1, message: expect.stringMatching(/1 changed by Amazon after they were acknowledged/) })
      const flagged = await purchaseOrderPage()
      expect(flagged.changed_after_acknowledgement).toBe(true)
      expect(flagged.change_note).toMatch(/after it was acknowledged: line 1: 100 → 60 eaches; line 2 cancelled\./)
      expect(Number(flagged.cost_total)).toBeCloseTo(60 * 4.05 + 15, 6)
      const listed = await api.get(`/admin/amazon/vendor/purchase-orders?changed_after_acknowledgement=true`, admin)
      expect(listed.data.purchase_orders.map((row: any) => row.id)).toEqual([po.id])
    })
  },
})
