import { PaymentSessionStatus } from "@medusajs/framework/utils"
import { AMAZON_CAPTURE_REFUSED_MESSAGE, AMAZON_MADE_REFUNDS_KEY, AMAZON_REFUND_REFUSED_MESSAGE, AmazonPaymentProviderService } from "../service"

describe("AmazonPaymentProviderService", () => {
  const provider = new AmazonPaymentProviderService({}, {})

  it("authorizes an order Amazon has not charged yet, and captures at once one it has charged", async () => {
    const held = await provider.authorizePayment({ data: { amazon_order_id: "111-1", capture_at_import: false } })
    expect(held.status).toBe(PaymentSessionStatus.AUTHORIZED)
    expect((await provider.getPaymentStatus({ data: held.data })).status).toBe(PaymentSessionStatus.AUTHORIZED)

    const charged = await provider.authorizePayment({ data: { amazon_order_id: "111-2", capture_at_import: true } })
    expect(charged.status).toBe(PaymentSessionStatus.CAPTURED)
    expect((await provider.getPaymentStatus({ data: charged.data })).status).toBe(PaymentSessionStatus.CAPTURED)
  })

  it("refuses a capture it cannot trace to a shipment Amazon confirmed, with the sentence that says how Amazon orders are captured", async () => {
    await expect(provider.capturePayment({ data: { authorized_at: "2026-01-01T00:00:00.000Z" } })).rejects.toThrow(AMAZON_CAPTURE_REFUSED_MESSAGE)
    await expect(provider.capturePayment({ data: {}, context: { idempotency_key: "capt_1" } } as any)).rejects.toThrow(AMAZON_CAPTURE_REFUSED_MESSAGE)
  })

  it("cancels, and refuses refunds with the sentence that says where Amazon refunds are made", async () => {
    const canceled = await provider.cancelPayment({ data: { authorized_at: "2026-01-01T00:00:00.000Z" } })
    expect((await provider.getPaymentStatus({ data: canceled.data })).status).toBe(PaymentSessionStatus.CANCELED)
    await expect(provider.refundPayment({ data: {}, amount: 5 })).rejects.toThrow(AMAZON_REFUND_REFUSED_MESSAGE)
  })

  it("records a refund Amazon already made (listed in the payment's data) once, and still refuses any other", async () => {
    const data = { [AMAZON_MADE_REFUNDS_KEY]: [{ adjustment_id: "A1", amount: "14.06", settlement_id: "1234" }] }
    await expect(provider.refundPayment({ data, amount: 5 })).rejects.toThrow(AMAZON_REFUND_REFUSED_MESSAGE)
    const recorded = await provider.refundPayment({ data, amount: 14.06, context: { idempotency_key: "ref_1" } } as any)
    expect((recorded.data as any)[AMAZON_MADE_REFUNDS_KEY]).toEqual([{ adjustment_id: "A1", amount: "14.06", settlement_id: "1234", recorded_refund_id: "ref_1" }])
    await expect(provider.refundPayment({ data: recorded.data!, amount: 14.06 })).rejects.toThrow(AMAZON_REFUND_REFUSED_MESSAGE)
  })
})
