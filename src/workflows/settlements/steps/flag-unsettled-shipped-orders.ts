import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"
import type { ShippedOrder } from "../../../modules/amazon/settlements/unsettled-orders"
import { AMAZON_PAYMENT_PROVIDER_ID } from "../../../providers/amazon-payment/service"

export const flagUnsettledShippedOrdersStepId = "flag-unsettled-amazon-shipped-orders"

const PAGE = 500
/** Amazon expects FBM orders shipped within days and FBA ships at once; two months covers pre-orders too. */
const PURCHASE_BEFORE_SHIPMENT_MS = 60 * 24 * 60 * 60 * 1000

/** Imported Amazon orders of the account whose payment Medusa captured, with when Amazon first charged the buyer. */
async function shippedOrdersSince(query: any, accountId: string, since: Date, currencies: string[]): Promise<ShippedOrder[]> {
  const shipped: ShippedOrder[] = []
  for (let skip = 0; ; skip += PAGE) {
    const { data } = await query.graph({
      entity: "amazon_order",
      fields: [
        "amazon_order_id",
        "currency_code",
        "order.id",
        "order.currency_code",
        "order.payment_collections.payments.provider_id",
        "order.payment_collections.payments.captures.amount",
        "order.payment_collections.payments.captures.created_at",
      ],
      filters: { account_id: accountId, import_state: "imported", purchase_date: { $gte: new Date(since.getTime() - PURCHASE_BEFORE_SHIPMENT_MS) } },
      pagination: { skip, take: PAGE, order: { purchase_date: "ASC" } },
    })
    for (const row of data as any[]) {
      const currency = String(row.order?.currency_code ?? row.currency_code ?? "").toUpperCase()
      if (!row.order?.id || !currencies.includes(currency)) continue
      const captures = (row.order.payment_collections ?? [])
        .flatMap((collection: any) => collection?.payments ?? [])
        .filter((payment: any) => payment?.provider_id === AMAZON_PAYMENT_PROVIDER_ID)
        .flatMap((payment: any) => payment.captures ?? [])
      if (!captures.length) continue
      const first = Math.min(...captures.map((capture: any) => new Date(capture.created_at).getTime()))
      if (first < since.getTime()) continue
      const amount = captures.reduce((sum: any, capture: any) => MathBN.add(sum, capture.amount), MathBN.convert(0))
      shipped.push({ amazon_order_id: row.amazon_order_id, order_id: row.order.id, currency_code: currency, captured_amount: amount.toString(), shipped_at: new Date(first) })
    }
    if (data.length < PAGE) break
  }
  return shipped
}

/**
 * Flags shipped orders that the settlement covering their shipment does not contain, and clears the flag of those a
 * later settlement paid. No compensation: like the reconciliation, it records a comparison the next run makes again.
 */
export const flagUnsettledShippedOrdersStep = createStep(flagUnsettledShippedOrdersStepId, async (input: { account_id: string }, { container }) => {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  const window = await amazon.unsettledOrderWindow(input.account_id)
  if (!window) return new StepResponse({ flagged: 0, settled_later: 0 })
  const shipped = await shippedOrdersSince(container.resolve(ContainerRegistrationKeys.QUERY), input.account_id, window.since, window.currencies)
  return new StepResponse(await amazon.recordUnsettledShippedOrders(input.account_id, shipped))
})
