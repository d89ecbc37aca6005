import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { AMAZON_MODULE } from "../../modules/amazon"
import type AmazonModuleService from "../../modules/amazon/service"
import {
  buildShipmentPackage,
  type AmazonOrderForPackage,
  type BuiltPackage,
  type FulfillmentForPackage,
  type OrderLineForPackage,
  type PackageProblem,
} from "./mapping/shipment-package"
import type { PushSkippedReason } from "./types"
import { IMPORTED_SHIPMENT_METADATA_KEY } from "../import-orders/mapping/imported-shipment"

/** Everything needed to confirm one fulfillment to Amazon, read from Medusa and the plugin's staging tables. */
export type PushContext = {
  fulfillment: FulfillmentForPackage
  order_id: string
  order_lines: OrderLineForPackage[]
  amazon_order: AmazonOrderForPackage & {
    id: string
    account_id: string
    /** Package reference ids Amazon lists for the order already (shipments confirmed outside Medusa). */
    known_package_reference_ids: string[]
  }
  account: { id: string; name: string; push_tracking: boolean }
}

export type PushContextResult = { ok: true; context: PushContext } | { ok: false; reason: PushSkippedReason }

const FULFILLMENT_FIELDS = [
  "id",
  "provider_id",
  "shipped_at",
  "canceled_at",
  "metadata",
  "labels.tracking_number",
  "labels.tracking_url",
  "items.line_item_id",
  "items.quantity",
  "items.inventory_item_id",
  "items.sku",
  "order.id",
]

const ORDER_FIELDS = [
  "id",
  "items.id",
  "items.variant_sku",
  "items.variant.inventory_items.inventory_item_id",
  "items.variant.inventory_items.required_quantity",
  "amazon_order.id",
]

export const ACTIVE_PUSH_STATES = ["waiting", "sent"] as const

export async function loadPushContext(container: MedusaContainer, fulfillmentId: string): Promise<PushContextResult> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)

  const {
    data: [fulfillment],
  } = await query.graph({ entity: "fulfillment", fields: FULFILLMENT_FIELDS, filters: { id: fulfillmentId } })
  if (!fulfillment) return { ok: false, reason: "fulfillment_not_found" }
  if (((fulfillment as any).metadata as Record<string, unknown> | null)?.[IMPORTED_SHIPMENT_METADATA_KEY] === true) {
    return { ok: false, reason: "shipped_before_import" }
  }
  const orderId: string | undefined = (fulfillment as any).order?.id
  if (!orderId) return { ok: false, reason: "not_an_amazon_order" }

  const {
    data: [order],
  } = await query.graph({ entity: "order", fields: ORDER_FIELDS, filters: { id: orderId } })
  const amazonOrderRowId: string | undefined = (order as any)?.amazon_order?.id
  if (!order || !amazonOrderRowId) return { ok: false, reason: "not_an_amazon_order" }

  const [amazonOrder] = await amazon.listAmazonOrders({ id: amazonOrderRowId }, { relations: ["items", "account"], take: 1 })
  if (!amazonOrder) return { ok: false, reason: "not_an_amazon_order" }
  if (amazonOrder.fulfillment_channel === "FBA") return { ok: false, reason: "fulfilled_by_amazon" }
  const account = (amazonOrder as any).account as { id: string; name: string; push_tracking: boolean }

  return {
    ok: true,
    context: {
      fulfillment: {
        id: fulfillment.id,
        provider_id: (fulfillment as any).provider_id ?? null,
        shipped_at: (fulfillment as any).shipped_at ?? null,
        canceled_at: (fulfillment as any).canceled_at ?? null,
        metadata: ((fulfillment as any).metadata ?? null) as Record<string, unknown> | null,
        labels: ((fulfillment as any).labels ?? []).map((label: any) => ({
          tracking_number: label?.tracking_number ?? null,
          tracking_url: label?.tracking_url ?? null,
        })),
        items: ((fulfillment as any).items ?? []).map((item: any) => ({
          line_item_id: item.line_item_id ?? null,
          quantity: Number(item.quantity),
          inventory_item_id: item.inventory_item_id ?? null,
          sku: item.sku ?? null,
        })),
      },
      order_id: order.id,
      order_lines: ((order as any).items ?? []).map((item: any) => ({
        id: item.id,
        variant_sku: item.variant_sku ?? null,
        required_quantities: Object.fromEntries(
          (item.variant?.inventory_items ?? []).map((link: any) => [link.inventory_item_id, Number(link.required_quantity ?? 1)])
        ),
      })),
      amazon_order: {
        id: amazonOrder.id,
        account_id: account.id,
        known_package_reference_ids: (((amazonOrder as any).snapshot?.packages ?? []) as Array<{ packageReferenceId?: string | null }>)
          .map((pkg) => pkg?.packageReferenceId)
          .filter((id): id is string => !!id),
        amazon_order_id: amazonOrder.amazon_order_id,
        marketplace_id: amazonOrder.marketplace_id ?? null,
        status: amazonOrder.status,
        fulfillment_channel: amazonOrder.fulfillment_channel as "FBM" | "FBA",
        items: ((amazonOrder as any).items ?? []).map((item: any) => ({
          order_item_id: item.order_item_id,
          seller_sku: item.seller_sku ?? null,
          line_item_id: item.line_item_id ?? null,
          quantity_ordered: Number(item.quantity_ordered),
          quantity_shipped: Number(item.quantity_shipped ?? 0),
        })),
      },
      account: { id: account.id, name: account.name, push_tracking: !!account.push_tracking },
    },
  }
}

/** Units per Amazon order item in the order's other confirmations that are waiting or on their way. */
export async function unitsInOtherActivePushes(
  amazon: AmazonModuleService,
  amazonOrderRowId: string,
  exceptPushId: string | null
): Promise<Record<string, number>> {
  const active = await amazon.listAmazonTrackingPushes(
    { amazon_order_row_id: amazonOrderRowId, state: [...ACTIVE_PUSH_STATES] },
    { select: ["id", "items"], take: null }
  )
  const units: Record<string, number> = {}
  for (const push of active) {
    if (push.id === exceptPushId) continue
    for (const line of (push.items as unknown as Array<{ order_item_id: string; quantity: number }> | null) ?? []) {
      units[line.order_item_id] = (units[line.order_item_id] ?? 0) + line.quantity
    }
  }
  return units
}

/** The package for a fulfillment, or the sentence saying why it cannot be built. */
export async function buildPackageFor(
  container: MedusaContainer,
  context: PushContext,
  packageReferenceId: string,
  exceptPushId: string | null
): Promise<BuiltPackage | PackageProblem> {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  return buildShipmentPackage({
    fulfillment: context.fulfillment,
    orderLines: context.order_lines,
    amazonOrder: context.amazon_order,
    packageReferenceId,
    unitsInOtherPushes: await unitsInOtherActivePushes(amazon, context.amazon_order.id, exceptPushId),
    now: new Date(),
  })
}

/** Outbox columns describing the package (or the reason it could not be built). */
export function packageColumns(built: BuiltPackage | PackageProblem) {
  if (!built.ok) {
    return { state: "failed" as const, package: null, items: null, last_error_code: built.code, last_error: built.message, next_attempt_at: null }
  }
  return {
    state: "waiting" as const,
    package: built.request as unknown as Record<string, unknown>,
    items: built.lines as unknown as Record<string, unknown>,
    carrier_code: built.carrier.carrierCode,
    carrier_name: built.carrier.carrierName ?? null,
    tracking_number: built.tracking_number,
    ship_date: new Date(built.ship_date),
    last_error_code: null,
    last_error: null,
    next_attempt_at: null,
  }
}
