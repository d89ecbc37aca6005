import { crashAt as crashAtPoint, crashTestBed } from "../helpers/crash-app"
import { adminLogin, adminRequest, startMedusaApp, type RunningApp } from "../../dev/medusa-app"
import { DEFAULT_SELLER } from "../../simulator"
import { accountForSimulator } from "../helpers/simulator-account"
import { catalogueItems, US, usOrderSeed, waitFor } from "../helpers/sim-orders"
import { expectTrafficConformsToAmazonModels } from "../helpers/conformance"

/**
 * A seller cancellation through real crashes: the Medusa process is killed (SIGKILL, through the plugin's
 * AMAZON_PLUGIN_CRASH_AT hook) at every point of the feed queue in turn — after the batch was claimed, after
 * the feed document was created, after the upload, after createFeed (its answer lost), after the processing
 * report was read, after Medusa's order was cancelled — each time a new process takes over on the same database.
 * At the end Amazon holds exactly one feed with the cancellation, the Medusa order is cancelled once, and the
 * message reads accepted.
 */
jest.setTimeout(10 * 60 * 1000)

const ADMIN = { email: "feed-crash-admin@amazon-plugin.test", password: "feed-crash-password" }
const CRASH_POINTS = ["after-claim", "after-create-feed-document", "after-upload", "after-create-feed", "after-result", "after-feed-cancel-order"] as const


const TWO_LINES = catalogueItems([{ sku: "AMZ-MUG-01", quantity: 1, shippingPrice: 4.99, shippingTax: 0.41 }, { sku: "AMZ-TSHIRT-M", quantity: 1 }])

describe("feed queue through crashes", () => {
  const bed = crashTestBed("feed_crash", ADMIN, {
    // The job that finds what a dead process left: every two seconds here, every minute by default.
    AMAZON_FEEDS_SCHEDULE: "*/2 * * * * *",
  })
  const { env } = bed

  const crashAt = (point: string, act?: (running: RunningApp) => Promise<void>) => crashAtPoint(env, point, act)

  async function state() {
    const { rows: submissions } = await bed.db.query(`select id, status, amazon_feed_id, feed_document_id from amazon_feed_submission order by created_at`)
    const { rows: messages } = await bed.db.query(`select id, status, submission_id, medusa_applied_at from amazon_feed_message order by created_at`)
    return { submissions, messages }
  }

  /** A dead worker's lease is taken over once it is old: as if the restart came that much later. */
  async function ageLeases() {
    await bed.db.query(`update amazon_feed_submission set claimed_at = now() - interval '1 hour' where claimed_at is not null`)
    await bed.db.query(`update amazon_feed_message set medusa_apply_claimed_at = now() - interval '1 hour' where medusa_apply_claimed_at is not null`)
  }

  const count = (pattern: RegExp, method: string) => bed.simulator.requests().filter((request) => request.method === method && pattern.test(request.path)).length

  it("killed at every step between queueing a cancellation and Medusa following Amazon's answer, restarted processes send one feed and cancel the order once", async () => {
    const amazonId = "111-4400000-0000001"
    bed.simulator.seedOrders([usOrderSeed(amazonId, bed.simulator.now(), TWO_LINES)])
    let orderId = ""

    await crashAt(CRASH_POINTS[0], async (running) => {
      const token = await adminLogin(running.url, ADMIN.email, ADMIN.password)
      const { account } = await adminRequest(running.url, token, "POST", "/admin/amazon/accounts", accountForSimulator(bed.simulator.url, { marketplace_ids: [US], import_orders: false, seller_id: DEFAULT_SELLER.sellerId }))
      await adminRequest(running.url, token, "POST", `/admin/amazon/accounts/${account.id}/sync`)
      const imported = await waitFor(
        "the import",
        async () => (await adminRequest(running.url, token, "GET", "/admin/amazon/orders?limit=5")).amazon_orders as any[],
        (orders) => orders.some((order) => order.amazon_order_id === amazonId && order.order?.id && order.import_state === "imported"),
        60_000
      )
      orderId = imported.find((order) => order.amazon_order_id === amazonId).order.id
      // Answered 202 at once; the subscriber claims the batch and the process dies right after.
      await adminRequest(running.url, token, "POST", `/admin/orders/${orderId}/amazon/cancel`, { reason: "ShippingAddressUndeliverable" })
    })
    expect(await state()).toMatchObject({ submissions: [{ status: "claimed", amazon_feed_id: null }], messages: [{ status: "batched" }] })
    expect(count(/^\/feeds\/2021-06-30\/documents$/, "POST")).toBe(0)

    const expected: Record<string, string> = {
      "after-create-feed-document": "claimed",
      "after-upload": "claimed",
      "after-create-feed": "creating",
      "after-result": "submitted",
      "after-feed-cancel-order": "done",
    }
    for (const point of CRASH_POINTS.slice(1)) {
      await ageLeases()
      await crashAt(point)
      const { submissions } = await state()
      expect(submissions.map((row: any) => row.status)).toEqual([expected[point]])
    }
    // createFeed reached Amazon once, from the process killed before it could record the answer.
    expect(count(/^\/feeds\/2021-06-30\/feeds$/, "POST")).toBe(1)

    await ageLeases()
    bed.app = await startMedusaApp(env, { timeoutMs: 4 * 60 * 1000 })
    const settled = await waitFor("the last process", state, ({ messages }) => !!messages[0]?.medusa_applied_at, 60_000)
    expect(settled.submissions).toMatchObject([{ status: "done", amazon_feed_id: expect.any(String) }])
    expect(settled.messages).toMatchObject([{ status: "accepted" }])

    // Amazon: one feed, with the cancellation; documents were made three times (dropped ones are harmless).
    const feeds = bed.simulator.listFeeds()
    expect(feeds).toHaveLength(1)
    expect(feeds[0].feedId).toBe(settled.submissions[0].amazon_feed_id)
    expect(count(/^\/feeds\/2021-06-30\/feeds$/, "POST")).toBe(1)
    expect(count(/^\/feeds\/2021-06-30\/documents$/, "POST")).toBe(3)
    expect(bed.simulator.getOrderSnapshot(amazonId)!.status).toBe("CANCELLED")
    expect(Object.values(bed.simulator.getOrderSnapshot(amazonId)!.sellerCancellation!.reasons)).toEqual(["ShippingAddressUndeliverable", "ShippingAddressUndeliverable"])

    // Medusa: the order cancelled once (one cancel change), its payment canceled.
    const { rows: orders } = await bed.db.query(`select status from "order" where id = $1`, [orderId])
    expect(orders[0].status).toBe("canceled")
    const { rows: payments } = await bed.db.query(
      `select p.canceled_at from payment p join order_payment_collection opc on opc.payment_collection_id = p.payment_collection_id where opc.order_id = $1`,
      [orderId]
    )
    expect(payments).toHaveLength(1)
    expect(payments[0].canceled_at).not.toBeNull()
    // getFeeds (the lost answer's search) and every other call had the exact shape of Amazon's models.
    expect(count(/^\/feeds\/2021-06-30\/feeds$/, "GET")).toBe(1)
    expectTrafficConformsToAmazonModels(bed.simulator)
  })
})
