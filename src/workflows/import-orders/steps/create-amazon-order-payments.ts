import { ContainerRegistrationKeys, MathBN, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_PAYMENT_PROVIDER_ID } from "../../../providers/amazon-payment/service"
import { crashPoint } from "../../../utils/crash-point"
import type { CreatedMedusaOrder } from "./create-medusa-orders-from-amazon"
import type { OrderToCreate } from "./prepare-medusa-orders-from-amazon"

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

/**
 * The payment collection of an imported order has an id derived from the order's own (which is chosen before the
 * order exists): a second collection for the same order is impossible, and a run that finds one half-made finishes it.
 */
export function amazonPaymentCollectionId(orderId: string): string {
  return `pay_col_amz_${orderId.replace(/^order_/, "")}`
}

/**
 * Gives each new order a payment collection for its total, linked to the order, and a payment through the Amazon
 * provider: authorized while Amazon holds the money, captured (with the order transaction) where Amazon has charged
 * already (FBA, or shipped before the first import; for an order partly shipped then, the shipped items' amount). Each part is done only where it is missing, so a run that
 * completes an earlier, interrupted one finishes the payment instead of making a second one.
 */
export const createAmazonOrderPaymentsStep = createStep(
  createAmazonOrderPaymentsStepId,
  async (input: { created: CreatedMedusaOrder[]; prepared: OrderToCreate[] }, { container }) => {
    const none = { provider_installed: true, authorized: 0, captured: 0 }
    const nothingMade = { collection_ids: [] as string[], link_order_ids: [] as string[] }
    if (!input.created.length) return new StepResponse(none, nothingMade)
    const paymentModule = container.resolve(Modules.PAYMENT)
    const providers = await paymentModule.listPaymentProviders({ id: [AMAZON_PAYMENT_PROVIDER_ID] })
    if (!providers.length) return new StepResponse({ ...none, provider_installed: false }, nothingMade)

    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: orders } = (await query.graph({
      entity: "order",
      fields: ["id", "total", "currency_code", "items.id", "items.quantity", "items.total", "payment_collections.id", "transactions.reference"],
      filters: { id: input.created.map((order) => order.order_id) },
    })) as { data: OrderForPayment[] }
    // An order paid some other way (a collection that is not the Amazon one) is left alone.
    const ours = orders.filter((order) =>
      (order.payment_collections ?? []).every((collection) => !collection?.id || collection.id === amazonPaymentCollectionId(order.id))
    )
    if (!ours.length) return new StepResponse(none, nothingMade)

    const existing = await paymentModule.listPaymentCollections(
      { id: ours.map((order) => amazonPaymentCollectionId(order.id)) },
      { relations: ["payments"], take: null }
    )
    const existingById = new Map(existing.map((collection) => [collection.id, collection]))
    const toCreate = ours.filter((order) => !existingById.has(amazonPaymentCollectionId(order.id)))
    if (toCreate.length) {
      await paymentModule.createPaymentCollections(
        toCreate.map((order) => ({
          id: amazonPaymentCollectionId(order.id),
          amount: MathBN.convert(order.total as any).toNumber(),
          currency_code: order.currency_code,
        })) as any
      )
      crashPoint("after-payment-collections")
    }
    const made = { collection_ids: toCreate.map((order) => amazonPaymentCollectionId(order.id)), link_order_ids: [] as string[] }
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

    const preparedByOrderId = new Map(input.prepared.map((order) => [order.order_id, order]))
    const createdByOrderId = new Map(input.created.map((order) => [order.order_id, order]))
    const transactions: Array<{ order_id: string; amount: number; currency_code: string; reference: string; reference_id: string }> = []
    let authorized = 0
    for (const order of ours) {
      const created = createdByOrderId.get(order.id)!
      const status = preparedByOrderId.get(order.id)?.amazon_status
      const chargedAlready = created.fulfillment_channel === "FBA" || status === "SHIPPED"
      const amount = MathBN.convert(order.total as any).toNumber()
      const collectionId = amazonPaymentCollectionId(order.id)
      let payment: { id: string } | null = ((existingById.get(collectionId)?.payments ?? []).filter(Boolean) as Array<{ id: string }>)[0] ?? null
      if (!payment) {
        const session = await paymentModule.createPaymentSession(collectionId, {
          provider_id: AMAZON_PAYMENT_PROVIDER_ID,
          amount,
          currency_code: order.currency_code,
          data: { amazon_order_id: created.amazon_order_id, capture_at_import: chargedAlready },
        })
        payment = await paymentModule.authorizePaymentSession(session.id, {})
        if (!payment) throw new Error(`The Amazon payment of order ${created.amazon_order_id} could not be authorized.`)
      }
      const shipment = preparedByOrderId.get(order.id)?.shipment
      // Amazon charges a partly shipped order for the shipped units: that part is captured, the rest stays authorized.
      const partlyCharged = !chargedAlready && status === "PARTIALLY_SHIPPED" && !!shipment
      if (!chargedAlready && !partlyCharged) {
        authorized++
        continue
      }
      if ((order.transactions ?? []).some((transaction) => transaction?.reference === "capture")) continue
      let [capture] = await paymentModule.listCaptures({ payment_id: payment.id }, { select: ["id", "amount"] })
      if (partlyCharged && !capture) {
        const shippedAmount = shippedItemsAmount(order, created, shipment!.quantities)
        if (shippedAmount <= 0) {
          authorized++
          continue
        }
        await paymentModule.capturePayment({ payment_id: payment.id, amount: shippedAmount })
        ;[capture] = await paymentModule.listCaptures({ payment_id: payment.id }, { select: ["id", "amount"] })
      }
      const capturedAmount = partlyCharged && capture ? MathBN.convert(capture.amount as any).toNumber() : amount
      transactions.push({ order_id: order.id, amount: capturedAmount, currency_code: order.currency_code, reference: "capture", reference_id: capture?.id ?? payment.id })
    }
    if (transactions.length) await container.resolve(Modules.ORDER).addOrderTransactions(transactions)
    return new StepResponse({ provider_installed: true, authorized, captured: transactions.length }, made)
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
    if (made.collection_ids.length) await container.resolve(Modules.PAYMENT).deletePaymentCollections(made.collection_ids)
  }
)

function fractionDigits(currencyCode: string) {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency: currencyCode.toUpperCase() }).resolvedOptions().maximumFractionDigits ?? 2
  } catch {
    return 2
  }
}

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
  const factor = 10 ** fractionDigits(order.currency_code)
  return Math.round(sum.toNumber() * factor) / factor
}
