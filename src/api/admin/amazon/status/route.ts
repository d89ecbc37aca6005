import {
  AMAZON_PAYMENT_PROVIDER_MISSING_SETTINGS_MESSAGE,
  AMAZON_PAYMENT_PROVIDER_SNIPPET,
} from "../../../../providers/amazon-payment/service"
import { isAmazonPaymentProviderInstalled } from "../../../../providers/amazon-payment/installed"
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { AMAZON_MODULE } from "../../../../modules/amazon"
import type AmazonModuleService from "../../../../modules/amazon/service"

/** The plugin's server configuration as the admin needs it before anyone types a secret. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const amazon: AmazonModuleService = req.scope.resolve(AMAZON_MODULE)
  const paymentProviderInstalled = await isAmazonPaymentProviderInstalled(req.scope)
  res.json({
    status: {
      ...amazon.configurationStatus(),
      payment_provider_installed: paymentProviderInstalled,
      payment_provider_message: paymentProviderInstalled ? null : AMAZON_PAYMENT_PROVIDER_MISSING_SETTINGS_MESSAGE,
      payment_provider_snippet: AMAZON_PAYMENT_PROVIDER_SNIPPET,
    },
  })
}
