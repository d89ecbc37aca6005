import { Modules } from "@medusajs/framework/utils"
import {
  AMAZON_PAYMENT_PROVIDER_ID,
  AMAZON_PAYMENT_PROVIDER_MISSING_SETTINGS_MESSAGE,
  AMAZON_PAYMENT_PROVIDER_SNIPPET,
} from "../../../../providers/amazon-payment/service"
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { AMAZON_MODULE } from "../../../../modules/amazon"
import type AmazonModuleService from "../../../../modules/amazon/service"

/** The plugin's server configuration as the admin needs it before anyone types a secret. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const amazon: AmazonModuleService = req.scope.resolve(AMAZON_MODULE)
  const providers = await req.scope.resolve(Modules.PAYMENT).listPaymentProviders({ id: [AMAZON_PAYMENT_PROVIDER_ID] })
  const paymentProviderInstalled = providers.length > 0
  res.json({
    status: {
      ...amazon.configurationStatus(),
      payment_provider_installed: paymentProviderInstalled,
      payment_provider_message: paymentProviderInstalled ? null : AMAZON_PAYMENT_PROVIDER_MISSING_SETTINGS_MESSAGE,
      payment_provider_snippet: AMAZON_PAYMENT_PROVIDER_SNIPPET,
    },
  })
}
