import path from "node:path"
import net from "node:net"
import { amazonIntegrationTestRunner } from "../helpers/medusa-runner"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { createOrderFulfillmentWorkflow, createOrderShipmentWorkflow } from "@medusajs/medusa/core-flows"
import { startSimulator, type SimOrderSeed, type SimRequestLogEntry } from "../../simulator"
import { expectTrafficConformsToAmazonModels } from "../helpers/conformance"
import { createAdminHeaders } from "../helpers/admin"
import { seedStore, type SeededStore } from "../helpers/seed-store"
import { createStoreAccount } from "../helpers/simulator-account"
import { catalogueItems, usOrderSeed, type SeedLine } from "../helpers/sim-orders"

jest.setTimeout(240 * 1000)

// The app loads the BUILT plugin by package name; the test drives the same build.
/* eslint-disable @typescript-eslint/no-var-requires */
const { importAmazonOrders } = require("medusa-plugin-amazon/workflows")
const { pushAmazonTrackingWorkflow } = require("medusa-plugin-amazon/workflows/tracking/push-amazon-tracking")
const { retryDueAmazonTrackingPushesWorkflow } = require("medusa-plugin-amazon/workflows/tracking/retry-due-amazon-tracking-pushes")
/* eslint-enable @typescript-eslint/no-var-requires */

const US = "ATVPDKIKX0DER"
const MINUTE = 60 * 1000
const CONFIRM_PATH = /^\/orders\/v0\/orders\/([^/]+)\/shipmentConfirmation$/

type RecordedEvent = { name: string; data: Record<string, unknown> }

amazonIntegrationTestRunner({
  cwd: path.join(__dirname, "../app"),
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let simulator: Awaited<ReturnType<typeof startSimulator>>
    let store: SeededStore
    let container: MedusaContainer
    let account: { id: string }
    let admin: { headers: Record<string, string> }
    const events: RecordedEvent[] = []

    beforeAll(async () => {
      simulator = await startSimulator({ port: 0, timeScale: 100 })
      container = getContainer()
      store = await seedStore(container)
      account = await createStoreAccount(container, simulator.url, store, { marketplace_ids: [US] })
      admin = await createAdminHeaders(container)

      // Every event the app emits, to check what a store would tell the buyer.
      const eventBus = container.resolve(Modules.EVENT_BUS) as any
      const emit = eventBus.emit.bind(eventBus)
      eventBus.emit = async (data: any, options?: any) => {
        for (const event of Array.isArray(data) ? data : [data]) events.push({ name: event.name, data: event.data })
        return emit(data, options)
      }
    })
    afterAll(async () => {
      await simulator?.close()
    })
    beforeEach(() => {
      container = getContainer()
      simulator.reset()
      events.length = 0
    })
    afterEach(() => {
      // Every confirmation (and every other call) the plugin sent has the exact shape of Amazon's models.
      expectTrafficConformsToAmazonModels(simulator)
    })

    const amazon = () => container.resolve("amazon") as any
    const query = () => container.resolve(ContainerRegistrationKeys.QUERY)

    function confirmShipmentRequests(amazonOrderId?: string): SimRequestLogEntry[] {
      return simulator.requests().filter((request) => {
        const match = request.method === "POST" && CONFIRM_PATH.exec(request.path)
        return match && (!amazonOrderId || decodeURIComponent(match[1]) === amazonOrderId)
      })
    }

    function acceptedConfirmations(amazonOrderId: string) {
      return confirmShipmentRequests(amazonOrderId).filter((request) => request.status === 204)
    }

    const usOrder = (id: string, items: SeedLine[]) => usOrderSeed(id, simulator.now(), catalogueItems(items))

    /** Seeds the orders on Amazon, imports them, and returns each Medusa order with its lines by SKU. */
    async function importOrders(seeds: SimOrderSeed[]) {
      simulator.seedOrders(seeds)
      const result = await importAmazonOrders(container, { account_id: account.id, trigger: "test" })
      expect(result.run.orders_created).toBe(seeds.length)
      const orders = new Map<string, { id: string; display_id: number; line: Record<string, string>; amazonItem: Record<string, string> }>()
      for (const seed of seeds) {
        const { data } = await query().graph({
          entity: "amazon_order",
          fields: ["id", "order.id", "order.display_id", "order.items.id", "order.items.variant_sku", "items.order_item_id", "items.seller_sku"],
          filters: { amazon_order_id: seed.id },
        })
        const row = data[0] as any
        orders.set(seed.id, {
          id: row.order.id,
          display_id: row.order.display_id,
          line: Object.fromEntries(row.order.items.map((item: any) => [item.variant_sku, item.id])),
          amazonItem: Object.fromEntries(row.items.map((item: any) => [item.seller_sku, item.order_item_id])),
        })
      }
      return orders
    }

    async function fulfil(orderId: string, items: Array<{ id: string; quantity: number }>, options: { labels?: any[]; metadata?: Record<string, unknown> } = {}) {
      const { result } = await createOrderFulfillmentWorkflow(container).run({
        input: { order_id: orderId, items, location_id: store.stockLocationId, no_notification: true, ...options },
      })
      return result.id as string
    }

    async function ship(orderId: string, fulfillmentId: string, items: Array<{ id: string; quantity: number }>, labels: any[]) {
      await createOrderShipmentWorkflow(container).run({
        input: { order_id: orderId, fulfillment_id: fulfillmentId, items, labels, no_notification: true },
      })
    }

    function upsLabel(trackingNumber = "1Z999AA10123456784") {
      return { tracking_number: trackingNumber, tracking_url: `https://www.ups.com/track?tracknum=${trackingNumber}`, label_url: "" }
    }

    async function pushFor(fulfillmentId: string) {
      const [push] = await amazon().listAmazonTrackingPushes({ fulfillment_id: fulfillmentId })
      return push ?? null
    }

    /** Subscribers run after the workflow that emitted the event: wait until Amazon has answered the push once. */
    async function settledPush(fulfillmentId: string) {
      const deadline = Date.now() + 30_000
      for (;;) {
        const push = await pushFor(fulfillmentId)
        if (push && push.state !== "sent" && !(push.state === "waiting" && push.attempts === 0)) return push
        if (Date.now() > deadline) throw new Error(`The tracking push of ${fulfillmentId} did not settle: ${JSON.stringify(push)}`)
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
    }

    /** The rest of the workflow (staging update) finishes just after the outbox row is marked confirmed. */
    async function eventually<T>(read: () => Promise<T>, expected: unknown): Promise<void> {
      const deadline = Date.now() + 10_000
      for (;;) {
        const value = await read()
        try {
          expect(value).toEqual(expected)
          return
        } catch (error) {
          if (Date.now() > deadline) throw error
          await new Promise((resolve) => setTimeout(resolve, 200))
        }
      }
    }

    /** Gives subscribers time to run, for checks that something did NOT happen. */
    async function letSubscribersRun() {
      await new Promise((resolve) => setTimeout(resolve, 1500))
    }

    async function stagedOrder(amazonOrderId: string) {
      const [row] = await amazon().listAmazonOrders({ amazon_order_id: amazonOrderId }, { relations: ["items"] })
      return { status: row.status, shipped: Object.fromEntries(row.items.map((item: any) => [item.seller_sku, item.quantity_shipped])) }
    }

    function shipmentEventsNotifyNobody() {
      const shipping = events.filter((event) => ["shipment.created", "order.fulfillment_created"].includes(event.name))
      expect(shipping.length).toBeGreaterThan(0)
      for (const event of shipping) expect(event).toMatchObject({ data: { no_notification: true } })
    }

    async function notificationsSent() {
      return container.resolve(Modules.NOTIFICATION).listNotifications({})
    }

    async function makeDue(pushId: string) {
      await amazon().updateAmazonTrackingPushes({ id: pushId, next_attempt_at: new Date(Date.now() - MINUTE) })
    }

    it("a full shipment sends one confirmation with every item; Amazon and the staged order show it shipped; nothing is sent twice or to the buyer", async () => {
      const amazonId = "111-4000000-0000001"
      const orders = await importOrders([usOrder(amazonId, [{ sku: "AMZ-MUG-01", quantity: 2 }, { sku: "AMZ-TSHIRT-M", quantity: 1 }])])
      const order = orders.get(amazonId)!
      const items = [
        { id: order.line["AMZ-MUG-01"], quantity: 2 },
        { id: order.line["AMZ-TSHIRT-M"], quantity: 1 },
      ]

      // A fulfillment without tracking is not confirmed: Amazon needs the tracking number of the shipment.
      const fulfillmentId = await fulfil(order.id, items)
      await letSubscribersRun()
      expect(await pushFor(fulfillmentId)).toBeNull()
      expect(confirmShipmentRequests()).toHaveLength(0)

      await ship(order.id, fulfillmentId, items, [upsLabel()])
      const push = await settledPush(fulfillmentId)
      expect(push).toMatchObject({
        state: "confirmed",
        trigger: "shipment",
        attempts: 1,
        amazon_order_id: amazonId,
        order_id: order.id,
        carrier_code: "UPS",
        tracking_number: "1Z999AA10123456784",
        package_reference_id: "1",
        last_error: null,
        amazon_response: { http_status: 204 },
      })

      const onAmazon = simulator.getOrderSnapshot(amazonId)!
      expect(onAmazon.status).toBe("SHIPPED")
      expect(onAmazon.packages).toEqual([
        expect.objectContaining({
          packageReferenceId: "1",
          carrierCode: "UPS",
          trackingNumber: "1Z999AA10123456784",
          items: expect.arrayContaining([
            { orderItemId: order.amazonItem["AMZ-MUG-01"], quantity: 2 },
            { orderItemId: order.amazonItem["AMZ-TSHIRT-M"], quantity: 1 },
          ]),
        }),
      ])
      expect(onAmazon.packages[0].items).toHaveLength(2)
      await eventually(() => stagedOrder(amazonId), { status: "SHIPPED", shipped: { "AMZ-MUG-01": 2, "AMZ-TSHIRT-M": 1 } })
      // The Medusa order's Amazon state is read through the link.
      const { data } = await query().graph({ entity: "order", fields: ["id", "amazon_order.status"], filters: { id: order.id } })
      expect((data[0] as any).amazon_order.status).toBe("SHIPPED")
      // The ids the module stores join what they name: its own rows by relation, Medusa's by read-only links.
      const { data: joined } = await query().graph({
        entity: "amazon_tracking_push",
        fields: ["id", "medusa_order.id", "fulfillment.id", "amazon_order_row.amazon_order_id", "amazon_order_row.items.line_item_id", "amazon_order_row.items.order_line_item.id"],
        filters: { id: push.id },
      })
      const joinedPush = joined[0] as any
      expect(joinedPush).toMatchObject({ medusa_order: { id: order.id }, fulfillment: { id: fulfillmentId }, amazon_order_row: { amazon_order_id: amazonId } })
      expect(joinedPush.amazon_order_row.items).toHaveLength(2)
      for (const item of joinedPush.amazon_order_row.items) expect(item.order_line_item).toEqual({ id: item.line_item_id })

      // The same fulfillment again (a repeated event, a retry) is never confirmed twice.
      const again = await pushAmazonTrackingWorkflow(container).run({ input: { fulfillment_id: fulfillmentId, trigger: "shipment" } })
      expect(again.result).toMatchObject({ created: false, skipped_reason: "already_recorded", push: { id: push.id, state: "confirmed" } })
      await retryDueAmazonTrackingPushesWorkflow(container).run({ input: {} })
      expect(acceptedConfirmations(amazonId)).toHaveLength(1)
      expect(confirmShipmentRequests(amazonId)).toHaveLength(1)

      shipmentEventsNotifyNobody()
      expect(await notificationsSent()).toEqual([])

      const listed = await api.get(`/admin/amazon/tracking?order_id=${order.id}`, admin)
      expect(listed.status).toBe(200)
      expect(listed.data).toMatchObject({ count: 1, tracking_pushes: [expect.objectContaining({ id: push.id, state: "confirmed", fulfillment_id: fulfillmentId })] })
      const retried = await api.post(`/admin/amazon/tracking/${push.id}/retry`, {}, admin).catch((error) => error.response)
      expect(retried.status).toBe(400)
      expect(retried.data.message).toMatch(/^Amazon already confirmed this shipment of order 111-4000000-0000001 on .*; there is nothing to retry\.$/)
    })

    it("two partial fulfillments send two confirmations with the right quantities: PARTIALLY_SHIPPED, then SHIPPED", async () => {
      const amazonId = "111-4000000-0000002"
      const orders = await importOrders([usOrder(amazonId, [{ sku: "AMZ-MUG-01", quantity: 2 }, { sku: "AMZ-TSHIRT-M", quantity: 1 }])])
      const order = orders.get(amazonId)!

      // A fulfillment that already carries its label (shipping integrations buy it on creation) is confirmed at once.
      const firstItems = [{ id: order.line["AMZ-MUG-01"], quantity: 1 }]
      const usps = { tracking_number: "9400111899223197428490", tracking_url: "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111899223197428490", label_url: "" }
      const first = await fulfil(order.id, firstItems, { labels: [usps] })
      expect(await settledPush(first)).toMatchObject({ state: "confirmed", trigger: "fulfillment", carrier_code: "USPS", package_reference_id: "1" })
      expect(simulator.getOrderSnapshot(amazonId)!.status).toBe("PARTIALLY_SHIPPED")
      await eventually(() => stagedOrder(amazonId), { status: "PARTIALLY_SHIPPED", shipped: { "AMZ-MUG-01": 1, "AMZ-TSHIRT-M": 0 } })
      // Marking it as shipped afterwards does not confirm it again.
      await ship(order.id, first, firstItems, [usps])
      await letSubscribersRun()
      expect(confirmShipmentRequests(amazonId)).toHaveLength(1)

      const secondItems = [
        { id: order.line["AMZ-MUG-01"], quantity: 1 },
        { id: order.line["AMZ-TSHIRT-M"], quantity: 1 },
      ]
      const second = await fulfil(order.id, secondItems, { metadata: { amazon_carrier: "Speedy Couriers" } })
      await ship(order.id, second, secondItems, [{ tracking_number: "SC-000778", tracking_url: "", label_url: "" }])
      expect(await settledPush(second)).toMatchObject({ state: "confirmed", carrier_code: "Other", carrier_name: "Speedy Couriers", package_reference_id: "2" })

      const onAmazon = simulator.getOrderSnapshot(amazonId)!
      expect(onAmazon.status).toBe("SHIPPED")
      expect(onAmazon.packages.map((pkg) => ({ ref: pkg.packageReferenceId, carrier: pkg.carrierName ?? pkg.carrierCode, items: pkg.items }))).toEqual([
        { ref: "1", carrier: "USPS", items: [{ orderItemId: order.amazonItem["AMZ-MUG-01"], quantity: 1 }] },
        {
          ref: "2",
          carrier: "Speedy Couriers",
          items: expect.arrayContaining([
            { orderItemId: order.amazonItem["AMZ-MUG-01"], quantity: 1 },
            { orderItemId: order.amazonItem["AMZ-TSHIRT-M"], quantity: 1 },
          ]),
        },
      ])
      await eventually(() => stagedOrder(amazonId), { status: "SHIPPED", shipped: { "AMZ-MUG-01": 2, "AMZ-TSHIRT-M": 1 } })
      expect(acceptedConfirmations(amazonId)).toHaveLength(2)
      shipmentEventsNotifyNobody()
    })

    it("while Amazon fails (HTTP 500) or cannot be reached, the confirmation waits; it goes out exactly once when Amazon is back", async () => {
      const amazonId = "111-4000000-0000003"
      const orders = await importOrders([usOrder(amazonId, [{ sku: "AMZ-MUG-01", quantity: 1 }])])
      const order = orders.get(amazonId)!
      const items = [{ id: order.line["AMZ-MUG-01"], quantity: 1 }]

      simulator.injectFault({ operation: "confirmShipment", kind: "500", times: 50 })
      const fulfillmentId = await fulfil(order.id, items)
      await ship(order.id, fulfillmentId, items, [upsLabel("1Z999AA10123456785")])
      let push = await settledPush(fulfillmentId)
      simulator.clearFaults()
      expect(push).toMatchObject({ state: "waiting", attempts: 1, last_error_code: "SERVER_ERROR", amazon_response: { http_status: 500 } })
      expect(push.last_error).toMatch(/HTTP 500.*retried automatically \(attempt 2 of 12 at .*\)\.$/)
      expect(new Date(push.next_attempt_at).getTime()).toBeGreaterThan(Date.now())
      expect(acceptedConfirmations(amazonId)).toHaveLength(0)

      // Not due yet: the retry job leaves it alone.
      const early = await retryDueAmazonTrackingPushesWorkflow(container).run({ input: {} })
      expect(early.result.attempted.map((attempt: any) => attempt.id)).not.toContain(push.id)
      expect((await pushFor(fulfillmentId)).attempts).toBe(1)

      // Next attempt: nothing listens at the API endpoint.
      const closedPort = await unusedPort()
      await amazon().updateAmazonAccounts({ id: account.id, api_endpoint: `http://127.0.0.1:${closedPort}` })
      await makeDue(push.id)
      await retryDueAmazonTrackingPushesWorkflow(container).run({ input: {} })
      push = await pushFor(fulfillmentId)
      expect(push).toMatchObject({ state: "waiting", attempts: 2, last_error_code: "UNREACHABLE" })
      expect(push.last_error).toContain(`Could not reach the Selling Partner API at http://127.0.0.1:${closedPort}`)

      // The merchant's "Retry" sends at once, without waiting for the next attempt time.
      const retried = await api.post(`/admin/amazon/tracking/${push.id}/retry`, {}, admin)
      expect(retried.data.tracking_push).toMatchObject({ id: push.id, state: "waiting", attempts: 3, last_error_code: "UNREACHABLE" })

      // Amazon is back; the process that claimed the row last died before sending it (the row stayed "sent").
      await amazon().updateAmazonAccounts({ id: account.id, api_endpoint: simulator.url })
      await amazon().updateAmazonTrackingPushes({ id: push.id, state: "sent", claimed_at: new Date(Date.now() - 20 * MINUTE) })
      const runners = await Promise.all([
        retryDueAmazonTrackingPushesWorkflow(container).run({ input: {} }),
        // A second runner at the same moment (another process's job tick) must not send it again.
        retryDueAmazonTrackingPushesWorkflow(container).run({ input: {} }),
      ])
      expect(runners.map(({ result }: any) => result.confirmed).sort()).toEqual([0, 1])
      push = await pushFor(fulfillmentId)
      expect(push).toMatchObject({ state: "confirmed", attempts: 4, last_error: null, next_attempt_at: null })
      expect(acceptedConfirmations(amazonId)).toHaveLength(1)
      expect(simulator.getOrderSnapshot(amazonId)!.packages).toHaveLength(1)
      await eventually(() => stagedOrder(amazonId), { status: "SHIPPED", shipped: { "AMZ-MUG-01": 1 } })

      await makeDue(push.id)
      await retryDueAmazonTrackingPushesWorkflow(container).run({ input: {} })
      expect(acceptedConfirmations(amazonId)).toHaveLength(1)
    })

    it("Amazon's refusals stop the retries and say what to fix; an order cancelled on Amazon is never confirmed", async () => {
      const quantityId = "111-4000000-0000004"
      const cancelledOnAmazonId = "111-4000000-0000005"
      const cancelledInStagingId = "111-4000000-0000006"
      const orders = await importOrders([
        usOrder(quantityId, [{ sku: "AMZ-MUG-01", quantity: 2 }]),
        usOrder(cancelledOnAmazonId, [{ sku: "AMZ-MUG-01", quantity: 1 }]),
        usOrder(cancelledInStagingId, [{ sku: "AMZ-TSHIRT-M", quantity: 1 }]),
      ])

      // The seller confirmed one mug in Seller Central; the store then ships both.
      const client = await amazon().clientForAccount(account.id)
      await client.confirmShipmentV0(quantityId, {
        marketplaceId: US,
        packageDetail: {
          packageReferenceId: "7",
          carrierCode: "UPS",
          trackingNumber: "1Z999AA10123456700",
          shipDate: simulator.now().toISOString(),
          orderItems: [{ orderItemId: orders.get(quantityId)!.amazonItem["AMZ-MUG-01"], quantity: 1 }],
        },
      })
      const quantityOrder = orders.get(quantityId)!
      const quantityItems = [{ id: quantityOrder.line["AMZ-MUG-01"], quantity: 2 }]
      const quantityFulfillment = await fulfil(quantityOrder.id, quantityItems)
      await ship(quantityOrder.id, quantityFulfillment, quantityItems, [upsLabel("1Z999AA10123456786")])
      const quantityPush = await settledPush(quantityFulfillment)
      expect(quantityPush).toMatchObject({ state: "failed", attempts: 1, next_attempt_at: null, last_error_code: "QUANTITY_ABOVE_UNSHIPPED", amazon_response: { http_status: 400 } })
      expect(quantityPush.last_error).toMatch(/^Amazon refused the quantities for order 111-4000000-0000004: more units than are left to ship \(Amazon said: .*exceeds the 1 unit\(s\) left to ship\)\. .*correct the fulfillment in Medusa, then retry\.$/)

      // Cancelled on Amazon, not yet seen by the store: Amazon refuses it.
      simulator.setOrderStatus(cancelledOnAmazonId, "CANCELLED")
      const cancelledOrder = orders.get(cancelledOnAmazonId)!
      const cancelledItems = [{ id: cancelledOrder.line["AMZ-MUG-01"], quantity: 1 }]
      const cancelledFulfillment = await fulfil(cancelledOrder.id, cancelledItems)
      await ship(cancelledOrder.id, cancelledFulfillment, cancelledItems, [upsLabel("1Z999AA10123456787")])
      const cancelledPush = await settledPush(cancelledFulfillment)
      expect(cancelledPush).toMatchObject({ state: "failed", last_error_code: "ORDER_CANCELLED" })
      expect(cancelledPush.last_error).toMatch(/was cancelled on Amazon .*Do not send the parcel; cancel the fulfillment in Medusa/)

      // Cancelled on Amazon and known to the store: refused without asking Amazon.
      const guardedOrder = orders.get(cancelledInStagingId)!
      const guardedItems = [{ id: guardedOrder.line["AMZ-TSHIRT-M"], quantity: 1 }]
      const guardedFulfillment = await fulfil(guardedOrder.id, guardedItems)
      simulator.setOrderStatus(cancelledInStagingId, "CANCELLED")
      const [staged] = await amazon().listAmazonOrders({ amazon_order_id: cancelledInStagingId })
      await amazon().updateAmazonOrders({ id: staged.id, status: "CANCELLED" })
      await ship(guardedOrder.id, guardedFulfillment, guardedItems, [upsLabel("1Z999AA10123456788")])
      const guardedPush = await settledPush(guardedFulfillment)
      expect(guardedPush).toMatchObject({ state: "failed", attempts: 0, package: null, last_error_code: "ORDER_CANCELLED" })
      expect(guardedPush.last_error).toBe(
        "Amazon order 111-4000000-0000006 was cancelled on Amazon, so its shipment cannot be confirmed. Do not send the parcel; cancel the fulfillment in Medusa (and refund the buyer on Amazon if they were charged)."
      )
      expect(confirmShipmentRequests(cancelledInStagingId)).toHaveLength(0)

      // No endless retry: the job never picks failed confirmations up again.
      const before = confirmShipmentRequests().length
      for (const push of [quantityPush, cancelledPush, guardedPush]) await makeDue(push.id)
      await retryDueAmazonTrackingPushesWorkflow(container).run({ input: {} })
      expect(confirmShipmentRequests()).toHaveLength(before)

      // The admin list shows the reasons.
      const failed = await api.get(`/admin/amazon/tracking?state=failed&limit=50`, admin)
      const reasons = Object.fromEntries(failed.data.tracking_pushes.map((push: any) => [push.amazon_order_id, push.last_error]))
      expect(reasons).toMatchObject({
        [quantityId]: quantityPush.last_error,
        [cancelledOnAmazonId]: cancelledPush.last_error,
        [cancelledInStagingId]: guardedPush.last_error,
      })
      expect(failed.data.count).toBeGreaterThanOrEqual(3)

      // "Retry" by the merchant rebuilds and sends once more; Amazon still refuses, and says so again.
      const retried = await api.post(`/admin/amazon/tracking/${quantityPush.id}/retry`, {}, admin)
      expect(retried.status).toBe(200)
      expect(retried.data.tracking_push).toMatchObject({ id: quantityPush.id, state: "failed", attempts: 1, last_error_code: "QUANTITY_ABOVE_UNSHIPPED", package_reference_id: "1" })
      expect(confirmShipmentRequests(quantityId).filter((request) => request.status === 400)).toHaveLength(2)
      const unknown = await api.post(`/admin/amazon/tracking/amztrk_unknown/retry`, {}, admin).catch((error) => error.response)
      expect(unknown.status).toBe(404)
      expect(unknown.data.message).toBe("No Amazon tracking confirmation with id amztrk_unknown exists. Reload the tracking list.")
    })

    it("pushes nothing for accounts with tracking push switched off", async () => {
      const amazonId = "111-4000000-0000007"
      const orders = await importOrders([usOrder(amazonId, [{ sku: "AMZ-MUG-01", quantity: 1 }])])
      await amazon().updateAmazonAccounts({ id: account.id, push_tracking: false })
      try {
        const order = orders.get(amazonId)!
        const items = [{ id: order.line["AMZ-MUG-01"], quantity: 1 }]
        const fulfillmentId = await fulfil(order.id, items)
        await ship(order.id, fulfillmentId, items, [upsLabel("1Z999AA10123456789")])
        const { result } = await pushAmazonTrackingWorkflow(container).run({ input: { fulfillment_id: fulfillmentId, trigger: "shipment" } })
        expect(result).toMatchObject({ push: null, created: false, skipped_reason: "push_tracking_off" })
        await letSubscribersRun()
        expect(await pushFor(fulfillmentId)).toBeNull()
        expect(confirmShipmentRequests()).toHaveLength(0)
      } finally {
        await amazon().updateAmazonAccounts({ id: account.id, push_tracking: true })
      }
    })

    it("a tracking CSV with 3 good and 2 bad lines ships and confirms the 3, and reports the 2 with their reasons", async () => {
      const [wholeId, byNumberId, partialId] = ["111-4000000-0000011", "111-4000000-0000012", "111-4000000-0000013"]
      const orders = await importOrders([
        usOrder(wholeId, [{ sku: "AMZ-MUG-01", quantity: 1 }, { sku: "AMZ-TSHIRT-M", quantity: 1 }]),
        usOrder(byNumberId, [{ sku: "AMZ-TSHIRT-M", quantity: 2 }]),
        usOrder(partialId, [{ sku: "AMZ-MUG-01", quantity: 3 }]),
      ])
      const yesterday = new Date(Date.now() - 24 * 60 * MINUTE).toISOString().slice(0, 10)
      const csv = [
        "Order,Carrier,Tracking Number,Ship Date,SKU,Quantity",
        `${wholeId},UPS,1Z999AA10123456790,,,`,
        `#${orders.get(byNumberId)!.display_id},Royal Mail,AB123456789GB,${yesterday},,`,
        `${partialId},Speedy Couriers,SC-100200,,AMZ-MUG-01,2`,
        `111-4000000-0009999,UPS,1Z999AA10123456791,,,`,
        `${partialId},UPS,1Z999AA10123456792,,AMZ-POSTER-A2,1`,
      ].join("\n")

      const response = await api.post("/admin/amazon/tracking-imports", { csv }, admin)
      expect(response.status).toBe(200)
      const rows = response.data.rows
      expect(response.data).toMatchObject({ done: 3, errors: 2 })
      expect(rows.map((row: any) => [row.row, row.status])).toEqual([
        [2, "done"],
        [3, "done"],
        [4, "done"],
        [5, "error"],
        [6, "error"],
      ])
      expect(rows[0]).toMatchObject({ amazon_order_id: wholeId, tracking_push_state: "confirmed", message: expect.stringMatching(/2 units shipped with UPS, tracking number 1Z999AA10123456790; Amazon confirmed the shipment\.$/) })
      expect(rows[1]).toMatchObject({ amazon_order_id: byNumberId, tracking_push_state: "confirmed" })
      expect(rows[2]).toMatchObject({ amazon_order_id: partialId, tracking_push_state: "confirmed" })
      expect(rows[3]).toMatchObject({
        amazon_order_id: "111-4000000-0009999",
        message: 'Amazon order 111-4000000-0009999 is not known to the store yet. Run "Sync now" for its Amazon account, then import this line again.',
      })
      expect(rows[4]).toMatchObject({ amazon_order_id: partialId, message: expect.stringMatching(/^SKU AMZ-POSTER-A2 is not an item of order #\d+ \(Amazon 111-4000000-0000013\)\. Check the SKU on this line\.$/) })

      expect(simulator.getOrderSnapshot(wholeId)!).toMatchObject({ status: "SHIPPED", packages: [expect.objectContaining({ carrierCode: "UPS", trackingNumber: "1Z999AA10123456790" })] })
      expect(simulator.getOrderSnapshot(byNumberId)!).toMatchObject({
        status: "SHIPPED",
        packages: [expect.objectContaining({ carrierCode: "Royal Mail", trackingNumber: "AB123456789GB", shipDate: `${yesterday}T12:00:00.000Z` })],
      })
      expect(simulator.getOrderSnapshot(partialId)!).toMatchObject({
        status: "PARTIALLY_SHIPPED",
        packages: [expect.objectContaining({ carrierCode: "Other", carrierName: "Speedy Couriers", items: [{ orderItemId: orders.get(partialId)!.amazonItem["AMZ-MUG-01"], quantity: 2 }] })],
      })
      expect(confirmShipmentRequests()).toHaveLength(3)

      // Medusa has the fulfillments and shipments, with the tracking number, and told nobody.
      const { data } = await query().graph({
        entity: "order",
        fields: ["id", "items.variant_sku", "items.detail.shipped_quantity", "fulfillments.shipped_at", "fulfillments.labels.tracking_number"],
        filters: { id: orders.get(partialId)!.id },
      })
      const partialOrder = data[0] as any
      expect(Number(partialOrder.items[0].detail.shipped_quantity)).toBe(2)
      expect(partialOrder.fulfillments).toEqual([expect.objectContaining({ shipped_at: expect.anything(), labels: [expect.objectContaining({ tracking_number: "SC-100200" })] })])
      const pushes = await amazon().listAmazonTrackingPushes({ amazon_order_id: [wholeId, byNumberId, partialId] })
      expect(pushes.map((push: any) => push.trigger)).toEqual(["csv_import", "csv_import", "csv_import"])
      shipmentEventsNotifyNobody()
      expect(await notificationsSent()).toEqual([])

      // The same file again creates nothing new: everything it names is shipped already.
      const again = await api.post("/admin/amazon/tracking-imports", { csv }, admin)
      expect(again.data).toMatchObject({ done: 0, errors: 5 })
      expect(again.data.rows[0].message).toMatch(/Every item of order #\d+ \(Amazon 111-4000000-0000011\) is already fulfilled in Medusa/)
      expect(confirmShipmentRequests()).toHaveLength(3)
    })

    it("two claimers at once on 60 due confirmations: each is claimed by one of them and sent to Amazon exactly once", async () => {
      const seeds = Array.from({ length: 60 }, (_, index) => usOrder(`111-4100000-${String(index + 1).padStart(7, "0")}`, [{ sku: "AMZ-MUG-01", quantity: 1 }]))
      const orders = await importOrders(seeds)
      const staged = await amazon().listAmazonOrders({ amazon_order_id: seeds.map((seed) => seed.id) }, { take: null })
      await amazon().createAmazonTrackingPushes(
        staged.map((row: any, index: number) => {
          const orderItemId = orders.get(row.amazon_order_id)!.amazonItem["AMZ-MUG-01"]
          const trackingNumber = `1Z999AA1${String(index).padStart(10, "0")}`
          return {
            fulfillment_id: `ful_concurrency_${index}`,
            order_id: orders.get(row.amazon_order_id)!.id,
            amazon_order_row_id: row.id,
            amazon_order_id: row.amazon_order_id,
            account_id: account.id,
            marketplace_id: US,
            trigger: "shipment",
            state: "waiting",
            package_reference_id: "1",
            carrier_code: "UPS",
            tracking_number: trackingNumber,
            package: {
              marketplaceId: US,
              packageDetail: { packageReferenceId: "1", carrierCode: "UPS", trackingNumber, shipDate: simulator.now().toISOString(), orderItems: [{ orderItemId, quantity: 1 }] },
            },
            items: [{ order_item_id: orderItemId, line_item_id: orders.get(row.amazon_order_id)!.line["AMZ-MUG-01"], quantity: 1 }],
            attempts: 0,
          }
        })
      )

      const runs = await Promise.all([
        retryDueAmazonTrackingPushesWorkflow(container).run({ input: { limit: 100 } }),
        retryDueAmazonTrackingPushesWorkflow(container).run({ input: { limit: 100 } }),
        amazon().claimTrackingPushes({ limit: 100 }),
      ])
      const stolen = runs[2] as Array<{ id: string }>
      const confirmed = (runs[0] as any).result.confirmed + (runs[1] as any).result.confirmed
      expect(confirmed + stolen.length).toBe(60)
      const pushes = await amazon().listAmazonTrackingPushes({ amazon_order_id: seeds.map((seed) => seed.id) }, { take: null })
      expect(pushes.filter((push: any) => push.state === "confirmed")).toHaveLength(confirmed)
      // The bare claimer never sent what it claimed: those rows are "sent" and nobody else touched them.
      expect(pushes.filter((push: any) => push.state === "sent").map((push: any) => push.id).sort()).toEqual(stolen.map((row) => row.id).sort())
      for (const push of pushes) expect(push.attempts).toBe(1)
      for (const seed of seeds) expect(confirmShipmentRequests(seed.id).length).toBeLessThanOrEqual(1)
      expect(confirmShipmentRequests().filter((request) => request.status === 204)).toHaveLength(confirmed)
      expect(confirmShipmentRequests().filter((request) => request.status !== 204)).toHaveLength(0)
    })

    it("a confirmation Amazon already holds is confirmed from Amazon's packages of the order, never sent again nor marked failed", async () => {
      const [lostAnswerId, staleSentId, alreadyShippedId, sellerCentralId] = ["111-4000000-0000021", "111-4000000-0000022", "111-4000000-0000023", "111-4000000-0000024"]
      const orders = await importOrders([lostAnswerId, staleSentId, alreadyShippedId, sellerCentralId].map((id) => usOrder(id, [{ sku: "AMZ-MUG-01", quantity: 1 }])))
      const client = await amazon().clientForAccount(account.id)
      const getOrderWithPackages = (amazonOrderId: string) =>
        simulator.requests().filter((request) => request.method === "GET" && request.path === `/orders/2026-01-01/orders/${amazonOrderId}` && /PACKAGES/.test(JSON.stringify(request.query)))

      async function shipOne(amazonOrderId: string, trackingNumber: string) {
        const order = orders.get(amazonOrderId)!
        const items = [{ id: order.line["AMZ-MUG-01"], quantity: 1 }]
        const fulfillmentId = await fulfil(order.id, items)
        await ship(order.id, fulfillmentId, items, [upsLabel(trackingNumber)])
        return settledPush(fulfillmentId)
      }

      // Amazon answered 500 but had applied the package (the answer was lost): the next attempt finds it there.
      // The client retries server errors itself: enough of them for the attempt to fail.
      simulator.injectFault({ operation: "confirmShipment", kind: "500", times: 50 })
      let lost = await shipOne(lostAnswerId, "1Z999AA10123456721")
      simulator.clearFaults()
      expect(lost).toMatchObject({ state: "waiting", verify_with_amazon: true })
      await client.confirmShipmentV0(lostAnswerId, lost.package)
      // A sender that died after Amazon applied the package and before it recorded that: the row stayed "sent".
      simulator.injectFault({ operation: "confirmShipment", kind: "500", times: 50 })
      let stale = await shipOne(staleSentId, "1Z999AA10123456722")
      simulator.clearFaults()
      await client.confirmShipmentV0(staleSentId, stale.package)
      await amazon().updateAmazonTrackingPushes({ id: stale.id, state: "sent", verify_with_amazon: false, claimed_at: new Date(Date.now() - 20 * MINUTE) })
      await makeDue(lost.id)
      await retryDueAmazonTrackingPushesWorkflow(container).run({ input: {} })
      lost = await pushFor(lost.fulfillment_id)
      stale = await pushFor(stale.fulfillment_id)
      for (const [push, amazonOrderId] of [[lost, lostAnswerId], [stale, staleSentId]] as const) {
        expect(push).toMatchObject({ state: "confirmed", last_error: null, verify_with_amazon: false, amazon_response: { http_status: 204, found_in_amazon_packages: "1" } })
        expect(acceptedConfirmations(amazonOrderId)).toHaveLength(1)
        expect(getOrderWithPackages(amazonOrderId).length).toBeGreaterThanOrEqual(1)
      }
      await eventually(() => stagedOrder(staleSentId), { status: "SHIPPED", shipped: { "AMZ-MUG-01": 1 } })

      // Amazon says "already shipped" to a first attempt because the package reached it through another path.
      const order = orders.get(alreadyShippedId)!
      const [stagedRow] = await amazon().listAmazonOrders({ amazon_order_id: alreadyShippedId })
      await client.confirmShipmentV0(alreadyShippedId, {
        marketplaceId: US,
        packageDetail: { packageReferenceId: "1", carrierCode: "UPS", trackingNumber: "1Z999AA10123456723", shipDate: simulator.now().toISOString(), orderItems: [{ orderItemId: order.amazonItem["AMZ-MUG-01"], quantity: 1 }] },
      })
      expect(stagedRow.status).toBe("UNSHIPPED")
      const alreadyShipped = await shipOne(alreadyShippedId, "1Z999AA10123456723")
      expect(alreadyShipped).toMatchObject({ state: "confirmed", amazon_response: { found_in_amazon_packages: "1" } })
      expect(confirmShipmentRequests(alreadyShippedId).map((request) => request.status)).toEqual([204, 400])

      // Shipped in Seller Central with another tracking number: not ours, so the merchant is told.
      await client.confirmShipmentV0(sellerCentralId, {
        marketplaceId: US,
        packageDetail: { packageReferenceId: "9", carrierCode: "UPS", trackingNumber: "1Z999AA10000000000", shipDate: simulator.now().toISOString(), orderItems: [{ orderItemId: orders.get(sellerCentralId)!.amazonItem["AMZ-MUG-01"], quantity: 1 }] },
      })
      const notOurs = await shipOne(sellerCentralId, "1Z999AA10123456724")
      expect(notOurs).toMatchObject({ state: "failed", last_error_code: "ORDER_ALREADY_SHIPPED" })
    })

    it("refuses a file it cannot read with a sentence saying what to fix", async () => {
      const noHeader = await api.post("/admin/amazon/tracking-imports", { csv: "111-4000000-0000011,UPS,1Z\n" }, admin).catch((error) => error.response)
      expect(noHeader.status).toBe(400)
      expect(noHeader.data.message).toMatch(/^The header line has no "order \(Amazon order id or order number\)", "carrier", "tracking number" column\./)
      const noCsv = await api.post("/admin/amazon/tracking-imports", {}, admin).catch((error) => error.response)
      expect(noCsv.status).toBe(400)
      expect(noCsv.data.message).toBe("Invalid request: Field 'csv' is required")
    })
  },
})

/** A local port with nothing listening on it. */
function unusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}
