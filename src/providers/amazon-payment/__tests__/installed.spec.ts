import { amazonPaymentProviderConfigured } from "../installed"

const withProviders = (providers: unknown[]) => ({ modules: { payment: { resolve: "@medusajs/medusa/payment", options: { providers } } } })

describe("is the Amazon payment provider listed in medusa-config", () => {
  it("finds the README's entry, also next to other providers", () => {
    expect(amazonPaymentProviderConfigured(withProviders([{ resolve: "medusa-plugin-amazon/providers/amazon-payment", id: "amazon" }]))).toBe(true)
    expect(
      amazonPaymentProviderConfigured(
        withProviders([{ resolve: "@medusajs/medusa/payment-stripe", id: "stripe" }, { resolve: "./node_modules/medusa-plugin-amazon/.medusa/server/src/providers/amazon-payment", id: "amazon" }])
      )
    ).toBe(true)
  })

  it("does not take another provider, another id or a payment module without providers for it", () => {
    expect(amazonPaymentProviderConfigured(withProviders([{ resolve: "medusa-plugin-amazon-pay", id: "amazon" }]))).toBe(false)
    expect(amazonPaymentProviderConfigured(withProviders([{ resolve: "medusa-plugin-amazon/providers/amazon-payment", id: "amazon-us" }]))).toBe(false)
    expect(amazonPaymentProviderConfigured({ modules: { payment: { resolve: "@medusajs/medusa/payment" } } })).toBe(false)
    expect(amazonPaymentProviderConfigured({ modules: {} })).toBe(false)
    expect(amazonPaymentProviderConfigured(undefined)).toBe(false)
  })
})
