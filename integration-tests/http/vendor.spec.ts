import path from "node:path"
import { amazonIntegrationTestRunner } from "../helpers/medusa-runner"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { startSimulator, DEFAULT_VENDOR_CODE, type SimPurchaseOrderSeed } from "../../simulator"
import { createAdminHeaders } from "../helpers/admin"
import { expectTrafficConformsToAmazonModels } from "../helpers/conformance"
import { seedStore, SEEDED_STOCK, type SeededStore } from "../helpers/seed-store"
import { accountForSimulator } from "../helpers/simulator-account"

jest.setTimeout(180 * 1000)

// The app loads the BUILT plugin by package name; the test drives the same build.
/* eslint-disable @typescript-eslint/no-var-requires */
const { processVendorAcknowledgementsWorkflow } = require("medusa-plugin-amazon/workflows")
// Loaded here (not by the app) so that the process the crash points kill is this test's stand-in for it.
const outbox = require(path.join(__dirname, "../../.medusa/server/src/modules/amazon/vendor/acknowledgement-outbox"))
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

    it.each(["before-submit-acknowledgement", "after-submit-acknowledgement"])(
      "sends exactly one acknowledgement when the sender dies at %s",
      async (point) => {
        simulator.vendor.seedPurchaseOrders([purchaseOrder()])
        await importNow()
        const po = await purchaseOrderPage()
        const amazon = container.resolve("amazon") as any
        const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as any
        // The module's SQL runner (MikroORM) binds an array to "IN (?)" as a list; knex wants one "?" per element.
        const sql = {
          execute: async (text: string, params: unknown[] = []) => {
            let index = 0
            const expanded = text.replace(/\?/g, () => {
              const param = params[index++]
              return Array.isArray(param) ? param.map(() => "?").join(", ") : "?"
            })
            return (await pg.raw(expanded, params.flat())).rows
          },
        }
        const recorded = await amazon.recordVendorAcknowledgement(po.id, { lines: THREE_ANSWERS })
        // The sender "dies" at the named point: nothing after it runs (in-process stand-in for SIGKILL).
        const kill = jest.spyOn(process, "kill").mockImplementation(((pid: number, signal?: string) => {
          if (pid === process.pid && signal === "SIGKILL") throw new Error(`killed at ${point}`)
          return true
        }) as any)
        process.env.AMAZON_PLUGIN_CRASH_AT = point
        try {
          const [claimed] = await outbox.claimPendingAcknowledgements(sql, [recorded.id])
          expect(claimed.id).toBe(recorded.id)
          await expect(outbox.sendClaimedAcknowledgement(sql, await amazon.clientForAccount(account.id), claimed)).rejects.toThrow(`killed at ${point}`)
        } finally {
          delete process.env.AMAZON_PLUGIN_CRASH_AT
          kill.mockRestore()
        }
        expect(acknowledgementRequests()).toHaveLength(point === "before-submit-acknowledgement" ? 0 : 1)
        // The restarted process's job settles the dead claim, sends what never left, reads the result.
        await settleAcknowledgements()
        await settleAcknowledgements()
        expect(acknowledgementRequests()).toHaveLength(1)
        const shown = await purchaseOrderPage()
        expect(shown.acknowledgements).toHaveLength(1)
        expect(shown.acknowledgements[0].status).toBe("accepted")
        expect(simulator.vendor.requirePurchaseOrder(PO).state).toBe("Acknowledged")
      }
    )
  },
})
