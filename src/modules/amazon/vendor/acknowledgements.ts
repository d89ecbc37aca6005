/**
 * The vendor acknowledgement's domain operations, called through the module service: record the merchant's
 * answers as an acknowledgement to send (after checking them), send what is pending, settle claims of dead senders,
 * and read Amazon's transaction results.
 */
import { MedusaError } from "@medusajs/framework/utils"
import type AmazonModuleService from "../service"
import type { SpApiClient } from "../sp-api"
import type { SqlRunner } from "../services/tracking-outbox"
import {
  claimPendingAcknowledgements,
  dueTransactionPolls,
  recordTransactionOutcome,
  resolveStaleSendingAcknowledgements,
  sendClaimedAcknowledgement,
  transactionOutcome,
} from "./acknowledgement-outbox"
import { AcknowledgementRefused, buildAcknowledgement, type AcknowledgementInput } from "./build-acknowledgement"

/** Amazon replaces an earlier answer with an update only within 48 hours of it. */
export const ACKNOWLEDGEMENT_UPDATE_WINDOW_MS = 48 * 60 * 60 * 1000

export async function recordVendorAcknowledgement(service: AmazonModuleService, purchaseOrderId: string, input: AcknowledgementInput, now = new Date()) {
  const po = await service.retrieveAmazonVendorPurchaseOrder(purchaseOrderId, { relations: ["lines", "acknowledgements", "account"] })
  const acknowledgements = (po.acknowledgements ?? []) as any[]
  const inFlight = acknowledgements.find((ack) => ["pending", "sending", "processing"].includes(ack.status))
  if (inFlight) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `An acknowledgement of purchase order ${po.purchase_order_number} is still on its way to Amazon; wait for Amazon's result before answering again.`)
  }
  const firstTaken = acknowledgements.filter((ack) => ack.status === "accepted").sort((a, b) => +new Date(a.submitted_at ?? a.created_at) - +new Date(b.submitted_at ?? b.created_at))[0]
  if (firstTaken && now.getTime() - new Date(firstTaken.submitted_at ?? firstTaken.created_at).getTime() > ACKNOWLEDGEMENT_UPDATE_WINDOW_MS) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Purchase order ${po.purchase_order_number} was acknowledged more than 48 hours ago; Amazon no longer takes an update of it here. Change it in Vendor Central.`)
  }
  let payload
  try {
    payload = buildAcknowledgement(po as any, input, { sellingPartyId: ((po.account as any)?.vendor_codes ?? [])[0] ?? null, now })
  } catch (error) {
    if (error instanceof AcknowledgementRefused) throw new MedusaError(MedusaError.Types.INVALID_DATA, error.message)
    throw error
  }
  return await service.createAmazonVendorAcknowledgements({
    purchase_order_id: po.id,
    account_id: (po.account as any).id,
    status: "pending",
    payload: payload as any,
    answers: input as any,
    message: "Waiting to be sent to Amazon.",
  })
}

/** Once Amazon has taken an acknowledgement: the PO counts as answered and its rejected lines stay rejected. */
async function markTaken(service: AmazonModuleService, acknowledgementId: string) {
  const ack = await service.retrieveAmazonVendorAcknowledgement(acknowledgementId, { relations: ["purchase_order", "purchase_order.lines"] })
  const po = ack.purchase_order as any
  const rejected = new Set(
    ((ack.payload as any)?.items ?? [])
      .filter((item: any) => item.itemAcknowledgements.some((answer: any) => answer.acknowledgementCode === "Rejected" && answer.acknowledgedQuantity.amount > 0))
      .map((item: any) => item.itemSequenceNumber)
  )
  const lines = (po.lines ?? []).filter((line: any) => rejected.has(line.item_sequence_number) && !line.rejected_once)
  if (lines.length) await service.updateAmazonVendorPurchaseOrderLines(lines.map((line: any) => ({ id: line.id, rejected_once: true })))
  await service.updateAmazonVendorPurchaseOrders({ id: po.id, acknowledged_at: ack.submitted_at ?? new Date(), changed_after_acknowledgement: false, change_note: null })
}

/** Amazon moves a PO it took an answer for from New to Acknowledged; shown so at once rather than at the next import. */
async function markAcknowledgedByAmazon(service: AmazonModuleService, acknowledgementId: string) {
  const ack = await service.retrieveAmazonVendorAcknowledgement(acknowledgementId, { select: ["id", "purchase_order_id"] })
  const [po] = await service.listAmazonVendorPurchaseOrders({ id: ack.purchase_order_id, state: "New" } as any, { select: ["id"] })
  if (po) await service.updateAmazonVendorPurchaseOrders({ id: po.id, state: "Acknowledged" })
}

export async function sendPendingVendorAcknowledgements(service: AmazonModuleService, sql: SqlRunner, ids?: string[]) {
  const claimed = await claimPendingAcknowledgements(sql, ids)
  const results: Array<{ id: string; status: string }> = []
  for (const row of claimed) {
    const status = await sendClaimedAcknowledgement(sql, await service.clientForAccount(row.account_id), row)
    if (status === "processing") await markTaken(service, row.id)
    results.push({ id: row.id, status })
  }
  return results
}

export async function resolveStaleVendorAcknowledgements(service: AmazonModuleService, sql: SqlRunner, claimedBefore: Date) {
  const outcomes = await resolveStaleSendingAcknowledgements(sql, (accountId) => service.clientForAccount(accountId), claimedBefore)
  for (const outcome of outcomes) {
    if (outcome.status !== "accepted") continue
    await markTaken(service, outcome.id)
    await markAcknowledgedByAmazon(service, outcome.id)
  }
  return outcomes
}

export async function pollVendorAcknowledgementResults(service: AmazonModuleService, sql: SqlRunner, ids?: string[], now = new Date()) {
  const due = await dueTransactionPolls(sql, ids)
  const clients = new Map<string, SpApiClient>()
  const results: Array<{ id: string; status: string }> = []
  for (const row of due) {
    const client = clients.get(row.account_id) ?? (await service.clientForAccount(row.account_id))
    clients.set(row.account_id, client)
    const transaction = await client.getVendorTransaction(row.transaction_id)
    const outcome = transactionOutcome(transaction.status, transaction.errors, new Date(row.submitted_at), now)
    if (!(await recordTransactionOutcome(sql, row.id, outcome))) continue
    if (outcome.status === "accepted") await markAcknowledgedByAmazon(service, row.id)
    if (outcome.status === "failed") {
      const ack = await service.retrieveAmazonVendorAcknowledgement(row.id, { select: ["id", "purchase_order_id"] })
      const others = await service.listAmazonVendorAcknowledgements({ purchase_order_id: ack.purchase_order_id, status: ["accepted"] } as any, { take: 1 })
      if (!others.length) await service.updateAmazonVendorPurchaseOrders({ id: ack.purchase_order_id, acknowledged_at: null })
    }
    results.push({ id: row.id, status: outcome.status })
  }
  return results
}
