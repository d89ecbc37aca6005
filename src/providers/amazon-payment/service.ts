import { AbstractPaymentProvider, MathBN, MedusaError, PaymentActions, PaymentSessionStatus } from "@medusajs/framework/utils"
import type {
  AuthorizePaymentInput,
  AuthorizePaymentOutput,
  CancelPaymentInput,
  CancelPaymentOutput,
  CapturePaymentInput,
  CapturePaymentOutput,
  DeletePaymentInput,
  DeletePaymentOutput,
  GetPaymentStatusInput,
  GetPaymentStatusOutput,
  InitiatePaymentInput,
  InitiatePaymentOutput,
  ProviderWebhookPayload,
  RefundPaymentInput,
  RefundPaymentOutput,
  RetrievePaymentInput,
  RetrievePaymentOutput,
  UpdatePaymentInput,
  UpdatePaymentOutput,
  WebhookActionResult,
} from "@medusajs/framework/types"
import {
  AMAZON_REFUND_REFUSED_MESSAGE,
  medusaRefund,
  planOfRefund,
  queueAdjustmentOfRefund,
  type AmazonRefundPlan,
} from "../../modules/amazon/services/refund-adjustments"
import { crashPoint } from "../../utils/crash-point"
import { SHIPMENT_CAPTURE_PREFIX } from "../../workflows/tracking/mapping/capture-plan"
import type { Knex } from "../../modules/amazon/services/refund-ledger"

export const AMAZON_PAYMENT_PROVIDER_ID = "pp_amazon_amazon"

export const AMAZON_PAYMENT_PROVIDER_SNIPPET = `modules: [
  {
    resolve: "@medusajs/medusa/payment",
    options: {
      providers: [{ resolve: "medusa-plugin-amazon/providers/amazon-payment", id: "amazon" }],
    },
  },
]`

export const AMAZON_PAYMENT_PROVIDER_MISSING_MESSAGE =
  "Orders were imported without payment because the Amazon payment provider is not installed: add it under the payment module's providers in medusa-config (see Settings → Amazon) and restart Medusa."

export const AMAZON_PAYMENT_PROVIDER_MISSING_SETTINGS_MESSAGE =
  "The Amazon payment provider is not installed, so imported orders get no payment and show \"Not paid\" in Medusa: add it under the payment module's providers in medusa-config as shown below, then restart Medusa."

export { AMAZON_REFUND_REFUSED_MESSAGE, type AmazonRefundPlan }

export const AMAZON_CAPTURE_REFUSED_MESSAGE =
  "Amazon orders cannot be captured from Medusa: Amazon charges the buyer when it accepts your shipment confirmation. Ship the order in Medusa (create the fulfilment and mark it shipped with its tracking number) and the payment is captured then."

/** The payment's data once Amazon has charged (part of) it: nothing is asked of Amazon, which charged on its own. */
export function amazonChargedData(data: Record<string, unknown>): Record<string, unknown> {
  return { ...data, last_captured_at: new Date().toISOString() }
}

/**
 * Whether a capture the payment module just made is the plugin's capture of a package Amazon confirmed: tagged with
 * a tracking push of the payment's own order that Amazon accepted, and the only capture carrying that tag.
 */
export async function isConfirmedShipmentCapture(knex: Knex, captureId: string): Promise<boolean> {
  const { rows } = await knex.raw(
    `SELECT 1
     FROM capture c
     JOIN payment p ON p.id = c.payment_id
     JOIN order_payment_collection opc ON opc.payment_collection_id = p.payment_collection_id AND opc.deleted_at IS NULL
     JOIN amazon_tracking_push push ON c.created_by = ? || push.id AND push.order_id = opc.order_id AND push.deleted_at IS NULL
     WHERE c.id = ? AND c.deleted_at IS NULL AND push.state = 'confirmed'
       AND NOT EXISTS (SELECT 1 FROM capture other WHERE other.payment_id = c.payment_id AND other.created_by = c.created_by AND other.id <> c.id AND other.deleted_at IS NULL)
     LIMIT 1`,
    [SHIPMENT_CAPTURE_PREFIX, captureId]
  )
  return rows.length > 0
}

/**
 * Where the plugin's refund route leaves the merchant's explicit breakdown for the provider (which is given only
 * the payment's data, the amount and the refund's id): [{ id, amount, reason, origin, items }], taken by amount.
 */
export const AMAZON_REFUND_PLANS_KEY = "amazon_refund_plans"

/** The event that wakes the feed worker (the same the cancellation workflow emits). */
const FEED_QUEUED_EVENT = "amazon.feed_message.queued"

/**
 * Where the payment's data lists refunds Amazon made on its own side (seen in a settlement), before Medusa records
 * them: [{ adjustment_id, amount, settlement_id, recorded_refund_id? }]. A Medusa refund of such an amount is the
 * record of money Amazon already paid back, so nothing is sent to Amazon for it.
 */
export const AMAZON_MADE_REFUNDS_KEY = "refunds_made_by_amazon"

export type AmazonMadeRefund = { adjustment_id: string; amount: string; settlement_id: string; recorded_refund_id?: string | null }

/**
 * Amazon holds the buyer's money: it authorizes at checkout and charges when the seller confirms shipment. This
 * provider records that flow in Medusa without calling anyone; the import and the tracking push tell it what
 * Amazon did. `capture_at_import` in the session data marks orders Amazon had charged before the store saw them.
 */
export class AmazonPaymentProviderService extends AbstractPaymentProvider {
  static identifier = "amazon"

  protected readonly knex_: Knex | null
  protected readonly eventBus_: { emit(data: unknown): Promise<unknown> } | null

  constructor(cradle: Record<string, unknown>, config: Record<string, unknown> = {}) {
    super(cradle, config)
    // A provider's container is the payment module's: the store's database connection is the way to the Amazon tables.
    const resolve = (key: string) => {
      try {
        return (cradle as Record<string, unknown>)[key] ?? null
      } catch {
        return null
      }
    }
    this.knex_ = resolve("__pg_connection__") as Knex | null
    this.eventBus_ = resolve("event_bus") as { emit(data: unknown): Promise<unknown> } | null
  }

  async initiatePayment(input: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    const data = (input.data ?? {}) as Record<string, unknown>
    const amazonOrderId = typeof data.amazon_order_id === "string" ? data.amazon_order_id : null
    return {
      id: amazonOrderId ?? `amazon_${Date.now()}`,
      data: { ...data, amount: input.amount, currency_code: input.currency_code },
      status: PaymentSessionStatus.PENDING,
    }
  }

  async authorizePayment(input: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    const data = (input.data ?? {}) as Record<string, unknown>
    const charged = data.capture_at_import === true
    return {
      data: { ...data, authorized_at: new Date().toISOString(), ...(charged ? { captured_at: new Date().toISOString() } : {}) },
      status: charged ? PaymentSessionStatus.CAPTURED : PaymentSessionStatus.AUTHORIZED,
    }
  }

  /**
   * Accepts only the capture of a package Amazon accepted: the plugin's capture after a confirmed shipment is
   * tagged with its tracking push (`amazon-shipment:<push id>`), and that push, confirmed before the capture was
   * made, is the record checked here. Medusa's Capture button, or store code running capturePaymentWorkflow, would
   * show "Captured" for money Amazon has not charged, so it is refused; Medusa then deletes the capture it made.
   */
  async capturePayment(input: CapturePaymentInput): Promise<CapturePaymentOutput> {
    const captureId = typeof input.context?.idempotency_key === "string" ? input.context.idempotency_key : null
    if (!this.knex_ || !captureId || !(await isConfirmedShipmentCapture(this.knex_, captureId))) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, AMAZON_CAPTURE_REFUSED_MESSAGE)
    }
    return { data: amazonChargedData(input.data ?? {}) }
  }

  async cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    return { data: { ...(input.data ?? {}), canceled_at: new Date().toISOString() } }
  }

  async deletePayment(input: DeletePaymentInput): Promise<DeletePaymentOutput> {
    return { data: input.data ?? {} }
  }

  async getPaymentStatus(input: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    const data = (input.data ?? {}) as Record<string, unknown>
    if (data.canceled_at) return { status: PaymentSessionStatus.CANCELED, data }
    if (data.captured_at) return { status: PaymentSessionStatus.CAPTURED, data }
    if (data.authorized_at) return { status: PaymentSessionStatus.AUTHORIZED, data }
    return { status: PaymentSessionStatus.PENDING, data }
  }

  /**
   * Two kinds of refund reach this provider:
   *  - the record of a refund Amazon already made (listed by the settlement import): accepted, nothing is sent;
   *  - a refund made in Medusa (the plugin's refund dialog, Medusa's Refund button, the refund of a return): the
   *    lines and components it covers are worked out (the dialog's breakdown, else the rule in services/refunds.ts),
   *    anything above what Amazon can still refund is refused before anything is queued, and exactly one
   *    adjustment message is queued for the refund's id, so a retried call queues nothing more.
   */
  async refundPayment(input: RefundPaymentInput): Promise<RefundPaymentOutput> {
    const data = (input.data ?? {}) as Record<string, unknown>
    const plans = Array.isArray(data[AMAZON_REFUND_PLANS_KEY]) ? (data[AMAZON_REFUND_PLANS_KEY] as AmazonRefundPlan[]) : []
    // The refund dialog's planned refund wins over an Amazon-made refund of the same amount waiting to be recorded.
    const planned = plans.some((candidate) => MathBN.eq(candidate.amount, input.amount))
    const made = Array.isArray(data[AMAZON_MADE_REFUNDS_KEY]) ? (data[AMAZON_MADE_REFUNDS_KEY] as AmazonMadeRefund[]) : []
    const index = planned ? -1 : made.findIndex((refund) => !refund.recorded_refund_id && MathBN.eq(refund.amount, input.amount))
    if (index >= 0) {
      const recorded = made.map((refund, position) =>
        position === index ? { ...refund, recorded_refund_id: String(input.context?.idempotency_key ?? "recorded") } : refund
      )
      return { data: { ...data, [AMAZON_MADE_REFUNDS_KEY]: recorded } }
    }
    return { data: await this.refundAtAmazon(data, input) }
  }

  protected async refundAtAmazon(data: Record<string, unknown>, input: RefundPaymentInput): Promise<Record<string, unknown>> {
    const refundId = typeof input.context?.idempotency_key === "string" ? input.context.idempotency_key : null
    const knex = this.knex_
    if (!knex || !refundId) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, AMAZON_REFUND_REFUSED_MESSAGE)
    // Medusa has committed its refund row by now (see the feed job's sweep for a process that dies here).
    crashPoint("before-queue-refund-adjustment")
    const refund = await medusaRefund(knex, refundId)
    if (!refund) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, AMAZON_REFUND_REFUSED_MESSAGE)
    const plans = Array.isArray(data[AMAZON_REFUND_PLANS_KEY]) ? (data[AMAZON_REFUND_PLANS_KEY] as AmazonRefundPlan[]) : []
    const plan = planOfRefund(plans, refund)
    const rest = { ...data, [AMAZON_REFUND_PLANS_KEY]: plans.filter((candidate) => candidate !== plan) }
    const queued = await queueAdjustmentOfRefund(knex, refund, plan)
    crashPoint("after-queue-refund-adjustment")
    if (queued.created) {
      // Only wakes the worker sooner; its scheduled tick sends the message anyway.
      await this.eventBus_?.emit({ name: FEED_QUEUED_EVENT, data: { id: queued.id } }).catch(() => undefined)
    }
    return rest
  }

  async retrievePayment(input: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    return { data: input.data ?? {} }
  }

  async updatePayment(input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    return { data: { ...(input.data ?? {}), amount: input.amount, currency_code: input.currency_code } }
  }

  async getWebhookActionAndData(_payload: ProviderWebhookPayload["payload"]): Promise<WebhookActionResult> {
    // Amazon sends no payment webhooks to a store: the import and the tracking push are the only sources.
    return { action: PaymentActions.NOT_SUPPORTED }
  }
}
