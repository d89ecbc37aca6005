import path from "node:path"
import { amazonIntegrationTestRunner } from "../helpers/medusa-runner"
import type { MedusaContainer } from "@medusajs/framework/types"
import { startSimulator, DEFAULT_VENDOR_CODE, type SimPurchaseOrderSeed } from "../../simulator"
import { createAdminHeaders } from "../helpers/admin"
import { expectTrafficConformsToAmazonModels } from "../helpers/conformance"
import { seedStore, type SeededStore } from "../helpers/seed-store"
import { accountForSimulator } from "../helpers/simulator-account"
import { pdfPageTexts } from "../../test-utils/pdf-text"

jest.setTimeout(180 * 1000)

/* eslint-disable @typescript-eslint/no-var-requires */
const { processVendorAcknowledgementsWorkflow } = require("medusa-plugin-amazon/workflows")
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

    it("a shipment of 2 pallets with 5 cartons over two POs passes, reaches Amazon once with valid SSCCs, and its labels show the same SSCCs and contents", async () => {
      await importAndAcknowledge()
      const before = await api.get(`/admin/amazon/vendor/shippable?account_id=${account.id}`, admin)
      const shippableLines = (response: any) =>
        response.data.purchase_orders.flatMap((po: any) => po.lines.map((line: any) => [po.purchase_order_number, po.ship_to_party_id, line.item_sequence_number, line.accepted_eaches, line.shipped_eaches, line.left_eaches]))
      expect(shippableLines(before).sort()).toEqual([
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
