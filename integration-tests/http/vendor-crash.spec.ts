import { mkdtempSync, readFileSync, existsSync } from "node:fs"
import os from "node:os"
import path from "node:path"
import { adminLogin, adminRequest, startMedusaApp, type RunningApp } from "../../dev/medusa-app"
import { DEFAULT_VENDOR_CODE } from "../../simulator"
import { crashAt as crashAppAt, crashTestBed } from "../helpers/crash-app"
import { waitFor } from "../helpers/sim-orders"
import { accountForSimulator } from "../helpers/simulator-account"
import { expectTrafficConformsToAmazonModels } from "../helpers/conformance"

/**
 * A vendor PO from acknowledgement to Medusa order through real crashes: the Medusa process is killed (SIGKILL, through
 * the plugin's AMAZON_PLUGIN_CRASH_AT hook) before submitAcknowledgement, after it (Amazon's answer lost), after the
 * order was created, and after its stock was reserved but before order.placed; each time a new process takes over on
 * the same database. At the end Amazon has received exactly one acknowledgement, and the store holds one order with
 * one reservation per line and one order.placed.
 */
jest.setTimeout(10 * 60 * 1000)

const ADMIN = { email: "vendor-crash-admin@amazon-plugin.test", password: "vendor-crash-password" }
const PO = "PO7700CR"
const ACK_PATH = "/vendor/orders/v1/acknowledgements"

describe("vendor acknowledgement and order through crashes", () => {
  const eventLog = path.join(mkdtempSync(path.join(os.tmpdir(), "amazon-vendor-crash-")), "order-placed.log")
  const bed = crashTestBed("vendor_crash", ADMIN, {
    AMAZON_TEST_ORDER_PLACED_LOG: eventLog,
    // The job that settles what a dead process left: every two seconds here, every minute by default.
    AMAZON_VENDOR_ACKNOWLEDGEMENTS_SCHEDULE: "*/2 * * * * *",
  })
  const { env } = bed

  const crashAt = (point: string, act?: (running: RunningApp) => Promise<void>) => crashAppAt(env, point, act)

  /** A dead sender's claim is settled once it is old: as if the restart came that much later. */
  async function ageClaims() {
    await bed.db.query(`update amazon_vendor_acknowledgement set claimed_at = now() - interval '1 hour' where claimed_at is not null`)
  }

  async function state() {
    const { rows: acknowledgements } = await bed.db.query(`select status from amazon_vendor_acknowledgement where deleted_at is null order by created_at`)
    const { rows: pos } = await bed.db.query(`select order_id, order_placed_emitted_at, order_acknowledgement_id from amazon_vendor_purchase_order where purchase_order_number = $1`, [PO])
    const { rows: orders } = await bed.db.query(`select id from "order" where sales_channel_id = 'sc_amazon_vendor' and deleted_at is null`)
    const { rows: reservations } = await bed.db.query(
      `select r.line_item_id, r.quantity from reservation_item r join order_line_item li on li.id = r.line_item_id
       join order_item oi on oi.item_id = li.id where oi.order_id = any($1) and r.deleted_at is null order by r.quantity`,
      [orders.map((order: any) => order.id)]
    )
    return { acknowledgements, po: pos[0], orders, reservations: reservations.map((row: any) => Number(row.quantity)) }
  }

  const acknowledgementsSent = () => bed.simulator.requests().filter((entry) => entry.method === "POST" && entry.path === ACK_PATH).length
  const placedEvents = () => (existsSync(eventLog) ? readFileSync(eventLog, "utf8").split("\n").filter(Boolean) : [])

  it("killed around submitAcknowledgement and around the order's creation, restarted processes send one acknowledgement and make one order", async () => {
    bed.simulator.vendor.processingMs = 0
    bed.simulator.vendor.seedPurchaseOrders([
      {
        purchaseOrderNumber: PO,
        shipToPartyId: "ABE2",
        items: [
          { asin: "B0MUG00001", vendorProductId: "AMZ-MUG-01", quantity: 30, netCost: "4.05", backOrderAllowed: true },
          { asin: "B0POSTER01", vendorProductId: "AMZ-POSTER-A2", quantity: 5, listPrice: "3.10" },
        ],
      },
    ])
    const { rows: locations } = await bed.db.query(`select id from stock_location where deleted_at is null order by created_at limit 1`)

    await crashAt("before-submit-acknowledgement", async (running) => {
      const token = await adminLogin(running.url, ADMIN.email, ADMIN.password)
      const { account } = await adminRequest(
        running.url,
        token,
        "POST",
        "/admin/amazon/accounts",
        accountForSimulator(bed.simulator.url, { name: "Vendor", kind: "vendor", marketplace_ids: [], vendor_codes: [DEFAULT_VENDOR_CODE], stock_location_id: locations[0].id })
      )
      await adminRequest(running.url, token, "POST", `/admin/amazon/accounts/${account.id}/vendor-import`)
      const [po] = await waitFor(
        "the import",
        async () => (await adminRequest(running.url, token, "GET", `/admin/amazon/vendor/purchase-orders?q=${PO}`)).purchase_orders as any[],
        (rows) => rows.length === 1,
        60_000
      )
      await adminRequest(running.url, token, "POST", `/admin/amazon/vendor/purchase-orders/${po.id}/acknowledge`, {
        lines: [
          { item_sequence_number: "1", answers: [{ code: "Accepted", quantity: 24 }, { code: "Backordered", quantity: 6 }] },
          { item_sequence_number: "2", answers: [{ code: "Accepted", quantity: 5 }] },
        ],
      })
    })
    expect(acknowledgementsSent()).toBe(0)
    expect(await state()).toMatchObject({ acknowledgements: [{ status: "sending" }], orders: [] })

    // The next process's job finds the PO still New at Amazon: the claim goes back to pending and is sent; killed after.
    await ageClaims()
    await crashAt("after-submit-acknowledgement")
    expect(acknowledgementsSent()).toBe(1)
    expect(await state()).toMatchObject({ acknowledgements: [{ status: "sending" }], orders: [] })

    // Amazon shows the PO acknowledged: the claim is settled accepted, never resent; the order is made, killed after.
    await ageClaims()
    await crashAt("after-create-vendor-order")
    const made = await state()
    expect(made).toMatchObject({ acknowledgements: [{ status: "accepted" }], orders: [{ id: made.po.order_id }], reservations: [], po: { order_placed_emitted_at: null } })

    // The order is completed, not made again: stock reserved, killed before order.placed.
    await crashAt("before-emit-vendor-order-placed")
    expect(await state()).toMatchObject({ orders: [{ id: made.po.order_id }], reservations: [5, 24], po: { order_placed_emitted_at: null } })
    expect(placedEvents()).toEqual([])

    bed.app = await startMedusaApp(env, { timeoutMs: 4 * 60 * 1000 })
    const settled = await waitFor("the last process", state, (current) => !!current.po.order_placed_emitted_at && !!current.po.order_acknowledgement_id, 60_000)
    expect(settled).toMatchObject({ acknowledgements: [{ status: "accepted" }], orders: [{ id: made.po.order_id }], reservations: [5, 24] })
    // A few more ticks change nothing.
    await new Promise((resolve) => setTimeout(resolve, 5000))
    expect(await state()).toEqual(settled)
    expect(placedEvents()).toEqual([made.po.order_id])
    expect(acknowledgementsSent()).toBe(1)
    expect(bed.simulator.vendor.requirePurchaseOrder(PO).state).toBe("Acknowledged")
    expectTrafficConformsToAmazonModels(bed.simulator)
  })
})
