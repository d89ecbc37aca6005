import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  cancelOrderFulfillmentWorkflow,
  createOrderFulfillmentWorkflow,
  createOrderShipmentWorkflow,
} from "@medusajs/medusa/core-flows"
import { AMAZON_MODULE } from "../../../modules/amazon"
import { describeForMerchant } from "../../../modules/amazon/merchant-message"
import type AmazonModuleService from "../../../modules/amazon/service"
import { cancelledOnAmazonMessage, FULFILLMENT_METADATA } from "../mapping/shipment-package"
import type { RowError, TrackingPackageGroup } from "../mapping/tracking-csv"
import { pushAmazonTrackingWorkflow } from "../push-amazon-tracking"
import type { TrackingPushSummary } from "../types"

export type TrackingImportRow = {
  row: number
  status: "done" | "error"
  message: string
  amazon_order_id?: string
  order_id?: string
  fulfillment_id?: string
  tracking_push_id?: string
  tracking_push_state?: TrackingPushSummary["state"]
}

export type ShipTrackingCsvPackagesInput = { groups: TrackingPackageGroup[]; errors: RowError[] }

export const shipTrackingCsvPackagesStepId = "ship-tracking-csv-packages"

/** How long to wait for a confirmation that a subscriber started for the same fulfillment (it usually takes < 1 s). */
const SETTLE_TIMEOUT_MS = 30_000
const SETTLE_POLL_MS = 250

type ResolvedOrder = {
  order_id: string
  display_id: number
  amazon_order_id: string
  location_id: string | null
  lines: Array<{ id: string; sku: string | null; remaining: number }>
}

class RowProblem extends Error {}

/**
 * For each package of the CSV: finds the Amazon order's Medusa order, creates the fulfillment and its shipment
 * (both with no_notification: Amazon tells the buyer, the store must not), and confirms it to Amazon through the
 * same push as any shipment. Each package runs on its own: a bad line is reported with its reason and never
 * stops the good ones.
 *
 * No compensation: every package is complete on its own (a shipment that cannot be created has its fulfillment
 * cancelled at once), and what Amazon confirmed cannot be taken back.
 */
export const shipTrackingCsvPackagesStep = createStep(
  shipTrackingCsvPackagesStepId,
  async (input: ShipTrackingCsvPackagesInput, { container }) => {
    const rows: TrackingImportRow[] = input.errors.map((error) => ({ row: error.row, status: "error", message: error.message, ...(error.amazon_order_id ? { amazon_order_id: error.amazon_order_id } : {}) }))
    for (const group of input.groups) {
      const outcome = await shipPackage(container, group).catch((error): Omit<TrackingImportRow, "row"> => ({
        status: "error",
        message: error instanceof RowProblem ? error.message : `This package could not be shipped: ${describeForMerchant(error)}`,
        ...(group.order.kind === "amazon" ? { amazon_order_id: group.order.amazon_order_id } : {}),
      }))
      for (const row of group.rows) rows.push({ row, ...outcome })
    }
    rows.sort((a, b) => a.row - b.row)
    return new StepResponse(rows)
  }
)

async function shipPackage(container: MedusaContainer, group: TrackingPackageGroup): Promise<Omit<TrackingImportRow, "row">> {
  const order = await resolveOrder(container, group)
  const items = itemsToShip(order, group)
  const ids = { amazon_order_id: order.amazon_order_id, order_id: order.order_id }

  let fulfillmentId: string
  try {
    const { result: fulfillment } = await createOrderFulfillmentWorkflow(container).run({
      input: {
        order_id: order.order_id,
        items,
        ...(order.location_id ? { location_id: order.location_id } : {}),
        no_notification: true,
        metadata: {
          [FULFILLMENT_METADATA.carrier]: group.carrier,
          ...(group.ship_date ? { [FULFILLMENT_METADATA.shipDate]: group.ship_date } : {}),
          [FULFILLMENT_METADATA.importedFromCsv]: true,
        },
      },
    })
    fulfillmentId = fulfillment.id
  } catch (error) {
    throw new RowProblem(`Medusa could not create the fulfillment for order #${order.display_id} (Amazon ${order.amazon_order_id}): ${medusaReason(error)}`)
  }

  try {
    await createOrderShipmentWorkflow(container).run({
      input: {
        order_id: order.order_id,
        fulfillment_id: fulfillmentId,
        items,
        labels: [{ tracking_number: group.tracking_number, tracking_url: "", label_url: "" }],
        no_notification: true,
      },
    })
  } catch (error) {
    // Leave no fulfillment behind that the merchant did not ask for without its shipment.
    await cancelOrderFulfillmentWorkflow(container)
      .run({ input: { order_id: order.order_id, fulfillment_id: fulfillmentId, no_notification: true } })
      .catch(() => undefined)
    throw new RowProblem(`Medusa could not mark the package of order #${order.display_id} (Amazon ${order.amazon_order_id}) as shipped: ${medusaReason(error)}`)
  }

  const { result } = await pushAmazonTrackingWorkflow(container).run({ input: { fulfillment_id: fulfillmentId, trigger: "csv_import" } })
  const push = result.push && !result.created ? await settled(container, result.push) : result.push
  const units = items.reduce((sum, item) => sum + item.quantity, 0)
  const shipped = `Order #${order.display_id} (Amazon ${order.amazon_order_id}): ${units} ${units === 1 ? "unit" : "units"} shipped with ${group.carrier}, tracking number ${group.tracking_number}`
  const common = { ...ids, fulfillment_id: fulfillmentId, ...(push ? { tracking_push_id: push.id, tracking_push_state: push.state } : {}) }

  if (!push) {
    const reason = result.skipped_reason === "push_tracking_off" ? "tracking push is switched off for its Amazon account" : (result.skipped_reason ?? "unknown").replace(/_/g, " ")
    return { status: "error", message: `${shipped} in Medusa, but it was not confirmed to Amazon: ${reason}.`, ...common }
  }
  if (push.state === "confirmed") return { status: "done", message: `${shipped}; Amazon confirmed the shipment.`, ...common }
  if (push.state === "failed") return { status: "error", message: `${shipped} in Medusa, but Amazon did not accept the confirmation: ${push.last_error}`, ...common }
  return { status: "done", message: `${shipped}; the confirmation to Amazon is queued: ${push.last_error ?? "it is being sent."}`, ...common }
}

async function resolveOrder(container: MedusaContainer, group: TrackingPackageGroup): Promise<ResolvedOrder> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)

  let orderId: string
  let amazonOrderRowId: string
  if (group.order.kind === "amazon") {
    const amazonOrderId = group.order.amazon_order_id
    const { data: staged } = await query.graph({
      entity: "amazon_order",
      fields: ["id", "import_state", "attention_reason", "order.id"],
      filters: { amazon_order_id: amazonOrderId },
    })
    if (staged.length === 0) {
      throw new RowProblem(`Amazon order ${amazonOrderId} is not known to the store yet. Run "Sync now" for its Amazon account, then import this line again.`)
    }
    const linked = staged.find((row: any) => row.order?.id)
    if (!linked) {
      const row = staged[0] as any
      throw new RowProblem(
        `Amazon order ${amazonOrderId} has not become a Medusa order yet${row.attention_reason ? `: ${row.attention_reason}` : "."} Import it first, then import this line again.`
      )
    }
    orderId = (linked as any).order.id
    amazonOrderRowId = linked.id
  } else {
    const displayId = group.order.display_id
    const { data: orders } = await query.graph({ entity: "order", fields: ["id", "amazon_order.id"], filters: { display_id: displayId } })
    if (orders.length === 0) throw new RowProblem(`No order has the number ${displayId}. Check the order number, or use the Amazon order id.`)
    const rowId = (orders[0] as any).amazon_order?.id
    if (!rowId) throw new RowProblem(`Order #${displayId} did not come from Amazon. This import only confirms shipments of Amazon orders; ship other orders in Medusa.`)
    orderId = orders[0].id
    amazonOrderRowId = rowId
  }

  const [staged] = await amazon.listAmazonOrders({ id: amazonOrderRowId }, { relations: ["account"], take: 1 })
  const account = (staged as any).account as { name: string; push_tracking: boolean; stock_location_id: string | null }
  if (staged.fulfillment_channel === "FBA") {
    throw new RowProblem(`Amazon order ${staged.amazon_order_id} is fulfilled by Amazon: Amazon ships it and confirms it itself. Remove this line.`)
  }
  if (staged.status === "CANCELLED") throw new RowProblem(cancelledOnAmazonMessage(staged.amazon_order_id))
  if (!account.push_tracking) {
    throw new RowProblem(`Tracking push is switched off for the Amazon account "${account.name}". Switch it on in Settings → Amazon, then import this line again.`)
  }

  const {
    data: [order],
  } = await query.graph({
    entity: "order",
    fields: ["id", "display_id", "status", "items.id", "items.variant_sku", "items.detail.quantity", "items.detail.fulfilled_quantity"],
    filters: { id: orderId },
  })
  if ((order as any).status === "canceled") {
    throw new RowProblem(`Order #${(order as any).display_id} (Amazon ${staged.amazon_order_id}) is cancelled in Medusa, so it cannot be shipped.`)
  }
  return {
    order_id: order.id,
    display_id: Number((order as any).display_id),
    amazon_order_id: staged.amazon_order_id,
    location_id: account.stock_location_id ?? null,
    lines: ((order as any).items ?? []).map((item: any) => ({
      id: item.id,
      sku: item.variant_sku ?? null,
      // The order's own quantities live on the item detail (query.graph leaves items.quantity out next to it).
      remaining: Number(item.detail?.quantity ?? 0) - Number(item.detail?.fulfilled_quantity ?? 0),
    })),
  }
}

/** Line items and quantities of the package: the SKUs the file names, or everything not yet fulfilled. */
function itemsToShip(order: ResolvedOrder, group: TrackingPackageGroup): Array<{ id: string; quantity: number }> {
  const name = `order #${order.display_id} (Amazon ${order.amazon_order_id})`
  if (!group.skus) {
    const items = order.lines.filter((line) => line.remaining > 0).map((line) => ({ id: line.id, quantity: line.remaining }))
    if (items.length === 0) {
      throw new RowProblem(`Every item of ${name} is already fulfilled in Medusa. If this tracking number belongs to an existing fulfillment, mark that fulfillment as shipped instead.`)
    }
    return items
  }
  const items: Array<{ id: string; quantity: number }> = []
  for (const { sku, quantity } of group.skus) {
    const lines = order.lines.filter((line) => line.sku === sku)
    if (lines.length === 0) throw new RowProblem(`SKU ${sku} is not an item of ${name}. Check the SKU on this line.`)
    const remaining = lines.reduce((sum, line) => sum + Math.max(0, line.remaining), 0)
    if (remaining === 0) throw new RowProblem(`Every unit of SKU ${sku} of ${name} is already fulfilled. Remove this line, or cancel the existing fulfillment first.`)
    const wanted = quantity ?? remaining
    if (wanted > remaining) throw new RowProblem(`Only ${remaining} of SKU ${sku} are left to ship on ${name}, but the line says ${wanted}. Correct the quantity.`)
    let left = wanted
    for (const line of lines) {
      const take = Math.min(left, Math.max(0, line.remaining))
      if (take > 0) items.push({ id: line.id, quantity: take })
      left -= take
    }
  }
  return items
}

/** Why a core-flows workflow refused (its messages name the problem, e.g. a quantity above what is left). */
function medusaReason(error: unknown): string {
  const text = ((error as { message?: unknown })?.message ?? "").toString().trim()
  if (!text) return describeForMerchant(error)
  return /[.!?]$/.test(text) ? text : `${text}.`
}

/** A push started by a subscriber for the same fulfillment: wait until Amazon has answered it once. */
async function settled(container: MedusaContainer, push: TrackingPushSummary): Promise<TrackingPushSummary> {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  const deadline = Date.now() + SETTLE_TIMEOUT_MS
  let current: any = push
  while (Date.now() < deadline && (current.state === "sent" || (current.state === "waiting" && current.attempts === 0))) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS))
    ;[current] = await amazon.listAmazonTrackingPushes({ id: push.id }, { take: 1 })
  }
  return { ...push, ...Object.fromEntries(Object.keys(push).map((key) => [key, current[key] ?? null])) } as TrackingPushSummary
}
