import path from "node:path"
import { amazonIntegrationTestRunner } from "../helpers/medusa-runner"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { DEFAULT_SELLER, startSimulator } from "../../simulator"
import { expectTrafficConformsToAmazonModels } from "../helpers/conformance"
import { createAdminHeaders } from "../helpers/admin"
import { seedStore, type SeededStore } from "../helpers/seed-store"
import { createStoreAccount } from "../helpers/simulator-account"
import { medusaOrderOf, shipWholeOrder, usMerchantOrder, US_MARKETPLACE, waitFor, type SimItem } from "../helpers/amazon-orders"

// 500 s between feeds, divided by the rate-limit time scale (100): 5 s between two feeds of the account.
process.env.AMAZON_FEED_INTERVAL_SECONDS = "500"
jest.setTimeout(240 * 1000)

/* eslint-disable @typescript-eslint/no-var-requires */
const { importAmazonOrders, importAmazonSettlements } = require("medusa-plugin-amazon/workflows")
const { processAmazonFeedsWorkflow } = require("medusa-plugin-amazon/workflows/feeds/process-amazon-feeds")
/* eslint-enable @typescript-eslint/no-var-requires */

const ADJUSTMENT = "POST_PAYMENT_ADJUSTMENT_DATA"
const MUG: SimItem = { asin: "B0CSIMMUG1", title: "Stoneware Coffee Mug 350 ml", sku: "AMZ-MUG-01", quantity: 2, unitPrice: 12.99, unitTax: 1.07, shippingPrice: 4.99, shippingTax: 0.41 }
const SHIRT: SimItem = { asin: "B0CSIMTSHM", title: "Organic Cotton T-Shirt M", sku: "AMZ-TSHIRT-M", quantity: 1, unitPrice: 19.99, unitTax: 1.65 }
// Mug 2 × 12.99 + 2 × 1.07 tax + 4.99 shipping + 0.41 shipping tax = 33.52; shirt 19.99 + 1.65 = 21.64.
const ORDER_TOTAL = 55.16

amazonIntegrationTestRunner({
  cwd: path.join(__dirname, "../app"),
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let simulator: Awaited<ReturnType<typeof startSimulator>>
    let store: SeededStore
    let container: MedusaContainer
    let account: { id: string }
    let admin: { headers: Record<string, string> }

    beforeAll(async () => {
      simulator = await startSimulator({ port: 0, timeScale: 100 })
      container = getContainer()
      store = await seedStore(container)
      account = await createStoreAccount(container, simulator.url, store, { marketplace_ids: [US_MARKETPLACE], seller_id: DEFAULT_SELLER.sellerId })
      admin = await createAdminHeaders(container)
    })
    afterAll(async () => {
      await simulator?.close()
    })
    afterEach(() => {
      expectTrafficConformsToAmazonModels(simulator)
    })

    /** An order with a mug line and a shirt line, imported, shipped and captured. */
    async function shippedOrder(amazonId: string) {
      simulator.seedOrders([usMerchantOrder(simulator, amazonId, [MUG, SHIRT])])
      await importAmazonOrders(container, { account_id: account.id, trigger: "test" })
      const order = await shipWholeOrder(container, store, amazonId, "1Z999AA10123456784")
      const items = simulator.getOrderSnapshot(amazonId)!.items
      return { ...order, mugCode: items.find((item) => item.sku === MUG.sku)!.orderItemId, shirtCode: items.find((item) => item.sku === SHIRT.sku)!.orderItemId }
    }

    async function adminOrder(orderId: string) {
      const { data } = await api.get(`/admin/orders/${orderId}?fields=+payment_status,*payment_collections,*payment_collections.payments`, admin)
      return data.order
    }
    const paymentOf = (order: any) => order.payment_collections[0].payments[0]
    async function refundsInMedusa(orderId: string) {
      const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
        entity: "payment",
        fields: ["id", "refunds.id", "refunds.amount", "refunds.note", "refunds.metadata", "refunds.created_at", "refunds.refund_reason.code", "refunds.refund_reason.label"],
        filters: { id: paymentOf(await adminOrder(orderId)).id },
      })
      return ((data[0] as any).refunds as any[]).sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)))
    }

    async function refundsOf(orderId: string) {
      return (await api.get(`/admin/orders/${orderId}/amazon`, admin)).data.refunds as any[]
    }
    const settled = (rows: any[]) => rows.length > 0 && rows.every((row) => row.status === "accepted" || (row.status === "rejected" && row.medusa_applied_at))

    function adjustmentFeedsNaming(amazonId: string) {
      return simulator.listFeeds().filter((feed) => feed.feedType === ADJUSTMENT && feed.content?.includes(`<AmazonOrderID>${amazonId}</AmazonOrderID>`))
    }
    const refundedAtAmazon = (amazonId: string, code: string) => simulator.getOrderSnapshot(amazonId)!.items.find((item) => item.orderItemId === code)!.refunded

    it("partial refund of one line: Amazon receives an adjustment for exactly that line and component; Medusa shows the refund and the payment partially refunded", async () => {
      const amazonId = "111-7200000-0000001"
      const order = await shippedOrder(amazonId)
      expect((await adminOrder(order.id)).payment_status).toBe("captured")

      const response = await api.post(
        `/admin/orders/${order.id}/amazon/refund`,
        { lines: [{ order_item_id: order.mugCode, amounts: { Principal: "5.00" } }], reason: "PriceError", note: "Price matched for the buyer" },
        admin
      )
      expect(response.status).toBe(202)
      expect(response.data.refund).toMatchObject({ amount: "5.00", reason: "PriceError" })
      expect(["queued", "batched"]).toContain(response.data.adjustment.status)

      const medusa = await adminOrder(order.id)
      expect(medusa.payment_status).toBe("partially_refunded")
      const [refund] = await refundsInMedusa(order.id)
      expect(Number(refund.amount)).toBe(5)
      expect(refund.note).toBe("Price matched for the buyer")
      expect(refund.refund_reason).toMatchObject({ code: "amazon_PriceError", label: "Amazon: Price error" })
      expect(response.data.adjustment.refund_id).toBe(refund.id)

      const [done] = await waitFor("Amazon's answer", () => refundsOf(order.id), settled)
      expect(done).toMatchObject({ status: "accepted", error: null, origin: "admin", cancel_reason: "PriceError" })
      expect(refundedAtAmazon(amazonId, order.mugCode)).toEqual({ Principal: "5.00" })
      expect(refundedAtAmazon(amazonId, order.shirtCode)).toEqual({})
      const [feed] = adjustmentFeedsNaming(amazonId)
      expect(feed.content!.match(/<AdjustedItem>/g)).toHaveLength(1)
      expect(feed.content!.match(/<Component>/g)).toHaveLength(1)
      expect(feed.content).toContain(`<AmazonOrderItemCode>${order.mugCode}</AmazonOrderItemCode>`)
      expect(feed.content).toContain("<AdjustmentReason>PriceError</AdjustmentReason>")
      expect(feed.content).toMatch(/<Type>Principal<\/Type>\s*<Amount currency="USD">5.00<\/Amount>/)
    })

    it("Amazon's next settlement shows the plugin's refund with the ids it sent: it is not recorded again; a refund Amazon made itself on the same order is", async () => {
      const amazonId = "111-7200000-0000006"
      const order = await shippedOrder(amazonId)
      await api.post(`/admin/orders/${order.id}/amazon/refund`, { lines: [{ order_item_id: order.mugCode, amounts: { Principal: "5.00" } }], reason: "PriceError" }, admin)
      await waitFor("Amazon's answer", () => refundsOf(order.id), settled)
      const [feed] = adjustmentFeedsNaming(amazonId)
      const sentId = feed.content!.match(/<MerchantAdjustmentItemID>(MDR[A-Za-z0-9_-]+)<\/MerchantAdjustmentItemID>/)?.[1]
      expect(sentId).toBeDefined()
      // Amazon's customer service refunds the shirt on its own side.
      simulator.refundOrder(amazonId, [{ orderItemId: order.shirtCode, quantity: 1 }])
      simulator.closeSettlement({ marketplaceId: US_MARKETPLACE })

      const first = await importAmazonSettlements(container, { account_id: account.id, trigger: "test" })
      expect(first.run.status).toBe("succeeded")
      await importAmazonSettlements(container, { account_id: account.id, trigger: "test" })
      // Amazon echoed the id in the settlement's merchant-adjustment-item-id.
      const echoed = await container.resolve(ContainerRegistrationKeys.PG_CONNECTION)("amazon_settlement_line")
        .where({ amazon_order_id: amazonId, transaction_type: "Refund", amount_type: "ItemPrice" })
        .distinct("merchant_adjustment_item_id")
      expect(echoed.map((row: any) => row.merchant_adjustment_item_id)).toContain(sentId)
      const refunds = await refundsInMedusa(order.id)
      expect(refunds.map((refund) => Number(refund.amount))).toEqual([5, 21.64])
      expect(refunds[1].note).toMatch(/^Refunded on Amazon \(settlement /)
      const [row] = await (container.resolve("amazon") as any).listAmazonSettlementOrders({ amazon_order_id: amazonId })
      expect(Number(row.refunds)).toBeCloseTo(-26.64, 2)
      expect(row.amazon_refunds).toEqual([expect.objectContaining({ amount: "21.64", refund_id: refunds[1].id })])
    })

    it("Medusa's Refund button: the amount is shared proportionally over the lines; retrying the same refund queues nothing more; more than paid is refused with nothing queued", async () => {
      const amazonId = "111-7200000-0000002"
      const order = await shippedOrder(amazonId)
      const payment = paymentOf(await adminOrder(order.id))

      const response = await api.post(`/admin/payments/${payment.id}/refund`, { amount: 10 }, admin)
      expect(response.status).toBe(200)
      const [refund] = await refundsInMedusa(order.id)
      const [queued] = await refundsOf(order.id)
      expect(queued).toMatchObject({ refund_id: refund.id, origin: "medusa_refund", cancel_reason: "GeneralAdjustment" })
      // 10.00 over 55.16 still refundable: each component gets its share, rounding cents to the largest fractions.
      expect(queued.payload.items).toEqual([
        {
          orderItemId: order.mugCode,
          adjustmentReason: "GeneralAdjustment",
          components: [
            { type: "Principal", amount: "4.71" },
            { type: "Tax", amount: "0.39" },
            { type: "Shipping", amount: "0.91" },
            { type: "ShippingTax", amount: "0.07" },
          ],
        },
        {
          orderItemId: order.shirtCode,
          adjustmentReason: "GeneralAdjustment",
          components: [
            { type: "Principal", amount: "3.62" },
            { type: "Tax", amount: "0.30" },
          ],
        },
      ])

      // The workflow engine retrying the provider call for the same refund (same idempotency key): still one message.
      const paymentModule = container.resolve(Modules.PAYMENT) as any
      const current = await paymentModule.retrievePayment(payment.id, { select: ["id", "data"] })
      await paymentModule.paymentProviderService_.refundPayment("pp_amazon_amazon", { data: current.data, amount: 10, context: { idempotency_key: refund.id } })
      expect((await refundsOf(order.id)).filter((row) => row.refund_id === refund.id)).toHaveLength(1)

      // More than is left: Medusa's Refund button and the plugin's dialog both refuse, and nothing is queued.
      const tooMuch = await api.post(`/admin/payments/${payment.id}/refund`, { amount: ORDER_TOTAL }, admin).catch((error: any) => error.response)
      expect(tooMuch.status).toBe(400)
      const dialogTooMuch = await api.post(`/admin/orders/${order.id}/amazon/refund`, { amount: "45.17", reason: "GeneralAdjustment" }, admin).catch((error: any) => error.response)
      expect(dialogTooMuch.status).toBe(400)
      expect(dialogTooMuch.data.message).toBe(
        "Amazon can refund at most 45.16 more on this order (what the buyer paid, less what was refunded or is waiting for Amazon); 45.17 is more. Enter a smaller amount."
      )
      const lineTooMuch = await api
        .post(`/admin/orders/${order.id}/amazon/refund`, { lines: [{ order_item_id: order.mugCode, amounts: { Shipping: "4.99" } }], reason: "GeneralAdjustment" }, admin)
        .catch((error: any) => error.response)
      expect(lineTooMuch.status).toBe(400)
      expect(lineTooMuch.data.message).toBe(
        `Shipping of "Stoneware Coffee Mug 350 ml" (Amazon item ${order.mugCode}) can be refunded by at most 4.08 (the buyer paid 4.99, 0.91 is refunded or waiting for Amazon); 4.99 is more.`
      )
      expect(await refundsOf(order.id)).toHaveLength(1)
      expect(await refundsInMedusa(order.id)).toHaveLength(1)

      const [done] = await waitFor("Amazon's answer", () => refundsOf(order.id), settled)
      expect(done.status).toBe("accepted")
      expect(adjustmentFeedsNaming(amazonId)).toHaveLength(1)
      expect(refundedAtAmazon(amazonId, order.mugCode)).toEqual({ Principal: "4.71", Tax: "0.39", Shipping: "0.91", ShippingTax: "0.07" })
      expect(refundedAtAmazon(amazonId, order.shirtCode)).toEqual({ Principal: "3.62", Tax: "0.30" })
      expect((await adminOrder(order.id)).payment_status).toBe("partially_refunded")
    })

    it("Amazon rejects the adjustment: the order shows Amazon's reason and the Medusa refund is marked as not made", async () => {
      const amazonId = "111-7200000-0000003"
      const order = await shippedOrder(amazonId)
      // Cancelled at Amazon behind the plugin's back: Amazon refuses to refund it.
      simulator.setOrderStatus(amazonId, "CANCELLED")

      const response = await api.post(`/admin/orders/${order.id}/amazon/refund`, { whole_order: true, reason: "CustomerCancel" }, admin)
      expect(response.status).toBe(202)
      expect(response.data.refund.amount).toBe("55.16")
      expect((await adminOrder(order.id)).payment_status).toBe("refunded")

      const [rejected] = await waitFor("Amazon's answer", () => refundsOf(order.id), settled)
      expect(rejected.status).toBe("rejected")
      expect(rejected.error).toMatch(/^Amazon refused this: .+ \(Amazon code 18103\)$/)
      const [refund] = await refundsInMedusa(order.id)
      expect(refund.note).toBe(`NOT REFUNDED BY AMAZON — ${rejected.error} (merchant's note: Refunded to the buyer through Amazon (The buyer cancelled).)`)
      expect(refund.metadata.amazon_refund_rejected).toEqual({ feed_message_id: rejected.id, reason: rejected.error })
    })

    it("a Medusa return received and refunded with Medusa's own buttons: one adjustment for the returned items, reason CustomerReturn", async () => {
      const amazonId = "111-7200000-0000004"
      const order = await shippedOrder(amazonId)
      const shirtLine = order.items.find((item) => item.sku === SHIRT.sku)!
      // Medusa's admin: request the return of the shirt, then receive it.
      const created = await api.post(`/admin/returns`, { order_id: order.id, location_id: store.stockLocationId }, admin)
      const returnId = created.data.return.id
      await api.post(`/admin/returns/${returnId}/request-items`, { items: [{ id: shirtLine.id, quantity: 1 }] }, admin)
      await api.post(`/admin/returns/${returnId}/request`, {}, admin)
      await api.post(`/admin/returns/${returnId}/receive`, {}, admin)
      await api.post(`/admin/returns/${returnId}/receive-items`, { items: [{ id: shirtLine.id, quantity: 1 }] }, admin)
      await api.post(`/admin/returns/${returnId}/receive/confirm`, {}, admin)

      // The Refund button with the amount Medusa owes the buyer for the return.
      const { data: summary } = await api.get(`/admin/orders/${order.id}?fields=summary`, admin)
      expect(Number(summary.order.summary.pending_difference)).toBe(-21.64)
      const payment = paymentOf(await adminOrder(order.id))
      await api.post(`/admin/payments/${payment.id}/refund`, { amount: 21.64 }, admin)

      const [queued] = await refundsOf(order.id)
      expect(queued).toMatchObject({ origin: "medusa_return", cancel_reason: "CustomerReturn" })
      expect(queued.payload.items).toEqual([
        {
          orderItemId: order.shirtCode,
          adjustmentReason: "CustomerReturn",
          quantity: 1,
          components: [
            { type: "Principal", amount: "19.99" },
            { type: "Tax", amount: "1.65" },
          ],
        },
      ])
      const [done] = await waitFor("Amazon's answer", () => refundsOf(order.id), settled)
      expect(done.status).toBe("accepted")
      expect(adjustmentFeedsNaming(amazonId)).toHaveLength(1)
      expect(adjustmentFeedsNaming(amazonId)[0].content).toContain("<Quantity>1</Quantity>")
      expect(refundedAtAmazon(amazonId, order.shirtCode)).toEqual({ Principal: "19.99", Tax: "1.65" })
      expect(refundedAtAmazon(amazonId, order.mugCode)).toEqual({})
    })

    it("an adjustment waits until Medusa's refund workflow has written the refund's order transaction: a refund Medusa could still delete is never sent", async () => {
      const amazonId = "111-7200000-0000016"
      const order = await shippedOrder(amazonId)
      const payment = paymentOf(await adminOrder(order.id))
      const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as any
      expect((await api.post(`/admin/payments/${payment.id}/refund`, { amount: 2 }, admin)).status).toBe(200)
      const [first] = await refundsOf(order.id)
      await waitFor(
        "Amazon's answer to the first refund",
        async () => {
          await processAmazonFeedsWorkflow(container).run({ input: {} })
          return (await refundsOf(order.id)).filter((row) => row.id === first.id)
        },
        settled
      )

      // What the provider leaves while Medusa's workflow has not yet written the transaction: the refund row and
      // its queued message (here a copy of the first one's, for a refund of the same amount).
      const [pending] = await (container.resolve(Modules.PAYMENT) as any).createRefunds([{ payment: payment.id, amount: 2 }])
      await knex.raw(
        `insert into amazon_feed_message (id, account_id, feed_type, order_id, amazon_order_row_id, amazon_order_id, origin, payload, refund_id, zero_stock, status, created_at, updated_at)
         select 'amzfmsg_waiting_test', account_id, feed_type, order_id, amazon_order_row_id, amazon_order_id, origin, payload, ?, false, 'queued', now(), now()
         from amazon_feed_message where id = ?`,
        [pending.id, first.id]
      )
      // The account's last feed is moved back past the feed interval, so a feed could go now; the refund is younger
      // than a feed lease, so the sweep leaves it to Medusa's running workflow.
      await knex.raw(`update amazon_feed_submission set created_at = now() - interval '1 hour' where account_id = ?`, [account.id])
      await processAmazonFeedsWorkflow(container).run({ input: {} })
      await processAmazonFeedsWorkflow(container).run({ input: {} })
      const waiting = (await refundsOf(order.id)).find((row) => row.refund_id === pending.id)
      expect(waiting).toMatchObject({ status: "queued" })
      expect(adjustmentFeedsNaming(amazonId)).toHaveLength(1)

      await container.resolve(Modules.ORDER).addOrderTransactions([
        { order_id: order.id, amount: -2, currency_code: "usd", reference: "refund", reference_id: pending.id },
      ])
      const [sent] = await waitFor(
        "Amazon's answer once the transaction is written",
        async () => {
          await processAmazonFeedsWorkflow(container).run({ input: {} })
          return (await refundsOf(order.id)).filter((row) => row.refund_id === pending.id)
        },
        settled
      )
      expect(sent).toMatchObject({ status: "accepted" })
      expect(adjustmentFeedsNaming(amazonId)).toHaveLength(2)
    })

    it("refunds a dead process left behind: the feed job queues the adjustment once and adds the order transaction, marks a refund Amazon cannot make, withdraws a message whose refund is gone", async () => {
      const amazonId = "111-7200000-0000005"
      const order = await shippedOrder(amazonId)
      const payment = paymentOf(await adminOrder(order.id))
      const paymentModule = container.resolve(Modules.PAYMENT) as any
      const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as any
      // What Medusa's refund step leaves when the process dies right after it: the refund row and nothing else. The
      // second is more than Amazon can refund on top of the first (its check runs when the adjustment is planned).
      const [left, beyond] = await paymentModule.createRefunds([
        { payment: payment.id, amount: 6 },
        { payment: payment.id, amount: ORDER_TOTAL - 1 },
      ])
      // Older than a feed lease, as after a restart: a live provider call is never raced.
      await knex.raw(`update refund set created_at = now() - interval '1 hour' where id in (?, ?)`, [left.id, beyond.id])

      const { result } = await processAmazonFeedsWorkflow(container).run({ input: {} })
      expect(result.refund_adjustments_queued).toEqual([left.id])
      expect(result.refunds_not_made).toEqual([beyond.id])
      expect(result.refund_transactions_added.sort()).toEqual([left.id, beyond.id].sort())

      // A message queued for a refund Medusa deleted afterwards (its provider call failed): withdrawn unsent.
      const [queued] = (await refundsOf(order.id)).filter((row) => row.refund_id === left.id)
      await knex.raw(
        `insert into amazon_feed_message (id, account_id, feed_type, order_id, amazon_order_row_id, amazon_order_id, origin, payload, refund_id, zero_stock, status, created_at, updated_at)
         select 'amzfmsg_orphan_test', account_id, feed_type, order_id, amazon_order_row_id, amazon_order_id, origin, payload, 'ref_deleted_by_medusa', false, 'queued', now(), now()
         from amazon_feed_message where id = ?`,
        [queued.id]
      )
      const { result: again } = await processAmazonFeedsWorkflow(container).run({ input: {} })
      expect(again).toMatchObject({ refund_adjustments_queued: [], refunds_not_made: [], refund_transactions_added: [], refund_messages_withdrawn: ["ref_deleted_by_medusa"] })

      // Runs the feed ticks itself: ticks started by hand schedule no wake-up of their own.
      const [done] = await waitFor(
        "Amazon's answer",
        async () => {
          await processAmazonFeedsWorkflow(container).run({ input: {} })
          return (await refundsOf(order.id)).filter((row) => row.refund_id === left.id)
        },
        settled
      )
      expect(done).toMatchObject({ status: "accepted", origin: "medusa_refund" })
      const feeds = adjustmentFeedsNaming(amazonId)
      expect(feeds).toHaveLength(1)
      expect(feeds[0].content!.match(/<OrderAdjustment>/g)).toHaveLength(1)
      const refundedCents = [order.mugCode, order.shirtCode]
        .flatMap((code) => Object.values(refundedAtAmazon(amazonId, code)))
        .reduce((sum, amount) => sum + Math.round(Number(amount) * 100), 0)
      expect(refundedCents).toBe(600)

      const refunds = await refundsInMedusa(order.id)
      expect(refunds).toHaveLength(2)
      const marked = refunds.find((refund) => refund.id === beyond.id)
      expect(marked.note).toMatch(/^NOT REFUNDED BY AMAZON — /)
      expect(marked.metadata.amazon_refund_rejected).toMatchObject({ feed_message_id: null })
      const transactions = await container.resolve(Modules.ORDER).listOrderTransactions({ order_id: order.id, reference: "refund" } as any)
      expect(Object.fromEntries(transactions.map((row: any) => [row.reference_id, Number(row.amount)]))).toEqual({ [left.id]: -6, [beyond.id]: -(ORDER_TOTAL - 1) })
    })

    /** A shipped order and a Medusa refund of `amount` on it older than a feed lease, as a dead process leaves it. */
    async function refundLeftBehind(amazonId: string, amount: number) {
      const order = await shippedOrder(amazonId)
      const payment = paymentOf(await adminOrder(order.id))
      const [refund] = await (container.resolve(Modules.PAYMENT) as any).createRefunds([{ payment: payment.id, amount }])
      const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as any
      await knex.raw(`update refund set created_at = now() - interval '1 hour' where id = ?`, [refund.id])
      return { order, refund, knex, orderModule: container.resolve(Modules.ORDER) as any }
    }
    /** The order's credit lines: they are kept per order version, the current version's are the order's. */
    async function currentCreditLines(orderId: string) {
      const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as any
      const { rows } = await knex.raw(
        `select cl.reference_id, cl.amount::float as amount from order_credit_line cl join "order" o on o.id = cl.order_id and cl.version = o.version
         where cl.order_id = ? and cl.deleted_at is null`,
        [orderId]
      )
      return rows
    }

    it("a credit line a killed process left pending does not block the sweep: the abandoned order change is canceled and the refund gets its credit line and transaction", async () => {
      const { order, refund: left, knex, orderModule } = await refundLeftBehind("111-7200000-0000017", 7)
      // And a credit-line order change a process died inside (created, never confirmed): Medusa refuses any further
      // order change on the order while that one is pending.
      const [abandoned] = await orderModule.createOrderChange([{ order_id: order.id, change_type: "credit_line" }])
      await orderModule.addOrderAction([
        { order_change_id: abandoned.id, order_id: order.id, version: abandoned.version, action: "CREDIT_LINE_ADD", reference: "refund", reference_id: left.id, amount: 7 },
      ])
      await knex.raw(`update order_change set created_at = now() - interval '1 hour' where id = ?`, [abandoned.id])

      const { result } = await processAmazonFeedsWorkflow(container).run({ input: {} })
      expect(result.refund_transactions_added).toEqual([left.id])
      const { rows: changes } = await knex.raw(`select status from order_change where id = ?`, [abandoned.id])
      expect(changes[0].status).toBe("canceled")
      expect(await currentCreditLines(order.id)).toEqual([{ reference_id: left.id, amount: 7 }])
      const transactions = await orderModule.listOrderTransactions({ order_id: order.id, reference: "refund" })
      expect(transactions.map((row: any) => [row.reference_id, Number(row.amount)])).toEqual([[left.id, -7]])
    })

    it("a refund whose workflow died between its order transaction and its credit line gets the credit line once, and the order owes nothing", async () => {
      const { order, refund: left, knex, orderModule } = await refundLeftBehind("111-7200000-0000018", 4)
      const pendingDifference = async () =>
        Number((await knex.raw(`select s.totals->>'pending_difference' as pending from order_summary s join "order" o on o.id = s.order_id and s.version = o.version where o.id = ?`, [order.id])).rows[0].pending)
      // And the transaction Medusa's refundPaymentWorkflow wrote before it died: the order shows the buyer owing the
      // refunded amount.
      await orderModule.addOrderTransactions([{ order_id: order.id, amount: -4, currency_code: "usd", reference: "refund", reference_id: left.id }])
      expect(await pendingDifference()).toBe(4)

      const { result } = await processAmazonFeedsWorkflow(container).run({ input: {} })
      expect(result.refund_credit_lines_added).toEqual([left.id])
      expect(result.refund_transactions_added).toEqual([])
      const { result: again } = await processAmazonFeedsWorkflow(container).run({ input: {} })
      expect(again.refund_credit_lines_added).toEqual([])
      expect(await currentCreditLines(order.id)).toEqual([{ reference_id: left.id, amount: 4 }])
      expect(await pendingDifference()).toBe(0)
    })
  },
})
