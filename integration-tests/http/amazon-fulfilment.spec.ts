import path from "node:path"
import { amazonIntegrationTestRunner } from "../helpers/medusa-runner"
import { ContainerRegistrationKeys, MathBN, Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { createOrderFulfillmentWorkflow, createOrderShipmentWorkflow } from "@medusajs/medusa/core-flows"
import { startSimulator, type SimOrderSeed } from "../../simulator"
import { createAdminHeaders } from "../helpers/admin"
import { seedStore, SEEDED_STOCK, type SeededStore } from "../helpers/seed-store"
import { createStoreAccount } from "../helpers/simulator-account"
import { catalogueItems, usOrderSeed, type SeedLine } from "../helpers/sim-orders"

jest.setTimeout(240 * 1000)

/* eslint-disable @typescript-eslint/no-var-requires */
const { importAmazonOrders } = require("medusa-plugin-amazon/workflows")
const { createMedusaOrdersFromAmazonWorkflow } = require("medusa-plugin-amazon/workflows/import-orders/create-medusa-orders-from-amazon")
const { pushAmazonTrackingWorkflow } = require("medusa-plugin-amazon/workflows/tracking/push-amazon-tracking")
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
      simulator.reset()
    })

    const amazon = () => container.resolve("amazon") as any
    const query = () => container.resolve(ContainerRegistrationKeys.QUERY)

    const usOrder = (id: string, status: SimOrderSeed["status"], fulfilledBy: SimOrderSeed["fulfilledBy"], items: SeedLine[]) =>
      usOrderSeed(id, simulator.now(), catalogueItems(items.map((item) => ({ ...item, shippingPrice: 4.99, shippingTax: 0.41 }))), {
        status,
        fulfilledBy,
        purchaseDate: new Date(simulator.now().getTime() - 3 * 60 * MINUTE).toISOString(),
      })

    async function runImport() {
      const result = await importAmazonOrders(container, { account_id: account.id, trigger: "test" })
      expect(result.ran).toBe(true)
      return result.run
    }

    async function imported(amazonOrderId: string) {
      const { data } = await query().graph({
        entity: "amazon_order",
        // order.total makes the order module compute the lines' quantities too.
        fields: ["id", "order_total", "snapshot", "order.id", "order.total", "order.items.id", "order.items.variant_sku", "order.items.quantity"],
        filters: { amazon_order_id: amazonOrderId },
      })
      const row = data[0] as any
      return {
        rowId: row.id as string,
        id: row.order.id as string,
        amazonTotal: MathBN.convert(row.order_total).toNumber(),
        snapshot: row.snapshot,
        lines: row.order.items.map((item: any) => ({ id: item.id as string, sku: item.variant_sku as string, quantity: MathBN.convert(item.quantity).toNumber() })),
      }
    }

    async function orderWithFulfilments(orderId: string) {
      const { data } = await query().graph({
        entity: "order",
        fields: [
          "id",
          "status",
          "items.id",
          "items.detail.fulfilled_quantity",
          "items.detail.shipped_quantity",
          "fulfillments.id",
          "fulfillments.location_id",
          "fulfillments.provider_id",
          "fulfillments.packed_at",
          "fulfillments.shipped_at",
          "fulfillments.canceled_at",
          "fulfillments.metadata",
          "fulfillments.items.line_item_id",
          "fulfillments.items.quantity",
          "fulfillments.labels.tracking_number",
          "fulfillments.delivery_address.address_1",
        ],
        filters: { id: orderId },
      })
      return data[0] as any
    }

    async function adminOrder(orderId: string) {
      const { data } = await api.get(
        `/admin/orders/${orderId}?fields=+payment_status,+fulfillment_status,+summary,*payment_collections,*payment_collections.payments,*payment_collections.payments.captures,*fulfillments`,
        admin
      )
      return data.order
    }

    /** The order changes as Medusa stores them, without ids and times: type, status and each action's effect. */
    async function orderChanges(orderId: string) {
      const changes = await container.resolve(Modules.ORDER).listOrderChanges({ order_id: orderId }, { relations: ["actions"], take: null })
      return changes
        .sort((a: any, b: any) => a.version - b.version)
        .map((change: any) => ({
          version: change.version,
          status: change.status,
          change_type: change.change_type ?? null,
          actions: change.actions
            .map((action: any) => ({ action: action.action, reference: action.reference, applied: action.applied, quantity: Number(action.details?.quantity), version: action.version }))
            .sort((a: any, b: any) => a.action.localeCompare(b.action)),
        }))
    }

    async function stockLevels() {
      const inventory = container.resolve(Modules.INVENTORY)
      const levels = await inventory.listInventoryLevels(
        { inventory_item_id: Object.values(store.variants).map((variant) => variant.inventoryItemId) },
        { select: ["inventory_item_id", "location_id", "stocked_quantity", "reserved_quantity"], take: null }
      )
      return Object.fromEntries(levels.map((level: any) => [`${level.inventory_item_id}@${level.location_id}`, { stocked: Number(level.stocked_quantity), reserved: Number(level.reserved_quantity) }]))
    }

    async function reservationsOf(lineItemIds: string[]) {
      return await container.resolve(Modules.INVENTORY).listReservationItems({ line_item_id: lineItemIds }, { select: ["line_item_id", "quantity", "location_id"], take: null })
    }

    function capturedAmount(order: any) {
      return order.payment_collections[0].payments.flatMap((payment: any) => payment.captures ?? []).reduce((sum: number, capture: any) => sum + Number(capture.amount), 0)
    }

    /** As if the process died just before order.placed: the next run completes the order, and must add nothing. */
    async function rerunCompletion(rowId: string) {
      await amazon().updateAmazonOrders({ id: rowId, order_placed_emitted_at: null })
      await createMedusaOrdersFromAmazonWorkflow(container).run({ input: { account_id: account.id, staging_ids: [rowId] } })
    }

    it("FBA: one shipped fulfilment with every item at the Amazon FBA location, captured, no stock touched; a rerun adds nothing", async () => {
      const amazonId = "111-7000000-0000001"
      const before = await stockLevels()
      simulator.seedOrders([usOrder(amazonId, "SHIPPED", "AMAZON", [{ sku: "AMZ-MUG-01", quantity: 2 }, { sku: "AMZ-TSHIRT-M", quantity: 1 }])])
      await runImport()
      const order = await imported(amazonId)

      const shown = await adminOrder(order.id)
      expect(shown.payment_status).toBe("captured")
      expect(shown.fulfillment_status).toBe("shipped")
      expect(shown.fulfillments).toHaveLength(1)

      const read = await orderWithFulfilments(order.id)
      expect(read.fulfillments).toHaveLength(1)
      const [fulfillment] = read.fulfillments
      // Amazon gives no ship time for FBA: the end of its ship-by window, or the last update if that came first.
      const lastUpdate = new Date(order.snapshot.lastUpdateDate).getTime()
      const shipTime = new Date(order.snapshot.latestShipDate ? Math.min(new Date(order.snapshot.latestShipDate).getTime(), lastUpdate) : lastUpdate).toISOString()
      expect(new Date(fulfillment.shipped_at).toISOString()).toBe(shipTime)
      expect(new Date(fulfillment.packed_at).toISOString()).toBe(shipTime)
      expect(fulfillment.canceled_at).toBeNull()
      expect(fulfillment.provider_id).toBe("manual_manual")
      expect(fulfillment.metadata).toMatchObject({ amazon_imported_shipment: true })
      expect(fulfillment.items.map((item: any) => [item.line_item_id, Number(item.quantity)]).sort()).toEqual(order.lines.map((line: any) => [line.id, line.quantity]).sort())
      for (const item of read.items) {
        const line = order.lines.find((candidate: any) => candidate.id === item.id)
        expect(Number(item.detail.fulfilled_quantity)).toBe(line.quantity)
        expect(Number(item.detail.shipped_quantity)).toBe(line.quantity)
      }

      const [location] = await container.resolve(Modules.STOCK_LOCATION).listStockLocations({ id: fulfillment.location_id })
      expect(location.name).toBe("Amazon FBA")
      const { data: locations } = await query().graph({ entity: "stock_location", fields: ["id", "fulfillment_providers.id"], filters: { id: fulfillment.location_id } })
      expect((locations[0] as any).fulfillment_providers.map((provider: any) => provider.id)).toContain("manual_manual")

      // The same two confirmed changes Medusa's registerFulfillment / registerShipment write.
      const changes = await orderChanges(order.id)
      expect(changes.map((change: any) => change.actions.map((action: any) => action.action))).toEqual([
        order.lines.map(() => "FULFILL_ITEM"),
        order.lines.map(() => "SHIP_ITEM"),
      ])
      expect(changes.every((change: any) => change.status === "confirmed" && change.actions.every((action: any) => action.applied && action.reference === "fulfillment"))).toBe(true)

      expect(await reservationsOf(order.lines.map((line: any) => line.id))).toEqual([])
      expect(await stockLevels()).toEqual(before)

      // A second FBA order finds the location instead of making another.
      simulator.seedOrders([{ ...usOrder("111-7000000-0000002", "SHIPPED", "AMAZON", [{ sku: "AMZ-MUG-01", quantity: 1 }]), lastUpdated: simulator.now().toISOString() }])
      simulator.advanceTime(3 * MINUTE)
      await runImport()
      const second = await orderWithFulfilments((await imported("111-7000000-0000002")).id)
      expect(second.fulfillments.map((candidate: any) => candidate.location_id)).toEqual([fulfillment.location_id])
      expect(await container.resolve(Modules.STOCK_LOCATION).listStockLocations({ name: "Amazon FBA" })).toHaveLength(1)

      await rerunCompletion(order.rowId)
      expect((await orderWithFulfilments(order.id)).fulfillments).toHaveLength(1)
      expect(await orderChanges(order.id)).toEqual(changes)
      expect((await adminOrder(order.id)).fulfillment_status).toBe("shipped")
      expect(await stockLevels()).toEqual(before)
    })

    it("FBM first seen partially shipped: a fulfilment for the shipped units only, that part captured, the rest reserved; no push; a rerun adds nothing", async () => {
      const amazonId = "111-7000000-0000003"
      const before = await stockLevels()
      // Amazon's times have whole seconds.
      const shipDate = new Date(Math.floor((simulator.now().getTime() - 60 * MINUTE) / 1000) * 1000).toISOString()
      simulator.seedOrders([
        {
          ...usOrder(amazonId, "PARTIALLY_SHIPPED", "MERCHANT", [
            { sku: "AMZ-MUG-01", quantity: 2, quantityShipped: 1 },
            { sku: "AMZ-TSHIRT-M", quantity: 1, quantityShipped: 0 },
          ]),
          packages: [{ carrierCode: "UPS", trackingNumber: "1Z999AA10123456700", shipDate, items: [{ sku: "AMZ-MUG-01", quantity: 1 }] }],
        },
      ])
      await runImport()
      const order = await imported(amazonId)
      const mug = order.lines.find((line: any) => line.sku === "AMZ-MUG-01")
      const shirt = order.lines.find((line: any) => line.sku === "AMZ-TSHIRT-M")

      const shown = await adminOrder(order.id)
      expect(shown.fulfillment_status).toBe("partially_shipped")
      expect(shown.payment_status).toBe("partially_captured")
      // One mug with its tax: 12.99 + 1.07.
      expect(capturedAmount(shown)).toBe(14.06)
      expect(Number(shown.summary.pending_difference)).toBeCloseTo(order.amazonTotal - 14.06, 2)

      const read = await orderWithFulfilments(order.id)
      expect(read.fulfillments).toHaveLength(1)
      const [fulfillment] = read.fulfillments
      expect(fulfillment.location_id).toBe(store.stockLocationId)
      // Amazon's package: its ship time, tracking number and carrier.
      expect(new Date(fulfillment.shipped_at).toISOString()).toBe(shipDate)
      expect(new Date(fulfillment.packed_at).toISOString()).toBe(shipDate)
      expect(fulfillment.labels.map((label: any) => label.tracking_number)).toEqual(["1Z999AA10123456700"])
      expect(fulfillment.metadata).toMatchObject({ amazon_imported_shipment: true, amazon_carrier: "UPS" })
      expect(fulfillment.delivery_address.address_1).toBe("55 Elm Street")
      expect(fulfillment.items.map((item: any) => [item.line_item_id, Number(item.quantity)])).toEqual([[mug.id, 1]])
      const byId = new Map(read.items.map((item: any) => [item.id, item]))
      expect(Number((byId.get(mug.id) as any).detail.shipped_quantity)).toBe(1)
      expect(Number((byId.get(shirt.id) as any).detail.shipped_quantity)).toBe(0)

      // Reserved: only what is still to ship (one mug, the shirt). The shipped mug left outside Medusa.
      const reservations = await reservationsOf([mug.id, shirt.id])
      expect(reservations.map((reservation: any) => [reservation.line_item_id, Number(reservation.quantity)]).sort()).toEqual([[mug.id, 1], [shirt.id, 1]].sort())
      const after = await stockLevels()
      const level = (sku: string) => `${store.variants[sku].inventoryItemId}@${store.stockLocationId}`
      expect(after[level("AMZ-MUG-01")]).toEqual({ stocked: before[level("AMZ-MUG-01")].stocked, reserved: before[level("AMZ-MUG-01")].reserved + 1 })
      expect(after[level("AMZ-MUG-01")].stocked).toBe(SEEDED_STOCK)

      // The import's own fulfilment is never confirmed to Amazon.
      expect(await amazon().listAmazonTrackingPushes({ order_id: order.id })).toEqual([])
      const { result: push } = await pushAmazonTrackingWorkflow(container).run({ input: { fulfillment_id: fulfillment.id, trigger: "shipment" } })
      expect(push.skipped_reason).toBe("shipped_before_import")
      expect(await amazon().listAmazonTrackingPushes({ order_id: order.id })).toEqual([])

      const changes = await orderChanges(order.id)
      await rerunCompletion(order.rowId)
      expect((await orderWithFulfilments(order.id)).fulfillments).toHaveLength(1)
      expect(await orderChanges(order.id)).toEqual(changes)
      expect(capturedAmount(await adminOrder(order.id))).toBe(14.06)
      expect((await reservationsOf([mug.id, shirt.id])).length).toBe(2)

      // The rest ships through Medusa: that package is confirmed to Amazon and captures what is left.
      const { result: rest } = await createOrderFulfillmentWorkflow(container).run({
        input: { order_id: order.id, items: [{ id: mug.id, quantity: 1 }, { id: shirt.id, quantity: 1 }], location_id: store.stockLocationId, no_notification: true },
      })
      await createOrderShipmentWorkflow(container).run({
        input: {
          order_id: order.id,
          fulfillment_id: rest.id,
          items: [{ id: mug.id, quantity: 1 }, { id: shirt.id, quantity: 1 }],
          labels: [{ tracking_number: "1Z999AA10123456799", tracking_url: "https://www.ups.com/track?tracknum=1Z999AA10123456799", label_url: "" }],
          no_notification: true,
        },
      })
      const deadline = Date.now() + 30_000
      for (;;) {
        const [pushed] = await amazon().listAmazonTrackingPushes({ fulfillment_id: rest.id })
        if (pushed?.state === "confirmed" && pushed.payment_capture_id) {
          expect(pushed.items.map((item: any) => [item.line_item_id, item.quantity]).sort()).toEqual([[mug.id, 1], [shirt.id, 1]].sort())
          // Numbered after the package Amazon has from the seller already.
          expect(pushed.package_reference_id).toBe("2")
          break
        }
        if (Date.now() > deadline) throw new Error(`The rest was not confirmed and captured: ${JSON.stringify(pushed)}`)
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
      const paid = await adminOrder(order.id)
      expect(paid.fulfillment_status).toBe("shipped")
      expect(paid.payment_status).toBe("captured")
      expect(capturedAmount(paid)).toBe(order.amazonTotal)
    })

    it("the fulfilment of an FBA order is recorded like Medusa's own: same changes as createOrderFulfillment + createOrderShipment", async () => {
      // An FBM order shipped in full through Medusa's workflows, next to an FBA order the import recorded.
      simulator.seedOrders([
        usOrder("111-7000000-0000004", "UNSHIPPED", "MERCHANT", [{ sku: "AMZ-MUG-01", quantity: 1 }]),
        usOrder("111-7000000-0000005", "SHIPPED", "AMAZON", [{ sku: "AMZ-MUG-01", quantity: 1 }]),
      ])
      await runImport()
      const fbm = await imported("111-7000000-0000004")
      const fba = await imported("111-7000000-0000005")
      const items = fbm.lines.map((line: any) => ({ id: line.id, quantity: line.quantity }))
      const { result: fulfillment } = await createOrderFulfillmentWorkflow(container).run({ input: { order_id: fbm.id, items, location_id: store.stockLocationId, no_notification: true } })
      await createOrderShipmentWorkflow(container).run({
        input: { order_id: fbm.id, fulfillment_id: fulfillment.id, items, labels: [{ tracking_number: "1Z999AA10123456798", tracking_url: "https://www.ups.com/track?tracknum=1Z999AA10123456798", label_url: "" }], no_notification: true },
      })
      expect(await orderChanges(fba.id)).toEqual(await orderChanges(fbm.id))
      expect((await adminOrder(fba.id)).fulfillment_status).toBe((await adminOrder(fbm.id)).fulfillment_status)
    })
  },
})
