import { mkdtempSync, readFileSync } from "node:fs"
import os from "node:os"
import path from "node:path"
import { adminLogin, adminRequest, startMedusaApp } from "../../dev/medusa-app"
import { crashTestBed } from "../helpers/crash-app"
import { accountForSimulator } from "../helpers/simulator-account"
import { catalogueItems, US, usOrderSeed, waitFor } from "../helpers/sim-orders"

/**
 * The tracking push through real crashes: a Medusa process is killed (SIGKILL, through the plugin's
 * AMAZON_PLUGIN_CRASH_AT hook) at each point of a shipment confirmation and of its payment capture, a new process
 * starts on the same database, and its retry job finishes the work: one confirmShipment per package at Amazon,
 * every row confirmed, and each package's amount captured once on the order's Amazon payment, with one order
 * transaction per capture, and one payment.captured event per capture.
 */
jest.setTimeout(10 * 60 * 1000)

const ADMIN = { email: "crash-admin@amazon-plugin.test", password: "crash-test-password" }
// The capture points come first: their claims are then the youngest when the restarted process arrives, and no
// later crashing process's retry job is allowed to take them over (and die on another order's capture).
const CRASH_POINTS = [
  "before-capture",
  "after-capture",
  "after-capture-transaction",
  "before-confirm-shipment",
  "after-confirm-shipment",
  "after-record-outcome",
] as const
const CONFIRM_PATH = /^\/orders\/v0\/orders\/([^/]+)\/shipmentConfirmation$/


const TWO_LINES = catalogueItems([{ sku: "AMZ-MUG-01", quantity: 1, shippingPrice: 4.99, shippingTax: 0.41 }, { sku: "AMZ-TSHIRT-M", quantity: 1 }])

describe("tracking push through crashes", () => {
  // Every process's payment.captured events (the test app's subscriber appends each payment id).
  const capturedLog = path.join(mkdtempSync(path.join(os.tmpdir(), "amazon-tracking-crash-")), "payment-captured.log")
  const bed = crashTestBed("tracking_crash", ADMIN, {
    AMAZON_TEST_PAYMENT_CAPTURED_LOG: capturedLog,
  })
  const { env } = bed

  function capturedEvents(paymentId: string) {
    let lines: string[] = []
    try {
      lines = readFileSync(capturedLog, "utf8").split("\n")
    } catch {
      // No event yet: the subscriber creates the file.
    }
    return lines.filter((line) => line === paymentId).length
  }

  /** Waits until each payment has had `count` payment.captured events, then a little longer, to see a late extra one. */
  async function expectCapturedEvents(paymentIds: string[], count: number) {
    await waitFor("the payment.captured events", async () => paymentIds.map(capturedEvents), (counts) => counts.every((seen) => seen >= count), 30_000)
    await new Promise((resolve) => setTimeout(resolve, 2000))
    expect(paymentIds.map(capturedEvents)).toEqual(paymentIds.map(() => count))
  }

  async function start(crashAt = "") {
    bed.app = await startMedusaApp({ ...env, AMAZON_PLUGIN_CRASH_AT: crashAt }, { timeoutMs: 4 * 60 * 1000 })
    return { app: bed.app, token: await adminLogin(bed.app.url, ADMIN.email, ADMIN.password) }
  }

  function confirmations(amazonOrderId: string) {
    return bed.simulator.requests().filter((request) => {
      const match = request.method === "POST" && CONFIRM_PATH.exec(request.path)
      return match && decodeURIComponent(match[1]) === amazonOrderId
    })
  }

  async function pushRows() {
    const { rows } = await bed.db.query(
      `select id, order_id, amazon_order_id, state, attempts, claimed_at, payment_capture_state, payment_capture_id, payment_captured_amount
       from amazon_tracking_push where deleted_at is null and id not like 'amztrk_twoproc_%' order by amazon_order_id, created_at`
    )
    return rows as Array<{
      id: string
      order_id: string
      amazon_order_id: string
      state: string
      attempts: number
      claimed_at: Date | null
      payment_capture_state: string | null
      payment_capture_id: string | null
      payment_captured_amount: string | null
    }>
  }

  /** The order's Amazon payment as Medusa's admin shows it, and its order transactions of type capture. */
  async function paymentOf(url: string, token: string, orderId: string) {
    const { order } = await adminRequest(
      url,
      token,
      "GET",
      `/admin/orders/${orderId}?fields=id,total,+payment_status,+summary,items.id,items.variant_sku,items.total,*payment_collections,*payment_collections.payments,*payment_collections.payments.captures`
    )
    const payments = order.payment_collections.flatMap((collection: any) => collection.payments ?? [])
    expect(payments).toHaveLength(1)
    const { rows } = await bed.db.query(
      `select reference_id, amount from order_transaction where order_id = $1 and reference = 'capture' and deleted_at is null order by created_at`,
      [orderId]
    )
    return {
      order,
      payment_id: payments[0].id as string,
      captures: (payments[0].captures ?? []).map((capture: any) => ({ id: capture.id as string, amount: Number(capture.amount), created_by: capture.created_by as string })),
      transactions: rows.map((row: any) => ({ reference_id: row.reference_id as string, amount: Number(row.amount) })),
    }
  }

  /** Straight from the database: what a crashed process left behind. */
  async function capturesLeft(orderId: string) {
    const { rows: captures } = await bed.db.query(
      `select c.id, c.amount, c.created_by from capture c join payment p on p.id = c.payment_id
       join order_payment_collection opc on opc.payment_collection_id = p.payment_collection_id and opc.deleted_at is null
       where opc.order_id = $1 and c.deleted_at is null`,
      [orderId]
    )
    const { rows: transactions } = await bed.db.query(`select reference_id from order_transaction where order_id = $1 and reference = 'capture' and deleted_at is null`, [orderId])
    return { captures: captures.length, transactions: transactions.length }
  }

  function lineOf(order: any, sku: string) {
    return order.items.find((item: any) => item.variant_sku === sku)
  }

  /** With `mayDie`, the process may be killed before it answers (the push runs while the response is written). */
  async function shipLine(url: string, token: string, orderId: string, lineId: string, locationId: string, trackingNumber: string, mayDie = false) {
    const items = [{ id: lineId, quantity: 1 }]
    const { order: fulfilled } = await adminRequest(url, token, "POST", `/admin/orders/${orderId}/fulfillments?fields=id,fulfillments.id,fulfillments.created_at`, {
      items,
      location_id: locationId,
      no_notification: true,
    })
    const fulfillment = [...fulfilled.fulfillments].sort((a: any, b: any) => String(b.created_at).localeCompare(String(a.created_at)))[0]
    await adminRequest(url, token, "POST", `/admin/orders/${orderId}/fulfillments/${fulfillment.id}/shipments`, {
      items,
      labels: [{ tracking_number: trackingNumber, tracking_url: `https://www.ups.com/track?tracknum=${trackingNumber}`, label_url: "" }],
      no_notification: true,
    }).catch((error) => {
      if (!mayDie || !/fetch failed/.test(String(error?.message))) throw error
    })
  }

  let accountId: string

  it("killed before, during and after confirmShipment and its payment capture, a restarted process confirms and captures every package exactly once", async () => {
    const amazonIds = CRASH_POINTS.map((_, index) => `111-4200000-000000${index + 1}`)
    bed.simulator.seedOrders(amazonIds.map((id) => usOrderSeed(id, bed.simulator.now(), TWO_LINES)))

    let { app: running, token } = await start()
    const { account } = await adminRequest(running.url, token, "POST", "/admin/amazon/accounts", accountForSimulator(bed.simulator.url, { marketplace_ids: [US], import_orders: false }))
    accountId = account.id
    await adminRequest(running.url, token, "POST", `/admin/amazon/accounts/${account.id}/sync`)
    const imported = await waitFor(
      "the import",
      async () => (await adminRequest(running.url, token, "GET", "/admin/amazon/orders?limit=50")).amazon_orders as any[],
      // Imported to the end (payment included) before this process stops: the account imports nothing on its own.
      (orders) => amazonIds.every((id) => orders.some((order) => order.amazon_order_id === id && order.order?.id && order.import_state === "imported")),
      60_000
    )
    const { stock_locations } = await adminRequest(running.url, token, "GET", "/admin/stock-locations")
    const locationId = stock_locations[0].id
    await running.stop()

    const orderIds = amazonIds.map((id) => imported.find((order) => order.amazon_order_id === id).order.id as string)
    for (const [index, point] of CRASH_POINTS.entries()) {
      // As if the crashes came moments apart: the dead capturers' claims stay young until the restart below.
      await bed.db.query(`update amazon_tracking_push set payment_capture_claimed_at = now() where payment_capture_claimed_at is not null`)
      ;({ app: running, token } = await start(point))
      const orderId = orderIds[index]
      const { order } = await adminRequest(running.url, token, "GET", `/admin/orders/${orderId}?fields=id,items.id,items.variant_sku`)
      const exited = new Promise((resolve, reject) => {
        running.process.once("exit", (_code, signal) => resolve(signal))
        setTimeout(() => reject(new Error(`The process was not killed at ${point}`)), 120_000).unref()
      })
      // The first package holds the mug; the shirt ships after the restart.
      await shipLine(running.url, token, orderId, lineOf(order, "AMZ-MUG-01").id, locationId, `1Z999AA1012345679${index}`, true)
      // The subscriber confirms the shipment after the request answered, and the process dies at the crash point.
      expect(await exited).toBe("SIGKILL")
      bed.app = undefined
      // Each capture point kills where it says: before the capture, between the capture and its transaction, after both.
      const left = await capturesLeft(orderId)
      if (point === "before-capture") expect(left).toEqual({ captures: 0, transactions: 0 })
      if (point === "after-capture") expect(left).toEqual({ captures: 1, transactions: 0 })
      if (point === "after-capture-transaction") expect(left).toEqual({ captures: 1, transactions: 1 })
      if (point.startsWith("before-capture") || point.startsWith("after-capture")) {
        expect((await pushRows()).find((row) => row.order_id === orderId)).toMatchObject({ state: "confirmed", payment_capture_state: null })
      }
    }

    expect((await pushRows()).map((row) => row.state)).toEqual(["confirmed", "confirmed", "confirmed", "sent", "sent", "confirmed"])
    expect(amazonIds.map((id) => confirmations(id).length)).toEqual([1, 1, 1, 0, 1, 1])

    // What the retry job of a later process sees once the dead sender's and capturer's claims are old enough to be given up.
    await bed.db.query(`update amazon_tracking_push set claimed_at = now() - interval '20 minutes' where state = 'sent'`)
    await bed.db.query(`update amazon_tracking_push set payment_capture_claimed_at = now() - interval '20 minutes' where payment_capture_claimed_at is not null`)
    ;({ app: running, token } = await start())
    const settled = await waitFor(
      "the retry job",
      pushRows,
      (rows) => rows.length === amazonIds.length && rows.every((row) => row.state === "confirmed" && row.payment_capture_state === "captured"),
      150_000
    )
    expect(settled.map((row) => row.attempts)).toEqual([1, 1, 1, 2, 2, 1])
    for (const id of amazonIds) {
      expect(confirmations(id).map((request) => request.status)).toEqual([204])
      expect(bed.simulator.getOrderSnapshot(id)!.packages).toHaveLength(1)
    }
    // Each payment holds exactly the mug's package: one capture tagged with its push, one transaction for it, and
    // one payment.captured event, also where the process died after the capture and its transaction (the dead
    // run's event was never released, the restarted one's was).
    const paymentIds: string[] = []
    for (const [index, orderId] of orderIds.entries()) {
      const push = settled[index]
      const { order, payment_id, captures, transactions } = await paymentOf(running.url, token, orderId)
      paymentIds.push(payment_id)
      const mugAmount = Number(lineOf(order, "AMZ-MUG-01").total)
      expect(captures).toEqual([{ id: push.payment_capture_id, amount: mugAmount, created_by: `amazon-shipment:${push.id}` }])
      expect(Number(push.payment_captured_amount)).toBe(mugAmount)
      expect(transactions).toEqual([{ reference_id: push.payment_capture_id, amount: mugAmount }])
      expect(order.payment_status).toBe("partially_captured")
      expect(Number(order.summary.paid_total)).toBe(mugAmount)
      expect(Number(order.summary.pending_difference)).toBeCloseTo(Number(order.total) - mugAmount, 2)
    }

    await expectCapturedEvents(paymentIds, 1)

    // The second packages, in the restarted process: each captures the rest of its payment, shipping included.
    for (const [index, orderId] of orderIds.entries()) {
      const { order } = await adminRequest(running.url, token, "GET", `/admin/orders/${orderId}?fields=id,items.id,items.variant_sku`)
      await shipLine(running.url, token, orderId, lineOf(order, "AMZ-TSHIRT-M").id, locationId, `1Z999AA1022345679${index}`)
    }
    const done = await waitFor(
      "the second packages' captures",
      pushRows,
      (rows) => rows.length === 2 * amazonIds.length && rows.every((row) => row.state === "confirmed" && row.payment_capture_state === "captured"),
      120_000
    )
    for (const orderId of orderIds) {
      const { order, captures, transactions } = await paymentOf(running.url, token, orderId)
      const pushes = done.filter((row) => row.order_id === orderId)
      expect(captures.map((capture: any) => capture.created_by).sort()).toEqual(pushes.map((row) => `amazon-shipment:${row.id}`).sort())
      expect(Math.round(captures.reduce((sum: number, capture: any) => sum + capture.amount, 0) * 100) / 100).toBe(Number(order.total))
      expect(transactions.map((transaction: any) => transaction.reference_id).sort()).toEqual(captures.map((capture: any) => capture.id).sort())
      for (const capture of captures) expect(transactions.find((transaction: any) => transaction.reference_id === capture.id)!.amount).toBe(capture.amount)
      expect(order.payment_status).toBe("captured")
      expect(Number(order.summary.paid_total)).toBe(Number(order.total))
      expect(Number(order.summary.pending_difference)).toBe(0)
    }
    await expectCapturedEvents(paymentIds, 2)
  })
  it("two Medusa processes on the in-memory defaults retry the same 60 due confirmations: each is sent exactly once", async () => {
    await bed.app?.stop()
    bed.app = undefined
    const amazonIds = Array.from({ length: 60 }, (_, index) => `111-4300000-${String(index + 1).padStart(7, "0")}`)
    bed.simulator.seedOrders(amazonIds.map((id) => usOrderSeed(id, bed.simulator.now(), TWO_LINES)))
    // Queued while Amazon was unreachable: waiting, due now.
    for (const [index, amazonOrderId] of amazonIds.entries()) {
      const orderItemId = bed.simulator.getOrderSnapshot(amazonOrderId)!.items[0].orderItemId
      const trackingNumber = `1Z999AA1${String(index).padStart(10, "0")}`
      const pkg = {
        marketplaceId: US,
        packageDetail: { packageReferenceId: "1", carrierCode: "UPS", trackingNumber, shipDate: bed.simulator.now().toISOString(), orderItems: [{ orderItemId, quantity: 1 }] },
      }
      // The staged Amazon order each push belongs to (the outbox row references it).
      await bed.db.query(
        `insert into amazon_order (id, amazon_order_id, status, fulfillment_channel, purchase_date, first_seen_at, last_update_date, snapshot, account_id, import_state, created_at, updated_at)
         values ($1, $2, 'UNSHIPPED', 'FBM', now(), now(), now(), '{}'::jsonb, $3, 'imported', now(), now())`,
        [`amzord_twoproc_${index}`, amazonOrderId, accountId]
      )
      await bed.db.query(
        `insert into amazon_tracking_push (id, fulfillment_id, order_id, amazon_order_row_id, amazon_order_id, account_id, marketplace_id, trigger,
           state, package_reference_id, carrier_code, tracking_number, package, items, attempts, next_attempt_at, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, 'shipment', 'waiting', '1', 'UPS', $8, $9, $10, 1, now() - interval '1 minute', now(), now())`,
        [`amztrk_twoproc_${index}`, `ful_twoproc_${index}`, `order_twoproc_${index}`, `amzord_twoproc_${index}`, amazonOrderId, accountId, US, trackingNumber, JSON.stringify(pkg), JSON.stringify([{ order_item_id: orderItemId, quantity: 1 }])]
      )
    }

    const apps = await Promise.all([startMedusaApp(env, { timeoutMs: 4 * 60 * 1000 }), startMedusaApp(env, { timeoutMs: 4 * 60 * 1000 })])
    try {
      const rows = await waitFor(
        "both processes' retry jobs",
        async () => (await bed.db.query(`select id, state, attempts from amazon_tracking_push where id like 'amztrk_twoproc_%'`)).rows as any[],
        (rows) => rows.every((row) => row.state === "confirmed"),
        200_000
      )
      expect(rows).toHaveLength(60)
      for (const row of rows) expect(row.attempts).toBe(2)
      for (const id of amazonIds) expect(confirmations(id).map((request) => request.status)).toEqual([204])
    } finally {
      await Promise.all(apps.map((running) => running.stop()))
    }
  })
})
