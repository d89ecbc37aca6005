/**
 * Public surface of the SP-API boundary. Everything outside sp-api/ imports from here.
 */
export * from "./types"
export { createSpApiClient } from "./client"
export type {
  SpApiClient,
  SpApiClientOptions,
  SpApiLogger,
  SearchOrdersParams,
  SearchOrdersTimeFilter,
  SearchOrdersResult,
  UnreadableOrder2026,
  UnreadableOrderV0,
  GetOrdersV0Params,
  GetOrdersV0Result,
  GetOrderItemsV0Result,
  OrdersIncludedData,
  RestrictedDataToken,
  TestConnectionResult,
  DateInput,
  DownloadDocumentOptions,
  UploadedFeedDocument,
  GetReportsParams,
  GetReportsResult,
  UnreadableReport,
  ListTransactionsParams,
  ListTransactionsResult,
  UnreadableTransaction,
} from "./client"
export { SETTLEMENT_REPORT_TYPE } from "./reports"
export { financesAmountText, MAX_TRANSACTION_WINDOW_DAYS } from "./finances"
export type { Report, ReportDocument, ReportProcessingStatus } from "./schemas/reports"
export type { Transaction, FinancesBreakdown, FinancesContext, FinancesItem, FinancesCurrency } from "./schemas/finances"
export { FEEDS_OPERATIONS, FINAL_FEED_STATUSES } from "./feeds"
export { ORDER_FEED_TYPES, XML_FEED_CONTENT_TYPE, FEED_PROCESSING_STATUSES } from "./schemas/feeds"
export type { OrderFeedType, FeedProcessingStatus, Feed, FeedDocument, CreateFeedRequest } from "./schemas/feeds"
export { SpApiError, isSpApiError } from "./errors"
export type { SpApiErrorCode, AmazonApiError } from "./errors"
export { RateLimiter, RateLimitWaitTooLongError, AMAZON_USAGE_PLANS, systemClock } from "./rate-limiter"
export type { Clock, UsagePlan, SpApiOperationKey, RateLimiterOptions, SpApiRateLimiter } from "./rate-limiter"
export { RedisRateLimiter } from "./redis-rate-limiter"
export { sharedRateLimiter, closeSharedRateLimiters } from "./shared-rate-limiter"
export { forgetAccessTokens } from "./access-tokens"
export { EndpointAgent, parseEndpointSetting, closeIdleSpApiConnections } from "./endpoint-agent"
export type { EndpointRoutes, EndpointTarget } from "./endpoint-agent"
export { mapOrder2026, mapOrderItem2026, mapAddress2026, INCLUDED_DATA_FOR_MAPPING } from "./mappers/orders-2026"
export { mapOrderV0, mapOrderItemV0, mapAddressV0, mapOrderStatusV0, isTrueString } from "./mappers/orders-v0"
export type { OrderV0Bundle } from "./mappers/orders-v0"
export { OrderMappingError } from "./mappers/common"
export * as money from "./money"
export type { Order2026, OrderItem2026, Money2026 } from "./schemas/orders-2026"
export type {
  OrderV0,
  OrderItemV0,
  OrderAddressV0,
  OrderBuyerInfoV0,
  OrderStatusV0,
  ConfirmShipmentRequest,
} from "./schemas/orders-v0"
export type { RestrictedResource } from "./schemas/tokens"
export { splitVendorOrderWindow, MAX_VENDOR_WINDOW_MS, VENDOR_LOOKBACK_MS, VENDOR_ORDERS_OPERATIONS } from "./vendor-orders"
export type { GetPurchaseOrdersParams, GetPurchaseOrdersResult, VendorWindow, UnreadablePurchaseOrder } from "./vendor-orders"
export { ACKNOWLEDGEMENT_CODES, REJECTION_REASONS, PURCHASE_ORDER_STATES } from "./schemas/vendor-orders"
export type { VendorPurchaseOrder, VendorOrderItem, VendorMoney, OrderAcknowledgement, AcknowledgementCode, RejectionReason, PurchaseOrderState, VendorOrderStatus } from "./schemas/vendor-orders"
export type { VendorTransaction, VendorTransactionStatusValue } from "./schemas/vendor-transactions"
export { VENDOR_SHIPMENTS_OPERATIONS } from "./vendor-shipments"
export { ShipmentConfirmationSchema, SHIPMENT_STRUCTURES } from "./schemas/vendor-shipments"
export type { ShipmentConfirmation } from "./schemas/vendor-shipments"
