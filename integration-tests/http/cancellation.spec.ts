import path from "node:path"
import { amazonIntegrationTestRunner } from "../helpers/medusa-runner"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { createOrderFulfillmentWorkflow, createOrderShipmentWorkflow } from "@medusajs/medusa/core-flows"
import { DEFAULT_SELLER, startSimulator, type SimOrderSeed } from "../../simulator"
import { expectTrafficConformsToAmazonModels } from "../helpers/conformance"
import { createAdminHeaders } from "../helpers/admin"
import { seedStore, type SeededStore } from "../helpers/seed-store"
import { createStoreAccount } from "../helpers/simulator-account"
import { catalogueItems, usOrderSeed, waitFor, type SeedLine } from "../helpers/sim-orders"

// 500 s between feeds, divided by the rate-limit time scale (100): 5 s, the "two minutes" of these tests.
process.env.AMAZON_FEED_INTERVAL_SECONDS = "500"
jest.setTimeout(240 * 1000)

/* eslint-disable @typescript-eslint/no-var-requires */
const { importAmazonOrders, processAmazonFeedsWorkflow } = require("medusa-plugin-amazon/workflows")
/* eslint-enable @typescript-eslint/no-var-requires */

const US = "ATVPDKIKX0DER"
const MINUTE = 60 * 1000
const ACK = "POST_ORDER_ACKNOWLEDGEMENT_DATA"
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
      account = await createStoreAccount(container, simulator.url, store, { marketplace_ids: [US], seller_id: DEFAULT_SELLER.sellerId })
      admin = await createAdminHeaders(container)
    })
    afterAll(async () => {
      await simulator?.close()
    })
    afterEach(() => {
      // Every feed call (documents, upload, createFeed, getFeed, getFeeds) has the exact shape of Amazon's models.
      expectTrafficConformsToAmazonModels(simulator)
    })

    const amazon = () => container.resolve("amazon") as any
    const query = () => container.resolve(ContainerRegistrationKeys.QUERY)

    const usOrder = (id: string, items: SeedLine[]) => usOrderSeed(id, simulator.now(), catalogueItems(items))

    async function importOrders(seeds: SimOrderSeed[]) {
      simulator.seedOrders(seeds)
      const result = await importAmazonOrders(container, { account_id: account.id, trigger: "test" })
      expect(result.run.orders_created).toBe(seeds.length)
      const orders = new Map<string, { id: string; line: Record<string, string> }>()
      const { data } = await query().graph({
        entity: "amazon_order",
        fields: ["amazon_order_id", "order.id", "order.items.id", "order.items.variant_sku"],
        filters: { amazon_order_id: seeds.map((seed) => seed.id) },
      })
      for (const row of data as any[]) {
        orders.set(row.amazon_order_id, { id: row.order.id, line: Object.fromEntries(row.order.items.map((item: any) => [item.variant_sku, item.id])) })
      }
      return orders
    }

    async function medusaOrder(orderId: string) {
      const { data } = await query().graph({
        entity: "order",
        fields: ["id", "status", "payment_collections.status", "payment_collections.payments.canceled_at", "payment_collections.payments.captured_at"],
        filters: { id: orderId },
      })
      return data[0] as any
    }

    async function cancellationsOf(orderId: string) {
      return (await api.get(`/admin/orders/${orderId}/amazon`, admin)).data.cancellations as any[]
    }

    const settled = (rows: any[]) => rows.length > 0 && (rows[0].status === "rejected" || (rows[0].status === "accepted" && (rows[0].medusa_applied_at || rows[0].medusa_apply_error)))

    function feedsNaming(amazonOrderId: string) {
      return simulator.listFeeds().filter((feed) => feed.feedType === ACK && feed.content?.includes(`<AmazonOrderID>${amazonOrderId}</AmazonOrderID>`))
    }

    async function stockOf(sku: string) {
      const levels = await container.resolve("inventory" as any).listInventoryLevels({ inventory_item_id: store.variants[sku].inventoryItemId })
      return levels.map((level: any) => ({ stocked: Number(level.stocked_quantity), reserved: Number(level.reserved_quantity) }))
    }

    it("cancel with NoInventory + zero stock: Amazon receives the reason for every item, Medusa cancels the order and its payment, stock is 0, no shipment is pushed", async () => {
      const amazonId = "111-7000000-0000001"
      const orders = await importOrders([usOrder(amazonId, [{ sku: "AMZ-POSTER-A2", quantity: 2 }, { sku: "AMZ-TSHIRT-S", quantity: 1 }])])
      const order = orders.get(amazonId)!
      expect((await stockOf("AMZ-POSTER-A2"))[0]).toEqual({ stocked: 100, reserved: 2 })

      const response = await api.post(`/admin/orders/${order.id}/amazon/cancel`, { reason: "NoInventory", zero_stock: true }, admin)
      expect(response.status).toBe(202)
      expect(response.data.cancellation).toMatchObject({ amazon_order_id: amazonId, cancel_reason: "NoInventory", zero_stock: true })
      // Pending: the order shows it, and nothing has changed in Medusa yet.
      const pending = await cancellationsOf(order.id)
      expect(["queued", "batched"]).toContain(pending[0].status)
      expect((await medusaOrder(order.id)).status).toBe("pending")

      const [done] = await waitFor("Amazon's answer", () => cancellationsOf(order.id), settled)
      expect(done).toMatchObject({ status: "accepted", error: null, medusa_apply_error: null })

      const feeds = feedsNaming(amazonId)
      expect(feeds).toHaveLength(1)
      const snapshot = simulator.getOrderSnapshot(amazonId)!
      expect(snapshot.status).toBe("CANCELLED")
      expect(Object.values(snapshot.sellerCancellation!.reasons)).toEqual(["NoInventory", "NoInventory"])
      expect(Object.keys(snapshot.sellerCancellation!.reasons).sort()).toEqual(snapshot.items.map((item) => item.orderItemId).sort())
      expect(feeds[0].content!.match(/<CancelReason>NoInventory<\/CancelReason>/g)).toHaveLength(2)
      expect(feeds[0].content).toContain("<StatusCode>Failure</StatusCode>")

      const cancelled = await medusaOrder(order.id)
      expect(cancelled.status).toBe("canceled")
      expect(cancelled.payment_collections[0].status).toBe("canceled")
      expect(cancelled.payment_collections[0].payments[0].canceled_at).toBeTruthy()
      expect(await stockOf("AMZ-POSTER-A2")).toEqual([{ stocked: 0, reserved: 0 }])
      expect(await stockOf("AMZ-TSHIRT-S")).toEqual([{ stocked: 0, reserved: 0 }])
      const [staged] = await amazon().listAmazonOrders({ amazon_order_id: amazonId })
      expect(staged.status).toBe("CANCELLED")

      // A later shipment: Medusa refuses to fulfil the cancelled order, and no confirmation ever reaches Amazon.
      const refusedFulfilment = await createOrderFulfillmentWorkflow(container)
        .run({ input: { order_id: order.id, items: [{ id: order.line["AMZ-POSTER-A2"], quantity: 1 }], location_id: store.stockLocationId, no_notification: true } })
        .then(() => null, (error: any) => error)
      expect(refusedFulfilment?.message).toBe(`Order with id ${order.id} has been canceled.`)
      expect(await amazon().listAmazonTrackingPushes({ order_id: order.id })).toEqual([])
      expect(simulator.requests().filter((request) => request.path.includes(`${amazonId}/shipmentConfirmation`))).toHaveLength(0)

      // The feed is listed with Amazon's counts and its message mapped back to the order.
      const listed = await api.get(`/admin/amazon/feeds?limit=5`, admin)
      const feed = listed.data.feeds.find((row: any) => row.amazon_feed_id === feeds[0].feedId)
      expect(feed).toMatchObject({ status: "done", processing_status: "DONE", message_count: 1, messages_processed: 1, messages_successful: 1, messages_with_error: 0 })
      const detail = await api.get(`/admin/amazon/feeds/${feed.id}`, admin)
      expect(detail.data.messages).toEqual([expect.objectContaining({ message_id: 1, order_id: order.id, amazon_order_id: amazonId, status: "accepted" })])
    })

    it("cancel after the shipment was confirmed to Amazon: refused with a sentence, nothing sent, nothing changed", async () => {
      const amazonId = "111-7000000-0000002"
      const orders = await importOrders([usOrder(amazonId, [{ sku: "AMZ-MUG-01", quantity: 1 }])])
      const order = orders.get(amazonId)!
      const items = [{ id: order.line["AMZ-MUG-01"], quantity: 1 }]
      const { result: fulfillment } = await createOrderFulfillmentWorkflow(container).run({
        input: { order_id: order.id, items, location_id: store.stockLocationId, no_notification: true },
      })
      await createOrderShipmentWorkflow(container).run({
        input: { order_id: order.id, fulfillment_id: fulfillment.id, items, labels: [{ tracking_number: "1Z999AA10123456784", tracking_url: "https://www.ups.com/track?tracknum=1Z999AA10123456784", label_url: "" }], no_notification: true },
      })
      await waitFor("the shipment confirmation", async () => (await amazon().listAmazonTrackingPushes({ order_id: order.id }))[0]?.state, (state) => state === "confirmed")

      const refused = await api.post(`/admin/orders/${order.id}/amazon/cancel`, { reason: "GeneralAdjustment" }, admin).catch((error: any) => error.response)
      expect(refused.status).toBe(400)
      expect(refused.data.message).toBe(
        `Amazon order ${amazonId} cannot be cancelled: an item was already confirmed as shipped to Amazon. Once a package has shipped, the order can only be refunded (after a return).`
      )
      expect(await cancellationsOf(order.id)).toEqual([])
      expect(feedsNaming(amazonId)).toHaveLength(0)
      expect((await medusaOrder(order.id)).status).toBe("pending")
      expect(simulator.getOrderSnapshot(amazonId)!.status).not.toBe("CANCELLED")

      // An unknown reason is refused by the route with the list to choose from.
      const badReason = await api.post(`/admin/orders/${order.id}/amazon/cancel`, { reason: "OutOfStock" }, admin).catch((error: any) => error.response)
      expect(badReason.status).toBe(400)
      expect(badReason.data.message).toContain("NoInventory, ShippingAddressUndeliverable, CustomerExchange, BuyerCanceled")
    })

    it("Amazon rejects the cancellation: Medusa's order and payment stay as they were and the merchant reads Amazon's reason", async () => {
      const amazonId = "111-7000000-0000003"
      const orders = await importOrders([usOrder(amazonId, [{ sku: "AMZ-MUG-01", quantity: 1 }])])
      const order = orders.get(amazonId)!
      // Shipped from Seller Central behind the plugin's back: Amazon knows, Medusa does not.
      simulator.setOrderStatus(amazonId, "SHIPPED")

      await api.post(`/admin/orders/${order.id}/amazon/cancel`, { reason: "CustomerExchange" }, admin)
      const [rejected] = await waitFor("Amazon's answer", () => cancellationsOf(order.id), settled)
      expect(rejected.status).toBe("rejected")
      expect(rejected.error).toMatch(/^Amazon refused this: .+ \(Amazon code 18102\)$/)
      expect(rejected.result.errors[0]).toMatchObject({ resultCode: "Error", resultMessageCode: "18102" })

      const unchanged = await medusaOrder(order.id)
      expect(unchanged.status).toBe("pending")
      expect(unchanged.payment_collections[0].status).toBe("authorized")
      expect(unchanged.payment_collections[0].payments[0].canceled_at).toBeNull()
      const listed = await api.get(`/admin/amazon/feeds?limit=5`, admin)
      expect(listed.data.feeds.find((row: any) => row.amazon_feed_id === feedsNaming(amazonId)[0].feedId)).toMatchObject({
        status: "done",
        messages_with_error: 1,
        messages_successful: 0,
      })
    })

    it("Medusa's own Cancel button on an Amazon order tells Amazon, with the account's reason", async () => {
      const amazonId = "111-7000000-0000004"
      const orders = await importOrders([usOrder(amazonId, [{ sku: "AMZ-MUG-01", quantity: 1 }])])
      const order = orders.get(amazonId)!
      await api.post(`/admin/orders/${order.id}/cancel`, {}, admin)
      expect((await medusaOrder(order.id)).status).toBe("canceled")

      const [done] = await waitFor("Amazon's answer", () => cancellationsOf(order.id), settled)
      expect(done).toMatchObject({ status: "accepted", origin: "medusa_cancel", cancel_reason: "GeneralAdjustment", medusa_apply_error: null })
      expect(simulator.getOrderSnapshot(amazonId)!.status).toBe("CANCELLED")
      expect(feedsNaming(amazonId)).toHaveLength(1)
    })

    it("twenty cancellations clicked within a minute go to Amazon in at most two feeds; a shipment of a pending one is not pushed", async () => {
      const amazonIds = Array.from({ length: 20 }, (_, index) => `111-7100000-${String(index + 1).padStart(7, "0")}`)
      const orders = await importOrders(amazonIds.map((id) => usOrder(id, [{ sku: "AMZ-MUG-01", quantity: 1 }])))
      const feedsBefore = simulator.listFeeds().length

      const answers = await Promise.all(
        amazonIds.map((id) => api.post(`/admin/orders/${orders.get(id)!.id}/amazon/cancel`, { reason: "BuyerCanceled" }, admin))
      )
      expect(answers.map((answer) => answer.status)).toEqual(amazonIds.map(() => 202))
      // A second click on the same order is refused while the first waits.
      const twice = await api.post(`/admin/orders/${orders.get(amazonIds[0])!.id}/amazon/cancel`, { reason: "BuyerCanceled" }, admin).catch((error: any) => error.response)
      expect(twice.status).toBe(400)
      expect(twice.data.message).toBe(`A cancellation of Amazon order ${amazonIds[0]} is already waiting for Amazon's answer.`)

      // While the last one waits, its parcel is shipped in Medusa: no confirmation is recorded or sent.
      const last = orders.get(amazonIds[19])!
      const items = [{ id: last.line["AMZ-MUG-01"], quantity: 1 }]
      const { result: fulfillment } = await createOrderFulfillmentWorkflow(container).run({
        input: { order_id: last.id, items, location_id: store.stockLocationId, no_notification: true },
      })
      await createOrderShipmentWorkflow(container).run({
        input: { order_id: last.id, fulfillment_id: fulfillment.id, items, labels: [{ tracking_number: "1Z999AA10123456799", tracking_url: "https://www.ups.com/track?tracknum=1Z999AA10123456799", label_url: "" }], no_notification: true },
      })

      for (const id of amazonIds) await waitFor(`Amazon's answer for ${id}`, () => cancellationsOf(orders.get(id)!.id), settled)
      const feeds = simulator.listFeeds().slice(feedsBefore)
      expect(feeds.length).toBeGreaterThanOrEqual(1)
      expect(feeds.length).toBeLessThanOrEqual(2)
      for (const id of amazonIds) expect(feedsNaming(id)).toHaveLength(1)
      expect(feeds.reduce((sum, feed) => sum + (feed.content!.match(/<Message>/g) ?? []).length, 0)).toBe(20)

      // Skipped while pending; had Amazon answered first, the row would say the order is cancelled. Never sent.
      for (const push of await amazon().listAmazonTrackingPushes({ order_id: last.id })) expect(push).toMatchObject({ state: "failed", last_error_code: "ORDER_CANCELLED" })
      expect(simulator.requests().filter((request) => request.path.includes(`${amazonIds[19]}/shipmentConfirmation`))).toHaveLength(0)
      for (const id of amazonIds.slice(0, 19)) expect((await medusaOrder(orders.get(id)!.id)).status).toBe("canceled")
      // Amazon cancelled the shipped-in-Medusa one; Medusa cannot follow while its fulfillment stands, and says so.
      const [lastCancellation] = await cancellationsOf(last.id)
      expect(lastCancellation.status).toBe("accepted")
      expect(lastCancellation.medusa_apply_error).toMatch(/^Amazon cancelled order 111-7100000-0000020, but Medusa could not follow: /)
    })

    it("a buyer's cancellation request is queued with its 48 h deadline; accepting it cancels the order at Amazon and in Medusa", async () => {
      const amazonId = "111-7000000-0000005"
      const orders = await importOrders([usOrder(amazonId, [{ sku: "AMZ-MUG-01", quantity: 1 }])])
      const order = orders.get(amazonId)!
      simulator.requestBuyerCancel(amazonId, "Order created by mistake")
      // Amazon lists an order changed less than two minutes ago only once those two minutes have passed (last test:
      // the clock jump would let other tests' orders changed since reach that import too).
      simulator.advanceTime(3 * MINUTE)
      await importAmazonOrders(container, { account_id: account.id, trigger: "test" })
      // The feed job's tick turns staged requests into the queue (once each, however often it runs).
      await processAmazonFeedsWorkflow(container).run({ input: {} })
      await processAmazonFeedsWorkflow(container).run({ input: {} })

      const listed = (await api.get("/admin/amazon/cancellation-requests", admin)).data.cancellation_requests as any[]
      const requests = listed.filter((row) => row.amazon_order_id === amazonId)
      expect(requests).toHaveLength(1)
      const [request] = requests
      expect(request).toMatchObject({ status: "open", requester: "BUYER", reason: "Order created by mistake", order: { id: order.id } })
      expect(new Date(request.respond_by).getTime() - new Date(request.requested_at).getTime()).toBe(48 * 60 * MINUTE)

      const accepted = await api.post(`/admin/amazon/cancellation-requests/${request.id}/accept`, {}, admin)
      expect(accepted.status).toBe(202)
      const again = await api.post(`/admin/amazon/cancellation-requests/${request.id}/accept`, {}, admin).catch((error: any) => error.response)
      expect(again.status).toBe(400)
      expect(again.data.message).toBe(`The buyer's cancellation request for Amazon order ${amazonId} was answered already (accepted).`)

      const [done] = await waitFor("Amazon's answer", () => cancellationsOf(order.id), settled)
      expect(done).toMatchObject({ status: "accepted", origin: "buyer_request", cancel_reason: "BuyerCanceled", medusa_apply_error: null })
      expect(Object.values(simulator.getOrderSnapshot(amazonId)!.sellerCancellation!.reasons)).toEqual(["BuyerCanceled"])
      expect((await medusaOrder(order.id)).status).toBe("canceled")
      expect((await api.get("/admin/amazon/cancellation-requests", admin)).data.cancellation_requests.filter((row: any) => row.amazon_order_id === amazonId)).toEqual([])

      // Amazon now lists every order these tests cancelled, shipped or refused: the import creates none of them again.
      simulator.advanceTime(3 * MINUTE)
      const reimport = await importAmazonOrders(container, { account_id: account.id, trigger: "test" })
      expect(reimport.run.orders_created).toBe(0)
    })
  },
})
