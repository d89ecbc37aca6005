import { XMLParser } from "fast-xml-parser"
import { crashAt as crashAtPoint, crashTestBed } from "../helpers/crash-app"
import { adminLogin, adminRequest, startMedusaApp, type RunningApp } from "../../dev/medusa-app"
import { DEFAULT_SELLER } from "../../simulator"
import { accountForSimulator } from "../helpers/simulator-account"
import { catalogueItems, US, usOrderSeed, waitFor } from "../helpers/sim-orders"
import { expectTrafficConformsToAmazonModels } from "../helpers/conformance"

/**
 * Refunds of an Amazon order through real crashes. Medusa's refundPaymentWorkflow commits its refund row, then calls
 * the Amazon payment provider (which queues the adjustment message), then writes the order transaction; the Medusa
 * process is killed (SIGKILL, through AMAZON_PLUGIN_CRASH_AT) right after Medusa committed the refund and right
 * after the provider queued its message, once for a refund from the plugin's dialog
 * (POST /admin/orders/:id/amazon/refund) and once for Medusa's own Refund button (POST /admin/payments/:id/refund)
 * at each point; each time a new process takes over on the same database. At the end Amazon has received exactly
 * one adjustment message per Medusa refund, for that refund's amount (the dialog's lines and components as the
 * merchant entered them), Medusa holds exactly the four refunds, each with its order transaction, and the payment
 * collection counts them.
 */
jest.setTimeout(12 * 60 * 1000)

const ADMIN = { email: "refund-crash-admin@amazon-plugin.test", password: "refund-crash-password" }
const ADJUSTMENT = "POST_PAYMENT_ADJUSTMENT_DATA"
// Mug 12.99 + 1.07 tax + 4.99 shipping + 0.41 shipping tax, shirt 19.99 + 1.65: 41.10, charged by Amazon (shipped).
const ORDER_LINES = catalogueItems([{ sku: "AMZ-MUG-01", quantity: 1, shippingPrice: 4.99, shippingTax: 0.41 }, { sku: "AMZ-TSHIRT-M", quantity: 1 }])

type Refunding = { point: string; how: "dialog" | "button"; amount: number; lines?: Array<{ sku: string; Principal: string }> }
const REFUNDS: Refunding[] = [
  { point: "before-queue-refund-adjustment", how: "dialog", amount: 5, lines: [{ sku: "AMZ-MUG-01", Principal: "5.00" }] },
  { point: "after-queue-refund-adjustment", how: "button", amount: 3 },
  { point: "before-queue-refund-adjustment", how: "button", amount: 2 },
  { point: "after-queue-refund-adjustment", how: "dialog", amount: 4, lines: [{ sku: "AMZ-TSHIRT-M", Principal: "4.00" }] },
]

const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: (name) => ["Message", "AdjustedItem", "Component"].includes(name) })

describe("refunds of Amazon orders through crashes", () => {
  const bed = crashTestBed("refund_crash", ADMIN, {
    // The job that finds what a dead process left: every two seconds here, every minute by default.
    AMAZON_FEEDS_SCHEDULE: "*/2 * * * * *",
  })
  const { env } = bed

  /** Starts a process that must die at `point` while `act` runs as the admin. */
  const crashAt = (point: string, act: (running: RunningApp, token: string) => Promise<void>) =>
    crashAtPoint(env, point, async (running) => act(running, await adminLogin(running.url, ADMIN.email, ADMIN.password)))

  async function refundRows(paymentId: string) {
    const { rows } = await bed.db.query(`select id, amount::float as amount, metadata from refund where payment_id = $1 and deleted_at is null order by created_at`, [paymentId])
    return rows as Array<{ id: string; amount: number; metadata: Record<string, unknown> | null }>
  }
  async function messageRows() {
    const { rows } = await bed.db.query(
      `select m.refund_id, m.status, m.message_id, s.amazon_feed_id from amazon_feed_message m left join amazon_feed_submission s on s.id = m.submission_id
       where m.feed_type = $1 and m.deleted_at is null order by m.created_at`,
      [ADJUSTMENT]
    )
    return rows as Array<{ refund_id: string; status: string; message_id: number | null; amazon_feed_id: string | null }>
  }

  it("killed after Medusa commits a refund and after the adjustment is queued, from the dialog and from the Refund button: one adjustment per refund, four refunds", async () => {
    const amazonId = "111-4500000-0000001"
    bed.simulator.seedOrders([usOrderSeed(amazonId, bed.simulator.now(), ORDER_LINES, { status: "SHIPPED" })])
    const codeOf = (sku: string) => bed.simulator.getOrderSnapshot(amazonId)!.items.find((item) => item.sku === sku)!.orderItemId
    let orderId = ""
    let paymentId = ""

    for (const [index, refund] of REFUNDS.entries()) {
      await crashAt(refund.point, async (running, token) => {
        if (index === 0) {
          const { account } = await adminRequest(running.url, token, "POST", "/admin/amazon/accounts", accountForSimulator(bed.simulator.url, { marketplace_ids: [US], import_orders: false, seller_id: DEFAULT_SELLER.sellerId }))
          await adminRequest(running.url, token, "POST", `/admin/amazon/accounts/${account.id}/sync`)
          const imported = await waitFor(
            "the import",
            async () => (await adminRequest(running.url, token, "GET", "/admin/amazon/orders?limit=5")).amazon_orders as any[],
            (orders) => orders.some((order) => order.amazon_order_id === amazonId && order.order?.id && order.import_state === "imported"),
            60_000
          )
          orderId = imported.find((order) => order.amazon_order_id === amazonId).order.id
          const { order } = await adminRequest(running.url, token, "GET", `/admin/orders/${orderId}?fields=+payment_status,*payment_collections.payments`)
          expect(order.payment_status).toBe("captured")
          paymentId = order.payment_collections[0].payments[0].id
        }
        // The earlier refunds are older than a feed lease by now: this process's job has queued what the last one did not.
        if (refund.how === "dialog") {
          await adminRequest(running.url, token, "POST", `/admin/orders/${orderId}/amazon/refund`, {
            lines: refund.lines!.map((line) => ({ order_item_id: codeOf(line.sku), amounts: { Principal: line.Principal } })),
            reason: "PriceError",
          })
        } else {
          await adminRequest(running.url, token, "POST", `/admin/payments/${paymentId}/refund`, { amount: refund.amount })
        }
      })
      // Medusa committed the refund before the process died, at either point.
      expect((await refundRows(paymentId)).map((row) => row.amount)).toEqual(REFUNDS.slice(0, index + 1).map((done) => done.amount))
      const queued = new Set((await messageRows()).map((row) => row.refund_id))
      const [latest] = (await refundRows(paymentId)).slice(-1)
      expect(queued.has(latest.id)).toBe(refund.point === "after-queue-refund-adjustment")
    }

    bed.app = await startMedusaApp(env, { timeoutMs: 4 * 60 * 1000 })
    const refunds = await refundRows(paymentId)
    const settled = await waitFor(
      "Amazon's answers to the four adjustments",
      messageRows,
      (rows) => rows.length === REFUNDS.length && rows.every((row) => row.status === "accepted"),
      120_000,
      500
    )

    // Medusa: exactly the four refunds, each with one order transaction, all counted by the payment collection.
    expect(refunds.map((row) => row.amount)).toEqual([5, 3, 2, 4])
    const transactions = await waitFor(
      "the refunds' order transactions",
      async () => (await bed.db.query(`select reference_id, amount::float as amount from order_transaction where order_id = $1 and reference = 'refund' and deleted_at is null`, [orderId])).rows,
      (rows: any[]) => rows.length === REFUNDS.length,
      60_000
    )
    expect(Object.fromEntries(transactions.map((row: any) => [row.reference_id, row.amount]))).toEqual(Object.fromEntries(refunds.map((row) => [row.id, -row.amount])))
    const { rows: collections } = await bed.db.query(
      `select pc.refunded_amount::float as refunded, pc.status from payment_collection pc join payment p on p.payment_collection_id = pc.id where p.id = $1`,
      [paymentId]
    )
    expect(collections[0].refunded).toBe(14)
    // Each process died before Medusa's refund workflow wrote its transaction, so also before its credit line: the
    // sweep adds one per refund as that workflow would, and the order shows nothing outstanding.
    // Credit lines are kept per order version: the current version's are the order's.
    const creditLines = await waitFor(
      "the refunds' credit lines",
      async () => (await bed.db.query(
        `select cl.reference_id, cl.amount::float as amount from order_credit_line cl join "order" o on o.id = cl.order_id and cl.version = o.version
         where cl.order_id = $1 and cl.deleted_at is null`, [orderId])).rows,
      (rows: any[]) => rows.length === REFUNDS.length,
      60_000
    )
    expect(Object.fromEntries(creditLines.map((row: any) => [row.reference_id, row.amount]))).toEqual(Object.fromEntries(refunds.map((row) => [row.id, row.amount])))
    const { rows: summaries } = await bed.db.query(
      `select (totals->>'pending_difference')::float as pending from order_summary where order_id = $1 and deleted_at is null order by version desc limit 1`,
      [orderId]
    )
    expect(summaries[0].pending).toBe(0)

    // Amazon: one message per Medusa refund, carrying that refund's amount; the dialog's exactly as entered.
    expect(settled.map((row) => row.refund_id).sort()).toEqual(refunds.map((row) => row.id).sort())
    const feeds = bed.simulator.listFeeds().filter((feed) => feed.feedType === ADJUSTMENT)
    const sentMessages = feeds.flatMap((feed) => (xml.parse(feed.content ?? "").AmazonEnvelope?.Message ?? []).map((message: any) => ({ feedId: feed.feedId, message })))
    expect(sentMessages).toHaveLength(REFUNDS.length)
    for (const [index, refund] of refunds.entries()) {
      const row = settled.find((candidate) => candidate.refund_id === refund.id)!
      const sent = sentMessages.filter((candidate) => candidate.feedId === row.amazon_feed_id && String(candidate.message.MessageID) === String(row.message_id))
      expect(sent).toHaveLength(1)
      const items = (sent[0].message.OrderAdjustment.AdjustedItem as any[]).map((item) => ({
        code: item.AmazonOrderItemCode,
        components: Object.fromEntries((item.ItemPriceAdjustments.Component as any[]).map((component) => [component.Type, component.Amount])),
      }))
      const total = items.flatMap((item) => Object.values(item.components)).reduce((sum: number, amount) => sum + Math.round(Number(amount) * 100), 0)
      expect(total).toBe(Math.round(refund.amount * 100))
      const planned = REFUNDS[index]
      if (planned.lines) expect(items).toEqual(planned.lines.map((line) => ({ code: codeOf(line.sku), components: { Principal: line.Principal } })))
    }
    const refundedAtAmazon = bed.simulator
      .getOrderSnapshot(amazonId)!
      .items.flatMap((item) => Object.values(item.refunded))
      .reduce((sum, amount) => sum + Math.round(Number(amount) * 100), 0)
    expect(refundedAtAmazon).toBe(1400)
    expectTrafficConformsToAmazonModels(bed.simulator)
  })
})
