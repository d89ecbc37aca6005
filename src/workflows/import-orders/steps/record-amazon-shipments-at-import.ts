import { ChangeActionType, ContainerRegistrationKeys, MathBN, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { crashPoint } from "../../../utils/crash-point"
import {
  IMPORTED_SHIPMENT_METADATA_KEY,
  importedFulfillmentId,
  MANUAL_FULFILLMENT_PROVIDER_ID,
} from "../mapping/imported-shipment"
import { FULFILLMENT_METADATA } from "../../tracking/mapping/shipment-package"
import type { CreatedMedusaOrder } from "./create-medusa-orders-from-amazon"
import type { OrderImportPlan } from "./prepare-medusa-orders-from-amazon"

export const recordAmazonShipmentsAtImportStepId = "record-amazon-shipments-at-import"

export type RecordAmazonShipmentsInput = {
  created: CreatedMedusaOrder[]
  prepared: OrderImportPlan[]
  /** The "Amazon FBA" stock location (null when the page has no FBA order). */
  fba_location_id: string | null
}

type OrderForShipment = {
  id: string
  shipping_address?: Record<string, unknown> | null
  fulfillments?: Array<{ id: string } | null> | null
  items?: Array<{
    id: string
    title: string
    variant_title?: string | null
    variant_sku?: string | null
    variant_barcode?: string | null
    variant?: {
      manage_inventory?: boolean | null
      inventory_items?: Array<{ required_quantity?: unknown; inventory?: { id: string; title?: string | null; sku?: string | null } | null } | null> | null
    } | null
  } | null> | null
}

type Made = {
  fulfillment_ids: string[]
  link_order_ids: string[]
  /** Order changes this run confirmed, per order, to be reverted newest first. */
  confirmed: Array<{ order_id: string }>
}

const ADDRESS_FIELDS = ["first_name", "last_name", "company", "address_1", "address_2", "city", "country_code", "province", "postal_code", "phone"]

/** Order changes are written a page at a time; the fulfilment module makes one fulfilment per call, a few at once. */
const FULFILLMENT_CONCURRENCY = 4

/**
 * confirmOrderChange takes many changes in one call, but its cost grows faster than the number of orders it is
 * given (it loads and rewrites every order's items in one unit of work): a page is confirmed in small groups.
 */
const CONFIRM_GROUP_SIZE = 10
const CONFIRM_CONCURRENCY = 2

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = []
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size))
  return result
}

async function inPool<T>(items: T[], size: number, work: (item: T) => Promise<void>) {
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(size, items.length) }, async () => {
      while (next < items.length) await work(items[next++])
    })
  )
}

/**
 * Records what had shipped before the import as real fulfilments, so that Medusa shows the order shipped (its
 * fulfilment card, fulfillment_status) exactly as if it had been fulfilled and shipped in Medusa:
 * FBA orders in full, at the "Amazon FBA" location; FBM orders the seller shipped outside Medusa for the units
 * Amazon reports shipped, at the store's location they ship from. createOrderFulfillmentWorkflow cannot be used: it
 * always moves the store's inventory, which never happened here. So, as it does but without the stock: the
 * fulfilment (id derived from the order's), its order link, then the same confirmed order changes as the order
 * module's registerFulfillment and registerShipment. The manual provider records them: a shipping integration's
 * provider would buy a label for a parcel that is gone already. No order.fulfillment_created / shipment.created is
 * emitted: nothing is to be sent to the buyer or to Amazon (the tracking push also skips these fulfilments).
 * Each part is made only where it is missing, so a run after a crash completes an interrupted one.
 */
export const recordAmazonShipmentsAtImportStep = createStep(
  recordAmazonShipmentsAtImportStepId,
  async (input: RecordAmazonShipmentsInput, { container }) => {
    const made: Made = { fulfillment_ids: [], link_order_ids: [], confirmed: [] }
    const preparedById = new Map(input.prepared.map((order) => [order.order_id, order]))
    let wanted = input.created.flatMap((order) => {
      const prepared = preparedById.get(order.order_id)
      const shipment = prepared?.shipment
      const locationId = order.fulfillment_channel === "FBA" ? input.fba_location_id : prepared?.ship_from_location_id
      if (!shipment || !locationId) return []
      const lines = order.line_items
        .map((item) => ({ id: item.id, quantity: Math.min(item.quantity, shipment.quantities[item.amazon_order_item_id] ?? 0) }))
        .filter((line) => line.quantity > 0)
      return lines.length ? [{ order, shipment, locationId, lines, fulfillment_id: importedFulfillmentId(order.order_id) }] : []
    })
    if (!wanted.length) return new StepResponse({ fulfilled: 0 }, made)

    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const fulfillmentModule = container.resolve(Modules.FULFILLMENT)
    const orderModule = container.resolve(Modules.ORDER)

    const { data: orders } = (await query.graph({
      entity: "order",
      fields: [
        "id",
        "shipping_address.*",
        "fulfillments.id",
        "items.id",
        "items.title",
        "items.variant_title",
        "items.variant_sku",
        "items.variant_barcode",
        "items.variant.manage_inventory",
        "items.variant.inventory_items.required_quantity",
        "items.variant.inventory_items.inventory.id",
        "items.variant.inventory_items.inventory.title",
        "items.variant.inventory_items.inventory.sku",
      ],
      filters: { id: wanted.map((entry) => entry.order.order_id) },
    })) as { data: OrderForShipment[] }
    const ordersById = new Map(orders.map((order) => [order.id, order]))
    wanted = wanted.filter((entry) => ordersById.has(entry.order.order_id))

    const existing = await fulfillmentModule.listFulfillments({ id: wanted.map((entry) => entry.fulfillment_id) }, { select: ["id"], take: null } as any)
    const existingIds = new Set(existing.map((fulfillment) => fulfillment.id))
    const toCreate = wanted.filter((entry) => !existingIds.has(entry.fulfillment_id))
    await inPool(toCreate, FULFILLMENT_CONCURRENCY, async (entry) => {
      const order = ordersById.get(entry.order.order_id)!
      const itemsById = new Map((order.items ?? []).filter(Boolean).map((item) => [item!.id, item!]))
      const address = order.shipping_address ?? null
      await fulfillmentModule.createFulfillment({
        id: entry.fulfillment_id,
        location_id: entry.locationId,
        provider_id: MANUAL_FULFILLMENT_PROVIDER_ID,
        packed_at: new Date(entry.shipment.shipped_at),
        shipped_at: new Date(entry.shipment.shipped_at),
        delivery_address: address ? Object.fromEntries(ADDRESS_FIELDS.map((field) => [field, address[field] ?? null])) : {},
        items: entry.lines.flatMap((line) => fulfillmentItems(itemsById.get(line.id), line, entry.order.fulfillment_channel)),
        labels: entry.shipment.labels,
        metadata: {
          [IMPORTED_SHIPMENT_METADATA_KEY]: true,
          ...(entry.shipment.carrier ? { [FULFILLMENT_METADATA.carrier]: entry.shipment.carrier } : {}),
        },
        order: { id: order.id },
      } as any)
      made.fulfillment_ids.push(entry.fulfillment_id)
    })
    if (toCreate.length) crashPoint("after-fulfillments")

    const toLink = wanted.filter((entry) => !(ordersById.get(entry.order.order_id)?.fulfillments ?? []).some((fulfillment) => fulfillment?.id === entry.fulfillment_id))
    if (toLink.length) {
      await container.resolve(ContainerRegistrationKeys.LINK).create(
        toLink.map((entry) => ({
          [Modules.ORDER]: { order_id: entry.order.order_id },
          [Modules.FULFILLMENT]: { fulfillment_id: entry.fulfillment_id },
        }))
      )
      made.link_order_ids = toLink.map((entry) => entry.order.order_id)
      crashPoint("after-fulfillment-links")
    }

    // The order module's registerFulfillment / registerShipment write one order change per call; its public
    // createOrderChange and confirmOrderChange take arrays and, with the same actions, write the same changes for a page.
    for (const action of [ChangeActionType.FULFILL_ITEM, ChangeActionType.SHIP_ITEM]) {
      const recorded = await orderModule.listOrderChangeActions(
        { order_id: wanted.map((entry) => entry.order.order_id), reference_id: wanted.map((entry) => entry.fulfillment_id), action } as any,
        { select: ["id", "order_id", "order_change_id", "applied"], take: null }
      )
      const recordedOrderIds = new Set(recorded.map((row: any) => row.order_id as string))
      const pendingChangeIds = [...new Set(recorded.filter((row: any) => !row.applied).map((row: any) => row.order_change_id as string))]
      const toRecord = wanted.filter((entry) => !recordedOrderIds.has(entry.order.order_id))
      const changes = toRecord.length
        ? await orderModule.createOrderChange(
            toRecord.map((entry) => ({
              order_id: entry.order.order_id,
              actions: entry.lines.map((line) => ({
                action,
                reference: Modules.FULFILLMENT,
                reference_id: entry.fulfillment_id,
                details: { reference_id: line.id, quantity: line.quantity },
              })),
            })) as any
          )
        : []
      const pendingOrderByChange = new Map(recorded.filter((row: any) => !row.applied).map((row: any) => [row.order_change_id as string, row.order_id as string]))
      const toConfirm = [
        ...pendingChangeIds.map((id) => ({ id, order_id: pendingOrderByChange.get(id)! })),
        ...(changes as Array<{ id: string; order_id: string }>).map((change) => ({ id: change.id, order_id: change.order_id })),
      ]
      if (toConfirm.length) {
        await inPool(chunks(toConfirm, CONFIRM_GROUP_SIZE), CONFIRM_CONCURRENCY, async (chunk) => {
          await orderModule.confirmOrderChange(chunk.map((change) => change.id))
          made.confirmed.push(...chunk.map((change) => ({ order_id: change.order_id })))
        })
        if (action === ChangeActionType.FULFILL_ITEM) crashPoint("after-fulfillment-changes")
      }
    }
    return new StepResponse({ fulfilled: wanted.length }, made)
  },
  async (made, { container }) => {
    if (!made) return
    const orderModule = container.resolve(Modules.ORDER)
    for (const { order_id } of [...made.confirmed].reverse()) await orderModule.revertLastVersion(order_id)
    if (made.link_order_ids.length) {
      await container.resolve(ContainerRegistrationKeys.LINK).dismiss(
        made.link_order_ids.map((orderId) => ({
          [Modules.ORDER]: { order_id: orderId },
          [Modules.FULFILLMENT]: { fulfillment_id: importedFulfillmentId(orderId) },
        }))
      )
    }
    const fulfillmentModule = container.resolve(Modules.FULFILLMENT)
    for (const id of made.fulfillment_ids) {
      // Medusa deletes only cancelled fulfilments; the manual provider's cancel does nothing outside Medusa.
      await fulfillmentModule.cancelFulfillment(id)
      await fulfillmentModule.deleteFulfillment(id)
    }
  }
)

/**
 * The fulfilment's items as createOrderFulfillmentWorkflow writes them: a stocked FBM line one per inventory item
 * (units × required quantity, as its reservations would have been), anything else one per line.
 */
type FulfillmentItemInput = { line_item_id: string; inventory_item_id?: string; quantity: number; title: string; sku: string; barcode: string }

function fulfillmentItems(
  item: NonNullable<OrderForShipment["items"]>[number] | undefined,
  line: { id: string; quantity: number },
  channel: "FBM" | "FBA"
): FulfillmentItemInput[] {
  const inventoryItems = (item?.variant?.inventory_items ?? []).filter((link) => !!link?.inventory?.id)
  if (channel === "FBM" && item?.variant?.manage_inventory && inventoryItems.length) {
    return inventoryItems.map((link) => ({
      line_item_id: line.id,
      inventory_item_id: link!.inventory!.id,
      quantity: MathBN.mult((link!.required_quantity ?? 1) as any, line.quantity).toNumber(),
      title: link!.inventory!.title || item.variant_title || item.title,
      sku: link!.inventory!.sku || item.variant_sku || "",
      barcode: item.variant_barcode || "",
    }))
  }
  return [
    {
      line_item_id: line.id,
      inventory_item_id: undefined,
      quantity: line.quantity,
      title: item?.variant_title ?? item?.title ?? "",
      sku: item?.variant_sku || "",
      barcode: item?.variant_barcode || "",
    },
  ]
}
