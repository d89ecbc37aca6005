import { ContainerRegistrationKeys, MathBN, Modules, PaymentCollectionStatus, PaymentSessionStatus } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_PAYMENT_PROVIDER_ID, AmazonPaymentProviderService, amazonChargedData } from "../../../providers/amazon-payment/service"
import { crashPoint } from "../../../utils/crash-point"
import { isAmazonPaymentProviderInstalled } from "../../../providers/amazon-payment/installed"
import { currencyDigits } from "../../../utils/currency"
import type { CreatedMedusaOrder } from "./create-medusa-orders-from-amazon"
import type { OrderImportPlan } from "./prepare-medusa-orders-from-amazon"

export const createAmazonOrderPaymentsStepId = "create-amazon-order-payments"

export type AmazonOrderPaymentsResult = {
  /** False when the store has not listed the Amazon payment provider in medusa-config: orders are imported without payment. */
  provider_installed: boolean
  authorized: number
  captured: number
}

type OrderForPayment = {
  id: string
  total: unknown
  currency_code: string
  items?: Array<{ id: string; quantity: unknown; total: unknown } | null> | null
  payment_collections?: Array<{ id: string } | null> | null
  transactions?: Array<{ reference: string | null } | null> | null
}

type ExistingCapture = { id: string; amount: unknown }
type ExistingPayment = { id: string; captured_at?: unknown; data?: Record<string, unknown> | null; captures?: ExistingCapture[] | null }
type ExistingCollection = {
  id: string
  amount: unknown
  currency_code: string
  payment_sessions?: Array<{ id: string; amount: unknown; status: string; data?: Record<string, unknown> | null } | null> | null
  payments?: ExistingPayment[] | null
}

type Made = { collection_ids: string[]; link_order_ids: string[]; session_ids: string[]; payment_ids: string[]; capture_ids: string[] }

const isPartlyShipped = (prepared: OrderImportPlan | undefined) => prepared?.amazon_status === "PARTIALLY_SHIPPED" && !!prepared.shipment

const suffixOf = (orderId: string) => orderId.replace(/^order_/, "")

/**
 * The payment collection of an imported order has an id derived from the order's own (which is chosen before the
 * order exists): a second collection for the same order is impossible, and a run that finds one half-made finishes it.
 * Its session, payment and import capture are named the same way.
 */
export function amazonPaymentCollectionId(orderId: string): string {
  return `pay_col_amz_${suffixOf(orderId)}`
}
const amazonPaymentSessionId = (orderId: string) => `payses_amz_${suffixOf(orderId)}`
const amazonPaymentId = (orderId: string) => `pay_amz_${suffixOf(orderId)}`
const amazonImportCaptureId = (orderId: string) => `capt_amz_${suffixOf(orderId)}`

/** The Amazon provider records what Amazon did without calling anyone, so its answers can be asked for a whole page at once. */
const amazonProvider = new AmazonPaymentProviderService({}, {})

/**
 * Gives each new order a payment collection for its total, linked to the order, and a payment through the Amazon
 * provider: authorized while Amazon holds the money, captured (with the order transaction) where Amazon has charged
 * already (FBA, or shipped before the first import; for an order partly shipped then, the shipped items' amount).
 * Medusa's createPaymentSession / authorizePaymentSession / capturePayment handle one payment per call; for a page
 * this writes the same rows a kind at a time (sessions, payments, captures, collection totals) with the payment
 * module's bulk methods, with the data and statuses the provider gives, as those calls would. Each part is made only
 * where it is missing, so a run that completes an earlier, interrupted one finishes the payment instead of making a second one.
 */
export const createAmazonOrderPaymentsStep = createStep(
  createAmazonOrderPaymentsStepId,
  async (input: { created: CreatedMedusaOrder[]; prepared: OrderImportPlan[] }, { container }) => {
    const none = { provider_installed: true, authorized: 0, captured: 0 }
    const made: Made = { collection_ids: [], link_order_ids: [], session_ids: [], payment_ids: [], capture_ids: [] }
    if (!input.created.length) return new StepResponse(none, made)
    const paymentModule = container.resolve(Modules.PAYMENT) as any
    if (!(await isAmazonPaymentProviderInstalled(container))) return new StepResponse({ ...none, provider_installed: false }, made)

    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const preparedByOrderId = new Map(input.prepared.map((order) => [order.order_id, order]))
    const createdByOrderId = new Map(input.created.map((order) => [order.order_id, order]))
    // The total as the order module computed it when it created the order (its summary), rather than `total`,
    // which recomputes every order's totals from all its lines on each read. Line totals (which the order module
    // fills only when the order's totals are asked for too) only where a part is captured.
    const { data: summaries } = (await query.graph({
      entity: "order",
      fields: ["id", "currency_code", "summary.*", "payment_collections.id", "transactions.reference"],
      filters: { id: input.created.map((order) => order.order_id) },
    })) as { data: Array<Omit<OrderForPayment, "total" | "items"> & { summary?: Record<string, unknown> | null }> }
    const partlyShippedIds = input.created
      .filter((order) => order.fulfillment_channel !== "FBA" && isPartlyShipped(preparedByOrderId.get(order.order_id)))
      .map((order) => order.order_id)
    const { data: withLines } = partlyShippedIds.length
      ? ((await query.graph({ entity: "order", fields: ["id", "total", "items.id", "items.quantity", "items.total"], filters: { id: partlyShippedIds } })) as {
          data: Array<Pick<OrderForPayment, "id" | "items">>
        })
      : { data: [] }
    const linesById = new Map(withLines.map((order) => [order.id, order.items]))
    const orders: OrderForPayment[] = summaries.map(({ summary, ...order }) => ({
      ...order,
      total: summary?.raw_current_order_total ?? summary?.current_order_total,
      items: linesById.get(order.id) ?? [],
    }))
    // An order paid some other way (a collection that is not the Amazon one) is left alone.
    const ours = orders.filter((order) =>
      (order.payment_collections ?? []).every((collection) => !collection?.id || collection.id === amazonPaymentCollectionId(order.id))
    )
    if (!ours.length) return new StepResponse(none, made)

    const existing = (await paymentModule.listPaymentCollections(
      { id: ours.map((order) => amazonPaymentCollectionId(order.id)) },
      { relations: ["payment_sessions", "payments", "payments.captures"], take: null }
    )) as ExistingCollection[]
    const existingById = new Map(existing.map((collection) => [collection.id, collection]))
    const now = new Date()
    type Plan = { order: OrderForPayment; amount: number; payment: ExistingPayment; owesCapture: boolean; captureAmount: number }
    const plans: Plan[] = []
    const sessions: Record<string, unknown>[] = []
    const sessionUpdates: Record<string, unknown>[] = []
    const payments: Record<string, unknown>[] = []
    const paymentUpdates = new Map<string, Record<string, unknown>>()
    for (const order of ours) {
      const created = createdByOrderId.get(order.id)!
      const prepared = preparedByOrderId.get(order.id)
      const chargedAlready = created.fulfillment_channel === "FBA" || prepared?.amazon_status === "SHIPPED"
      const amount = MathBN.convert(order.total as any).toNumber()
      const collectionId = amazonPaymentCollectionId(order.id)
      const collection = existingById.get(collectionId)
      const existingSession = (collection?.payment_sessions ?? []).find(Boolean) ?? null
      let payment = (collection?.payments ?? []).find(Boolean) ?? null
      const sessionId = existingSession?.id ?? amazonPaymentSessionId(order.id)
      if (!payment) {
        const initiated = existingSession
          ? { data: existingSession.data ?? {} }
          : await amazonProvider.initiatePayment({
              amount,
              currency_code: order.currency_code,
              data: { amazon_order_id: created.amazon_order_id, capture_at_import: chargedAlready, session_id: sessionId },
            } as any)
        const authorized = await amazonProvider.authorizePayment({ data: initiated.data, context: { idempotency_key: sessionId } } as any)
        // Medusa keeps a session the provider reports captured as authorized, and records the capture on the payment.
        const sessionRow = { id: sessionId, data: authorized.data, status: PaymentSessionStatus.AUTHORIZED, authorized_at: now }
        if (existingSession) sessionUpdates.push(sessionRow)
        else {
          sessions.push({
            ...sessionRow,
            payment_collection_id: collectionId,
            provider_id: AMAZON_PAYMENT_PROVIDER_ID,
            amount,
            currency_code: order.currency_code,
            context: { idempotency_key: sessionId },
          })
        }
        payment = { id: amazonPaymentId(order.id), data: authorized.data as Record<string, unknown>, captures: [], captured_at: null }
        payments.push({
          id: payment.id,
          amount: existingSession ? MathBN.convert(existingSession.amount as any).toNumber() : amount,
          currency_code: order.currency_code,
          payment_session: sessionId,
          payment_collection_id: collectionId,
          provider_id: AMAZON_PAYMENT_PROVIDER_ID,
          data: authorized.data,
        })
      }
      // Amazon charges a partly shipped order for the shipped units: that part is captured, the rest stays authorized.
      const partlyCharged = !chargedAlready && isPartlyShipped(prepared)
      const captureAmount = chargedAlready ? amount : partlyCharged ? shippedItemsAmount(order, created, prepared!.shipment!.quantities) : 0
      const owesCapture = chargedAlready || (partlyCharged && (captureAmount > 0 || !!(payment.captures ?? []).length))
      plans.push({ order, amount, payment, owesCapture, captureAmount })
    }
    const captures: Record<string, unknown>[] = []
    for (const plan of plans) {
      if (!plan.owesCapture || (plan.payment.captures ?? []).length) continue
      const captureId = amazonImportCaptureId(plan.order.id)
      captures.push({ id: captureId, payment: plan.payment.id, amount: plan.captureAmount })
      plan.payment.captures = [{ id: captureId, amount: plan.captureAmount }]
      if (plan.captureAmount >= plan.amount) {
        // Captured by Amazon before the import: Medusa marks the payment captured without asking the provider again.
        if (!plan.payment.captured_at) paymentUpdates.set(plan.payment.id, { id: plan.payment.id, captured_at: now })
      } else {
        // Amazon charged the shipped part before the import: the payment's data says so as the provider's capture would.
        paymentUpdates.set(plan.payment.id, { id: plan.payment.id, data: amazonChargedData(plan.payment.data ?? {}) })
      }
    }
    // The collection's totals and status as the payment module's own bookkeeping computes them after authorizing and
    // capturing: a new collection is created with them, one an interrupted run made is brought up to them at the end.
    const bookkeepingOf = (plan: Plan) => {
      const captured = (plan.payment.captures ?? []).reduce((sum, capture) => MathBN.add(sum, capture.amount as any), MathBN.convert(0))
      const complete = MathBN.gte(captured, plan.amount)
      return {
        authorized_amount: plan.amount,
        captured_amount: captured.toNumber(),
        refunded_amount: 0,
        status: complete ? PaymentCollectionStatus.COMPLETED : PaymentCollectionStatus.AUTHORIZED,
        ...(complete ? { completed_at: now } : {}),
      }
    }

    const newPlans = plans.filter((plan) => !existingById.has(amazonPaymentCollectionId(plan.order.id)))
    if (newPlans.length) {
      await paymentModule.createPaymentCollections(
        newPlans.map((plan) => ({
          id: amazonPaymentCollectionId(plan.order.id),
          amount: plan.amount,
          currency_code: plan.order.currency_code,
          ...bookkeepingOf(plan),
        }))
      )
      made.collection_ids = newPlans.map((plan) => amazonPaymentCollectionId(plan.order.id))
      crashPoint("after-payment-collections")
    }
    const toLink = ours.filter((order) => !(order.payment_collections ?? []).some((collection) => collection?.id === amazonPaymentCollectionId(order.id)))
    if (toLink.length) {
      await container.resolve(ContainerRegistrationKeys.LINK).create(
        toLink.map((order) => ({
          [Modules.ORDER]: { order_id: order.id },
          [Modules.PAYMENT]: { payment_collection_id: amazonPaymentCollectionId(order.id) },
        }))
      )
      made.link_order_ids = toLink.map((order) => order.id)
      crashPoint("after-payment-links")
    }
    if (sessions.length) {
      await paymentModule.createPaymentSessions(sessions)
      made.session_ids = sessions.map((session) => session.id as string)
    }
    if (sessionUpdates.length) await paymentModule.updatePaymentSessions(sessionUpdates)
    if (payments.length) {
      await paymentModule.createPayments(payments)
      made.payment_ids = payments.map((payment) => payment.id as string)
    }
    if (captures.length) {
      await paymentModule.createCaptures(captures)
      made.capture_ids = captures.map((capture) => capture.id as string)
    }
    if (paymentUpdates.size) await paymentModule.updatePayment([...paymentUpdates.values()])
    const resumedPlans = plans.filter((plan) => existingById.has(amazonPaymentCollectionId(plan.order.id)))
    if (resumedPlans.length) {
      await paymentModule.upsertPaymentCollections(resumedPlans.map((plan) => ({ id: amazonPaymentCollectionId(plan.order.id), ...bookkeepingOf(plan) })))
    }

    const transactions = plans
      .filter((plan) => plan.owesCapture && (plan.payment.captures ?? []).length)
      .filter((plan) => !(plan.order.transactions ?? []).some((transaction) => transaction?.reference === "capture"))
      .map((plan) => {
        const capture = (plan.payment.captures ?? [])[0]
        return {
          order_id: plan.order.id,
          amount: MathBN.convert(capture.amount as any).toNumber(),
          currency_code: plan.order.currency_code,
          reference: "capture",
          reference_id: capture.id,
        }
      })
    if (transactions.length) await container.resolve(Modules.ORDER).addOrderTransactions(transactions)
    const capturedCount = plans.filter((plan) => plan.owesCapture).length
    return new StepResponse({ provider_installed: true, authorized: plans.length - capturedCount, captured: capturedCount }, made)
  },
  async (made, { container }) => {
    if (!made) return
    if (made.link_order_ids.length) {
      await container.resolve(ContainerRegistrationKeys.LINK).dismiss(
        made.link_order_ids.map((orderId) => ({
          [Modules.ORDER]: { order_id: orderId },
          [Modules.PAYMENT]: { payment_collection_id: amazonPaymentCollectionId(orderId) },
        }))
      )
    }
    const paymentModule = container.resolve(Modules.PAYMENT) as any
    if (made.capture_ids?.length) await paymentModule.deleteCaptures(made.capture_ids)
    if (made.payment_ids?.length) await paymentModule.deletePayments(made.payment_ids)
    if (made.session_ids?.length) await paymentModule.deletePaymentSessions(made.session_ids)
    if (made.collection_ids.length) await paymentModule.deletePaymentCollections(made.collection_ids)
  }
)
/** The line totals (tax included) of the units Amazon reports shipped, rounded to the currency's minor unit. */
export function shippedItemsAmount(order: Pick<OrderForPayment, "items" | "currency_code">, created: CreatedMedusaOrder, shipped: Record<string, number>): number {
  const amazonItemByLine = new Map(created.line_items.map((item) => [item.id, item.amazon_order_item_id]))
  let sum = MathBN.convert(0)
  for (const item of order.items ?? []) {
    if (!item) continue
    const quantity = MathBN.convert(item.quantity as any)
    const units = shipped[amazonItemByLine.get(item.id) ?? ""] ?? 0
    if (!units || quantity.lte(0)) continue
    sum = MathBN.add(sum, MathBN.div(MathBN.mult(item.total as any, MathBN.min(units, quantity)), quantity))
  }
  const factor = 10 ** currencyDigits(order.currency_code)
  return Math.round(sum.toNumber() * factor) / factor
}
