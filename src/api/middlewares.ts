import { defineMiddlewares, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import {
  AdminCreateAmazonAccount,
  AdminListAmazonOrders,
  AdminListSyncRuns,
  AdminUpdateAmazonAccount,
} from "./admin/amazon/validators"
import { rejectMalformedIds } from "./admin/amazon/malformed-id"
import { listAmazonOrdersQueryConfig } from "./admin/amazon/orders/query"
import { listTrackingPushesQueryConfig } from "./admin/amazon/tracking/query"
import { listSyncRunsQueryConfig } from "./admin/amazon/sync-runs/query"
import { AdminImportAmazonTracking, AdminListAmazonTrackingPushes } from "./admin/amazon/tracking/validators"
import { AdminListAmazonSettlements, listSettlementsQueryConfig } from "./admin/amazon/settlements/query"
import { AdminCancelAmazonOrder, AdminListAmazonFeeds, AdminListBuyerCancellationRequests, AdminRefundAmazonOrder } from "./admin/amazon/feeds/validators"
import { listAmazonFeedsQueryConfig, listCancellationRequestsQueryConfig } from "./admin/amazon/feeds/query"
import { AdminAcknowledgeVendorPurchaseOrder, AdminListVendorPurchaseOrders } from "./admin/amazon/vendor/validators"
import { listVendorPurchaseOrdersQueryConfig } from "./admin/amazon/vendor/purchase-orders/query"
import { AdminListVendorShipments, AdminShippableVendorLines, listVendorShipmentsQueryConfig, ResolveVendorShipmentBody, VendorShipmentBody } from "./admin/amazon/vendor/shipments/validators"

export default defineMiddlewares({
  routes: [
    { matcher: "/admin/amazon/*", middlewares: [rejectMalformedIds] },
    { matcher: "/admin/orders/:id/amazon", middlewares: [rejectMalformedIds] },
    { matcher: "/admin/orders/:id/amazon/*", middlewares: [rejectMalformedIds] },
    {
      matcher: "/admin/amazon/settlements",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(AdminListAmazonSettlements, listSettlementsQueryConfig)],
    },
    {
      matcher: "/admin/amazon/accounts",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminCreateAmazonAccount)],
    },
    {
      matcher: "/admin/amazon/accounts/:id",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminUpdateAmazonAccount)],
    },
    {
      matcher: "/admin/amazon/sync-runs",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(AdminListSyncRuns, listSyncRunsQueryConfig)],
    },
    {
      matcher: "/admin/amazon/orders",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(AdminListAmazonOrders, listAmazonOrdersQueryConfig)],
    },
    {
      matcher: "/admin/amazon/tracking",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(AdminListAmazonTrackingPushes, listTrackingPushesQueryConfig)],
    },
    {
      matcher: "/admin/amazon/tracking-imports",
      methods: ["POST"],
      // The CSV text travels in JSON; Medusa's default JSON body limit (100 kB) is too small for a day of parcels.
      bodyParser: { sizeLimit: "2mb" },
      middlewares: [validateAndTransformBody(AdminImportAmazonTracking)],
    },
    {
      matcher: "/admin/amazon/feeds",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(AdminListAmazonFeeds, listAmazonFeedsQueryConfig)],
    },
    {
      matcher: "/admin/amazon/cancellation-requests",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(AdminListBuyerCancellationRequests, listCancellationRequestsQueryConfig)],
    },
    {
      matcher: "/admin/orders/:id/amazon/cancel",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminCancelAmazonOrder)],
    },
    {
      matcher: "/admin/orders/:id/amazon/refund",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminRefundAmazonOrder)],
    },
    {
      matcher: "/admin/amazon/vendor/purchase-orders",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(AdminListVendorPurchaseOrders, listVendorPurchaseOrdersQueryConfig)],
    },
    {
      matcher: "/admin/amazon/vendor/purchase-orders/:id/acknowledge",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminAcknowledgeVendorPurchaseOrder)],
    },
    {
      matcher: "/admin/amazon/vendor/shipments",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(AdminListVendorShipments, listVendorShipmentsQueryConfig)],
    },
    { matcher: "/admin/amazon/vendor/shipments", methods: ["POST"], middlewares: [validateAndTransformBody(VendorShipmentBody)] },
    { matcher: "/admin/amazon/vendor/shipments/validate", methods: ["POST"], middlewares: [validateAndTransformBody(VendorShipmentBody)] },
    { matcher: "/admin/amazon/vendor/shippable", methods: ["GET"], middlewares: [validateAndTransformQuery(AdminShippableVendorLines, {})] },
    { matcher: "/admin/amazon/vendor/shipments/:id/resolve", methods: ["POST"], middlewares: [validateAndTransformBody(ResolveVendorShipmentBody)] },
  ],
})
