import path from "node:path"
import { amazonIntegrationTestRunner } from "../helpers/medusa-runner"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { startSimulator, DEFAULT_VENDOR_CODE, type SimPurchaseOrderSeed } from "../../simulator"
import { createAdminHeaders } from "../helpers/admin"
import { expectTrafficConformsToAmazonModels } from "../helpers/conformance"
import { seedStore, type SeededStore } from "../helpers/seed-store"
import { accountForSimulator } from "../helpers/simulator-account"
import { pdfPageTexts } from "../../test-utils/pdf-text"

jest.setTimeout(180 * 1000)

/* eslint-disable @typescript-eslint/no-var-requires */
const { processVendorAcknowledgementsWorkflow, syncVendorPurchaseOrderOrders } = require("medusa-plugin-amazon/workflows")
const { ssccProblem } = require(path.join(__dirname, "../../.medusa/server/src/modules/amazon/vendor/shipments/sscc"))
/* eslint-enable @typescript-eslint/no-var-requires */

const ASN_PATH = "/vendor/shipping/v1/shipmentConfirmations"
const PREFIX = "0614141"

const purchaseOrders = (): SimPurchaseOrderSeed[] => [
  {
    purchaseOrderNumber: "PO5501AA",
    shipToPartyId: "ABE2",
    items: [
      { asin: "B0MUG00001", vendorProductId: "AMZ-MUG-01", quantity: 60, netCost: "4.05" },
      { asin: "B0POSTER01", vendorProductId: "AMZ-POSTER-A2", quantity: 20, netCost: "3.10" },
    ],
  },
  { purchaseOrderNumber: "PO5502BB", shipToPartyId: "ABE2", items: [{ asin: "B0MUG00001", vendorProductId: "AMZ-MUG-01", quantity: 40, netCost: "4.05" }] },
]

const item = (po: string, line: string, quantity: number) => ({ purchase_order_number: po, item_sequence_number: line, quantity })

/** 2 pallets, 5 cartons, two POs: PO5501AA line 1 accepted 50 of 60, line 2 all 20; PO5502BB all 40. */
function twoPallets(accountId: string) {
  return {
    account_id: accountId,
    carrier_scac: "abfs",
    bill_of_lading_number: "BOL-778899",
    shipment_type: "LessThanTruckLoad",
    gross_weight: { value: 410, unit: "Kg" },
    pallets: [
      { reference: "P1", weight: { value: 220, unit: "Kg" }, cartons: ["C1", "C2", "C3"] },
      { reference: "P2", weight: { value: 190, unit: "Kg" }, cartons: ["C4", "C5"] },
    ],
    cartons: [
      { reference: "C1", items: [item("PO5501AA", "1", 25)] },
      { reference: "C2", items: [item("PO5501AA", "1", 25)] },
      { reference: "C3", items: [item("PO5501AA", "2", 20)] },
      { reference: "C4", items: [item("PO5502BB", "1", 20)] },
      { reference: "C5", items: [item("PO5502BB", "1", 20)] },
    ],
  }
}

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
      simulator = await startSimulator({ port: 0, timeScale: 1000 })
      container = getContainer()
      store = await seedStore(container)
      admin = await createAdminHeaders(container)
      const created = await api.post(
        "/admin/amazon/accounts",
        accountForSimulator(simulator.url, {
          name: "Amazon Vendor US",
          kind: "vendor",
          marketplace_ids: [],
          vendor_codes: [DEFAULT_VENDOR_CODE],
          stock_location_id: store.stockLocationId,
          shipping_option_id: store.shippingOptionId,
          gs1_company_prefix: PREFIX,
          vendor_ship_from_party_id: "WHSE01",
        }),
        admin
      )
      account = created.data.account
    })
    afterAll(async () => {
      await simulator?.close()
    })
    beforeEach(() => {
      container = getContainer()
      simulator.vendor.processingMs = 0
    })
    afterEach(() => {
      expectTrafficConformsToAmazonModels(simulator)
    })

    const asnRequests = () => simulator.requests().filter((entry) => entry.method === "POST" && entry.path === ASN_PATH)

    /** The runner empties the plugin's tables between tests: each test imports and acknowledges its POs. */
    async function importAndAcknowledge() {
      simulator.reset()
      simulator.vendor.processingMs = 0
      simulator.vendor.seedPurchaseOrders(purchaseOrders())
      const started = await api.post(`/admin/amazon/accounts/${account.id}/vendor-import`, {}, admin)
      for (;;) {
        const { data } = await api.get(`/admin/amazon/sync-runs/${started.data.sync_run.id}`, admin)
        if (!["running", "waiting"].includes(data.sync_run.status)) break
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      const list = await api.get(`/admin/amazon/vendor/purchase-orders?account_id=${account.id}`, admin)
      const byNumber = Object.fromEntries(list.data.purchase_orders.map((po: any) => [po.purchase_order_number, po]))
      await api.post(
        `/admin/amazon/vendor/purchase-orders/${byNumber.PO5501AA.id}/acknowledge`,
        {
          lines: [
            { item_sequence_number: "1", answers: [{ code: "Accepted", quantity: 50 }, { code: "Rejected", quantity: 10, rejection_reason: "TemporarilyUnavailable" }] },
            { item_sequence_number: "2", answers: [{ code: "Accepted", quantity: 20 }] },
          ],
        },
        admin
      )
      await api.post(`/admin/amazon/vendor/purchase-orders/${byNumber.PO5502BB.id}/acknowledge`, { lines: [{ item_sequence_number: "1", answers: [{ code: "Accepted", quantity: 40 }] }] }, admin)
      await processVendorAcknowledgementsWorkflow(container).run({ input: { stale_after_ms: 0 } })
      await syncVendorPurchaseOrderOrders(container)
      const orderIds: Record<string, string> = {}
      for (const [number, po] of Object.entries<any>(byNumber)) {
        const { data } = await api.get(`/admin/amazon/vendor/purchase-orders/${po.id}`, admin)
        orderIds[number] = data.purchase_order.order_id
        expect(orderIds[number]).toEqual(expect.any(String))
      }
      return orderIds
    }

    /** Stocked and reserved units of the demo SKUs at the vendor account's location. */
    async function stock(): Promise<Record<string, { stocked: number; reserved: number }>> {
      const levels = await container.resolve(Modules.INVENTORY).listInventoryLevels({ location_id: store.stockLocationId })
      const bySku: Record<string, { stocked: number; reserved: number }> = {}
      for (const [sku, ids] of Object.entries(store.variants)) {
        const level = levels.find((candidate: any) => candidate.inventory_item_id === ids.inventoryItemId)!
        bySku[sku] = { stocked: Number(level.stocked_quantity), reserved: Number(level.reserved_quantity) }
      }
      return bySku
    }

    /** The order as the admin shows it: its fulfilments and each item's fulfilled and shipped quantities. */
    async function adminOrder(orderId: string) {
      const { data } = await api.get(`/admin/orders/${orderId}?fields=+fulfillment_status,*fulfillments,*fulfillments.labels,*fulfillments.items,*items,*items.detail`, admin)
      const order = data.order
      return {
        fulfillment_status: order.fulfillment_status,
        fulfillments: order.fulfillments.map((fulfillment: any) => ({
          shipment: fulfillment.metadata?.amazon_vendor_shipment_id,
          shipped: !!fulfillment.shipped_at,
          labels: fulfillment.labels.map((label: any) => label.tracking_number),
        })),
        items: Object.fromEntries(order.items.map((entry: any) => [entry.variant_sku, [Number(entry.quantity), Number(entry.detail.fulfilled_quantity), Number(entry.detail.shipped_quantity)]])),
      }
    }

    async function reservationsOf(orderId: string) {
      const [order] = await container.resolve(Modules.ORDER).listOrders({ id: orderId }, { relations: ["items"] })
      const reservations = await container.resolve(Modules.INVENTORY).listReservationItems({ line_item_id: order.items!.map((entry) => entry.id) })
      return reservations.map((reservation: any) => Number(reservation.quantity)).sort((a: number, b: number) => a - b)
    }

    it("refuses a carton on two pallets, a quantity above what was accepted and a bad check digit, naming the part, and sends nothing", async () => {
      await importAndAcknowledge()
      const body = twoPallets(account.id)
      body.pallets[1].cartons = ["C3", "C4", "C5"]
      body.cartons[0].items = [item("PO5501AA", "1", 30)]
      ;(body.cartons[4] as any).sscc = "00504787440638918555"
      const checked = await api.post("/admin/amazon/vendor/shipments/validate", body, admin)
      expect(checked.data.valid).toBe(false)
      expect(checked.data.problems).toEqual([
        "Carton C3 is on pallet P1 and on pallet P2; a carton can be on one pallet only.",
        "PO PO5501AA line 1 (AMZ-MUG-01): 55 eaches are packed (carton C1 on pallet P1: 30, carton C2 on pallet P1: 25), but Amazon accepted 50 and 0 already shipped, so at most 50 can go; take 5 out.",
        "Carton C5 on pallet P2: SSCC 00504787440638918555 has the check digit 5, but its digits need 4; re-read the label or let the plugin number the container.",
      ])
      const refused = await api.post("/admin/amazon/vendor/shipments", body, admin).catch((error) => error.response)
      expect(refused.status).toBe(400)
      expect(refused.data.message).toContain("Carton C3 is on pallet P1 and on pallet P2")
      expect(refused.data.message).toContain("PO PO5501AA line 1 (AMZ-MUG-01)")
      expect(refused.data.message).toContain("Carton C5 on pallet P2: SSCC 00504787440638918555 has the check digit 5")
      const list = await api.get(`/admin/amazon/vendor/shipments?account_id=${account.id}&status=ready`, admin)
      expect(list.data.shipments).toHaveLength(0)
      expect(asnRequests()).toHaveLength(0)
    })

    it("a shipment of 2 pallets with 5 cartons over two POs passes, reaches Amazon once with valid SSCCs, its labels show the same SSCCs and contents, and both orders show it fulfilled", async () => {
      const orders = await importAndAcknowledge()
      expect(await reservationsOf(orders.PO5501AA)).toEqual([20, 50])
      expect(await reservationsOf(orders.PO5502BB)).toEqual([40])
      const before = await stock()
      const shippableBefore = await api.get(`/admin/amazon/vendor/shippable?account_id=${account.id}`, admin)
      const shippableLines = (response: any) =>
        response.data.purchase_orders.flatMap((po: any) => po.lines.map((line: any) => [po.purchase_order_number, po.ship_to_party_id, line.item_sequence_number, line.accepted_eaches, line.shipped_eaches, line.left_eaches]))
      expect(shippableLines(shippableBefore).sort()).toEqual([
        ["PO5501AA", "ABE2", "1", 50, 0, 50],
        ["PO5501AA", "ABE2", "2", 20, 0, 20],
        ["PO5502BB", "ABE2", "1", 40, 0, 40],
      ])
      const checked = await api.post("/admin/amazon/vendor/shipments/validate", twoPallets(account.id), admin)
      expect(checked.data).toEqual({ valid: true, problems: [] })
      expect(asnRequests()).toHaveLength(0)

      const built = await api.post("/admin/amazon/vendor/shipments", twoPallets(account.id), admin)
      expect(built.status).toBe(201)
      const shipment = built.data.shipment
      expect(shipment).toMatchObject({ status: "ready", ship_to_party_id: "ABE2", ship_from_party_id: "WHSE01", shipment_structure: "PalletizedStandardCase", carrier_scac: "ABFS" })
      const ssccs: string[] = [...shipment.contents.pallets, ...shipment.contents.cartons].map((container: any) => container.sscc)
      expect(ssccs).toHaveLength(7)
      expect(new Set(ssccs).size).toBe(7)
      for (const sscc of ssccs) {
        expect(sscc).toMatch(new RegExp(`^000${PREFIX}\\d{10}$`))
        expect(ssccProblem(sscc)).toBeNull()
      }

      const submitted = await api.post(`/admin/amazon/vendor/shipments/${shipment.id}/submit`, {}, admin)
      expect(submitted.data.shipment).toMatchObject({ status: "processing", transaction_id: expect.any(String) })
      // Submitting again sends nothing more.
      await api.post(`/admin/amazon/vendor/shipments/${shipment.id}/submit`, {}, admin)
      expect(asnRequests()).toHaveLength(1)
      const [asn] = (asnRequests()[0].body as any).shipmentConfirmations
      expect(asn).toMatchObject({
        shipmentIdentifier: shipment.shipment_identifier,
        shipmentConfirmationType: "Original",
        shipmentStructure: "PalletizedStandardCase",
        sellingParty: { partyId: DEFAULT_VENDOR_CODE },
        shipFromParty: { partyId: "WHSE01" },
        shipToParty: { partyId: "ABE2" },
        transportationDetails: { carrierScac: "ABFS", billOfLadingNumber: "BOL-778899" },
        shipmentMeasurements: { palletCount: 2, grossShipmentWeight: { unitOfMeasure: "Kg", value: "410" } },
      })
      expect(asn.shippedItems.map((entry: any) => [entry.itemSequenceNumber, entry.itemDetails.purchaseOrderNumber, entry.vendorProductIdentifier, entry.shippedQuantity.amount])).toEqual([
        ["001", "PO5501AA", "AMZ-MUG-01", 50],
        ["002", "PO5501AA", "AMZ-POSTER-A2", 20],
        ["003", "PO5502BB", "AMZ-MUG-01", 40],
      ])
      const sentSsccs = [...asn.pallets.map((pallet: any) => pallet.palletIdentifiers[0]), ...asn.cartons.map((carton: any) => carton.cartonIdentifiers[0])]
      expect(sentSsccs.map((id: any) => [id.containerIdentificationType, id.containerIdentificationNumber])).toEqual(ssccs.map((sscc) => ["SSCC", sscc]))
      expect(asn.pallets.map((pallet: any) => pallet.cartonReferenceDetails.cartonReferenceNumbers)).toEqual([["001", "002", "003"], ["004", "005"]])

      const refreshed = await api.post(`/admin/amazon/vendor/shipments/${shipment.id}/refresh`, {}, admin)
      expect(refreshed.data.shipment).toMatchObject({ status: "accepted", transaction_status: "Success", message: "Amazon accepted the shipment confirmation." })
      expect(simulator.vendor.receivedShipmentConfirmations()[0]).toMatchObject({ outcome: "Success", errors: [] })

      // Accepted by Amazon: each PO's order has one fulfilment of exactly what this shipment carried, shipped, and the
      // stock left the warehouse (reservations consumed, stocked units down by the shipped eaches).
      expect(await adminOrder(orders.PO5501AA)).toEqual({
        fulfillment_status: "shipped",
        fulfillments: [{ shipment: shipment.id, shipped: true, labels: ["BOL-778899"] }],
        items: { "AMZ-MUG-01": [50, 50, 50], "AMZ-POSTER-A2": [20, 20, 20] },
      })
      expect(await adminOrder(orders.PO5502BB)).toEqual({
        fulfillment_status: "shipped",
        fulfillments: [{ shipment: shipment.id, shipped: true, labels: ["BOL-778899"] }],
        items: { "AMZ-MUG-01": [40, 40, 40] },
      })
      expect(await reservationsOf(orders.PO5501AA)).toEqual([])
      expect(await reservationsOf(orders.PO5502BB)).toEqual([])
      const after = await stock()
      expect(after["AMZ-MUG-01"]).toEqual({ stocked: before["AMZ-MUG-01"].stocked - 90, reserved: before["AMZ-MUG-01"].reserved - 90 })
      expect(after["AMZ-POSTER-A2"]).toEqual({ stocked: before["AMZ-POSTER-A2"].stocked - 20, reserved: before["AMZ-POSTER-A2"].reserved - 20 })
      const shown = (await api.get(`/admin/amazon/vendor/shipments/${shipment.id}`, admin)).data.shipment
      expect(shown.fulfillments.map((entry: any) => [entry.order_id, entry.status, entry.fulfillment_id])).toEqual(
        expect.arrayContaining([
          [orders.PO5501AA, "done", expect.stringMatching(/^ful_/)],
          [orders.PO5502BB, "done", expect.stringMatching(/^ful_/)],
        ])
      )
      expect(shown.fulfillments[0].message).toMatch(/^Shipment ASN\w+ is fulfilment ful_\w+ of order #\d+, shipped\.$/)
      // Refreshing (or the job) again writes no second fulfilment.
      await api.post(`/admin/amazon/vendor/shipments/${shipment.id}/refresh`, {}, admin)
      expect((await adminOrder(orders.PO5501AA)).fulfillments).toHaveLength(1)
      expect(await stock()).toEqual(after)

      const labels = await api.get(`/admin/amazon/vendor/shipments/${shipment.id}/labels.pdf`, { ...admin, responseType: "arraybuffer" })
      expect(labels.headers["content-type"]).toBe("application/pdf")
      const pages = await pdfPageTexts(new Uint8Array(labels.data))
      expect(pages).toHaveLength(7)
      pages.forEach((page, index) => {
        const sscc = ssccs[index]
        expect(page).toContain(`(00) ${sscc[2]} ${PREFIX} ${sscc.slice(10, 19)} ${sscc[19]}`)
        expect(page).toContain("SHIP TO: AMAZON ABE2")
        expect(page).toContain("CARRIER: ABFS   BOL: BOL-778899")
      })
      expect(pages[0]).toContain("PO PO5501AA  AMZ-MUG-01  QTY 50")
      expect(pages[0]).toContain("PO PO5501AA  AMZ-POSTER-A2  QTY 20")
      expect(pages[1]).toContain("PO PO5502BB  AMZ-MUG-01  QTY 40")
      expect(pages[2]).toContain("CARTON C1  (1 of 5)  ON PALLET P1")
      expect(pages[2]).toContain("PO PO5501AA  AMZ-MUG-01  QTY 25")
      expect(pages[6]).toContain("CARTON C5  (5 of 5)  ON PALLET P2")
      expect(pages[6]).toContain("PO PO5502BB  AMZ-MUG-01  QTY 20")

      // What shipped counts: the same quantities cannot go again, and a new shipment gets new SSCCs.
      const again = await api.post("/admin/amazon/vendor/shipments/validate", twoPallets(account.id), admin)
      expect(again.data.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^PO PO5502BB line 1 \(AMZ-MUG-01\): 40 eaches are packed .* Amazon accepted 40 and 40 already shipped, so at most 0 can go/)]))
      const list = await api.get(`/admin/amazon/vendor/shipments?account_id=${account.id}`, admin)
      expect(list.data.shipments.map((entry: any) => [entry.id, entry.status])).toEqual([[shipment.id, "accepted"]])
      // The builder's list of what is left: every accepted each went in this shipment.
      const ofPo = async (number: string) => (await api.get(`/admin/amazon/vendor/shipments?purchase_order_number=${number}`, admin)).data.shipments.map((entry: any) => entry.id)
      expect(await ofPo("PO5502BB")).toEqual([shipment.id])
      expect(await ofPo("PO9999ZZ")).toEqual([])
      const shippable = await api.get(`/admin/amazon/vendor/shippable?account_id=${account.id}`, admin)
      expect(shippable.data.purchase_orders).toEqual([])
    })

    it("a parcel shipment of part of two POs fulfils part of each order: partially shipped, the rest still reserved", async () => {
      const orders = await importAndAcknowledge()
      const before = await stock()
      const built = await api.post(
        "/admin/amazon/vendor/shipments",
        {
          account_id: account.id,
          carrier_scac: "UPSN",
          cartons: [
            { reference: "C1", weight: { value: 3, unit: "Kg" }, tracking_number: "1ZPART0001", items: [item("PO5501AA", "2", 5)] },
            { reference: "C2", weight: { value: 3, unit: "Kg" }, tracking_number: "1ZPART0002", items: [item("PO5502BB", "1", 12)] },
          ],
        },
        admin
      )
      const shipment = built.data.shipment
      await api.post(`/admin/amazon/vendor/shipments/${shipment.id}/submit`, {}, admin)
      // Processing: nothing is fulfilled before Amazon accepts.
      expect((await adminOrder(orders.PO5502BB)).fulfillments).toEqual([])
      await api.post(`/admin/amazon/vendor/shipments/${shipment.id}/refresh`, {}, admin)
      expect(await adminOrder(orders.PO5501AA)).toEqual({
        fulfillment_status: "partially_shipped",
        fulfillments: [{ shipment: shipment.id, shipped: true, labels: ["1ZPART0001", "1ZPART0002"] }],
        items: { "AMZ-MUG-01": [50, 0, 0], "AMZ-POSTER-A2": [20, 5, 5] },
      })
      expect(await adminOrder(orders.PO5502BB)).toMatchObject({ fulfillment_status: "partially_shipped", items: { "AMZ-MUG-01": [40, 12, 12] } })
      expect(await reservationsOf(orders.PO5501AA)).toEqual([15, 50])
      expect(await reservationsOf(orders.PO5502BB)).toEqual([28])
      const after = await stock()
      expect(after["AMZ-MUG-01"]).toEqual({ stocked: before["AMZ-MUG-01"].stocked - 12, reserved: before["AMZ-MUG-01"].reserved - 12 })
      expect(after["AMZ-POSTER-A2"]).toEqual({ stocked: before["AMZ-POSTER-A2"].stocked - 5, reserved: before["AMZ-POSTER-A2"].reserved - 5 })
    })

    it("without a shipping option the accepted shipment waits with a sentence saying what to do, and is fulfilled once one is chosen", async () => {
      await api.post(`/admin/amazon/accounts/${account.id}`, { shipping_option_id: null }, admin)
      try {
        const orders = await importAndAcknowledge()
        const built = await api.post(
          "/admin/amazon/vendor/shipments",
          { account_id: account.id, carrier_scac: "UPSN", cartons: [{ reference: "C1", weight: { value: 3, unit: "Kg" }, tracking_number: "1ZWAIT0001", items: [item("PO5502BB", "1", 4)] }] },
          admin
        )
        const shipment = built.data.shipment
        await api.post(`/admin/amazon/vendor/shipments/${shipment.id}/submit`, {}, admin)
        await api.post(`/admin/amazon/vendor/shipments/${shipment.id}/refresh`, {}, admin)
        const waiting = (await api.get(`/admin/amazon/vendor/shipments/${shipment.id}`, admin)).data.shipment
        expect(waiting.status).toBe("accepted")
        expect(waiting.fulfillments).toEqual([expect.objectContaining({ order_id: orders.PO5502BB, status: "pending", fulfillment_id: null, message: expect.stringContaining("Choose the shipping option") })])
        expect((await adminOrder(orders.PO5502BB)).fulfillments).toEqual([])

        await api.post(`/admin/amazon/accounts/${account.id}`, { shipping_option_id: store.shippingOptionId }, admin)
        await api.post(`/admin/amazon/vendor/shipments/${shipment.id}/refresh`, {}, admin)
        expect(await adminOrder(orders.PO5502BB)).toMatchObject({ fulfillment_status: "partially_shipped", fulfillments: [{ shipment: shipment.id, shipped: true, labels: ["1ZWAIT0001"] }] })
        expect((await api.get(`/admin/amazon/vendor/shipments/${shipment.id}`, admin)).data.shipment.fulfillments).toEqual([expect.objectContaining({ status: "done" })])
      } finally {
        await api.post(`/admin/amazon/accounts/${account.id}`, { shipping_option_id: store.shippingOptionId }, admin)
      }
    })

    it("shipments built at the same time never share an SSCC (one atomic counter per account)", async () => {
      await importAndAcknowledge()
      const parcel = (index: number) => ({
        account_id: account.id,
        carrier_scac: "UPSN",
        cartons: [1, 2].map((n) => ({ reference: `C${n}`, weight: { value: 2, unit: "Kg" }, tracking_number: `1Z${index}${n}`, items: [item("PO5502BB", "1", 1)] })),
      })
      const built = await Promise.all([0, 1, 2, 3, 4].map((index) => api.post("/admin/amazon/vendor/shipments", parcel(index), admin)))
      const ssccs = built.flatMap((response) => response.data.shipment.contents.cartons.map((carton: any) => carton.sscc))
      expect(ssccs).toHaveLength(10)
      expect(new Set(ssccs).size).toBe(10)
      for (const sscc of ssccs) expect(ssccProblem(sscc)).toBeNull()
      // Serials are handed out without gaps or overlaps: ten consecutive serials of the prefix.
      const serials = ssccs.map((sscc: string) => Number(sscc.slice(10, 19))).sort((a: number, b: number) => a - b)
      expect(serials).toEqual(serials.map((_: number, index: number) => serials[0] + index))
      expect(new Set(built.map((response) => response.data.shipment.shipment_identifier)).size).toBe(5)
      expect(built[0].data.shipment).toMatchObject({ shipment_structure: "LooseStandardCase", shipment_type: "SmallParcel", status: "ready" })
      expect(asnRequests()).toHaveLength(0)
    })
  },
})
