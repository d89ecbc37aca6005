import { ContainerRegistrationKeys, MathBN, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"
import { AMAZON_PAYMENT_PROVIDER_ID } from "../../../providers/amazon-payment/service"
import { crashPoint } from "../../../utils/crash-point"
import { IMPORTED_SHIPMENT_METADATA_KEY } from "../../import-orders/mapping/imported-shipment"
import { retryDelayMs } from "../mapping/push-outcome"
import { captureFailedMessage, captureFailureReason, planShipmentCaptures, shipmentCaptureTag, type PlanPush, type PlanPushItem } from "../mapping/capture-plan"

/**
 * A capture needs no network (the Amazon provider records what Amazon did): a claim this old belongs to a process
 * that died while capturing, and another process may take the row over.
 */
export const STALE_CAPTURE_CLAIM_AFTER_MS = 5 * 60 * 1000

export type ShipmentCapturePlan = {
  push_id: string
  order_id: string
  amazon_order_id: string
  package_reference_id: string
  payment_id: string
  currency_code: string
  amount: number
  /** Set when the payment already holds this push's capture: nothing is captured again. */
  capture_id: string | null
}

export type ShipmentCapturePlans = {
  plans: ShipmentCapturePlan[]
  /** Confirmed pushes with nothing to capture: no Amazon payment, or nothing left of it. */
  not_needed: string[]
}

export type ShipmentCaptureDone = ShipmentCapturePlan & { capture_id: string; found_earlier: boolean }

export type ShipmentCaptureResult = {
  captured: ShipmentCaptureDone[]
  failed: Array<ShipmentCapturePlan & { error: string }>
}

export const claimAmazonShipmentCapturesStepId = "claim-amazon-shipment-captures"

/** Takes the confirmed pushes whose capture is owed for this run only; a second process gets other rows or none. */
export const claimAmazonShipmentCapturesStep = createStep(
  claimAmazonShipmentCapturesStepId,
  async (input: { push_ids: string[]; due?: boolean }, { container }) => {
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    const claimed = await amazon.claimShipmentCaptures({
      ids: input.push_ids,
      due: input.due === true,
      staleBefore: new Date(Date.now() - STALE_CAPTURE_CLAIM_AFTER_MS),
    })
    return new StepResponse(claimed, claimed)
  },
  async (claimed, { container }) => {
    if (!claimed?.length) return
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    await amazon.releaseShipmentCaptureClaims(claimed)
  }
)

type OrderPayments = {
  id: string
  currency_code: string
  items: Array<{
    id: string
    quantity: unknown
    total: unknown
    variant?: { inventory_items?: Array<{ inventory_item_id: string; required_quantity: unknown } | null> | null } | null
  }>
  fulfillments?: Array<{
    metadata?: Record<string, unknown> | null
    items?: Array<{ line_item_id: string | null; quantity: unknown; inventory_item_id: string | null } | null> | null
  } | null> | null
  payment_collections?: Array<{
    payments?: Array<{
      id: string
      amount: unknown
      currency_code: string
      provider_id: string
      canceled_at: unknown
      captures?: Array<{ id: string; amount: unknown; created_by: string | null }> | null
    } | null> | null
  } | null> | null
}

export const planAmazonShipmentCapturesStepId = "plan-amazon-shipment-captures"

/** What each claimed push captures on its order's Amazon payment (see planShipmentCaptures); reads only. */
export const planAmazonShipmentCapturesStep = createStep(
  planAmazonShipmentCapturesStepId,
  async (input: { push_ids: string[] }, { container }) => {
    const result: ShipmentCapturePlans = { plans: [], not_needed: [] }
    if (!input.push_ids.length) return new StepResponse(result)
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const pushes = await amazon.listAmazonTrackingPushes({ id: input.push_ids, state: "confirmed" } as any, { take: null })
    const byOrder = new Map<string, typeof pushes>()
    for (const push of pushes) byOrder.set(push.order_id, [...(byOrder.get(push.order_id) ?? []), push])

    for (const [orderId, planned] of byOrder) {
      const { data } = (await query.graph({
        entity: "order",
        fields: [
          "id",
          "currency_code",
          // A top-level total makes the order module compute the line totals and quantities too.
          "total",
          "items.id",
          "items.quantity",
          "items.total",
          "items.variant.inventory_items.inventory_item_id",
          "items.variant.inventory_items.required_quantity",
          "fulfillments.metadata",
          "fulfillments.items.line_item_id",
          "fulfillments.items.quantity",
          "fulfillments.items.inventory_item_id",
          "payment_collections.payments.id",
          "payment_collections.payments.amount",
          "payment_collections.payments.currency_code",
          "payment_collections.payments.provider_id",
          "payment_collections.payments.canceled_at",
          "payment_collections.payments.captures.id",
          "payment_collections.payments.captures.amount",
          "payment_collections.payments.captures.created_by",
        ],
        filters: { id: orderId },
      })) as { data: OrderPayments[] }
      const order = data[0]
      const payment = (order?.payment_collections ?? [])
        .flatMap((collection) => collection?.payments ?? [])
        .find((candidate) => candidate?.provider_id === AMAZON_PAYMENT_PROVIDER_ID && !candidate.canceled_at)
      if (!order || !payment) {
        result.not_needed.push(...planned.map((push) => push.id))
        continue
      }
      const confirmed = await amazon.listAmazonTrackingPushes({ order_id: orderId, state: "confirmed" } as any, { take: null })
      const asPlanPush = (push: (typeof confirmed)[number]): PlanPush => ({
        id: push.id,
        items: (push.items ?? null) as PlanPushItem[] | null,
        confirmed_at: push.confirmed_at ?? null,
      })
      const entries = planShipmentCaptures({
        order: { currency_code: order.currency_code, items: order.items.map((item) => ({ id: item.id, quantity: item.quantity as any, total: item.total as any })) },
        payment: {
          id: payment.id,
          amount: payment.amount as any,
          captures: (payment.captures ?? []).map((capture) => ({ id: capture.id, amount: capture.amount as any, created_by: capture.created_by })),
        },
        confirmed: confirmed.map(asPlanPush),
        planned: planned.map((push) => push.id),
        shipped_before_import: [...unitsShippedBeforeImport(order)].map(([line_item_id, quantity]) => ({ line_item_id, quantity })),
      })
      for (const entry of entries) {
        if (entry.kind === "none") {
          result.not_needed.push(entry.push_id)
          continue
        }
        const push = planned.find((candidate) => candidate.id === entry.push_id)!
        result.plans.push({
          push_id: push.id,
          order_id: orderId,
          amazon_order_id: push.amazon_order_id,
          package_reference_id: push.package_reference_id,
          payment_id: payment.id,
          currency_code: payment.currency_code ?? order.currency_code,
          amount: entry.amount,
          capture_id: entry.kind === "existing" ? entry.capture_id : null,
        })
      }
    }
    return new StepResponse(result)
  }
)

export const captureAmazonShipmentPaymentsStepId = "capture-amazon-shipment-payments"

/**
 * Captures each planned amount on its payment through the payment module, tagged `amazon-shipment:<push id>` so
 * that a restart recognises it. A capture that fails is reported, not thrown: Amazon has the confirmation, the
 * push stays confirmed, and the retry job captures it later. No compensation: the buyer was charged by Amazon, a
 * capture is never undone automatically (as in Medusa's own capturePaymentStep); a run undone after this step
 * leaves the tagged capture for the next run to find.
 */
export const captureAmazonShipmentPaymentsStep = createStep(
  captureAmazonShipmentPaymentsStepId,
  async (input: ShipmentCapturePlans, { container }) => {
    const payments = container.resolve(Modules.PAYMENT)
    const result: ShipmentCaptureResult = { captured: [], failed: [] }
    for (const plan of input.plans) {
      const tag = shipmentCaptureTag(plan.push_id)
      if (plan.capture_id) {
        result.captured.push({ ...plan, capture_id: plan.capture_id, found_earlier: true })
        continue
      }
      try {
        // The plan was read before the claim's run started; the payment itself is the last word.
        const [earlier] = await payments.listCaptures({ payment_id: plan.payment_id, created_by: tag } as any, { take: 1 })
        if (earlier) {
          result.captured.push({ ...plan, capture_id: earlier.id, amount: MathBN.convert(earlier.amount as any).toNumber(), found_earlier: true })
          continue
        }
        crashPoint("before-capture")
        const payment = await payments.capturePayment({ payment_id: plan.payment_id, amount: plan.amount, captured_by: tag })
        const capture = (payment.captures ?? []).find((candidate: any) => candidate.created_by === tag)
        if (!capture) throw new Error(`the payment module returned no capture made by ${tag}`)
        crashPoint("after-capture")
        result.captured.push({ ...plan, capture_id: capture.id, found_earlier: false })
      } catch (error) {
        result.failed.push({ ...plan, error: captureFailureReason(error) })
      }
    }
    return new StepResponse(result)
  }
)

export const recordAmazonShipmentCapturesStepId = "record-amazon-shipment-captures"

/** Writes each push's capture outcome on its outbox row and gives the claim back. */
export const recordAmazonShipmentCapturesStep = createStep(
  recordAmazonShipmentCapturesStepId,
  async (input: { result: ShipmentCaptureResult; not_needed: string[] }, { container }) => {
    if (input.result.captured.length) crashPoint("after-capture-transaction")
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    const now = new Date()
    const updates: Record<string, unknown>[] = []
    const failedIds = input.result.failed.map((failed) => failed.push_id)
    const triedIds = [...input.result.captured.map((done) => done.push_id), ...failedIds]
    const attempts = new Map(
      (triedIds.length ? await amazon.listAmazonTrackingPushes({ id: triedIds }, { select: ["id", "payment_capture_attempts"], take: null }) : []).map(
        (row) => [row.id, Number(row.payment_capture_attempts ?? 0)]
      )
    )
    for (const done of input.result.captured) {
      updates.push({
        id: done.push_id,
        payment_capture_state: "captured",
        payment_captured_at: now,
        payment_capture_id: done.capture_id,
        payment_captured_amount: done.amount,
        payment_capture_attempts: (attempts.get(done.push_id) ?? 0) + 1,
        payment_capture_error: null,
        payment_capture_claimed_at: null,
        payment_capture_next_attempt_at: null,
      })
    }
    for (const failed of input.result.failed) {
      const attempt = (attempts.get(failed.push_id) ?? 0) + 1
      const nextAttemptAt = new Date(now.getTime() + retryDelayMs(attempt))
      const message = captureFailedMessage(failed, failed.error, nextAttemptAt)
      logger.error(message)
      updates.push({
        id: failed.push_id,
        payment_capture_state: "failed",
        payment_capture_attempts: attempt,
        payment_capture_error: message,
        payment_capture_claimed_at: null,
        payment_capture_next_attempt_at: nextAttemptAt,
      })
    }
    for (const id of input.not_needed) {
      updates.push({ id, payment_capture_state: "not_needed", payment_capture_error: null, payment_capture_claimed_at: null, payment_capture_next_attempt_at: null })
    }
    if (updates.length) await amazon.updateAmazonTrackingPushes(updates as any)
    return new StepResponse({ captured: input.result.captured.map((done) => done.push_id), failed: failedIds, not_needed: input.not_needed })
  }
)

/** Line units of the fulfilments the import recorded (their items are per inventory item for stocked lines). */
function unitsShippedBeforeImport(order: OrderPayments): Map<string, number> {
  const units = new Map<string, number>()
  const itemsById = new Map(order.items.map((item) => [item.id, item]))
  for (const fulfillment of order.fulfillments ?? []) {
    if (fulfillment?.metadata?.[IMPORTED_SHIPMENT_METADATA_KEY] !== true) continue
    const seen = new Set<string>()
    for (const item of fulfillment.items ?? []) {
      if (!item?.line_item_id || seen.has(item.line_item_id)) continue
      seen.add(item.line_item_id)
      const link = (itemsById.get(item.line_item_id)?.variant?.inventory_items ?? []).find((candidate) => candidate?.inventory_item_id === item.inventory_item_id)
      const required = item.inventory_item_id && link ? Number(link.required_quantity ?? 1) || 1 : 1
      units.set(item.line_item_id, (units.get(item.line_item_id) ?? 0) + Number(item.quantity) / required)
    }
  }
  return units
}
