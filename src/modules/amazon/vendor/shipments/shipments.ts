/**
 * The vendor shipment's domain operations, called through the module service: check a packed shipment against the
 * account's POs, store it with its SSCCs and the exact ASN, send it once, and read Amazon's transaction result.
 * Sending follows the acknowledgement outbox: every state change is one conditional SQL statement, so two workers
 * never send the same ASN.
 */
import { randomUUID } from "node:crypto"
import { MedusaError } from "@medusajs/framework/utils"
import { crashPoint } from "../../../../utils/crash-point"
import type AmazonModuleService from "../../service"
import { isSpApiError, type SpApiClient } from "../../sp-api"
import type { SqlRunner } from "../../services/tracking-outbox"
import {
  assignSsccs,
  buildShipmentConfirmation,
  containersWithoutSscc,
  lineQuantities,
  validateShipment,
  type ShipmentContext,
  type ShipmentInput,
  type ShippableLine,
  type StoredContents,
} from "./build-shipment"
import { buildSscc, gs1PrefixProblem } from "./sscc"

/** Shipments whose quantities count as shipped: sent, on their way to Amazon, or possibly at Amazon (unknown). */
const COUNTED = ["pending", "sending", "processing", "accepted", "unknown"]
const REFUSED = new Set(["AMAZON_REJECTED", "INVALID_REQUEST", "AUTH_FAILED", "ACCESS_DENIED", "INVALID_CONFIGURATION"])
const POLL_INTERVAL_MS = 30 * 1000

function purchaseOrderNumbersOf(input: ShipmentInput): string[] {
  const numbers = new Set<string>()
  for (const container of [...(input.pallets ?? []), ...(input.cartons ?? [])]) for (const item of container.items ?? []) numbers.add(item.purchase_order_number)
  return [...numbers]
}

/** Eaches Amazon accepted per line in the PO's last acknowledgement it took. */
function acceptedEaches(acknowledgements: any[]): Map<string, number> {
  const taken = acknowledgements
    .filter((ack) => ack.status === "accepted")
    .sort((a, b) => +new Date(b.submitted_at ?? b.created_at) - +new Date(a.submitted_at ?? a.created_at))[0]
  const accepted = new Map<string, number>()
  for (const item of (taken?.payload as any)?.items ?? []) {
    let eaches = 0
    for (const answer of item.itemAcknowledgements ?? []) {
      if (answer.acknowledgementCode !== "Accepted") continue
      const quantity = answer.acknowledgedQuantity
      eaches += quantity.amount * (quantity.unitOfMeasure === "Cases" ? quantity.unitSize ?? 1 : 1)
    }
    accepted.set(item.itemSequenceNumber, eaches)
  }
  return accepted
}

/** What the builder checks a shipment against; `excludeShipmentId` leaves the shipment itself out of "already shipped". */
export async function shipmentContext(service: AmazonModuleService, sql: SqlRunner, accountId: string, input: ShipmentInput, excludeShipmentId?: string) {
  const account = await service.retrieveAmazonAccount(accountId)
  if ((account as any).kind !== "vendor") throw new MedusaError(MedusaError.Types.INVALID_DATA, `Account ${account.name} is a Seller Central account; shipments to Amazon retail are built on a Vendor Central account.`)
  const numbers = purchaseOrderNumbersOf(input)
  const pos = numbers.length
    ? await service.listAmazonVendorPurchaseOrders({ account_id: accountId, purchase_order_number: numbers } as any, { relations: ["lines", "acknowledgements"] })
    : []
  const others = await sql.execute(
    `SELECT id, shipment_identifier, status, contents, line_quantities FROM amazon_vendor_shipment WHERE account_id = ? AND deleted_at IS NULL${excludeShipmentId ? " AND id <> ?" : ""}`,
    excludeShipmentId ? [accountId, excludeShipmentId] : [accountId]
  )
  const shipped = new Map<string, number>()
  const usedSsccs = new Set<string>()
  for (const row of others) {
    const contents: StoredContents = typeof row.contents === "string" ? JSON.parse(row.contents) : row.contents
    for (const container of [...(contents?.pallets ?? []), ...(contents?.cartons ?? [])]) usedSsccs.add(container.sscc)
    if (!COUNTED.includes(row.status)) continue
    const quantities = typeof row.line_quantities === "string" ? JSON.parse(row.line_quantities) : row.line_quantities
    for (const entry of quantities ?? []) {
      const key = `${entry.purchase_order_number}#${entry.item_sequence_number}`
      shipped.set(key, (shipped.get(key) ?? 0) + entry.quantity)
    }
  }
  const lines: ShippableLine[] = []
  for (const po of pos as any[]) {
    const accepted = acceptedEaches(po.acknowledgements ?? [])
    for (const line of po.lines ?? []) {
      lines.push({
        purchase_order_number: po.purchase_order_number,
        item_sequence_number: line.item_sequence_number,
        asin: line.asin,
        vendor_product_id: line.vendor_product_id,
        accepted_eaches: accepted.get(line.item_sequence_number) ?? 0,
        shipped_eaches: shipped.get(`${po.purchase_order_number}#${line.item_sequence_number}`) ?? 0,
      })
    }
  }
  const context: ShipmentContext = {
    region: account.region,
    ship_from_party_id: (account as any).vendor_ship_from_party_id ?? null,
    vendor_codes: ((account as any).vendor_codes ?? []) as string[],
    purchase_orders: (pos as any[]).map((po) => ({
      purchase_order_number: po.purchase_order_number,
      state: po.state,
      ship_to_party_id: po.ship_to_party_id,
      selling_party_id: po.selling_party_id,
      acknowledged: (po.acknowledgements ?? []).some((ack: any) => ack.status === "accepted"),
    })),
    lines,
    used_ssccs: usedSsccs,
    used_identifiers: new Set(others.map((row: any) => row.shipment_identifier)),
  }
  return { account, context, pos: pos as any[] }
}

/** Every problem of a shipment as packed (empty when it can be stored and sent). */
export async function validateVendorShipment(service: AmazonModuleService, sql: SqlRunner, accountId: string, input: ShipmentInput) {
  const { account, context } = await shipmentContext(service, sql, accountId, input)
  const problems = validateShipment(input, context)
  const prefixProblem = containersWithoutSscc(input) ? gs1PrefixProblem((account as any).gs1_company_prefix) : null
  return prefixProblem ? [prefixProblem, ...problems] : problems
}

/** Takes `count` serials of the account's prefix in one atomic upsert; returns the first. */
async function allocateSerials(sql: SqlRunner, accountId: string, prefix: string, count: number): Promise<number> {
  const [row] = await sql.execute(
    `INSERT INTO amazon_vendor_sscc_counter (id, account_id, gs1_company_prefix, next_serial) VALUES (?, ?, ?, ?)
     ON CONFLICT (account_id, gs1_company_prefix) WHERE deleted_at IS NULL
     DO UPDATE SET next_serial = amazon_vendor_sscc_counter.next_serial + EXCLUDED.next_serial, updated_at = now()
     RETURNING next_serial`,
    [`amzvssc_${randomUUID().replace(/-/g, "")}`, accountId, prefix, count]
  )
  return Number(row.next_serial) - count
}

/** Checks the shipment, numbers its containers and stores it with the ASN built from it (status ready). */
export async function createVendorShipment(service: AmazonModuleService, sql: SqlRunner, accountId: string, input: ShipmentInput, now = new Date()) {
  const { account, context, pos } = await shipmentContext(service, sql, accountId, input)
  const missing = containersWithoutSscc(input)
  const prefix = (account as any).gs1_company_prefix as string | null
  const problems = [...(missing && gs1PrefixProblem(prefix) ? [gs1PrefixProblem(prefix)!] : []), ...validateShipment(input, context)]
  if (problems.length) throw new MedusaError(MedusaError.Types.INVALID_DATA, problems.join(" "))
  let next = missing ? await allocateSerials(sql, accountId, prefix!, missing) : 0
  const contents = assignSsccs(input, () => buildSscc(prefix!, next++))
  const shipToPartyId = input.ship_to_party_id ?? pos.find((po) => po.ship_to_party_id)?.ship_to_party_id
  const sellingPartyId = pos.find((po) => po.selling_party_id)?.selling_party_id ?? context.vendor_codes[0]
  const shipmentType = input.shipment_type ?? (contents.pallets.length ? "LessThanTruckLoad" : "SmallParcel")
  const identifier = input.shipment_identifier ?? `ASN${now.toISOString().slice(2, 10).replace(/-/g, "")}${randomUUID().replace(/-/g, "").slice(0, 8).toUpperCase()}`
  const shippedAt = input.shipped_at ? new Date(input.shipped_at) : now
  const estimated = input.estimated_delivery_at ? new Date(input.estimated_delivery_at) : null
  const payload = buildShipmentConfirmation({
    shipment_identifier: identifier,
    selling_party_id: sellingPartyId,
    ship_from_party_id: context.ship_from_party_id!,
    ship_to_party_id: shipToPartyId,
    shipment_type: shipmentType,
    carrier_scac: input.carrier_scac?.trim() || null,
    bill_of_lading_number: input.bill_of_lading_number?.trim() || null,
    shipped_at: shippedAt,
    estimated_delivery_at: estimated,
    gross_weight: input.gross_weight ?? null,
    contents,
    lines: context.lines,
    now,
  })
  return await service.createAmazonVendorShipments({
    account_id: accountId,
    shipment_identifier: identifier,
    status: "ready",
    selling_party_id: sellingPartyId,
    ship_from_party_id: context.ship_from_party_id!,
    ship_to_party_id: shipToPartyId,
    shipment_structure: payload.shipmentStructure!,
    shipment_type: shipmentType,
    carrier_scac: input.carrier_scac?.trim() || null,
    bill_of_lading_number: input.bill_of_lading_number?.trim() || null,
    shipped_at: shippedAt,
    estimated_delivery_at: estimated,
    purchase_order_numbers: purchaseOrderNumbersOf(input),
    contents: contents as any,
    line_quantities: lineQuantities(contents) as any,
    payload: payload as any,
    message: "Ready to send to Amazon.",
  })
}

/** The stored contents as builder input, to check them again against what has shipped since. */
function asInput(shipment: any): ShipmentInput {
  const contents = shipment.contents as StoredContents
  return {
    shipment_identifier: null,
    ship_to_party_id: shipment.ship_to_party_id,
    shipment_type: shipment.shipment_type,
    carrier_scac: shipment.carrier_scac,
    bill_of_lading_number: shipment.bill_of_lading_number,
    pallets: contents.pallets.map((pallet) => ({ ...pallet })),
    cartons: contents.cartons.map((carton) => ({ ...carton })),
  }
}

/**
 * Records the intent to send (ready → pending, one conditional update) after checking the stored shipment again:
 * another shipment sent since it was built may have used up accepted quantities.
 */
export async function queueVendorShipment(service: AmazonModuleService, sql: SqlRunner, shipmentId: string) {
  const shipment = (await service.retrieveAmazonVendorShipment(shipmentId)) as any
  if (shipment.status !== "ready") return { id: shipment.id, status: shipment.status as string, queued: false }
  const { context } = await shipmentContext(service, sql, shipment.account_id, asInput(shipment), shipment.id)
  const problems = validateShipment(asInput(shipment), context)
  if (problems.length) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Shipment ${shipment.shipment_identifier} cannot be sent as built: ${problems.join(" ")}`)
  const rows = await sql.execute(
    `UPDATE amazon_vendor_shipment SET status = 'pending', message = 'Waiting to be sent to Amazon.', updated_at = now() WHERE id = ? AND status = 'ready' AND deleted_at IS NULL RETURNING id`,
    [shipment.id]
  )
  return { id: shipment.id, status: rows.length ? "pending" : shipment.status, queued: rows.length === 1 }
}

/** Puts a queued shipment back to ready if nobody claimed it yet (the workflow's compensation). */
export async function unqueueVendorShipment(sql: SqlRunner, shipmentId: string) {
  await sql.execute(`UPDATE amazon_vendor_shipment SET status = 'ready', message = 'Ready to send to Amazon.', updated_at = now() WHERE id = ? AND status = 'pending'`, [shipmentId])
}

async function settle(sql: SqlRunner, id: string, claimToken: string, fields: Record<string, unknown>) {
  const keys = Object.keys(fields)
  const rows = await sql.execute(
    `UPDATE amazon_vendor_shipment SET ${keys.map((key) => `${key} = ?`).join(", ")}, claim_token = NULL, claimed_at = NULL, updated_at = now()
     WHERE id = ? AND claim_token = ? AND status = 'sending' RETURNING id`,
    [...keys.map((key) => fields[key]), id, claimToken]
  )
  return rows.length === 1
}

/** Claims the pending shipments (these, or all) one conditional update each, and sends each claimed one once. */
export async function sendPendingVendorShipments(service: AmazonModuleService, sql: SqlRunner, ids?: string[]) {
  const token = randomUUID()
  const claimed = await sql.execute(
    // send_attempted_at is cleared: an earlier attempt Amazon answered (busy) says nothing about this one.
    `UPDATE amazon_vendor_shipment SET status = 'sending', claim_token = ?, claimed_at = now(), send_attempted_at = NULL, updated_at = now()
     WHERE id IN (SELECT id FROM amazon_vendor_shipment WHERE deleted_at IS NULL AND status = 'pending'${ids ? " AND id IN (?)" : ""}
       ORDER BY created_at ASC LIMIT 20 FOR UPDATE SKIP LOCKED) AND status = 'pending'
     RETURNING id, claim_token, account_id, payload`,
    ids ? [token, ids] : [token]
  )
  const results: Array<{ id: string; status: string }> = []
  for (const row of claimed) {
    const payload = typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload
    results.push({ id: row.id, status: await sendClaimed(sql, await service.clientForAccount(row.account_id), row.id, row.claim_token, payload) })
  }
  return results
}

async function sendClaimed(sql: SqlRunner, client: SpApiClient, id: string, claimToken: string, payload: any): Promise<string> {
  crashPoint("before-submit-shipment-confirmation")
  // From here on Amazon may get the confirmation: a dead sender's claim with this set is never resent on its own.
  const attempted = await sql.execute(`UPDATE amazon_vendor_shipment SET send_attempted_at = now(), updated_at = now() WHERE id = ? AND claim_token = ? AND status = 'sending' RETURNING id`, [id, claimToken])
  if (!attempted.length) return "sending"
  let transactionId: string
  try {
    transactionId = (await client.submitShipmentConfirmations([payload])).transactionId
  } catch (error) {
    const code = isSpApiError(error) ? error.code : "UNEXPECTED"
    const message = isSpApiError(error) ? error.merchantMessage : `Sending failed unexpectedly: ${(error as Error)?.message ?? error}`
    if (code === "THROTTLED") {
      await settle(sql, id, claimToken, { status: "pending", message: `Amazon was busy; the shipment confirmation is sent again shortly. ${message}` })
      return "pending"
    }
    if (REFUSED.has(code)) {
      await settle(sql, id, claimToken, { status: "failed", message: `Amazon refused the shipment confirmation: ${message}`, result_at: new Date() })
      return "failed"
    }
    // Amazon may have taken it and the answer was lost: resending could confirm the shipment twice.
    // Only what went wrong: the client's own advice ("the next sync retries") does not hold for a confirmation never resent.
    const whatHappened = message.split(/; this is| — the next sync retries/)[0].replace(/[.;\s]+$/, "")
    await settle(sql, id, claimToken, { status: "unknown", message: `Amazon's answer did not arrive or could not be read (${whatHappened}). ${UNKNOWN_ADVICE}`, result_at: new Date() })
    return "unknown"
  }
  crashPoint("after-submit-shipment-confirmation")
  const now = new Date()
  await settle(sql, id, claimToken, {
    status: "processing",
    transaction_id: transactionId,
    transaction_status: "Processing",
    submitted_at: now,
    next_poll_at: now,
    message: "Amazon took the shipment confirmation and is processing it.",
  })
  return "processing"
}

const UNKNOWN_ADVICE =
  "Amazon can only be asked about a shipment confirmation by the transaction id its answer carries, so whether Amazon has it cannot be told from here, and it is not sent again automatically. Look the shipment up in Vendor Central, then record what you found: Amazon has it, or send it again."

/**
 * Claims left "sending" by a sender that is gone, settled as the acknowledgement outbox settles its own: a claim whose
 * call to Amazon never began goes back to pending and is sent; one whose call began may have reached Amazon. Amazon
 * answers for an ASN only by the transaction id that the lost answer carried (getTransaction; vendorShipments has no
 * look-up of confirmations by shipment identifier), so that one becomes "unknown" and is never resent on its own.
 */
export async function resolveStaleSendingShipments(sql: SqlRunner, claimedBefore: Date) {
  const stale = await sql.execute(
    `SELECT id, claim_token, send_attempted_at FROM amazon_vendor_shipment WHERE deleted_at IS NULL AND status = 'sending' AND claimed_at < ?`,
    [claimedBefore]
  )
  const outcomes: Array<{ id: string; status: string }> = []
  for (const row of stale) {
    if (!row.send_attempted_at) {
      if (await settle(sql, row.id, row.claim_token, { status: "pending", message: "The process sending this shipment confirmation stopped before Amazon got it; it is sent again." })) {
        outcomes.push({ id: row.id, status: "pending" })
      }
      continue
    }
    const settled = await settle(sql, row.id, row.claim_token, {
      status: "unknown",
      result_at: new Date(),
      message: `The process sending this shipment confirmation stopped after calling Amazon and before Amazon's answer was recorded. ${UNKNOWN_ADVICE}`,
    })
    if (settled) outcomes.push({ id: row.id, status: "unknown" })
  }
  return outcomes
}

/**
 * The merchant's finding in Vendor Central for a shipment whose fate was unknown: Amazon has it (accepted, so its
 * quantities become fulfilments), or Amazon does not (pending, sent again). One conditional update.
 */
export async function resolveUnknownVendorShipment(sql: SqlRunner, shipmentId: string, amazonHasIt: boolean) {
  const rows = await sql.execute(
    `UPDATE amazon_vendor_shipment SET status = ?, message = ?, send_attempted_at = NULL, result_at = ${amazonHasIt ? "now()" : "NULL"}, updated_at = now()
     WHERE id = ? AND status = 'unknown' AND deleted_at IS NULL RETURNING id`,
    [
      amazonHasIt ? "accepted" : "pending",
      amazonHasIt ? "Vendor Central shows this shipment confirmation received (recorded by the merchant)." : "Vendor Central does not show this shipment confirmation (recorded by the merchant); it is sent again.",
      shipmentId,
    ]
  )
  if (!rows.length) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Only a shipment whose arrival at Amazon is unknown can be recorded as found or not found in Vendor Central; this one's state is known.")
  }
  return { id: shipmentId, status: amazonHasIt ? "accepted" : "pending" }
}

/** Reads Amazon's transaction result of shipments that are processing (these, or all that are due). */
export async function pollVendorShipmentResults(service: AmazonModuleService, sql: SqlRunner, ids?: string[]) {
  const due = await sql.execute(
    `SELECT id, account_id, transaction_id FROM amazon_vendor_shipment WHERE deleted_at IS NULL AND status = 'processing' AND transaction_id IS NOT NULL${ids ? " AND id IN (?)" : " AND (next_poll_at IS NULL OR next_poll_at <= now())"}`,
    ids ? [ids] : []
  )
  const results: Array<{ id: string; status: string }> = []
  for (const row of due) {
    const transaction = await (await service.clientForAccount(row.account_id)).getVendorTransaction(row.transaction_id)
    let status = "processing"
    let message = "Amazon is processing the shipment confirmation."
    let errors: any = null
    if (transaction.status === "Success") {
      status = "accepted"
      message = "Amazon accepted the shipment confirmation."
    } else if (transaction.status === "Failure") {
      status = "failed"
      errors = (transaction.errors ?? []).map((error) => ({ code: error.code, message: error.message ?? error.code, details: error.details ?? null }))
      message = `Amazon refused the shipment confirmation: ${errors.map((error: any) => error.message).join(" ") || "no reason given"} Correct the shipment and build it again.`
    }
    const final = status !== "processing"
    const updated = await sql.execute(
      `UPDATE amazon_vendor_shipment SET status = ?, transaction_status = ?, message = ?, errors = ?::jsonb,
         result_at = ${final ? "now()" : "NULL"}, next_poll_at = ${final ? "NULL" : `now() + interval '${POLL_INTERVAL_MS / 1000} seconds'`}, updated_at = now()
       WHERE id = ? AND status = 'processing' RETURNING id`,
      [status, transaction.status, message, errors ? JSON.stringify(errors) : null, row.id]
    )
    if (updated.length) results.push({ id: row.id, status })
  }
  return results
}

