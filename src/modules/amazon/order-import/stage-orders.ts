import type AmazonModuleService from "../service"
import type { FetchedAmazonOrder, ImportProblem, UnreadableAmazonOrder } from "./types"
import { isNewerOrSame, stagingItemFields, stagingOrderFields } from "./staging-row"

export type StagedAmazonOrder = { id: string; amazon_order_id: string; created: boolean; changed: boolean }

export type StageAmazonOrdersResult = {
  staged: StagedAmazonOrder[]
  /** Unreadable orders stored as needs_attention so the merchant sees them. */
  parked: StagedAmazonOrder[]
  /** lastUpdate of orders that could not be stored at all (null = unknown); the watermark stays before them. */
  unstored_last_updates: Array<string | null>
  problems: ImportProblem[]
}

export type StagingCompensation = {
  createdOrderIds: string[]
  createdItemIds: string[]
  previousOrders: Record<string, unknown>[]
  previousItems: Record<string, unknown>[]
}

const RESTORABLE_ORDER_FIELDS = [
  "id",
  "marketplace_id",
  "sales_channel_name",
  "status",
  "fulfillment_channel",
  "subtypes",
  "is_prime",
  "is_business",
  "ship_service_level",
  "currency_code",
  "order_total",
  "buyer_email",
  "buyer_name",
  "purchase_date",
  "last_update_date",
  "latest_ship_date",
  "buyer_cancel_requested",
  "buyer_cancel_reason",
  "has_customization",
  "import_state",
  "attention_reason",
  "snapshot",
  "raw",
] as const

const RESTORABLE_ITEM_FIELDS = [
  "id",
  "seller_sku",
  "asin",
  "title",
  "quantity_ordered",
  "quantity_shipped",
  "unit_price",
  "item_price",
  "item_tax",
  "customization_url",
  "customization_text",
] as const

function pick<T extends Record<string, any>>(row: T, fields: readonly string[]) {
  return Object.fromEntries(fields.map((field) => [field, row[field]]))
}

function validDate(value: string | null): Date | null {
  if (!value) return null
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? null : date
}

/**
 * Upserts every order of the page into amazon_order (+ items), unique per account + Amazon order id.
 * first_seen_at is written once; an older copy of an order (pages overlap) never overwrites a newer one.
 * Import state is left alone here: deciding what becomes a Medusa order is the next step's job.
 * On failure what was written is undone before the error is thrown; on success the caller gets what undoes it.
 */
export async function stageOrders(
  amazon: AmazonModuleService,
  accountId: string,
  orders: FetchedAmazonOrder[],
  unreadableOrders: UnreadableAmazonOrder[]
): Promise<{ result: StageAmazonOrdersResult; compensation: StagingCompensation }> {
  const compensation: StagingCompensation = { createdOrderIds: [], createdItemIds: [], previousOrders: [], previousItems: [] }
  const result: StageAmazonOrdersResult = { staged: [], parked: [], unstored_last_updates: [], problems: [] }

  // The same order may appear twice in one page run (Amazon pages shift while orders change): keep the newest.
  const newestById = new Map<string, FetchedAmazonOrder>()
  for (const fetched of orders) {
    const known = newestById.get(fetched.order.amazonOrderId)
    if (!known || isNewerOrSame(fetched.order.lastUpdateDate, known.order.lastUpdateDate)) {
      newestById.set(fetched.order.amazonOrderId, fetched)
    }
  }
  const amazonOrderIds = [
    ...newestById.keys(),
    ...unreadableOrders.map((order) => order.amazon_order_id).filter((id): id is string => !!id),
  ]
  const existingRows = amazonOrderIds.length
    ? await amazon.listAmazonOrders(
        { account_id: accountId, amazon_order_id: amazonOrderIds },
        { relations: ["items"], take: null }
      )
    : []
  const existingById = new Map(existingRows.map((row) => [row.amazon_order_id, row]))
  const now = new Date()

  try {
    const toCreate = [...newestById.values()].filter(({ order }) => !existingById.has(order.amazonOrderId))
    if (toCreate.length) {
      const created = await amazon.insertStagedAmazonOrders(
        toCreate.map(({ order, raw }) => ({
          ...stagingOrderFields(order, raw),
          account_id: accountId,
          first_seen_at: now,
          items: order.items.map((item) => stagingItemFields(item)),
        }))
      )
      compensation.createdOrderIds.push(...created.map((row) => row.id))
      compensation.createdItemIds.push(...created.flatMap((row) => row.item_ids))
      for (const row of created) {
        result.staged.push({ id: row.id, amazon_order_id: row.amazon_order_id, created: true, changed: true })
      }
    }

    const orderUpdates: Record<string, unknown>[] = []
    const itemUpdates: Record<string, unknown>[] = []
    const itemCreates: Record<string, unknown>[] = []
    for (const { order, raw } of newestById.values()) {
      const existing = existingById.get(order.amazonOrderId)
      if (!existing) continue
      const changed = new Date(existing.last_update_date).getTime() !== new Date(order.lastUpdateDate).getTime()
      result.staged.push({ id: existing.id, amazon_order_id: existing.amazon_order_id, created: false, changed })
      if (!isNewerOrSame(order.lastUpdateDate, existing.last_update_date)) continue
      compensation.previousOrders.push(pick(existing, RESTORABLE_ORDER_FIELDS))
      const update: Record<string, unknown> = { id: existing.id, ...stagingOrderFields(order, raw) }
      // A readable copy clears a park that was only about the order being unreadable.
      if (existing.import_state === "needs_attention" && existing.attention_reason?.startsWith("Amazon sent this order in a shape")) {
        update.import_state = "staged"
        update.attention_reason = null
      }
      orderUpdates.push(update)
      const itemsById = new Map((existing.items ?? []).map((item) => [item.order_item_id, item]))
      for (const item of order.items) {
        const known = itemsById.get(item.orderItemId)
        if (known) {
          compensation.previousItems.push(pick(known, RESTORABLE_ITEM_FIELDS))
          itemUpdates.push({ id: known.id, ...stagingItemFields(item) })
        } else {
          itemCreates.push({ ...stagingItemFields(item), order_id: existing.id })
        }
      }
    }
    if (orderUpdates.length) await amazon.updateAmazonOrders(orderUpdates as any)
    if (itemUpdates.length) await amazon.updateAmazonOrderItems(itemUpdates as any)
    if (itemCreates.length) {
      const createdItems: Array<{ id: string }> = await amazon.createAmazonOrderItems(itemCreates as any[])
      compensation.createdItemIds.push(...createdItems.map((item) => item.id))
    }

    for (const unreadable of unreadableOrders) {
      const purchaseDate = validDate(unreadable.purchase_date)
      const lastUpdate = validDate(unreadable.last_update_date)
      const reason =
        `Amazon sent this order in a shape the import cannot read (${unreadable.message}). ` +
        "Check the order in Seller Central; the import retries it when Amazon updates the order, or use Retry."
      const existing = unreadable.amazon_order_id ? existingById.get(unreadable.amazon_order_id) : undefined
      if (existing) {
        if (existing.import_state !== "imported") {
          compensation.previousOrders.push(pick(existing, RESTORABLE_ORDER_FIELDS))
          await amazon.updateAmazonOrders({ id: existing.id, import_state: "needs_attention", attention_reason: reason, raw: unreadable.raw as any })
          result.parked.push({ id: existing.id, amazon_order_id: existing.amazon_order_id, created: false, changed: true })
        }
        result.problems.push({ amazon_order_id: existing.amazon_order_id, message: reason })
        continue
      }
      // Without its id, dates and channel the row would have to be invented: leave it for the next run instead.
      if (!unreadable.amazon_order_id || !purchaseDate || !lastUpdate || !unreadable.fulfillment_channel) {
        result.unstored_last_updates.push(lastUpdate ? lastUpdate.toISOString() : null)
        result.problems.push({
          ...(unreadable.amazon_order_id ? { amazon_order_id: unreadable.amazon_order_id } : {}),
          message: `${reason} It could not be stored, so the next import reads it again.`,
        })
        continue
      }
      const [row] = await amazon.createAmazonOrders([
        {
          account_id: accountId,
          amazon_order_id: unreadable.amazon_order_id,
          status: unreadable.status ?? "UNKNOWN",
          fulfillment_channel: unreadable.fulfillment_channel,
          purchase_date: purchaseDate,
          last_update_date: lastUpdate,
          first_seen_at: now,
          import_state: "needs_attention",
          attention_reason: reason,
          snapshot: {},
          raw: (unreadable.raw ?? null) as any,
        },
      ])
      compensation.createdOrderIds.push(row.id)
      result.parked.push({ id: row.id, amazon_order_id: row.amazon_order_id, created: true, changed: true })
      result.problems.push({ amazon_order_id: row.amazon_order_id, message: reason })
    }
  } catch (error) {
    await undoStaging(amazon, compensation)
    throw error
  }
  return { result, compensation }
}

export async function undoStaging(amazon: AmazonModuleService, compensation: StagingCompensation) {
  if (compensation.createdItemIds.length) await amazon.deleteAmazonOrderItems(compensation.createdItemIds)
  if (compensation.previousItems.length) await amazon.updateAmazonOrderItems(compensation.previousItems as any)
  if (compensation.previousOrders.length) await amazon.updateAmazonOrders(compensation.previousOrders as any)
  if (compensation.createdOrderIds.length) await amazon.deleteAmazonOrders(compensation.createdOrderIds)
}
