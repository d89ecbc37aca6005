/**
 * Finances API 2024-06-19 (finances_2024-06-19.json): listTransactions, what Amazon has posted for an order
 * long before the settlement that pays it closes. The v0 listFinancialEvents* operations are deprecated by
 * Amazon and are not used.
 */
import { defineOperations, isoOrUndefined, splitByShape, type DateInput } from "./operation"
import { ListTransactionsResponseSchema, TransactionSchema, type Transaction } from "./schemas/finances"
import type { SpApiTransport } from "./transport"

export const FINANCES_OPERATIONS = defineOperations("finances", "2024-06-19", {
  listTransactions: { amazonName: "listTransactions", usagePlan: { ratePerSecond: 0.5, burst: 10 } },
})

/** Amazon answers an empty page when postedAfter and postedBefore are further apart than this. */
export const MAX_TRANSACTION_WINDOW_DAYS = 180

export type ListTransactionsParams = {
  /** Required unless a related identifier is given; more than two minutes before the request. */
  postedAfter?: DateInput
  postedBefore?: DateInput
  /** Leave out for MFN orders of the US store (Amazon's note). */
  marketplaceId?: string
  /** DEFERRED, RELEASED, DEFERRED_RELEASED. */
  transactionStatus?: string
  /** The only identifiers Amazon filters by. */
  relatedIdentifierName?: "ORDER_ID" | "FINANCIAL_EVENT_GROUP_ID"
  relatedIdentifierValue?: string
  /** Amazon wants the same other arguments with the token as on the page that produced it. */
  nextToken?: string
}

export type UnreadableTransaction = { raw: unknown; transactionId: string | null; problem: string }

export type ListTransactionsResult = {
  transactions: Transaction[]
  unreadableTransactions: UnreadableTransaction[]
  /** Amazon may answer empty pages that still carry a token. */
  nextToken: string | null
}

export interface FinancesApi {
  listTransactions(params: ListTransactionsParams): Promise<ListTransactionsResult>
}

export function financesApi(transport: SpApiTransport): FinancesApi {
  const spec = FINANCES_OPERATIONS.listTransactions
  return {
    async listTransactions(params) {
      const byIdentifier = params.relatedIdentifierName !== undefined || params.relatedIdentifierValue !== undefined
      if (byIdentifier && !(params.relatedIdentifierName && params.relatedIdentifierValue?.trim())) {
        throw transport.invalidRequest(spec, "relatedIdentifierName and relatedIdentifierValue go together")
      }
      if (!byIdentifier && params.postedAfter === undefined) {
        throw transport.invalidRequest(spec, "postedAfter is required when no related identifier is given")
      }
      const postedAfter = isoOrUndefined(params.postedAfter)
      const postedBefore = isoOrUndefined(params.postedBefore)
      for (const [name, value] of [["postedAfter", postedAfter], ["postedBefore", postedBefore]] as const) {
        if (value !== undefined && Number.isNaN(Date.parse(value))) throw transport.invalidRequest(spec, `${name} is not a date`)
      }
      if (postedAfter && postedBefore && Date.parse(postedBefore) <= Date.parse(postedAfter)) {
        throw transport.invalidRequest(spec, "postedBefore must be later than postedAfter")
      }
      const query = {
        postedAfter,
        postedBefore,
        marketplaceId: params.marketplaceId,
        transactionStatus: params.transactionStatus,
        relatedIdentifierName: params.relatedIdentifierName,
        relatedIdentifierValue: params.relatedIdentifierValue?.trim(),
        nextToken: params.nextToken,
      }
      const response = await transport.call(spec, { query }, ListTransactionsResponseSchema)
      const { valid, invalid } = splitByShape(response.payload?.transactions ?? [], TransactionSchema)
      return {
        transactions: valid,
        unreadableTransactions: invalid.map(({ raw, fields, problem }) => ({
          raw,
          transactionId: typeof fields.transactionId === "string" ? fields.transactionId : null,
          problem,
        })),
        nextToken: response.payload?.nextToken || null,
      }
    },
  }
}

/**
 * The decimal text of an amount Amazon sent as a JSON number (BigDecimal in its model). JSON.parse keeps the
 * shortest text that round-trips, which for amounts of up to 15 significant digits is the digits Amazon wrote.
 */
export function financesAmountText(amount: number): string {
  if (!Number.isFinite(amount)) throw new TypeError(`${amount} is not an amount`)
  if (Math.abs(amount) >= 1e15) throw new TypeError(`${amount} is too large to be read exactly`)
  const text = String(amount)
  if (!/e/i.test(text)) return text
  // Very small amounts print in exponent form ("1e-7"); toFixed(20) gives their digits.
  return amount.toFixed(20).replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "")
}
