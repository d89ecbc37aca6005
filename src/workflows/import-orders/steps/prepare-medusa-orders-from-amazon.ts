import { ContainerRegistrationKeys, generateEntityId, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"
import type { AmazonOrder } from "../../../modules/amazon/sp-api/types"
import { decideImport, mustCancelMedusaOrder, type ImportState } from "../mapping/import-decision"
import { importedShipmentOf, type ImportedShipment } from "../mapping/imported-shipment"
import {
  buildMedusaOrder,
  type CustomerToFind,
  type MedusaOrderDraft,
  type StockReservation,
  type VariantForImport,
} from "../mapping/medusa-order-input"

export type PrepareMedusaOrdersInput = { account_id: string; staging_ids: string[] }

export type OrderToCreate = {
  staging_id: string
  amazon_order_id: string
  fulfillment_channel: "FBM" | "FBA"
  /** The Medusa order id, chosen before creation and stored on the staging row (intended_order_id). */
  order_id: string
  /** Whether intended_order_id is already stored (a run before this one chose it). */
  intent_recorded: boolean
  /**
   * A run before this one created the Medusa order and died before finishing: it is completed, not created.
   * Then draft and customer are null.
   */
  exists: boolean
  linked: boolean
  placed_emitted: boolean
  draft: MedusaOrderDraft | null
  customer: CustomerToFind | null
  reservations: StockReservation[]
  buyer_paid: string
  /** Amazon's order status when this run read it (Shipped at first import means Amazon has charged the buyer). */
  amazon_status: string
  /** What had shipped already when the order was imported (all of an FBA order), or null. */
  shipment: ImportedShipment | null
  /** FBM: the store's stock location its lines ship from (null when none is known). */
  ship_from_location_id: string | null
  /** Staged item ids by Amazon order item id, to record which Medusa line item each became. */
  staged_item_ids: Record<string, string>
  /** The line items a new order is created with, ids chosen here; empty for an order that exists (they are read back). */
  line_items: Array<{ id: string; amazon_order_item_id: string; quantity: number }>
}

/**
 * What every step after the creation needs to know of an order: all of it but the order module's input. Steps get
 * this instead of OrderToCreate because the workflow engine copies a step's whole input for every step that reads it.
 */
export type OrderImportPlan = Omit<OrderToCreate, "draft">

export const importPlansOf = (orders: OrderToCreate[]): OrderImportPlan[] => orders.map(({ draft: _draft, ...plan }) => plan)

export type StateChange = {
  staging_id: string
  amazon_order_id: string
  import_state: ImportState
  attention_reason: string | null
  previous_state: ImportState
  previous_reason: string | null
}

export type OrderToCancel = { staging_id: string; amazon_order_id: string; order_id: string }

export type PreparedMedusaOrders = {
  to_create: OrderToCreate[]
  /** Orders that cannot become Medusa orders (now, or at all): parked with a reason, or skipped. */
  state_changes: StateChange[]
  /** Every order of this batch that needs the merchant's attention, whether or not its reason is new. */
  parked: Array<{ amazon_order_id: string; reason: string }>
  to_cancel: OrderToCancel[]
}

type StagedRow = {
  id: string
  amazon_order_id: string
  import_state: ImportState
  attention_reason: string | null
  intended_order_id: string | null
  order_placed_emitted_at: string | Date | null
  first_seen_at: string | Date
  status: string
  snapshot: AmazonOrder | Record<string, never>
  raw: { order?: { ShipmentServiceLevelCategory?: string | null } } | null
  items?: Array<{ id: string; order_item_id: string }>
  order?: { id: string; status: string } | null
}

export const prepareMedusaOrdersFromAmazonStepId = "prepare-medusa-orders-from-amazon"

/**
 * Reads everything the page's orders need in a few queries (one variant lookup for all SKUs, the regions,
 * the sales channel and its stock locations), then decides per order: create, park with a reason, skip,
 * or cancel its existing Medusa order. A row whose intended Medusa order exists but whose import did not finish
 * (the process died between creating it and marking the row) is completed instead. Writes nothing.
 */
export const prepareMedusaOrdersFromAmazonStep = createStep(
  prepareMedusaOrdersFromAmazonStepId,
  async (input: PrepareMedusaOrdersInput, { container }) => {
    const result: PreparedMedusaOrders = { to_create: [], state_changes: [], parked: [], to_cancel: [] }
    if (!input.staging_ids.length) return new StepResponse(result)

    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    const account = await amazon.retrieveAmazonAccount(input.account_id)

    const { data: rows } = (await query.graph({
      entity: "amazon_order",
      fields: [
        "id",
        "amazon_order_id",
        "import_state",
        "attention_reason",
        "intended_order_id",
        "order_placed_emitted_at",
        "first_seen_at",
        "status",
        "snapshot",
        "raw",
        "items.id",
        "items.order_item_id",
        "order.id",
        "order.status",
      ],
      filters: { id: input.staging_ids },
    })) as { data: StagedRow[] }

    const intendedIds = rows.map((row) => row.intended_order_id).filter((id): id is string => !!id)
    const existingOrderIds = new Set(
      intendedIds.length
        ? (await container.resolve(Modules.ORDER).listOrders({ id: intendedIds }, { select: ["id"], take: null })).map((order) => order.id)
        : []
    )

    const pending: Array<{ row: StagedRow; order: AmazonOrder; exists: boolean }> = []
    for (const row of rows) {
      const snapshot = row.snapshot as AmazonOrder
      const halfDone =
        !!row.intended_order_id &&
        existingOrderIds.has(row.intended_order_id) &&
        (row.import_state !== "imported" || !row.order_placed_emitted_at || !row.order?.id)
      if (halfDone) {
        // Amazon may have changed the order since, but the Medusa order exists: finish it, whatever it now says.
        pending.push({ row, order: snapshot, exists: true })
        continue
      }
      if (row.order?.id) {
        // The link is the guard against importing twice; a linked order only follows Amazon's cancellations.
        if (mustCancelMedusaOrder(row.status, row.order.status)) {
          result.to_cancel.push({ staging_id: row.id, amazon_order_id: row.amazon_order_id, order_id: row.order.id })
        }
        continue
      }
      if (row.import_state === "imported" || !snapshot?.amazonOrderId) continue
      const decision = decideImport(snapshot, { importFba: account.import_fba })
      if (decision.action === "skip") {
        if (row.import_state !== "skipped") result.state_changes.push(stateChange(row, "skipped", decision.why))
        continue
      }
      if (decision.action === "wait") continue
      pending.push({ row, order: snapshot, exists: false })
    }
    if (!pending.length) return new StepResponse(result)

    const skus = [...new Set(pending.flatMap(({ order }) => (order.items ?? []).map((item) => item.sellerSku).filter((sku): sku is string => !!sku)))]
    const salesChannelId = account.sales_channel_id ?? (await defaultSalesChannelId(container))
    const allowedLocationIds = account.stock_location_id
      ? [account.stock_location_id]
      : await salesChannelLocationIds(query, salesChannelId)
    const variantsBySku = await variantsForSkus(query, skus, allowedLocationIds)
    const regionModule = container.resolve(Modules.REGION)
    const regions = await regionModule.listRegions({}, { select: ["id", "currency_code", "name"], take: null })

    for (const { row, order, exists } of pending) {
      const built = buildMedusaOrder({
        order,
        firstSeenAt: new Date(row.first_seen_at).toISOString(),
        serviceLevelCategory: row.raw?.order?.ShipmentServiceLevelCategory ?? null,
        settings: {
          customerMode: account.customer_mode,
          regionByMarketplace: (account.region_by_marketplace ?? {}) as Record<string, string>,
          regions,
          salesChannelId,
          shippingOptionId: account.shipping_option_id,
          stockLocationId: account.stock_location_id,
          variantsBySku,
        },
      })
      const identity = {
        staging_id: row.id,
        amazon_order_id: row.amazon_order_id,
        fulfillment_channel: order.fulfillmentChannel,
        amazon_status: order.status,
        order_id: row.intended_order_id ?? generateEntityId(undefined, "order"),
        intent_recorded: !!row.intended_order_id,
        exists,
        linked: !!row.order?.id,
        placed_emitted: !!row.order_placed_emitted_at,
        staged_item_ids: Object.fromEntries((row.items ?? []).map((item) => [item.order_item_id, item.id])),
        shipment: importedShipmentOf(order),
        ship_from_location_id: (built.ok ? built.shipFromLocationId : null) ?? allowedLocationIds?.[0] ?? null,
      }
      if (exists) {
        // Stock is reserved from what the snapshot says now; if it no longer builds, the order still gets finished.
        result.to_create.push({
          ...identity,
          draft: null,
          line_items: [],
          customer: null,
          reservations: built.ok ? built.reservations : [],
          buyer_paid: built.ok ? built.buyerPaid : "",
        })
        continue
      }
      if (!built.ok) {
        result.parked.push({ amazon_order_id: row.amazon_order_id, reason: built.reason })
        if (row.import_state !== "needs_attention" || row.attention_reason !== built.reason) {
          result.state_changes.push(stateChange(row, "needs_attention", built.reason))
        }
        continue
      }
      const draft = { ...built.order, items: built.order.items.map((item) => ({ ...item, id: generateEntityId(undefined, "ordli") })) }
      result.to_create.push({
        ...identity,
        draft,
        line_items: draft.items.map((item) => ({
          id: item.id,
          amazon_order_item_id: item.metadata.amazon_order_item_id as string,
          quantity: Number(item.quantity),
        })),
        customer: built.customer,
        reservations: built.reservations,
        buyer_paid: built.buyerPaid,
      })
    }
    return new StepResponse(result)
  }
)

function stateChange(row: StagedRow, importState: ImportState, reason: string | null): StateChange {
  return {
    staging_id: row.id,
    amazon_order_id: row.amazon_order_id,
    import_state: importState,
    attention_reason: reason,
    previous_state: row.import_state,
    previous_reason: row.attention_reason,
  }
}

async function defaultSalesChannelId(container: { resolve: (key: string) => any }): Promise<string | null> {
  const storeModule = container.resolve(Modules.STORE)
  const [store] = await storeModule.listStores({}, { select: ["id", "default_sales_channel_id"], take: 1 })
  return store?.default_sales_channel_id ?? null
}

async function salesChannelLocationIds(query: any, salesChannelId: string | null): Promise<string[] | null> {
  if (!salesChannelId) return null
  const { data } = await query.graph({ entity: "sales_channel", fields: ["id", "stock_locations.id"], filters: { id: salesChannelId } })
  const ids = (data[0]?.stock_locations ?? []).map((location: { id: string }) => location.id)
  return ids.length ? ids : null
}

/** One lookup for every SKU of the page; location_ids are narrowed to where Amazon stock may be reserved. */
async function variantsForSkus(query: any, skus: string[], allowedLocationIds: string[] | null): Promise<Map<string, VariantForImport>> {
  const bySku = new Map<string, VariantForImport>()
  if (!skus.length) return bySku
  const { data } = await query.graph({
    entity: "product_variant",
    fields: [
      "id",
      "sku",
      "title",
      "manage_inventory",
      "product.id",
      "product.title",
      "product.handle",
      "product.thumbnail",
      "inventory_items.inventory_item_id",
      "inventory_items.required_quantity",
      "inventory_items.inventory.location_levels.location_id",
    ],
    filters: { sku: skus },
  })
  for (const variant of data) {
    if (!variant.sku || !variant.product) continue
    bySku.set(variant.sku, {
      id: variant.id,
      sku: variant.sku,
      title: variant.title ?? null,
      product: {
        id: variant.product.id,
        title: variant.product.title,
        handle: variant.product.handle ?? null,
        thumbnail: variant.product.thumbnail ?? null,
      },
      manage_inventory: !!variant.manage_inventory,
      inventory_items: (variant.inventory_items ?? []).map((link: any) => {
        const stocked: string[] = (link.inventory?.location_levels ?? []).map((level: { location_id: string }) => level.location_id)
        return {
          inventory_item_id: link.inventory_item_id,
          required_quantity: Number(link.required_quantity ?? 1),
          location_ids: allowedLocationIds ? allowedLocationIds.filter((id) => stocked.includes(id)) : stocked,
        }
      }),
    })
  }
  return bySku
}
