/**
 * The client the rest of the plugin holds: one object with the methods of every Amazon API file, all over one
 * transport. A new Amazon API is a new file beside these; it joins here with one line in the interface and
 * one in createSpApiClient (and its operations in operations.ts).
 */
import { connectionApi, type ConnectionApi } from "./connection"
import { documentsApi, type DocumentsApi } from "./documents"
import { feedsApi, type FeedsApi } from "./feeds"
import { financesApi, type FinancesApi } from "./finances"
import { orders2026Api, type Orders2026Api } from "./orders-2026"
import { ordersV0Api, type OrdersV0Api } from "./orders-v0"
import { reportsApi, type ReportsApi } from "./reports"
import { tokensApi, type TokensApi } from "./tokens"
import { vendorOrdersApi, type VendorOrdersApi } from "./vendor-orders"
import { vendorShipmentsApi, type VendorShipmentsApi } from "./vendor-shipments"
import { vendorTransactionsApi, type VendorTransactionsApi } from "./vendor-transactions"
import { SpApiTransport, type SpApiClientOptions } from "./transport"
import type { SpApiCredentials } from "./types"

export interface SpApiClient extends Orders2026Api, OrdersV0Api, TokensApi, DocumentsApi, FeedsApi, ConnectionApi, ReportsApi, FinancesApi, VendorOrdersApi, VendorTransactionsApi, VendorShipmentsApi {
  /** The rate-limit time scale the client runs at (1 in production). */
  readonly timeScale: number
}

export function createSpApiClient(credentials: SpApiCredentials, options: SpApiClientOptions = {}): SpApiClient {
  const transport = new SpApiTransport(credentials, options)
  const { restrictedTokenRenewal, ...tokens } = tokensApi(transport)
  const documents = documentsApi(transport)
  return {
    timeScale: transport.timeScale,
    ...orders2026Api(transport),
    ...ordersV0Api(transport, restrictedTokenRenewal),
    ...tokens,
    ...documents,
    ...feedsApi(transport, documents),
    ...connectionApi(transport),
    ...reportsApi(transport),
    ...financesApi(transport),
    ...vendorOrdersApi(transport),
    ...vendorTransactionsApi(transport),
    ...vendorShipmentsApi(transport),
  }
}

export type { SpApiClientOptions, SpApiLogger } from "./transport"
export type { DateInput } from "./operation"
export type { OrdersIncludedData, SearchOrdersParams, SearchOrdersResult, SearchOrdersTimeFilter, UnreadableOrder2026 } from "./orders-2026"
export type { GetOrderItemsV0Result, GetOrdersV0Params, GetOrdersV0Result, UnreadableOrderV0 } from "./orders-v0"
export type { RestrictedDataToken } from "./tokens"
export type { TestConnectionResult } from "./connection"
export type { DownloadDocumentOptions } from "./documents"
export type { UploadedFeedDocument } from "./feeds"
export type { GetReportsParams, GetReportsResult, UnreadableReport } from "./reports"
export type { ListTransactionsParams, ListTransactionsResult, UnreadableTransaction } from "./finances"
export type { GetPurchaseOrdersParams, GetPurchaseOrdersResult, GetPurchaseOrdersStatusParams, UnreadablePurchaseOrder, VendorWindow } from "./vendor-orders"
