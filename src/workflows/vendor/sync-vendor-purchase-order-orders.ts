import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { cancelBeginOrderEditWorkflow } from "@medusajs/medusa/core-flows"
import { AMAZON_MODULE } from "../../modules/amazon"
import { describeForMerchant } from "../../modules/amazon/merchant-message"
import type AmazonModuleService from "../../modules/amazon/service"
import type { OrderAcknowledgement } from "../../modules/amazon/sp-api"
import { acceptedEachesByLine, itemAdditions, itemChanges, orderQuantitiesFor } from "../../modules/amazon/vendor/vendor-order-quantities"
import { createMedusaOrderFromVendorPurchaseOrderWorkflow } from "./create-medusa-order-from-vendor-purchase-order"
import { editMedusaOrderForVendorChangesWorkflow, VENDOR_ORDER_EDIT_NOTE } from "./edit-medusa-order-for-vendor-changes"
import { VENDOR_LINE_METADATA_KEY, vendorItemMetadata, vendorUnitPrice } from "./steps/prepare-vendor-order"

export type VendorOrderSyncOutcome = { purchase_order_id: string; outcome: "created" | "edited" | "in_line" | "nothing_accepted" | "waiting" | "busy"; order_id: string | null; note?: string }

export function vendorOrderLockKey(purchaseOrderId: string): string {
  return `amazon-vendor-po-order:${purchaseOrderId}`
}

/**
 * Brings the Medusa orders of due vendor POs in line with what Amazon took and now orders: the first accepted
 * acknowledgement makes the order, later changes (Amazon's partial cancellations, the vendor's own updates) edit it.
 * One PO at a time under its lock, so two processes never work on one order; each run starts from what exists, so
 * running it again, or after a crash, finishes what is half-done and changes nothing that is in line. A PO that cannot
 * be brought in line keeps a sentence saying why (shown on its page) and stays due. The loop lives here because a
 * workflow cannot loop; each step of the work is a workflow.
 */
export async function syncVendorPurchaseOrderOrders(container: MedusaContainer, filter: { account_id?: string; ids?: string[] } = {}): Promise<VendorOrderSyncOutcome[]> {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  const locking = container.resolve(Modules.LOCKING)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const outcomes: VendorOrderSyncOutcome[] = []
  for (const due of await amazon.listDueVendorOrderSyncs(filter)) {
    try {
      outcomes.push(await locking.execute(vendorOrderLockKey(due.id), () => syncOne(container, due.id), { timeout: 5 }))
    } catch (error) {
      if (/timed? ?out|lock/i.test((error as Error)?.message ?? "")) {
        outcomes.push({ purchase_order_id: due.id, outcome: "busy", order_id: due.order_id })
        continue
      }
      logger.error(`Amazon vendor order of purchase order ${due.id}: ${(error as Error)?.stack ?? error}`)
    }
  }
  return outcomes
}

async function syncOne(container: MedusaContainer, purchaseOrderId: string): Promise<VendorOrderSyncOutcome> {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  const orders = container.resolve(Modules.ORDER)
  // Read again under the lock: another process may have finished it meanwhile.
  const [due] = await amazon.listDueVendorOrderSyncs({ ids: [purchaseOrderId] })
  if (!due) return { purchase_order_id: purchaseOrderId, outcome: "in_line", order_id: null }
  const dueAt = due.order_sync_due_at ? new Date(due.order_sync_due_at).toISOString() : null
  const waiting = async (note: string, orderId: string | null) => {
    await amazon.recordVendorOrderNote(purchaseOrderId, note)
    return { purchase_order_id: purchaseOrderId, outcome: "waiting" as const, order_id: orderId, note }
  }
  const po = (await amazon.retrieveAmazonVendorPurchaseOrder(purchaseOrderId, { relations: ["lines"] })) as any
  const acknowledgement = await amazon.retrieveAmazonVendorAcknowledgement(due.acknowledgement_id, { select: ["id", "payload"] })
  const wanted = orderQuantitiesFor(po.lines ?? [], acceptedEachesByLine(acknowledgement.payload as unknown as OrderAcknowledgement))
  const [existing] = po.order_id ? await orders.listOrders({ id: po.order_id }, { select: ["id"] }) : []

  if (!existing && ![...wanted.values()].some((quantity) => quantity > 0)) {
    await amazon.recordVendorOrderInLine(purchaseOrderId, due.acknowledgement_id, dueAt ? new Date(dueAt) : null)
    await amazon.recordVendorOrderNote(purchaseOrderId, "Nothing of this purchase order is accepted, so it has no Medusa order.")
    return { purchase_order_id: purchaseOrderId, outcome: "nothing_accepted", order_id: null }
  }
  let created = false
  if (!existing || !po.order_placed_emitted_at) {
    try {
      const { result } = await createMedusaOrderFromVendorPurchaseOrderWorkflow(container).run({ input: { purchase_order_id: purchaseOrderId, acknowledgement_id: due.acknowledgement_id } })
      created = !result.resumed
    } catch (error) {
      return await waiting(describeForMerchant(error), po.order_id ?? null)
    }
  }
  const orderId = (await amazon.retrieveAmazonVendorPurchaseOrder(purchaseOrderId, { select: ["id", "order_id"] })).order_id as string
  const [order] = await orders.listOrders({ id: orderId }, { select: ["id", "display_id"], relations: ["items"] })
  const items = ((order?.items ?? []) as any[]).map((item) => ({ id: item.id, quantity: Number(item.quantity), line_id: (item.metadata?.[VENDOR_LINE_METADATA_KEY] as string) ?? null }))
  const changes = itemChanges(items, wanted)
  const additions = itemAdditions(items, wanted)
  if (!changes.length && !additions.length) {
    await amazon.recordVendorOrderInLine(purchaseOrderId, due.acknowledgement_id, dueAt ? new Date(dueAt) : null)
    return { purchase_order_id: purchaseOrderId, outcome: created ? "created" : "in_line", order_id: orderId }
  }

  const open = await orders.listOrderChanges({ order_id: orderId, status: ["pending", "requested"] } as any, { select: ["id", "internal_note", "change_type"] })
  for (const change of open as any[]) {
    if (change.internal_note !== VENDOR_ORDER_EDIT_NOTE) {
      return await waiting(
        `Amazon changed purchase order ${po.purchase_order_number}, but an order ${change.change_type ?? "change"} is open on Medusa order #${order?.display_id}. Confirm or cancel it; the Amazon change is applied at the next sync.`,
        orderId
      )
    }
    // An edit of ours whose process died before confirming it: dropped, and made anew from what Amazon says now.
    await cancelBeginOrderEditWorkflow(container).run({ input: { order_id: orderId } })
  }
  const lineById = new Map(((po.lines ?? []) as any[]).map((line) => [line.id, line]))
  const unmatched = additions.map((addition) => lineById.get(addition.line_id)).filter((line) => !line?.variant_id)
  if (unmatched.length) {
    return await waiting(
      `Purchase order ${po.purchase_order_number} now has accepted units on line ${unmatched.map((line) => line.item_sequence_number).join(", ")}, which ${unmatched.length === 1 ? "is" : "are"} matched to no product variant, so Medusa order #${order?.display_id} cannot carry ${unmatched.length === 1 ? "it" : "them"}. Give the variant the vendor product id as its SKU or barcode and import again.`,
      orderId
    )
  }
  const description = `Amazon purchase order ${po.purchase_order_number}: ${[
    ...changes.map((change) => `line ${lineById.get(change.line_id)?.item_sequence_number} ${change.from} → ${change.to}`),
    ...additions.map((addition) => `line ${lineById.get(addition.line_id)?.item_sequence_number} 0 → ${addition.quantity}`),
  ].join(", ")} (what Amazon now orders and the acknowledgement it took).`
  const newItems = additions.map((addition) => {
    const line = lineById.get(addition.line_id)
    return { variant_id: line.variant_id as string, quantity: addition.quantity, unit_price: vendorUnitPrice(line), metadata: vendorItemMetadata(line) }
  })
  try {
    await editMedusaOrderForVendorChangesWorkflow(container).run({
      input: { purchase_order_id: purchaseOrderId, acknowledgement_id: due.acknowledgement_id, due_at: dueAt, order_id: orderId, description, items: changes.map((change) => ({ id: change.item_id, quantity: change.to })), new_items: newItems },
    })
  } catch (error) {
    return await waiting(`Medusa order #${order?.display_id} could not be changed to what Amazon now orders: ${describeForMerchant(error)}`, orderId)
  }
  return { purchase_order_id: purchaseOrderId, outcome: "edited", order_id: orderId }
}
