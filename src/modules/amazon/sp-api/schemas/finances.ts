/**
 * Finances API 2024-06-19 answers (finances_2024-06-19.json): listTransactions. Amounts are JSON numbers in
 * Amazon's model (BigDecimal); they are kept as the decimal text of the number, never as a float to compute with.
 * Breakdowns nest, contexts are a union told apart by contextType.
 */
import { z } from "@medusajs/framework/zod"
import { currencyCode, isoDateTime } from "./common"

export const FinancesCurrencySchema = z.looseObject({
  currencyCode: currencyCode.nullish(),
  currencyAmount: z.number().finite().nullish(),
})

export type FinancesBreakdown = {
  breakdownType?: string | null
  breakdownAmount?: z.infer<typeof FinancesCurrencySchema> | null
  breakdowns?: FinancesBreakdown[] | null
  [key: string]: unknown
}

export const FinancesBreakdownSchema: z.ZodType<FinancesBreakdown> = z.lazy(() =>
  z.looseObject({
    breakdownType: z.string().nullish(),
    breakdownAmount: FinancesCurrencySchema.nullish(),
    breakdowns: z.array(FinancesBreakdownSchema).nullish(),
  })
)

export const FinancesContextSchema = z.looseObject({
  contextType: z.string(),
  asin: z.string().nullish(),
  sku: z.string().nullish(),
  quantityShipped: z.number().int().nullish(),
  fulfillmentNetwork: z.string().nullish(),
  storeName: z.string().nullish(),
  paymentType: z.string().nullish(),
  paymentDate: isoDateTime.nullish(),
  deferralReason: z.string().nullish(),
  maturityDate: isoDateTime.nullish(),
  startTime: isoDateTime.nullish(),
  endTime: isoDateTime.nullish(),
})

export const RelatedIdentifierSchema = z.looseObject({
  relatedIdentifierName: z.string().nullish(),
  relatedIdentifierValue: z.string().nullish(),
})

export const ItemRelatedIdentifierSchema = z.looseObject({
  itemRelatedIdentifierName: z.string().nullish(),
  itemRelatedIdentifierValue: z.string().nullish(),
})

export const FinancesItemSchema = z.looseObject({
  relatedIdentifiers: z.array(ItemRelatedIdentifierSchema).nullish(),
  totalAmount: FinancesCurrencySchema.nullish(),
  breakdowns: z.array(FinancesBreakdownSchema).nullish(),
  contexts: z.array(FinancesContextSchema).nullish(),
})

export const TransactionSchema = z.looseObject({
  sellingPartnerMetadata: z
    .looseObject({ sellingPartnerId: z.string().nullish(), accountType: z.string().nullish(), marketplaceId: z.string().nullish() })
    .nullish(),
  relatedIdentifiers: z.array(RelatedIdentifierSchema).nullish(),
  transactionType: z.string().nullish(),
  transactionId: z.string().nullish(),
  /** DEFERRED, RELEASED, DEFERRED_RELEASED; other values may come. */
  transactionStatus: z.string().nullish(),
  postedDate: isoDateTime.nullish(),
  totalAmount: FinancesCurrencySchema.nullish(),
  marketplaceDetails: z.looseObject({ marketplaceId: z.string().nullish(), marketplaceName: z.string().nullish() }).nullish(),
  items: z.array(FinancesItemSchema).nullish(),
  contexts: z.array(FinancesContextSchema).nullish(),
  breakdowns: z.array(FinancesBreakdownSchema).nullish(),
})

export const ListTransactionsResponseSchema = z.looseObject({
  payload: z
    .looseObject({
      nextToken: z.string().nullish(),
      transactions: z.array(z.unknown()).nullish(),
    })
    .nullish(),
})

export type FinancesCurrency = z.infer<typeof FinancesCurrencySchema>
export type FinancesContext = z.infer<typeof FinancesContextSchema>
export type FinancesItem = z.infer<typeof FinancesItemSchema>
export type Transaction = z.infer<typeof TransactionSchema>
