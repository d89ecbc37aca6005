import path from "node:path"
import { amazonIntegrationTestRunner } from "../helpers/medusa-runner"
import { ContainerRegistrationKeys, MathBN, Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { createOrderFulfillmentWorkflow, createOrderShipmentWorkflow } from "@medusajs/medusa/core-flows"
import { demoOrders, startSimulator } from "../../simulator"
import { createAdminHeaders } from "../helpers/admin"
import { seedStore, type SeededStore } from "../helpers/seed-store"
import { createStoreAccount } from "../helpers/simulator-account"
import { catalogueItems, usOrderSeed, type SeedLine } from "../helpers/sim-orders"

jest.setTimeout(240 * 1000)

/* eslint-disable @typescript-eslint/no-var-requires */
const { importAmazonOrders } = require("medusa-plugin-amazon/workflows")
const { createMedusaOrdersFromAmazonWorkflow } = require("medusa-plugin-amazon/workflows/import-orders/create-medusa-orders-from-amazon")
const { retryDueAmazonTrackingPushesWorkflow } = require("medusa-plugin-amazon/workflows/tracking/retry-due-amazon-tracking-pushes")
/* eslint-enable @typescript-eslint/no-var-requires */

const US = "ATVPDKIKX0DER"
const DE = "A1PA6795UKMFR9"
const JP = "A1VC38T7YXB528"
const MINUTE = 60 * 1000

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
      account = await createStoreAccount(container, simulator.url, store, { marketplace_ids: [US, DE, JP] })
      admin = await createAdminHeaders(container)
    })
    afterAll(async () => {
      await simulator?.close()
    })
    beforeEach(() => {
      container = getContainer()
      simulator.reset()
    })

    const amazon = () => container.resolve("amazon") as any
    const query = () => container.resolve(ContainerRegistrationKeys.QUERY)

    const usOrder = (id: string, items: SeedLine[]) =>
      usOrderSeed(id, simulator.now(), catalogueItems(items.map((item) => ({ ...item, shippingPrice: 4.99, shippingTax: 0.41 }))))

    async function runImport() {
      const result = await importAmazonOrders(container, { account_id: account.id, trigger: "test" })
      expect(result.ran).toBe(true)
      return result.run
    }

    /** The Medusa order of an Amazon order, with its lines by SKU and Amazon's own total. */
    async function importedOrder(amazonOrderId: string) {
      const { data } = await query().graph({
        entity: "amazon_order",
        fields: ["order_total", "currency_code", "order.id", "order.total", "order.items.id", "order.items.variant_sku", "order.items.quantity"],
        filters: { amazon_order_id: amazonOrderId },
      })
      const row = data[0] as any
      return {
        id: row.order.id as string,
        amazonTotal: MathBN.convert(row.order_total).toNumber(),
        lines: row.order.items.map((item: any) => ({ id: item.id as string, sku: item.variant_sku as string, quantity: MathBN.convert(item.quantity).toNumber() })),
      }
    }

    /** What Medusa's admin shows for the order: payment status, summary and the payment collection. */
    async function adminOrder(orderId: string) {
      const { data } = await api.get(
        `/admin/orders/${orderId}?fields=+payment_status,+summary,*payment_collections,*payment_collections.payments,*payment_collections.payments.captures,*payment_collections.payments.refunds`,
        admin
      )
      return data.order
    }

    async function shipPackage(orderId: string, items: Array<{ id: string; quantity: number }>, trackingNumber: string) {
      const { result: fulfillment } = await createOrderFulfillmentWorkflow(container).run({
        input: { order_id: orderId, items, location_id: store.stockLocationId, no_notification: true },
      })
      await createOrderShipmentWorkflow(container).run({
        input: {
          order_id: orderId,
          fulfillment_id: fulfillment.id,
          items,
          labels: [{ tracking_number: trackingNumber, tracking_url: `https://www.ups.com/track?tracknum=${trackingNumber}`, label_url: "" }],
          no_notification: true,
        },
      })
      return fulfillment.id as string
    }

    /** The push subscriber runs after the shipment workflow: wait until its capture outcome is recorded. */
    async function capturedPush(fulfillmentId: string, state: "captured" | "failed" = "captured") {
      const deadline = Date.now() + 30_000
      for (;;) {
        const [push] = await amazon().listAmazonTrackingPushes({ fulfillment_id: fulfillmentId })
        if (push?.state === "confirmed" && push.payment_capture_state === state) return push
        if (Date.now() > deadline) throw new Error(`The push of ${fulfillmentId} did not reach capture state ${state}: ${JSON.stringify(push)}`)
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
    }

    /** The order's transactions of type capture, by the capture they record. */
    async function captureTransactions(orderId: string) {
      const transactions = await container.resolve(Modules.ORDER).listOrderTransactions({ order_id: orderId, reference: "capture" } as any)
      return transactions.map((transaction: any) => ({ reference_id: transaction.reference_id, amount: MathBN.convert(transaction.amount).toNumber() }))
    }

    function capturedAmount(order: any) {
      return order.payment_collections[0].payments.flatMap((payment: any) => payment.captures ?? []).reduce((sum: number, capture: any) => sum + Number(capture.amount), 0)
    }

    it("FBM: authorized at import for Amazon's total; each confirmed package captures exactly its items; the last one the rest", async () => {
      const amazonId = "111-6000000-0000001"
      simulator.seedOrders([usOrder(amazonId, [{ sku: "AMZ-MUG-01", quantity: 2 }, { sku: "AMZ-TSHIRT-M", quantity: 1 }])])
      await runImport()
      const order = await importedOrder(amazonId)

      const imported = await adminOrder(order.id)
      expect(imported.payment_status).toBe("authorized")
      expect(imported.payment_collections).toHaveLength(1)
      expect(imported.payment_collections[0]).toMatchObject({ currency_code: "usd" })
      expect(Number(imported.payment_collections[0].amount)).toBe(order.amazonTotal)
      expect(imported.payment_collections[0].payments[0].provider_id).toBe("pp_amazon_amazon")

      // A second run does not add a second collection.
      simulator.advanceTime(3 * MINUTE)
      await runImport()
      expect((await adminOrder(order.id)).payment_collections).toHaveLength(1)

      const mug = order.lines.find((line) => line.sku === "AMZ-MUG-01")!
      const shirt = order.lines.find((line) => line.sku === "AMZ-TSHIRT-M")!
      const first = await capturedPush(await shipPackage(order.id, [{ id: mug.id, quantity: 2 }], "1Z999AA10123456784"))
      const partly = await adminOrder(order.id)
      expect(partly.payment_status).toBe("partially_captured")
      // Two mugs with their tax: 2 × (12.99 + 1.07).
      expect(capturedAmount(partly)).toBe(28.12)
      expect(Number(partly.summary.pending_difference)).toBeCloseTo(order.amazonTotal - 28.12, 2)

      const second = await capturedPush(await shipPackage(order.id, [{ id: shirt.id, quantity: 1 }], "1Z999AA10123456785"))
      expect(second.payment_capture_id).not.toBe(first.payment_capture_id)
      const paid = await adminOrder(order.id)
      expect(paid.payment_status).toBe("captured")
      expect(capturedAmount(paid)).toBe(order.amazonTotal)
      expect(Number(paid.summary.pending_difference)).toBe(0)
    })

    it("Medusa's Capture button on an authorized Amazon order is refused with how Amazon orders are captured; the confirmed shipment captures it", async () => {
      const amazonId = "111-6000000-0000009"
      simulator.seedOrders([usOrder(amazonId, [{ sku: "AMZ-MUG-01", quantity: 2 }])])
      await runImport()
      const order = await importedOrder(amazonId)
      const paymentId = (await adminOrder(order.id)).payment_collections[0].payments[0].id

      const refused = await api.post(`/admin/payments/${paymentId}/capture`, {}, admin).catch((error: any) => error.response)
      expect(refused.status).toBe(400)
      expect(refused.data.message).toContain("Amazon charges the buyer when it accepts your shipment confirmation")
      const untouched = await adminOrder(order.id)
      expect(untouched.payment_status).toBe("authorized")
      expect(untouched.payment_collections[0].payments[0].captures).toEqual([])
      expect(untouched.payment_collections[0].payments[0].captured_at).toBeNull()

      const mug = order.lines.find((line) => line.sku === "AMZ-MUG-01")!
      const push = await capturedPush(await shipPackage(order.id, [{ id: mug.id, quantity: 2 }], "1Z999AA10123456790"))
      const paid = await adminOrder(order.id)
      expect(paid.payment_status).toBe("captured")
      expect(capturedAmount(paid)).toBe(order.amazonTotal)
      expect(paid.payment_collections[0].payments[0].captures.map((capture: any) => capture.id)).toEqual([push.payment_capture_id])
      expect(await captureTransactions(order.id)).toEqual([{ reference_id: push.payment_capture_id, amount: order.amazonTotal }])

      // Once paid, the button has nothing left to capture: Medusa says so before the provider is asked.
      const again = await api.post(`/admin/payments/${paymentId}/capture`, {}, admin).catch((error: any) => error.response)
      expect(again.status).toBeLessThan(500)
      expect(capturedAmount(await adminOrder(order.id))).toBe(order.amazonTotal)
    })

    it("a capture that fails once is shown to the merchant and captured exactly once by the next retry run", async () => {
      const amazonId = "111-6000000-0000004"
      simulator.seedOrders([usOrder(amazonId, [{ sku: "AMZ-MUG-01", quantity: 2 }, { sku: "AMZ-TSHIRT-M", quantity: 1 }])])
      await runImport()
      const order = await importedOrder(amazonId)
      const mug = order.lines.find((line) => line.sku === "AMZ-MUG-01")!
      const shirt = order.lines.find((line) => line.sku === "AMZ-TSHIRT-M")!
      const paymentId = (await adminOrder(order.id)).payment_collections[0].payments[0].id

      // Another transaction holds the payment row (as a concurrent capture or refund would) for longer than the
      // payment module waits for it: this capture fails, Amazon's confirmation stands.
      const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as any
      async function whilePaymentHeld<T>(work: () => Promise<T>): Promise<T> {
        const holder = await knex.transaction()
        try {
          await holder.raw(`select id from payment where id = ? for update`, [paymentId])
          return await work()
        } finally {
          await holder.commit()
        }
      }
      const shippedAt = Date.now()
      const failed = await whilePaymentHeld(async () => capturedPush(await shipPackage(order.id, [{ id: mug.id, quantity: 2 }], "1Z999AA10123456790"), "failed"))
      expect(failed.payment_capture_id).toBeNull()
      expect(failed.payment_capture_attempts).toBe(1)
      expect(failed.payment_capture_error).toContain(`Amazon confirmed package ${failed.package_reference_id} of order ${amazonId}, but Medusa could not record its payment of $28.12`)
      expect(failed.payment_capture_error).toContain("waiting longer after each failure")
      // The first retry comes a minute after the failure.
      const firstRetryAt = new Date(failed.payment_capture_next_attempt_at).getTime()
      expect(firstRetryAt - shippedAt).toBeGreaterThanOrEqual(MINUTE - 1000)
      expect(firstRetryAt - Date.now()).toBeLessThanOrEqual(MINUTE)
      const stillAuthorized = await adminOrder(order.id)
      expect(capturedAmount(stillAuthorized)).toBe(0)
      expect(stillAuthorized.payment_status).toBe("authorized")

      // The admin's tracking list shows the row with the sentence and when the capture is tried again.
      const { data: listed } = await api.get(`/admin/amazon/tracking?payment_capture_state=failed&order_id=${order.id}`, admin)
      expect(listed.tracking_pushes.map((push: any) => push.id)).toEqual([failed.id])
      expect(listed.tracking_pushes[0].payment_capture_error).toBe(failed.payment_capture_error)
      expect(new Date(listed.tracking_pushes[0].payment_capture_next_attempt_at).getTime()).toBe(firstRetryAt)

      // Before that time the retry job leaves it alone.
      await retryDueAmazonTrackingPushesWorkflow(container).run({ input: {} })
      expect((await amazon().listAmazonTrackingPushes({ id: failed.id }))[0]).toMatchObject({ payment_capture_state: "failed", payment_capture_attempts: 1 })

      // Once it is due (as if the minute had passed), a second failure doubles the wait.
      const makeDue = () => amazon().updateAmazonTrackingPushes([{ id: failed.id, payment_capture_next_attempt_at: new Date(Date.now() - 1000) }])
      await makeDue()
      const secondTriedAt = Date.now()
      await whilePaymentHeld(() => retryDueAmazonTrackingPushesWorkflow(container).run({ input: {} }))
      const [again] = await amazon().listAmazonTrackingPushes({ id: failed.id })
      expect(again).toMatchObject({ payment_capture_state: "failed", payment_capture_attempts: 2, payment_capture_id: null })
      expect(new Date(again.payment_capture_next_attempt_at!).getTime() - secondTriedAt).toBeGreaterThanOrEqual(2 * MINUTE - 1000)
      expect(new Date(again.payment_capture_next_attempt_at!).getTime() - Date.now()).toBeLessThanOrEqual(2 * MINUTE)

      // The next due run of the retry job (run here rather than waiting for its schedule) captures it, even when two runs
      // start together (as two processes' jobs would); later runs do nothing.
      await makeDue()
      await Promise.all([retryDueAmazonTrackingPushesWorkflow(container).run({ input: {} }), retryDueAmazonTrackingPushesWorkflow(container).run({ input: {} })])
      await retryDueAmazonTrackingPushesWorkflow(container).run({ input: {} })
      const [retried] = await amazon().listAmazonTrackingPushes({ id: failed.id })
      expect(retried).toMatchObject({ payment_capture_state: "captured", payment_capture_error: null, payment_capture_attempts: 3, payment_capture_next_attempt_at: null })
      expect(MathBN.convert(retried.payment_captured_amount).toNumber()).toBe(28.12)
      const partly = await adminOrder(order.id)
      expect(partly.payment_status).toBe("partially_captured")
      const captures = partly.payment_collections[0].payments[0].captures
      expect(captures.map((capture: any) => [capture.created_by, Number(capture.amount)])).toEqual([[`amazon-shipment:${failed.id}`, 28.12]])
      expect(await captureTransactions(order.id)).toEqual([{ reference_id: retried.payment_capture_id, amount: 28.12 }])
      expect(Number(partly.summary.paid_total)).toBe(28.12)
      expect(Number(partly.summary.pending_difference)).toBeCloseTo(order.amazonTotal - 28.12, 2)

      // The last package captures the rest, shipping included: the payment is captured to the cent, once per package.
      const last = await capturedPush(await shipPackage(order.id, [{ id: shirt.id, quantity: 1 }], "1Z999AA10123456791"))
      await retryDueAmazonTrackingPushesWorkflow(container).run({ input: {} })
      const paid = await adminOrder(order.id)
      expect(paid.payment_status).toBe("captured")
      expect(capturedAmount(paid)).toBe(order.amazonTotal)
      expect(paid.payment_collections[0].payments[0].captures).toHaveLength(2)
      expect((await captureTransactions(order.id)).map((transaction) => transaction.reference_id).sort()).toEqual([retried.payment_capture_id, last.payment_capture_id].sort())
      expect(Number(paid.summary.paid_total)).toBe(order.amazonTotal)
      expect(Number(paid.summary.pending_difference)).toBe(0)
    })

    it("a run that completes a half-imported order finds its payment collection by the link and makes no second one", async () => {
      const amazonId = "111-6000000-0000003"
      simulator.seedOrders([usOrder(amazonId, [{ sku: "AMZ-MUG-01", quantity: 1 }])])
      await runImport()
      const order = await importedOrder(amazonId)
      const [row] = await amazon().listAmazonOrders({ amazon_order_id: amazonId })
      // As if the process died after the payment and before order.placed: the next run completes the order.
      await amazon().updateAmazonOrders({ id: row.id, order_placed_emitted_at: null })
      const { result } = await createMedusaOrdersFromAmazonWorkflow(container).run({ input: { account_id: account.id, staging_ids: [row.id] } })
      expect(result.created).toEqual([{ amazon_order_id: amazonId, order_id: order.id }])
      const after = await adminOrder(order.id)
      expect(after.payment_collections).toHaveLength(1)
      expect(after.payment_collections[0].payments).toHaveLength(1)
      expect(after.payment_status).toBe("authorized")
    })

    it("EUR (VAT included) and JPY (no decimals): collections hold Amazon's totals exactly and are captured exactly", async () => {
      const seeds = demoOrders({ now: simulator.now() }).filter((seed) => ["302-5550111-0000011", "503-5550113-0000013"].includes(seed.id))
      simulator.seedOrders(seeds)
      await runImport()
      for (const [amazonId, currency] of [["302-5550111-0000011", "eur"], ["503-5550113-0000013", "jpy"]]) {
        const order = await importedOrder(amazonId)
        const imported = await adminOrder(order.id)
        expect(imported.payment_status).toBe("authorized")
        expect(imported.payment_collections[0].currency_code).toBe(currency)
        expect(Number(imported.payment_collections[0].amount)).toBe(order.amazonTotal)

        await capturedPush(await shipPackage(order.id, order.lines.map((line) => ({ id: line.id, quantity: line.quantity })), `1Z999AA1012345${currency === "eur" ? "6786" : "6787"}`))
        const paid = await adminOrder(order.id)
        expect(paid.payment_status).toBe("captured")
        expect(capturedAmount(paid)).toBe(order.amazonTotal)
        expect(Number(paid.summary.pending_difference)).toBe(0)
      }
    })

    it("FBA: captured at import; Medusa's Refund is refused with a sentence (no seller ID for Amazon's refund feed) and records nothing", async () => {
      const [fba] = demoOrders({ now: simulator.now() }).filter((seed) => seed.id === "111-5550108-0000008")
      simulator.seedOrders([fba])
      await runImport()
      const order = await importedOrder(fba.id)
      const imported = await adminOrder(order.id)
      expect(imported.payment_status).toBe("captured")
      expect(capturedAmount(imported)).toBe(order.amazonTotal)
      expect(Number(imported.summary.pending_difference)).toBe(0)

      const payment = imported.payment_collections[0].payments[0]
      const refused = await api.post(`/admin/payments/${payment.id}/refund`, { amount: 1 }, admin).catch((error: any) => error.response)
      expect(refused.status).toBeGreaterThanOrEqual(400)
      expect(refused.data.message).toBe(
        `Amazon order ${fba.id} cannot be refunded yet: the Amazon account "Amazon US (simulator)" has no seller ID, which Amazon's refund feed must name. Enter it in Settings → Amazon.`
      )
      const after = await adminOrder(order.id)
      expect(after.payment_collections[0].payments[0].refunds ?? []).toHaveLength(0)
      expect(Number(after.summary.pending_difference)).toBe(0)
    })

    it("Amazon cancels an unshipped order: the order is canceled and so is its payment", async () => {
      const amazonId = "111-6000000-0000002"
      simulator.seedOrders([usOrder(amazonId, [{ sku: "AMZ-MUG-01", quantity: 1 }])])
      await runImport()
      const order = await importedOrder(amazonId)
      expect((await adminOrder(order.id)).payment_status).toBe("authorized")

      simulator.setOrderStatus(amazonId, "CANCELLED")
      simulator.advanceTime(3 * MINUTE)
      await runImport()
      const canceled = await adminOrder(order.id)
      expect(canceled.status).toBe("canceled")
      expect(canceled.payment_status).toBe("canceled")
      expect(canceled.payment_collections[0].payments[0].canceled_at).toBeTruthy()
    })

    it("GET /admin/amazon/status says the payment provider is installed", async () => {
      const { data } = await api.get("/admin/amazon/status", admin)
      expect(data.status).toMatchObject({ payment_provider_installed: true, payment_provider_message: null })
      expect(container.resolve(Modules.PAYMENT)).toBeTruthy()
    })
  },
})
