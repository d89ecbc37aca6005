import { adminLogin, adminRequest, startMedusaApp, type RunningApp } from "../../dev/medusa-app"
import { DEFAULT_VENDOR_CODE } from "../../simulator"
import { crashAt as crashAppAt, crashTestBed } from "../helpers/crash-app"
import { waitFor } from "../helpers/sim-orders"
import { accountForSimulator } from "../helpers/simulator-account"
import { expectTrafficConformsToAmazonModels } from "../helpers/conformance"

/**
 * A vendor shipment (ASN) over two POs through real crashes: the Medusa process is killed (SIGKILL, through the
 * plugin's AMAZON_PLUGIN_CRASH_AT hook) before SubmitShipmentConfirmations, after it (Amazon's answer lost), and after
 * the first order's fulfilment was written but before it was shipped and recorded done; each time a new process takes
 * over on the same database. Amazon receives the ASN once; the shipment whose answer was lost says its fate is
 * unknown and is never resent on its own; once the merchant records that Vendor Central has it, each order gets
 * exactly one fulfilment of the shipped eaches and stock leaves the warehouse once.
 */
jest.setTimeout(12 * 60 * 1000)

const ADMIN = { email: "vendor-shipment-crash-admin@amazon-plugin.test", password: "vendor-shipment-crash-password" }
const ASN_PATH = "/vendor/shipping/v1/shipmentConfirmations"
const PO_A = "PO7801SA"
const PO_B = "PO7802SB"

describe("vendor shipment and its fulfilments through crashes", () => {
  const bed = crashTestBed("vendor_shipment_crash", ADMIN, {
    // The jobs that settle what a dead process left: every two seconds here, every minute by default.
    AMAZON_VENDOR_ACKNOWLEDGEMENTS_SCHEDULE: "*/2 * * * * *",
    AMAZON_VENDOR_SHIPMENTS_SCHEDULE: "*/2 * * * * *",
  })
  const { env } = bed

  const crashAt = (point: string, act?: (running: RunningApp) => Promise<void>) => crashAppAt(env, point, act)
  const asnsSent = () => bed.simulator.requests().filter((entry) => entry.method === "POST" && entry.path === ASN_PATH).length

  /** A dead worker's claim is taken over once it is old: as if the restart came that much later. */
  async function ageClaims() {
    await bed.db.query(`update amazon_vendor_shipment set claimed_at = now() - interval '1 hour' where claimed_at is not null`)
    await bed.db.query(`update amazon_vendor_shipment_fulfillment set claimed_at = now() - interval '1 hour' where claimed_at is not null`)
  }

  async function stock(): Promise<Record<string, { stocked: number; reserved: number }>> {
    const { rows } = await bed.db.query(
      `select ii.sku, l.stocked_quantity, l.reserved_quantity from inventory_level l join inventory_item ii on ii.id = l.inventory_item_id
       join amazon_account a on a.stock_location_id = l.location_id where l.deleted_at is null and ii.sku in ('AMZ-MUG-01', 'AMZ-POSTER-A2')`
    )
    return Object.fromEntries(rows.map((row: any) => [row.sku, { stocked: Number(row.stocked_quantity), reserved: Number(row.reserved_quantity) }]))
  }

  async function state() {
    const { rows: shipments } = await bed.db.query(`select id, status, send_attempted_at, message from amazon_vendor_shipment where deleted_at is null`)
    const { rows: intents } = await bed.db.query(`select status from amazon_vendor_shipment_fulfillment where deleted_at is null order by status`)
    const { rows: fulfillments } = await bed.db.query(
      `select po.purchase_order_number, f.metadata->>'amazon_vendor_shipment_id' as shipment_id, f.shipped_at is not null as shipped,
         (select coalesce(sum(fi.quantity), 0) from fulfillment_item fi where fi.fulfillment_id = f.id and fi.deleted_at is null) as quantity
       from order_fulfillment of join fulfillment f on f.id = of.fulfillment_id
       join amazon_vendor_purchase_order po on po.order_id = of.order_id
       where of.deleted_at is null and f.deleted_at is null and f.canceled_at is null order by po.purchase_order_number`
    )
    const { rows: reservations } = await bed.db.query(
      // order_item has a row per order version: one reservation is counted once.
      `select distinct r.id, po.purchase_order_number, r.quantity from reservation_item r join order_item oi on oi.item_id = r.line_item_id
       join amazon_vendor_purchase_order po on po.order_id = oi.order_id where r.deleted_at is null order by po.purchase_order_number, r.quantity`
    )
    return {
      shipments,
      intents: intents.map((row: any) => row.status),
      fulfillments: fulfillments.map((row: any) => ({ po: row.purchase_order_number, shipment_id: row.shipment_id, shipped: row.shipped, quantity: Number(row.quantity) })),
      reservations: reservations.map((row: any) => [row.purchase_order_number, Number(row.quantity)]),
    }
  }

  it("killed around SubmitShipmentConfirmations and between fulfilment and shipment, restarted processes send one ASN and fulfil each order once", async () => {
    bed.simulator.vendor.processingMs = 0
    bed.simulator.vendor.seedPurchaseOrders([
      { purchaseOrderNumber: PO_A, shipToPartyId: "ABE2", items: [{ asin: "B0MUG00001", vendorProductId: "AMZ-MUG-01", quantity: 10, netCost: "4.05" }] },
      { purchaseOrderNumber: PO_B, shipToPartyId: "ABE2", items: [{ asin: "B0POSTER01", vendorProductId: "AMZ-POSTER-A2", quantity: 6, netCost: "3.10" }] },
    ])
    const { rows: locations } = await bed.db.query(`select id from stock_location where deleted_at is null order by created_at limit 1`)
    const { rows: options } = await bed.db.query(`select id from shipping_option where deleted_at is null order by created_at limit 1`)

    // A healthy process: account, import, both POs accepted, their orders made (the job), the shipment built.
    bed.app = await startMedusaApp(env, { timeoutMs: 4 * 60 * 1000 })
    let token = await adminLogin(bed.app.url, ADMIN.email, ADMIN.password)
    const { account } = await adminRequest(
      bed.app.url,
      token,
      "POST",
      "/admin/amazon/accounts",
      accountForSimulator(bed.simulator.url, {
        name: "Vendor",
        kind: "vendor",
        marketplace_ids: [],
        vendor_codes: [DEFAULT_VENDOR_CODE],
        stock_location_id: locations[0].id,
        shipping_option_id: options[0].id,
        gs1_company_prefix: "0614141",
        vendor_ship_from_party_id: "WHSE01",
      })
    )
    await adminRequest(bed.app.url, token, "POST", `/admin/amazon/accounts/${account.id}/vendor-import`)
    const pos = await waitFor(
      "the import",
      async () => (await adminRequest(bed.app!.url, token, "GET", `/admin/amazon/vendor/purchase-orders?account_id=${account.id}`)).purchase_orders as any[],
      (rows) => rows.length === 2,
      60_000
    )
    for (const po of pos) {
      const quantity = po.purchase_order_number === PO_A ? 10 : 6
      await adminRequest(bed.app.url, token, "POST", `/admin/amazon/vendor/purchase-orders/${po.id}/acknowledge`, { lines: [{ item_sequence_number: "1", answers: [{ code: "Accepted", quantity }] }] })
    }
    await waitFor(
      "both orders",
      async () => (await bed.db.query(`select count(*) as made from amazon_vendor_purchase_order where order_placed_emitted_at is not null`)).rows[0].made,
      (made) => Number(made) === 2,
      60_000
    )
    const { shipment } = await adminRequest(bed.app.url, token, "POST", "/admin/amazon/vendor/shipments", {
      account_id: account.id,
      carrier_scac: "UPSN",
      cartons: [
        { reference: "C1", weight: { value: 4, unit: "Kg" }, tracking_number: "1ZCRASH0001", items: [{ purchase_order_number: PO_A, item_sequence_number: "1", quantity: 6 }] },
        { reference: "C2", weight: { value: 3, unit: "Kg" }, tracking_number: "1ZCRASH0002", items: [{ purchase_order_number: PO_B, item_sequence_number: "1", quantity: 6 }] },
      ],
    })
    await bed.app.stop()
    bed.app = undefined
    const before = await stock()
    expect(await state()).toMatchObject({ reservations: [[PO_A, 10], [PO_B, 6]], fulfillments: [] })

    // Killed between the claim and the call: Amazon got nothing.
    await crashAt("before-submit-shipment-confirmation", async (running) => {
      const crashToken = await adminLogin(running.url, ADMIN.email, ADMIN.password)
      await adminRequest(running.url, crashToken, "POST", `/admin/amazon/vendor/shipments/${shipment.id}/submit`)
    })
    expect(asnsSent()).toBe(0)
    expect((await state()).shipments).toMatchObject([{ status: "sending", send_attempted_at: null }])

    // The next process's job finds a claim whose call never began: back to pending, sent; killed before the answer is stored.
    await ageClaims()
    await crashAt("after-submit-shipment-confirmation")
    expect(asnsSent()).toBe(1)
    expect((await state()).shipments).toMatchObject([{ status: "sending", send_attempted_at: expect.any(Date) }])

    // Amazon may have it and cannot be asked without the lost transaction id: "unknown", never resent. The merchant
    // finds it in Vendor Central and records that; the fulfilment sweep is killed after the first order's fulfilment.
    await ageClaims()
    await crashAt("after-vendor-fulfillment", async (running) => {
      const crashToken = await adminLogin(running.url, ADMIN.email, ADMIN.password)
      const unknown = await waitFor(
        "the stale claim settled",
        async () => (await adminRequest(running.url, crashToken, "GET", `/admin/amazon/vendor/shipments/${shipment.id}`)).shipment,
        (current: any) => current.status === "unknown",
        60_000
      )
      expect(unknown.message).toContain("it is not sent again automatically")
      expect(unknown.message).toContain("Vendor Central")
      // A few ticks later it is still unknown and nothing more reached Amazon.
      await new Promise((resolve) => setTimeout(resolve, 5000))
      expect((await adminRequest(running.url, crashToken, "GET", `/admin/amazon/vendor/shipments/${shipment.id}`)).shipment.status).toBe("unknown")
      expect(asnsSent()).toBe(1)
      await adminRequest(running.url, crashToken, "POST", `/admin/amazon/vendor/shipments/${shipment.id}/resolve`, { amazon_has_it: true })
    })
    const halfway = await state()
    expect(halfway.shipments).toMatchObject([{ status: "accepted" }])
    expect(halfway.fulfillments).toHaveLength(1)
    expect(halfway.fulfillments[0]).toMatchObject({ shipment_id: shipment.id, shipped: false })
    expect(halfway.intents).toContain("fulfilling")

    // The last process takes the dead worker's claim over, finds its fulfilment by metadata and ships it; the other order is fulfilled.
    await ageClaims()
    bed.app = await startMedusaApp(env, { timeoutMs: 4 * 60 * 1000 })
    const settled = await waitFor("both fulfilments done", state, (current) => current.intents.length === 2 && current.intents.every((status: string) => status === "done"), 60_000)
    expect(settled.fulfillments).toEqual([
      { po: PO_A, shipment_id: shipment.id, shipped: true, quantity: 6 },
      { po: PO_B, shipment_id: shipment.id, shipped: true, quantity: 6 },
    ])
    expect(settled.reservations).toEqual([[PO_A, 4]])
    const after = await stock()
    expect(after["AMZ-MUG-01"]).toEqual({ stocked: before["AMZ-MUG-01"].stocked - 6, reserved: before["AMZ-MUG-01"].reserved - 6 })
    expect(after["AMZ-POSTER-A2"]).toEqual({ stocked: before["AMZ-POSTER-A2"].stocked - 6, reserved: before["AMZ-POSTER-A2"].reserved - 6 })
    token = await adminLogin(bed.app.url, ADMIN.email, ADMIN.password)
    const orderA = (await bed.db.query(`select order_id from amazon_vendor_purchase_order where purchase_order_number = $1`, [PO_A])).rows[0].order_id
    const shown = (await adminRequest(bed.app.url, token, "GET", `/admin/orders/${orderA}?fields=+fulfillment_status`)).order
    expect(shown.fulfillment_status).toBe("partially_shipped")

    // A few more ticks change nothing; Amazon got the ASN once.
    await new Promise((resolve) => setTimeout(resolve, 5000))
    expect(await state()).toEqual(settled)
    expect(await stock()).toEqual(after)
    expect(asnsSent()).toBe(1)
    expectTrafficConformsToAmazonModels(bed.simulator)
  })
})

