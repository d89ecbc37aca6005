import { ContainerRegistrationKeys, MathBN, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_PAYMENT_PROVIDER_ID } from "../../../providers/amazon-payment/service"
import type { CreatedMedusaOrder } from "./create-medusa-orders-from-amazon"
import type { OrderToCreate } from "./prepare-medusa-orders-from-amazon"

export const createAmazonOrderPaymentsStepId = "create-amazon-order-payments"

export type AmazonOrderPaymentsResult = {
  /** False when the store has not listed the Amazon payment provider in medusa-config: orders are imported without payment. */
  provider_installed: boolean
  authorized: number
  captured: number
}

type OrderForPayment = { id: string; total: unknown; currency_code: string; payment_collections?: Array<{ id: string } | null> | null }

/**
 * Gives each new order a payment collection for its total, linked to the order, and a payment through the Amazon
 * provider: authorized while Amazon holds the money, captured (with the order transaction) where Amazon has charged
 * already (FBA, or shipped before the first import). Orders that already have a linked collection are left alone,
 * so a run that completes an earlier, interrupted one never makes a second collection.
 */
export const createAmazonOrderPaymentsStep = createStep(
  createAmazonOrderPaymentsStepId,
  async (input: { created: CreatedMedusaOrder[]; prepared: OrderToCreate[] }, { container }) => {
    const none = { provider_installed: true, authorized: 0, captured: 0 }
    if (!input.created.length) return new StepResponse(none, [] as string[])
    const paymentModule = container.resolve(Modules.PAYMENT)
    const providers = await paymentModule.listPaymentProviders({ id: [AMAZON_PAYMENT_PROVIDER_ID] })
    if (!providers.length) return new StepResponse({ ...none, provider_installed: false }, [] as string[])

    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: orders } = (await query.graph({
      entity: "order",
      fields: ["id", "total", "currency_code", "payment_collections.id"],
      filters: { id: input.created.map((order) => order.order_id) },
    })) as { data: OrderForPayment[] }
    const withoutPayment = orders.filter((order) => !(order.payment_collections ?? []).some((collection) => !!collection?.id))
    if (!withoutPayment.length) return new StepResponse(none, [] as string[])

    const preparedByOrderId = new Map(input.prepared.map((order) => [order.order_id, order]))
    const createdByOrderId = new Map(input.created.map((order) => [order.order_id, order]))
    const collections = await paymentModule.createPaymentCollections(
      withoutPayment.map((order) => ({ amount: MathBN.convert(order.total as any).toNumber(), currency_code: order.currency_code }))
    )
    const collectionIds = collections.map((collection) => collection.id)
    const link = container.resolve(ContainerRegistrationKeys.LINK)
    await link.create(
      withoutPayment.map((order, index) => ({
        [Modules.ORDER]: { order_id: order.id },
        [Modules.PAYMENT]: { payment_collection_id: collectionIds[index] },
      }))
    )

    const transactions: Array<{ order_id: string; amount: number; currency_code: string; reference: string; reference_id: string }> = []
    let authorized = 0
    for (const [index, order] of withoutPayment.entries()) {
      const created = createdByOrderId.get(order.id)!
      const status = preparedByOrderId.get(order.id)?.amazon_status
      const chargedAlready = created.fulfillment_channel === "FBA" || status === "SHIPPED"
      const amount = MathBN.convert(order.total as any).toNumber()
      const session = await paymentModule.createPaymentSession(collectionIds[index], {
        provider_id: AMAZON_PAYMENT_PROVIDER_ID,
        amount,
        currency_code: order.currency_code,
        data: { amazon_order_id: created.amazon_order_id, capture_at_import: chargedAlready },
      })
      const payment = await paymentModule.authorizePaymentSession(session.id, {})
      if (!payment) throw new Error(`The Amazon payment of order ${created.amazon_order_id} could not be authorized.`)
      if (!chargedAlready) {
        authorized++
        continue
      }
      const [capture] = await paymentModule.listCaptures({ payment_id: payment.id }, { select: ["id"] })
      transactions.push({ order_id: order.id, amount, currency_code: order.currency_code, reference: "capture", reference_id: capture?.id ?? payment.id })
    }
    if (transactions.length) await container.resolve(Modules.ORDER).addOrderTransactions(transactions)
    return new StepResponse({ provider_installed: true, authorized, captured: transactions.length }, collectionIds)
  },
  async (collectionIds, { container }) => {
    if (!collectionIds?.length) return
    await container.resolve(ContainerRegistrationKeys.LINK).delete({ [Modules.PAYMENT]: { payment_collection_id: collectionIds } })
    await container.resolve(Modules.PAYMENT).deletePaymentCollections(collectionIds)
  }
)
