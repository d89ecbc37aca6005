import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { Amazon, ArrowUpRightOnBox, Sparkles } from "@medusajs/icons"
import { Alert, Container, Heading, Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { Link } from "react-router-dom"
import { AmazonPayoutSummary } from "../components/amazon-payout"
import { AmazonOrderStatusBadge, ChannelBadge, ImportStateBadge, SubtypeBadges } from "../components/badges"
import {
  canRetry,
  carrierDetail,
  carrierLabel,
  RetryTrackingPushButton,
  TrackingPushStateBadge,
  unitCount,
} from "../components/tracking-pushes"
import { errorMessage, useAmazonOrderOfOrder, useTrackingPushes, type AmazonOrder, type AmazonOrderItem, type TrackingPush } from "../lib/api"
import { formatDateTime } from "../lib/format"
import { AmazonCancellationSection } from "../components/amazon-cancellation"
import { AmazonRefundSection } from "../components/amazon-refund"
import { useAmazonAccounts } from "../lib/api"
import { marketplaceName } from "../lib/marketplaces"

/**
 * On an order that came from Amazon: where it came from and, above all, what the packer must not miss —
 * a buyer's cancellation request and Amazon Custom personalisation. Renders nothing for other orders.
 */
const AmazonOrderWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  const { data } = useAmazonOrderOfOrder(order.id)
  const { data: accounts } = useAmazonAccounts()
  const amazonOrder = data?.amazon_order
  // Not an Amazon order, still loading, or the lookup failed: the order page looks as it always does.
  if (!amazonOrder) return null

  const customizedItems = (amazonOrder.items ?? []).filter((item) => item.customization_url || item.customization_text)
  const gifts = giftsOf(order)

  return (
    <Container className="divide-y p-0" data-testid="amazon-order-widget">
      <div className="flex items-start justify-between gap-2 px-6 py-4">
        <div className="flex flex-col gap-y-1">
          <div className="flex items-center gap-x-2">
            <Amazon />
            <Heading level="h2">Amazon order</Heading>
          </div>
          <Text size="small" className="font-mono">
            {amazonOrder.amazon_order_id}
          </Text>
        </div>
        <Link to={`/amazon?q=${encodeURIComponent(amazonOrder.amazon_order_id)}`} className="text-ui-fg-interactive txt-compact-small">
          Show in list
        </Link>
      </div>

      {amazonOrder.buyer_cancel_requested && (
        <div className="px-6 py-4">
          <Alert variant="error" data-testid="amazon-buyer-cancel-request">
            The buyer asked Amazon to cancel this order{amazonOrder.buyer_cancel_reason ? ` (“${amazonOrder.buyer_cancel_reason}”)` : ""}. Do
            not ship it before you have decided whether to cancel it:{" "}
            <Link to="/amazon/cancellation-requests" className="text-ui-fg-interactive">
              answer the request
            </Link>
            .
          </Alert>
        </div>
      )}

      <AmazonCancellationSection
        orderId={order.id}
        amazonOrderId={amazonOrder.amazon_order_id}
        cancellable={
          amazonOrder.fulfillment_channel === "FBM" &&
          order.status !== "canceled" &&
          !["SHIPPED", "PARTIALLY_SHIPPED", "CANCELLED", "CANCELED", "DELIVERED"].includes(amazonOrder.status) &&
          !(amazonOrder.items ?? []).some((item) => Number(item.quantity_shipped ?? 0) > 0)
        }
        zeroStockDefault={!!accounts?.accounts?.find((account) => account.id === amazonOrder.account_id)?.zero_stock_on_no_inventory_cancel}
      />

      <AmazonRefundSection
        orderId={order.id}
        amazonOrderId={amazonOrder.amazon_order_id}
        items={amazonOrder.items ?? []}
        // Amazon charges the buyer when the order ships: before that there is nothing to refund, only to cancel.
        refundable={(amazonOrder.items ?? []).some((item) => Number(item.quantity_shipped ?? 0) > 0) || ["SHIPPED", "PARTIALLY_SHIPPED", "DELIVERED"].includes(amazonOrder.status)}
      />

      {customizedItems.length > 0 && <CustomizationSection items={customizedItems} />}
      {gifts.length > 0 && <GiftSection gifts={gifts} />}

      <Fact label="Marketplace">{marketplaceName(amazonOrder.marketplace_id)}</Fact>
      <Fact label="Amazon status">
        <AmazonOrderStatusBadge status={amazonOrder.status} />
      </Fact>
      <Fact label="Fulfilment">
        <div className="flex flex-col items-start gap-y-1">
          <ChannelBadge channel={amazonOrder.fulfillment_channel} />
          <span>{amazonOrder.fulfillment_channel === "FBA" ? "Amazon ships this order." : "You ship this order."}</span>
        </div>
      </Fact>
      <Fact label="Order type">
        <SubtypeBadges subtypes={amazonOrder.subtypes} />
      </Fact>
      <Fact label="Purchased on Amazon">{formatDateTime(amazonOrder.purchase_date)}</Fact>
      <Fact label="First seen by Medusa">{formatDateTime(amazonOrder.first_seen_at)}</Fact>
      <Fact label="Sync state">
        <div className="flex flex-col items-start gap-y-1">
          <ImportStateBadge state={amazonOrder.import_state} />
          {amazonOrder.attention_reason && <span className="txt-compact-xsmall">{amazonOrder.attention_reason}</span>}
          <span className="txt-compact-xsmall text-ui-fg-muted">Last changed on Amazon {formatDateTime(amazonOrder.last_update_date)}</span>
        </div>
      </Fact>
      <Fact label="Amazon payout">
        <AmazonPayoutSummary orderId={order.id} />
      </Fact>
      <Fact label="Buyer cancellation request">{amazonOrder.buyer_cancel_requested ? "Yes, see above." : "None"}</Fact>

      {amazonOrder.fulfillment_channel === "FBM" && <ShipmentConfirmationsSection orderId={order.id} amazonOrder={amazonOrder} />}
    </Container>
  )
}

type AmazonGift = { order_item_id: string; sku: string | null; message: string | null; wrap_level: string | null }

/** The import keeps the buyer's gift options on the order's metadata, in one shape for both Orders API versions. */
function giftsOf(order: AdminOrder): AmazonGift[] {
  const gifts = (order.metadata as Record<string, unknown> | null | undefined)?.amazon_gifts
  return Array.isArray(gifts) ? (gifts as AmazonGift[]) : []
}

function GiftSection({ gifts }: { gifts: AmazonGift[] }) {
  return (
    <div className="flex flex-col gap-y-3 px-6 py-4" data-testid="amazon-gift">
      <Heading level="h3">Gift: include the buyer's message, leave out prices</Heading>
      {gifts.map((gift) => (
        <div key={gift.order_item_id} className="border-ui-border-base rounded-lg border px-4 py-3">
          {gift.sku && (
            <Text size="xsmall" className="text-ui-fg-subtle">
              SKU {gift.sku}
            </Text>
          )}
          {gift.message && (
            <pre className="txt-compact-medium-plus mt-1 whitespace-pre-wrap break-words font-sans" data-testid="amazon-gift-message">
              {gift.message}
            </pre>
          )}
          {gift.wrap_level && (
            <Text size="small" className="mt-1" data-testid="amazon-gift-wrap">
              Gift wrap: {gift.wrap_level}
            </Text>
          )}
        </div>
      ))}
    </div>
  )
}

function CustomizationSection({ items }: { items: AmazonOrderItem[] }) {
  return (
    <div className="bg-ui-bg-highlight flex flex-col gap-y-3 px-6 py-4" data-testid="amazon-customization">
      <div className="flex items-center gap-x-2">
        <Sparkles className="text-ui-fg-interactive" />
        <Heading level="h3">Amazon Custom: personalise before shipping</Heading>
      </div>
      {items.map((item) => (
        <div key={item.order_item_id} className="border-ui-border-base bg-ui-bg-base rounded-lg border px-4 py-3">
          <Text size="small" weight="plus">
            {item.quantity_ordered} × {item.title ?? item.seller_sku ?? item.order_item_id}
          </Text>
          {item.seller_sku && (
            <Text size="xsmall" className="text-ui-fg-subtle">
              SKU {item.seller_sku}
            </Text>
          )}
          {item.customization_text && (
            <pre className="txt-compact-medium-plus mt-2 whitespace-pre-wrap break-words font-sans" data-testid="amazon-customization-text">
              {item.customization_text}
            </pre>
          )}
          {item.customization_url && (
            <a
              href={item.customization_url}
              target="_blank"
              rel="noreferrer"
              className="text-ui-fg-interactive txt-compact-small mt-2 inline-flex items-center gap-x-1"
            >
              Download the customization file
              <ArrowUpRightOnBox />
            </a>
          )}
        </div>
      ))}
    </div>
  )
}

/** What Amazon was told about each package of this order: carrier, tracking number and whether Amazon confirmed it. */
function ShipmentConfirmationsSection({ orderId, amazonOrder }: { orderId: string; amazonOrder: AmazonOrder }) {
  const { data, isLoading, error } = useTrackingPushes({ order_id: orderId, limit: 50, offset: 0 })
  // Oldest package first, as the order's own fulfillments are listed.
  const pushes = [...(data?.tracking_pushes ?? [])].sort((a, b) => a.created_at.localeCompare(b.created_at))

  return (
    <div className="flex flex-col gap-y-3 px-6 py-4" data-testid="amazon-shipment-confirmations">
      <div className="flex items-center justify-between gap-2">
        <Heading level="h3">Shipment confirmations</Heading>
        {pushes.length > 0 && (
          <Link to="/amazon/shipments?state=all" className="text-ui-fg-interactive txt-compact-small whitespace-nowrap">
            All shipments
          </Link>
        )}
      </div>
      {error ? (
        <Text size="small" className="text-ui-fg-error">
          The shipment confirmations could not be loaded: {errorMessage(error)}
        </Text>
      ) : isLoading ? (
        <Text size="small" className="text-ui-fg-subtle">
          Loading shipment confirmations…
        </Text>
      ) : pushes.length === 0 ? (
        <Text size="small" className="text-ui-fg-subtle" data-testid="amazon-shipment-confirmations-empty">
          {amazonOrder.status === "SHIPPED"
            ? "Amazon shows this order as shipped, but no shipment was confirmed from Medusa."
            : "Nothing has been confirmed to Amazon yet. When you mark a fulfillment as shipped with a tracking number, its carrier and tracking number are confirmed to Amazon."}
        </Text>
      ) : (
        pushes.map((push) => <ShipmentConfirmation key={push.id} push={push} />)
      )}
    </div>
  )
}

function ShipmentConfirmation({ push }: { push: TrackingPush }) {
  const detail = carrierDetail(push)
  const units = unitCount(push)
  return (
    <div className="border-ui-border-base flex flex-col gap-y-2 rounded-lg border px-4 py-3" data-testid="amazon-shipment-confirmation" data-state={push.state}>
      <div className="flex items-start justify-between gap-2">
        <div className="flex min-w-0 flex-col">
          <Text size="small" weight="plus" leading="compact">
            Package {push.package_reference_id}
            {units ? ` · ${units} ${units === 1 ? "unit" : "units"}` : ""}
          </Text>
          <Text size="small" leading="compact" className="text-ui-fg-subtle">
            {carrierLabel(push)}
            {detail ? ` (${detail})` : ""}
          </Text>
          <Text size="small" leading="compact" className="break-all font-mono">
            {push.tracking_number ?? "No tracking number"}
          </Text>
        </div>
        <TrackingPushStateBadge state={push.state} />
      </div>
      {push.state === "confirmed" && (
        <Text size="xsmall" className="text-ui-fg-subtle">
          Amazon confirmed it on {formatDateTime(push.confirmed_at)}.
        </Text>
      )}
      {push.state === "sent" && (
        <Text size="xsmall" className="text-ui-fg-subtle">
          On its way to Amazon.
        </Text>
      )}
      {push.last_error && push.state !== "confirmed" && (
        <Text size="xsmall" className={push.state === "failed" ? "text-ui-fg-error" : "text-ui-fg-subtle"} data-testid="amazon-shipment-confirmation-error">
          {push.last_error}
        </Text>
      )}
      {push.state === "confirmed" && push.payment_capture_state === "failed" && push.payment_capture_error && (
        <Text size="xsmall" className="text-ui-fg-error" data-testid="amazon-shipment-capture-error">
          {push.payment_capture_error}
        </Text>
      )}
      {canRetry(push) && (
        <div className="flex items-center justify-between gap-2">
          <Text size="xsmall" className="text-ui-fg-muted">
            {push.state === "waiting" && push.next_attempt_at
              ? `Next automatic attempt ${formatDateTime(push.next_attempt_at)}.`
              : push.state === "failed"
                ? "Not retried automatically."
                : ""}
          </Text>
          <RetryTrackingPushButton push={push} />
        </div>
      )}
    </div>
  )
}

/** One label/value row, laid out like the dashboard's own side sections (e.g. Customer). */
function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="text-ui-fg-subtle grid grid-cols-2 items-start gap-x-3 px-6 py-3">
      <Text size="small" leading="compact" weight="plus">
        {label}
      </Text>
      <div className="txt-compact-small text-ui-fg-base">{children}</div>
    </div>
  )
}

// The side column: since Medusa 2.21 widgets render after a column's own sections (merchants can drag them up),
// and the side column is the short one, so this is where a packer sees it soonest.
export const config = defineWidgetConfig({
  zone: "order.details.side.before",
  id: "medusa-plugin-amazon:order-details",
})

export default AmazonOrderWidget
