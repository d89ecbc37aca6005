import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import { AmazonPaymentProviderService } from "./service"

export default ModuleProvider(Modules.PAYMENT, { services: [AmazonPaymentProviderService] })
