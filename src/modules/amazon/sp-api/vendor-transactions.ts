/**
 * Vendor Transaction Status API v1 (vendorTransactionStatus.json): Amazon answers acknowledgements (and ASNs)
 * asynchronously; the transaction id they return is polled here until Success or Failure.
 */
import { defineOperations } from "./operation"
import { GetTransactionResponseSchema, type VendorTransaction } from "./schemas/vendor-transactions"
import type { SpApiTransport } from "./transport"

export const VENDOR_TRANSACTIONS_OPERATIONS = defineOperations("vendorTransactionStatus", "v1", {
  getVendorTransaction: { amazonName: "getTransaction", usagePlan: { ratePerSecond: 10, burst: 20 } },
})

export interface VendorTransactionsApi {
  getVendorTransaction(transactionId: string): Promise<VendorTransaction>
}

export function vendorTransactionsApi(transport: SpApiTransport): VendorTransactionsApi {
  const spec = VENDOR_TRANSACTIONS_OPERATIONS.getVendorTransaction
  return {
    async getVendorTransaction(transactionId) {
      if (typeof transactionId !== "string" || !transactionId.trim()) throw transport.invalidRequest(spec, "the transaction id is empty")
      const response = await transport.call(spec, { path: { transactionId: transactionId.trim() } }, GetTransactionResponseSchema)
      return response.payload.transactionStatus
    },
  }
}
