import path from "node:path"
import { amazonIntegrationTestRunner } from "../helpers/medusa-runner"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { createOrderFulfillmentWorkflow, createOrderShipmentWorkflow } from "@medusajs/medusa/core-flows"
import { startSimulator } from "../../simulator"
import { createAdminHeaders } from "../helpers/admin"
import { seedStore, type SeededStore } from "../helpers/seed-store"
import { createStoreAccount } from "../helpers/simulator-account"
import { catalogueItems, usOrderSeed, type SeedLine } from "../helpers/sim-orders"

jest.setTimeout(240 * 1000)

/* eslint-disable @typescript-eslint/no-var-requires */
const { importAmazonOrders, importAmazonSettlements } = require("medusa-plugin-amazon/workflows")
/* eslint-enable @typescript-eslint/no-var-requires */

const US = "ATVPDKIKX0DER"
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
      account = await createStoreAccount(container, simulator.url, store, { marketplace_ids: [US] })
      admin = await createAdminHeaders(container)
    })
    afterAll(async () => {
      await simulator?.close()
    })
    beforeEach(() => {
      container = getContainer()
    })

    const amazon = () => container.resolve("amazon") as any
    const query = () => container.resolve(ContainerRegistrationKeys.QUERY)

    const usOrder = (id: string, status: "UNSHIPPED" | "SHIPPED" = "UNSHIPPED") =>
      usOrderSeed(id, simulator.now(), catalogueItems([{ sku: "AMZ-MUG-01", quantity: 2, shippingPrice: 4.99, shippingTax: 0.41 }]), { status })

    async function medusaOrder(amazonOrderId: string) {
      const { data } = await query().graph({ entity: "amazon_order", fields: ["order.id"], filters: { amazon_order_id: amazonOrderId } })
      const id = (data[0] as any).order.id as string
      const { data: detail } = await api.get(`/admin/orders/${id}?fields=id,*items`, admin)
      return { id, items: detail.order.items.map((item: any) => ({ id: item.id as string, quantity: Number(item.quantity) })) }
    }

    async function adminOrder(orderId: string) {
      const { data } = await api.get(
        `/admin/orders/${orderId}?fields=+payment_status,*payment_collections,*payment_collections.payments,*payment_collections.payments.captures,*payment_collections.payments.refunds`,
        admin
      )
      return data.order
    }

    const captured = (order: any) =>
      order.payment_collections[0].payments.flatMap((payment: any) => payment.captures ?? []).reduce((sum: number, capture: any) => sum + Number(capture.amount), 0)

    /** Ships the whole order in Medusa; the plugin confirms it to Amazon and captures the payment. */
    async function shipWhole(amazonOrderId: string, trackingNumber: string) {
      const order = await medusaOrder(amazonOrderId)
      const { result: fulfillment } = await createOrderFulfillmentWorkflow(container).run({
        input: { order_id: order.id, items: order.items, location_id: store.stockLocationId, no_notification: true },
      })
      await createOrderShipmentWorkflow(container).run({
        input: { order_id: order.id, fulfillment_id: fulfillment.id, items: order.items, labels: [{ tracking_number: trackingNumber, tracking_url: "", label_url: "" }], no_notification: true },
      })
      const deadline = Date.now() + 30_000
      for (;;) {
        const [push] = await amazon().listAmazonTrackingPushes({ fulfillment_id: fulfillment.id })
        if (push?.state === "confirmed" && push.payment_capture_state === "captured") return order.id
        if (Date.now() > deadline) throw new Error(`The shipment of ${amazonOrderId} was not confirmed and captured: ${JSON.stringify(push)}`)
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
    }

    async function importSettlements() {
      const result = await importAmazonSettlements(container, { account_id: account.id, trigger: "test" })
      expect(result.ran).toBe(true)
      return result
    }

    async function settlementRows(settlementId: string) {
      const [settlement] = await amazon().listAmazonSettlements({ account_id: account.id, settlement_id: settlementId })
      const orders = settlement ? await amazon().listAmazonSettlementOrders({ settlement_row_id: settlement.id }, { order: { amazon_order_id: "ASC" } }) : []
      return { settlement, orders }
    }

    const amount = (value: unknown) => MathBN.convert(value as any).toNumber()

    it("pays shipped orders provisionally from Finances, then reconciles exactly them from the settlement, once", async () => {
      const [paid, refunded, short, unshipped, unknown] = ["111-7100000-0000001", "111-7100000-0000002", "111-7100000-0000003", "111-7100000-0000004", "111-7100000-0000005"]
      simulator.seedOrders([usOrder(paid), usOrder(refunded), usOrder(short), usOrder(unshipped)])
      await importAmazonOrders(container, { account_id: account.id, trigger: "test" })
      const orderIds: Record<string, string> = {}
      for (const [index, id] of [paid, refunded, short].entries()) orderIds[id] = await shipWhole(id, `1Z999AA1012345${6790 + index}`)
      // An order the store never imported, shipped by Amazon: its settlement lines are listed as unknown.
      simulator.seedOrders([usOrder(unknown, "SHIPPED")])
      // Finances leaves out the last two minutes.
      simulator.advanceTime(3 * MINUTE)

      // Before the settlement: Finances shows the shipped orders as posted, the order route shows them provisional.
      const before = await importSettlements()
      expect(before.run.status).toBe("succeeded")
      expect(before.outcomes).toEqual([])
      const provisional = await amazon().listAmazonProvisionalPayouts({ account_id: account.id })
      expect(provisional.map((row: any) => row.amazon_order_id).sort()).toEqual([paid, refunded, short, unknown])
      const { data: early } = await api.get(`/admin/orders/${orderIds[paid]}/amazon/payout`, admin)
      expect(early.settlements).toEqual([])
      expect(early.provisional).toHaveLength(1)
      expect(amount(early.provisional[0].total_amount)).toBeGreaterThan(0)
      expect(amount(early.provisional[0].fees_total)).toBeLessThan(0)

      // Amazon refunds one order itself; the settlement closes, short-paying another by 2.50.
      simulator.refundOrder(refunded)
      simulator.advanceTime(3 * MINUTE)
      const [closed] = simulator.closeSettlement({ marketplaceId: US, shortPay: [{ orderId: short, amountMinor: 250 }] })

      // "Import now" answers at once; the run records the outcome.
      const { data: started, status } = await api.post(`/admin/amazon/accounts/${account.id}/settlements`, {}, admin)
      expect(status).toBe(202)
      let run: any
      const deadline = Date.now() + 60_000
      do {
        await new Promise((resolve) => setTimeout(resolve, 250))
        run = (await api.get(`/admin/amazon/sync-runs/${started.sync_run.id}`, admin)).data.sync_run
      } while (run.status === "running" && Date.now() < deadline)
      expect(run).toMatchObject({ kind: "settlement_import", status: "succeeded" })
      expect(run.message).toContain(`1 new settlement imported (${closed.settlementId}: 4 orders)`)
      expect(run.message).toContain("1 refund made on Amazon recorded")

      const { settlement, orders } = await settlementRows(closed.settlementId)
      expect(settlement).toMatchObject({ status: "mismatches", mismatch_count: 1, unknown_order_count: 1, currency_code: "USD" })
      expect(amount(settlement.total_amount)).toBe(Number(closed.totalAmount))
      expect(orders.map((row: any) => row.amazon_order_id)).toEqual([paid, refunded, short, unknown])
      const byId = Object.fromEntries(orders.map((row: any) => [row.amazon_order_id, row]))
      // Exactly the shipped orders carry settled amounts; the unshipped one is in no settlement.
      expect(byId[unshipped]).toBeUndefined()
      for (const id of [paid, refunded, short]) {
        const medusa = await adminOrder(orderIds[id])
        expect(byId[id].order_id).toBe(orderIds[id])
        expect(amount(byId[id].captured_amount)).toBe(captured(medusa))
        expect(new Date(byId[id].deposit_date).getTime()).toBe(new Date(settlement.deposit_date).getTime())
        expect(amount(byId[id].fees_total)).toBeLessThan(0)
        expect(byId[id].fees.Commission).toBeDefined()
      }
      expect(byId[paid]).toMatchObject({ reconciliation: "matched" })
      expect(amount(byId[paid].difference)).toBe(0)
      expect(amount(byId[paid].charged)).toBe(amount(byId[paid].principal) + amount(byId[paid].tax) + amount(byId[paid].shipping) + amount(byId[paid].promotion))
      expect(byId[short]).toMatchObject({ reconciliation: "mismatch" })
      expect(amount(byId[short].difference)).toBe(-2.5)
      expect(byId[unknown]).toMatchObject({ reconciliation: "unknown_order", order_id: null })
      // The settlement replaced what Finances showed for its orders.
      expect(await amazon().listAmazonProvisionalPayouts({ account_id: account.id })).toEqual([])

      // The refund Amazon made is on the Medusa order, marked as made on Amazon; nothing was sent to Amazon for it.
      const refundedOrder = await adminOrder(orderIds[refunded])
      const refunds = refundedOrder.payment_collections[0].payments.flatMap((payment: any) => payment.refunds ?? [])
      expect(refunds).toHaveLength(1)
      expect(refunds[0].note).toContain(`Refunded on Amazon (settlement ${closed.settlementId}`)
      expect(Number(refunds[0].amount)).toBe(-amount(byId[refunded].refunds))
      expect(byId[refunded].amazon_refunds).toHaveLength(1)
      expect(simulator.requests().filter((entry: any) => /refund|adjustment/i.test(`${entry.operationId ?? ""} ${entry.path ?? ""}`))).toEqual([])

      // What the order widget reads.
      const { data: payout } = await api.get(`/admin/orders/${orderIds[paid]}/amazon/payout`, admin)
      expect(payout.settlements).toHaveLength(1)
      expect(payout.settlements[0]).toMatchObject({ settlement_id: closed.settlementId, reconciliation: "matched" })
      expect(payout.provisional).toEqual([])

      // Lists, detail and the CSV for the accountant.
      const { data: list } = await api.get(`/admin/amazon/settlements?account_id=${account.id}`, admin)
      expect(list.settlements.map((row: any) => row.settlement_id)).toContain(closed.settlementId)
      const { data: detail } = await api.get(`/admin/amazon/settlements/${settlement.id}?reconciliation=mismatch`, admin)
      expect(detail.orders.map((row: any) => row.amazon_order_id)).toEqual([short])
      const csv = await api.get(`/admin/amazon/settlements/${settlement.id}/export`, admin)
      expect(csv.headers["content-type"]).toContain("text/csv")
      const csvLines = String(csv.data).trim().split("\r\n")
      expect(csvLines).toHaveLength(5)
      expect(csvLines.find((line) => line.includes(short))).toContain(",-2.5,mismatch")

      // The second import of the same settlement changes nothing.
      const snapshot = JSON.stringify(await settlementRows(closed.settlementId))
      const again = await importSettlements()
      expect(again.outcomes).toEqual([])
      expect(JSON.stringify(await settlementRows(closed.settlementId))).toBe(snapshot)
      const refundsAfter = (await adminOrder(orderIds[refunded])).payment_collections[0].payments.flatMap((payment: any) => payment.refunds ?? [])
      expect(refundsAfter).toHaveLength(1)
    })

    it("flags a shipped order missing from the settlement that should have paid it, and clears it when a later one does", async () => {
      const [settled, withheld] = ["111-7300000-0000001", "111-7300000-0000002"]
      simulator.seedOrders([usOrder(settled), usOrder(withheld)])
      await importAmazonOrders(container, { account_id: account.id, trigger: "test" })
      const orderIds = { [settled]: await shipWhole(settled, "1Z999AA10123458001"), [withheld]: await shipWhole(withheld, "1Z999AA10123458002") }
      // The period closes two days after both shipments: well past the time Amazon takes to post a charge.
      simulator.advanceTime(2 * 24 * 60 * MINUTE)
      const [closed] = simulator.closeSettlement({ marketplaceId: US, withhold: [withheld] })
      const first = await importSettlements()
      expect(first.run.message).toContain("1 shipped order is missing from the settlement that should have paid it")

      const { settlement, orders } = await settlementRows(closed.settlementId)
      expect(orders.map((row: any) => row.amazon_order_id)).toEqual([settled])
      expect(settlement).toMatchObject({ unpaid_order_count: 1, status: "mismatches", mismatch_count: 0, unknown_order_count: 0 })
      const { data: detail } = await api.get(`/admin/amazon/settlements/${settlement.id}`, admin)
      expect(detail.unpaid_orders).toHaveLength(1)
      expect(detail.unpaid_orders[0]).toMatchObject({ amazon_order_id: withheld, order_id: orderIds[withheld], expected_settlement_id: closed.settlementId, settled_in_settlement_id: null })
      const medusa = await adminOrder(orderIds[withheld])
      expect(amount(detail.unpaid_orders[0].captured_amount)).toBe(captured(medusa))
      const { data: list } = await api.get(`/admin/amazon/settlements?account_id=${account.id}`, admin)
      expect(list.settlements.find((row: any) => row.settlement_id === closed.settlementId)).toMatchObject({ unpaid_order_count: 1 })
      const { data: payout } = await api.get(`/admin/orders/${orderIds[withheld]}/amazon/payout`, admin)
      expect(payout.settlements).toEqual([])
      expect(payout.unsettled).toMatchObject({ expected_settlement_id: closed.settlementId, settled_in_settlement_id: null })
      const csv = String((await api.get(`/admin/amazon/settlements/${settlement.id}/export`, admin)).data).trim().split("\r\n")
      expect(csv.find((line) => line.includes(withheld))).toMatch(new RegExp(`,-${captured(medusa)},shipped_not_paid$`))

      // Running again flags nothing twice.
      const again = await importSettlements()
      expect(again.run.message).not.toContain("missing from the settlement")
      expect(await amazon().listAmazonUnsettledOrders({ account_id: account.id })).toHaveLength(1)

      // Amazon pays it in the next settlement: the flag says where, and the first settlement is reconciled.
      const [later] = simulator.closeSettlement({ marketplaceId: US })
      const paid = await importSettlements()
      expect(paid.run.message).toContain("1 order missing from an earlier settlement paid in a later one.")
      const [flag] = await amazon().listAmazonUnsettledOrders({ account_id: account.id })
      expect(flag).toMatchObject({ amazon_order_id: withheld, settled_in_settlement_id: later.settlementId })
      expect((await settlementRows(closed.settlementId)).settlement).toMatchObject({ unpaid_order_count: 0, status: "reconciled" })
      expect((await settlementRows(later.settlementId)).orders.map((row: any) => [row.amazon_order_id, row.reconciliation])).toEqual([[withheld, "matched"]])
      const { data: payoutLater } = await api.get(`/admin/orders/${orderIds[withheld]}/amazon/payout`, admin)
      expect(payoutLater.settlements.map((row: any) => row.settlement_id)).toEqual([later.settlementId])
    })

    it("rejects a corrupt settlement report with its line, stores nothing of it, imports the others and retries it next run", async () => {
      const damaged = "111-7200000-0000001"
      // Only this test's reports: the simulator forgets the settlements of the test before.
      simulator.reset()
      simulator.seedOrders([usOrder(damaged)])
      await importAmazonOrders(container, { account_id: account.id, trigger: "test" })
      await shipWhole(damaged, "1Z999AA10123457001")
      simulator.advanceTime(3 * MINUTE)
      const linesBefore = (await amazon().listAmazonSettlementLines({}, { select: ["id"], take: null })).length
      const [corrupt] = simulator.closeSettlement({ marketplaceId: US, damage: { kind: "non-numeric-amount", line: 4 } })
      // Long enough that lines were written before the end shows the cut: they are rolled back with the rest.
      const [cut] = simulator.closeSettlement({ marketplaceId: US, bulkLines: 1200, damage: { kind: "truncated" } })
      const [good] = simulator.closeSettlement({ marketplaceId: US, bulkLines: 3 })

      const first = await importSettlements()
      expect(first.run.status).toBe("partial")
      const messages = first.run.errors.items.map((item: any) => item.message)
      expect(messages).toHaveLength(2)
      expect(messages.find((message: string) => message.includes(corrupt.reportId))).toMatch(/Line 4 of the settlement report has amount .*n\/a/)
      expect(messages.find((message: string) => message.includes(cut.reportId))).toMatch(/cut off/)
      for (const message of messages) expect(message).toContain("Nothing of it was stored; the next run tries again.")
      expect((await settlementRows(corrupt.settlementId)).settlement).toBeUndefined()
      expect((await settlementRows(cut.settlementId)).settlement).toBeUndefined()
      expect((await settlementRows(good.settlementId)).settlement).toMatchObject({ line_count: 4, order_count: 3 })
      // Every stored line belongs to a stored settlement: nothing of the rejected reports was kept.
      const allLines = await amazon().listAmazonSettlementLines({}, { select: ["id", "settlement_row_id"], take: null })
      const allSettlements = await amazon().listAmazonSettlements({}, { select: ["id", "line_count"], take: null })
      expect(allLines.length).toBe(linesBefore + 4)
      expect(allLines.length).toBe(allSettlements.reduce((sum: number, row: any) => sum + row.line_count, 0))

      const second = await importSettlements()
      expect(second.outcomes.map((outcome: any) => [outcome.report_id, outcome.state]).sort()).toEqual([[corrupt.reportId, "rejected"], [cut.reportId, "rejected"]].sort())
      const [report] = await amazon().listAmazonSettlementReports({ account_id: account.id, report_id: corrupt.reportId })
      expect(report).toMatchObject({ state: "rejected", attempts: 2 })
      expect(report.message).toContain("Line 4")
    })
  },
})
