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

export const AMAZON_REFUND_REFUSED_MESSAGE =
  "Refunds of Amazon orders are made by Amazon: issue the refund in Seller Central (or through the plugin's refund flow once it is available). Medusa records nothing until Amazon has refunded the buyer."

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

  constructor(cradle: Record<string, unknown>, config: Record<string, unknown> = {}) {
    super(cradle, config)
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

  async capturePayment(input: CapturePaymentInput): Promise<CapturePaymentOutput> {
    // Amazon charged the buyer when it accepted the shipment confirmation; nothing is left to ask it.
    return { data: { ...(input.data ?? {}), last_captured_at: new Date().toISOString() } }
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

  async refundPayment(input: RefundPaymentInput): Promise<RefundPaymentOutput> {
    // Accepted only as the record of a refund Amazon already made (listed by the settlement import); any other
    // refund would have to be sent to Amazon, which this provider does not do.
    const data = (input.data ?? {}) as Record<string, unknown>
    const made = Array.isArray(data[AMAZON_MADE_REFUNDS_KEY]) ? (data[AMAZON_MADE_REFUNDS_KEY] as AmazonMadeRefund[]) : []
    const index = made.findIndex((refund) => !refund.recorded_refund_id && MathBN.eq(refund.amount, input.amount))
    if (index < 0) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, AMAZON_REFUND_REFUSED_MESSAGE)
    const recorded = made.map((refund, position) =>
      position === index ? { ...refund, recorded_refund_id: String(input.context?.idempotency_key ?? "recorded") } : refund
    )
    return { data: { ...data, [AMAZON_MADE_REFUNDS_KEY]: recorded } }
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
