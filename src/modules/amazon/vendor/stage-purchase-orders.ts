/**
 * Stores purchase orders read from Amazon: a new PO is created with its lines, a PO read again unchanged is left
 * alone (same content hash), a changed PO is rewritten in place and — when the vendor had already answered it —
 * flagged, because the acknowledgement may no longer fit what Amazon now orders.
 */
import type AmazonModuleService from "../service"
import { describeLineChanges, type PurchaseOrderFields } from "./purchase-order-fields"

export type VendorStagingCompensation = {
  created_ids: string[]
  /** The rows as they were before this staging rewrote them. */
  previous: Array<{ po: Record<string, unknown>; lines: Array<Record<string, unknown>> }>
  created_line_ids: string[]
}

export type VendorStagingResult = {
  created: string[]
  updated: string[]
  unchanged: string[]
  flagged: string[]
  compensation: VendorStagingCompensation
}

const PO_RESTORED_FIELDS = [
  "state", "purchase_order_type", "purchase_order_date", "amazon_changed_at", "state_changed_at", "selling_party_id", "buying_party_id",
  "ship_to_party_id", "bill_to_party_id", "window_kind", "window_start", "window_end", "currency_code", "cost_total", "acknowledgement_due_at",
  "changed_after_acknowledgement", "change_note", "content_hash", "raw",
] as const
const LINE_RESTORED_FIELDS = [
  "asin", "vendor_product_id", "ordered_quantity", "unit_of_measure", "unit_size", "ordered_eaches", "is_back_order_allowed", "net_cost",
  "list_price", "cost", "cost_source", "cost_note", "currency_code",
] as const

function pick(row: Record<string, any>, fields: readonly string[]) {
  return Object.fromEntries(fields.map((field) => [field, row[field]]))
}

export async function stageVendorPurchaseOrders(
  service: AmazonModuleService,
  accountId: string,
  purchaseOrders: PurchaseOrderFields[],
  now: Date = new Date()
): Promise<VendorStagingResult> {
  const result: VendorStagingResult = { created: [], updated: [], unchanged: [], flagged: [], compensation: { created_ids: [], previous: [], created_line_ids: [] } }
  if (!purchaseOrders.length) return result
  const existing = await service.listAmazonVendorPurchaseOrders(
    { account_id: accountId, purchase_order_number: purchaseOrders.map(({ po }) => po.purchase_order_number) },
    { relations: ["lines"], take: null }
  )
  const byNumber = new Map(existing.map((po) => [po.purchase_order_number, po]))

  for (const { po, lines } of purchaseOrders) {
    const saved = byNumber.get(po.purchase_order_number)
    if (!saved) {
      const created = await service.createAmazonVendorPurchaseOrders({ ...po, account_id: accountId, first_seen_at: now } as any)
      await service.createAmazonVendorPurchaseOrderLines(lines.map((line) => ({ ...line, purchase_order_id: created.id })) as any)
      result.created.push(created.id)
      result.compensation.created_ids.push(created.id)
      continue
    }
    if (saved.content_hash === po.content_hash) {
      result.unchanged.push(saved.id)
      continue
    }
    result.compensation.previous.push({
      po: { id: saved.id, ...pick(saved as any, PO_RESTORED_FIELDS) },
      lines: (saved.lines ?? []).map((line: any) => ({ id: line.id, ...pick(line, LINE_RESTORED_FIELDS) })),
    })
    const savedLines = (saved.lines ?? []) as any[]
    const answered = !!saved.acknowledged_at
    const amazonChangedAgain = !!po.amazon_changed_at && (!saved.amazon_changed_at || new Date(saved.amazon_changed_at).getTime() < po.amazon_changed_at.getTime())
    const flag = answered && amazonChangedAgain
    const changes = describeLineChanges(savedLines, lines)
    await service.updateAmazonVendorPurchaseOrders({
      id: saved.id,
      ...po,
      // The Medusa order of the accepted quantities follows what Amazon now orders (see vendor-order-quantities.ts).
      order_sync_due_at: now,
      ...(flag
        ? {
            changed_after_acknowledgement: true,
            change_note: `Amazon changed this purchase order on ${po.amazon_changed_at!.toISOString().slice(0, 16).replace("T", " ")} UTC, after it was acknowledged${changes ? `: ${changes}` : ""}. Check that the acknowledgement still fits.`,
          }
        : {}),
    } as any)
    for (const line of lines) {
      const old = savedLines.find((candidate) => candidate.item_sequence_number === line.item_sequence_number)
      if (old) await service.updateAmazonVendorPurchaseOrderLines({ id: old.id, ...line } as any)
      else {
        const created = await service.createAmazonVendorPurchaseOrderLines({ ...line, purchase_order_id: saved.id } as any)
        result.compensation.created_line_ids.push(created.id)
      }
    }
    result.updated.push(saved.id)
    if (flag) result.flagged.push(saved.id)
  }
  return result
}

export async function undoVendorStaging(service: AmazonModuleService, compensation: VendorStagingCompensation): Promise<void> {
  if (compensation.created_line_ids.length) await service.deleteAmazonVendorPurchaseOrderLines(compensation.created_line_ids)
  if (compensation.created_ids.length) await service.deleteAmazonVendorPurchaseOrders(compensation.created_ids)
  for (const previous of compensation.previous) {
    await service.updateAmazonVendorPurchaseOrders(previous.po as any)
    for (const line of previous.lines) await service.updateAmazonVendorPurchaseOrderLines(line as any)
  }
}
