import { capturePaymentWorkflow } from "@medusajs/medusa/core-flows"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"
import { AMAZON_PAYMENT_PROVIDER_ID } from "../../../providers/amazon-payment/service"
import { IMPORTED_SHIPMENT_METADATA_KEY } from "../../import-orders/mapping/imported-shipment"

export const captureAmazonShipmentPaymentsStepId = "capture-amazon-shipment-payments"

type PushItem = { line_item_id: string; quantity: number }
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
    payments?: Array<{ id: string; amount: unknown; provider_id: string; canceled_at: unknown; captures?: Array<{ amount: unknown }> | null }> | null
  } | null> | null
}

const toNumber = (value: unknown) => MathBN.convert(value as any).toNumber()

function fractionDigits(currencyCode: string) {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency: currencyCode.toUpperCase() }).resolvedOptions().maximumFractionDigits ?? 2
  } catch {
    return 2
  }
}

function roundTo(amount: number, digits: number) {
  const factor = 10 ** digits
  return Math.round(amount * factor) / factor
}

/**
 * Amazon charges the buyer for a package when it accepts the shipment confirmation: the Amazon payment captures the
 * package's line totals (tax included) through capturePaymentWorkflow, which writes the order transaction. The
 * package that completes the order captures whatever is left, shipping included. A push captured before is skipped.
 */
export const captureAmazonShipmentPaymentsStep = createStep(
  captureAmazonShipmentPaymentsStepId,
  async (input: { push_ids: string[] }, { container }) => {
    if (!input.push_ids.length) return new StepResponse([] as string[])
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const pushes = await amazon.listAmazonTrackingPushes({ id: input.push_ids, state: "confirmed" } as any)
    const captured: string[] = []
    for (const push of pushes) {
      if (push.payment_captured_at) continue
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
          "payment_collections.payments.provider_id",
          "payment_collections.payments.canceled_at",
          "payment_collections.payments.captures.amount",
        ],
        filters: { id: push.order_id },
      })) as { data: OrderPayments[] }
      const order = data[0]
      const payment = (order?.payment_collections ?? [])
        .flatMap((collection) => collection?.payments ?? [])
        .find((candidate) => candidate.provider_id === AMAZON_PAYMENT_PROVIDER_ID && !candidate.canceled_at)
      if (!order || !payment) continue
      const capturedSoFar = (payment.captures ?? []).reduce((sum, capture) => sum + toNumber(capture.amount), 0)
      const digits = fractionDigits(order.currency_code)
      const remaining = roundTo(toNumber(payment.amount) - capturedSoFar, digits)
      if (remaining <= 0) continue

      const confirmedPushes = await amazon.listAmazonTrackingPushes({ order_id: order.id, state: "confirmed" } as any)
      const shippedQuantity = new Map<string, number>()
      for (const confirmed of confirmedPushes) {
        for (const item of ((confirmed.items ?? []) as PushItem[])) {
          shippedQuantity.set(item.line_item_id, (shippedQuantity.get(item.line_item_id) ?? 0) + Number(item.quantity))
        }
      }
      // Units shipped before the import were charged (and captured) at the import.
      for (const [lineItemId, units] of unitsShippedBeforeImport(order)) {
        shippedQuantity.set(lineItemId, (shippedQuantity.get(lineItemId) ?? 0) + units)
      }
      const completesOrder = order.items.every((item) => (shippedQuantity.get(item.id) ?? 0) >= toNumber(item.quantity))
      const itemsById = new Map(order.items.map((item) => [item.id, item]))
      const packageAmount = ((push.items ?? []) as PushItem[]).reduce((sum, item) => {
        const line = itemsById.get(item.line_item_id)
        return line ? sum + (toNumber(line.total) * Number(item.quantity)) / toNumber(line.quantity) : sum
      }, 0)
      const amount = completesOrder ? remaining : Math.min(remaining, roundTo(packageAmount, digits))
      if (amount <= 0) continue

      // Recorded first: a push is captured at most once, even if this process dies right after the capture (the
      // package that completes the order then captures what is left).
      await amazon.updateAmazonTrackingPushes({ id: push.id, payment_captured_at: new Date() } as any)
      try {
        const { result } = await capturePaymentWorkflow(container).run({ input: { payment_id: payment.id, amount } })
        const captures = (result as any)?.captures ?? []
        await amazon.updateAmazonTrackingPushes({ id: push.id, payment_capture_id: captures[captures.length - 1]?.id ?? null } as any)
        captured.push(push.id)
      } catch (error) {
        // Amazon has the confirmation already: the push stays confirmed, and the next package captures the rest.
        await amazon.updateAmazonTrackingPushes({ id: push.id, payment_captured_at: null } as any)
        container.resolve(ContainerRegistrationKeys.LOGGER).error(
          `The payment of Amazon order ${push.amazon_order_id} could not be captured for package ${push.package_reference_id}: ${(error as Error).message}`
        )
      }
    }
    return new StepResponse(captured)
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
      const required = item.inventory_item_id && link ? toNumber(link.required_quantity ?? 1) || 1 : 1
      units.set(item.line_item_id, (units.get(item.line_item_id) ?? 0) + toNumber(item.quantity) / required)
    }
  }
  return units
}
