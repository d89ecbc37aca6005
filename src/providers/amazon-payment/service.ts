import { AbstractPaymentProvider, MedusaError, PaymentActions, PaymentSessionStatus } from "@medusajs/framework/utils"
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

  async refundPayment(_input: RefundPaymentInput): Promise<RefundPaymentOutput> {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, AMAZON_REFUND_REFUSED_MESSAGE)
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
