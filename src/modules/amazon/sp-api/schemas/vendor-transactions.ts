/** Vendor Transaction Status API v1 (vendorTransactionStatus.json): the outcome of an acknowledgement or ASN. */
import { z } from "@medusajs/framework/zod"
import { AmazonErrorSchema } from "./common"

export const VENDOR_TRANSACTION_STATUSES = ["Failure", "Processing", "Success"] as const
export type VendorTransactionStatusValue = (typeof VENDOR_TRANSACTION_STATUSES)[number]

export const VendorTransactionSchema = z.looseObject({
  transactionId: z.string(),
  status: z.enum(VENDOR_TRANSACTION_STATUSES),
  errors: z.array(AmazonErrorSchema).nullish(),
})
export type VendorTransaction = z.infer<typeof VendorTransactionSchema>

export const GetTransactionResponseSchema = z.looseObject({
  payload: z.looseObject({ transactionStatus: VendorTransactionSchema }),
})
