import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { AMAZON_PAYMENT_PROVIDER_ID } from "./service"

type ProviderEntry = { resolve?: unknown; id?: unknown }

/** Whether medusa-config lists this plugin's payment provider under the payment module with the id the plugin uses. */
export function amazonPaymentProviderConfigured(configModule: { modules?: Record<string, unknown> } | undefined): boolean {
  const payment = configModule?.modules?.[Modules.PAYMENT] as { options?: { providers?: ProviderEntry[] } } | boolean | undefined
  const providers = payment && typeof payment === "object" ? (payment.options?.providers ?? []) : []
  return providers.some(
    (provider) => provider?.id === "amazon" && (typeof provider.resolve !== "string" || /amazon-payment/.test(provider.resolve))
  )
}

/**
 * Whether imported orders can get their Amazon payment: the provider is listed in medusa-config and the payment
 * module registered it. Medusa keeps a provider's row enabled after the store removes it from the config, so the
 * row alone would say "installed" for a provider that is no longer loaded.
 */
export async function isAmazonPaymentProviderInstalled(container: Pick<MedusaContainer, "resolve">): Promise<boolean> {
  if (!amazonPaymentProviderConfigured(container.resolve(ContainerRegistrationKeys.CONFIG_MODULE))) return false
  const providers = await container.resolve(Modules.PAYMENT).listPaymentProviders({ id: [AMAZON_PAYMENT_PROVIDER_ID], is_enabled: true })
  return providers.length > 0
}
