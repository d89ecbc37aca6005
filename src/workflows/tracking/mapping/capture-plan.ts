import { MathBN } from "@medusajs/framework/utils"
import type { BigNumberInput } from "@medusajs/framework/types"
import { currencyDigits } from "../../../utils/currency"

/** Marks the payment module's capture of one confirmed package (`capture.created_by`), so a restart finds it. */
export const SHIPMENT_CAPTURE_PREFIX = "amazon-shipment:"

export function shipmentCaptureTag(pushId: string): string {
  return `${SHIPMENT_CAPTURE_PREFIX}${pushId}`
}

export type PlanPushItem = { line_item_id: string; quantity: number }

export type PlanPush = {
  id: string
  items: PlanPushItem[] | null
  confirmed_at: Date | string | null
}

export type PlanOrder = {
  currency_code: string
  items: Array<{ id: string; quantity: BigNumberInput; total: BigNumberInput }>
}

export type PlanPayment = {
  id: string
  amount: BigNumberInput
  captures: Array<{ id: string; amount: BigNumberInput; created_by?: string | null }>
}

export type CapturePlanEntry =
  /** Captured before (a process died before recording it): only its order transaction may be missing. */
  | { push_id: string; kind: "existing"; capture_id: string; amount: number }
  | { push_id: string; kind: "new"; amount: number }
  | { push_id: string; kind: "none"; reason: "nothing_left" }

function rounded(value: BigNumberInput, digits: number) {
  return MathBN.convert(value).decimalPlaces(digits, 4 /* ROUND_HALF_UP */)
}

/** What a package's lines cost the buyer (tax included), rounded to the currency. */
export function packageAmount(order: PlanOrder, push: PlanPush, digits = currencyDigits(order.currency_code)) {
  const lines = new Map(order.items.map((line) => [line.id, line]))
  let sum = MathBN.convert(0)
  for (const item of push.items ?? []) {
    const line = lines.get(item.line_item_id)
    if (!line || MathBN.lte(line.quantity, 0)) continue
    sum = MathBN.add(sum, MathBN.div(MathBN.mult(line.total, item.quantity), line.quantity))
  }
  return rounded(sum, digits)
}

function confirmedTime(push: PlanPush) {
  return push.confirmed_at ? new Date(push.confirmed_at).getTime() : 0
}

/**
 * How much each of `planned` (confirmed pushes of one order) captures on the order's Amazon payment.
 *
 * A package captures its own lines. Once every unit is confirmed shipped, the package confirmed last captures the
 * payment's amount less every other package's lines (so shipping and rounding end up there). Both amounts depend
 * only on the set of confirmed packages, not on which captures happened first: two processes, a failed capture
 * retried later, or a restart all arrive at the same total. A push whose tagged capture exists is not captured
 * again. Nothing is planned beyond what is left of the payment (the merchant may have captured by hand).
 */
export function planShipmentCaptures(input: {
  order: PlanOrder
  payment: PlanPayment
  /** Every confirmed push of the order, including the planned ones. */
  confirmed: PlanPush[]
  planned: string[]
  /** Units Amazon had shipped before the order was imported: the import captured them, they are no package's. */
  shipped_before_import?: PlanPushItem[]
}): CapturePlanEntry[] {
  const { order, payment, confirmed } = input
  const digits = currencyDigits(order.currency_code)
  const shipped = new Map<string, ReturnType<typeof MathBN.convert>>()
  for (const item of input.shipped_before_import ?? []) shipped.set(item.line_item_id, MathBN.add(shipped.get(item.line_item_id) ?? 0, item.quantity))
  for (const push of confirmed) {
    for (const item of push.items ?? []) shipped.set(item.line_item_id, MathBN.add(shipped.get(item.line_item_id) ?? 0, item.quantity))
  }
  const allShipped = order.items.every((line) => MathBN.gte(shipped.get(line.id) ?? 0, line.quantity))
  const last = allShipped
    ? [...confirmed].sort((a, b) => confirmedTime(b) - confirmedTime(a) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))[0]
    : undefined
  const amountOf = new Map(confirmed.map((push) => [push.id, packageAmount(order, push, digits)]))

  let left = MathBN.sub(payment.amount, MathBN.sum(0, ...payment.captures.map((capture) => capture.amount)))
  const plans: CapturePlanEntry[] = []
  for (const pushId of input.planned) {
    const existing = payment.captures.find((capture) => capture.created_by === shipmentCaptureTag(pushId))
    if (existing) {
      plans.push({ push_id: pushId, kind: "existing", capture_id: existing.id, amount: MathBN.convert(existing.amount).toNumber() })
      continue
    }
    let amount = amountOf.get(pushId) ?? MathBN.convert(0)
    if (last?.id === pushId) {
      const others = confirmed.filter((push) => push.id !== pushId).map((push) => amountOf.get(push.id)!)
      amount = MathBN.sub(payment.amount, MathBN.sum(0, ...others))
    }
    amount = rounded(MathBN.min(amount, left), digits)
    if (MathBN.lte(amount, 0)) {
      plans.push({ push_id: pushId, kind: "none", reason: "nothing_left" })
      continue
    }
    left = MathBN.sub(left, amount)
    plans.push({ push_id: pushId, kind: "new", amount: amount.toNumber() })
  }
  return plans
}

/** The cause in words a merchant can read: database errors carry their SQL in front of the cause. */
export function captureFailureReason(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: string; message?: string }
  // lock_not_available: the payment module waits a bounded time for the payment row.
  if (code === "55P03") return "another change to the same payment was in progress"
  const text = String(message ?? error)
  const cause = /^(?:select|insert|update|delete|with)\b[\s\S]* - (.+)$/i.exec(text)
  return (cause ? cause[1] : text).trim()
}

export function captureFailedMessage(
  plan: { package_reference_id: string; amazon_order_id: string; currency_code: string; amount: number },
  reason: string,
  nextAttemptAt: Date
): string {
  const amount = new Intl.NumberFormat("en", { style: "currency", currency: plan.currency_code.toUpperCase() }).format(plan.amount)
  return (
    `Amazon confirmed package ${plan.package_reference_id} of order ${plan.amazon_order_id}, but Medusa could not record its payment of ${amount} ` +
    `(${reason.replace(/\.$/, "")}). The retry job tries again from ${nextAttemptAt.toISOString().replace(/\.\d+Z$/, "Z")}, waiting longer after each ` +
    `failure; if this message stays, open the order and check its payment.`
  )
}
