import { defineWidgetConfig } from "@medusajs/admin-sdk"
import { Amazon } from "@medusajs/icons"
import { Container, Input, Text } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { Link } from "react-router-dom"
import { AmazonOrderStatusBadge, ImportStateBadge } from "../components/badges"
import { errorMessage, useFindAmazonOrders, type AmazonOrder } from "../lib/api"
import { marketplaceName } from "../lib/marketplaces"

const MIN_CHARACTERS = 3
const MAX_MATCHES = 5

/**
 * Above the orders list: find the Medusa order of an Amazon order by (part of) its Amazon order ID, which Medusa's own
 * order search does not look at.
 */
const AmazonOrderSearchWidget = () => {
  const [text, setText] = useState("")
  const [searched, setSearched] = useState("")
  // Search once typing pauses, not on every key.
  useEffect(() => {
    const handle = setTimeout(() => setSearched(text.trim()), 300)
    return () => clearTimeout(handle)
  }, [text])

  const { data, isFetching, error } = useFindAmazonOrders(searched, MAX_MATCHES)
  const showResults = searched.length >= MIN_CHARACTERS
  const matches = data?.amazon_orders ?? []
  const count = data?.count ?? 0
  const amazonListLink = `/amazon?q=${encodeURIComponent(searched)}`

  return (
    <Container className="divide-y p-0" data-testid="amazon-order-search">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 px-6 py-3">
        <div className="flex items-center gap-x-2">
          <Amazon />
          <Text size="small" weight="plus" leading="compact" className="whitespace-nowrap">
            Find an Amazon order
          </Text>
        </div>
        <div className="w-full max-w-[320px]">
          <Input
            type="search"
            size="small"
            placeholder="Amazon order ID, e.g. 111-1234567-1234567"
            aria-label="Find a Medusa order by its Amazon order ID"
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        </div>
        {text.trim().length > 0 && text.trim().length < MIN_CHARACTERS && (
          <Text size="xsmall" className="text-ui-fg-muted">
            Type at least {MIN_CHARACTERS} characters of the Amazon order ID.
          </Text>
        )}
        {showResults && isFetching && (
          <Text size="xsmall" className="text-ui-fg-muted">
            Searching…
          </Text>
        )}
      </div>

      {showResults && !isFetching && (
        <div className="flex flex-col gap-y-2 px-6 py-3" aria-live="polite" data-testid="amazon-order-search-results" data-query={searched}>
          {error ? (
            <Text size="small" className="text-ui-fg-error">
              The Amazon orders could not be searched: {errorMessage(error)}
            </Text>
          ) : matches.length === 0 ? (
            <Text size="small" className="text-ui-fg-subtle" data-testid="amazon-order-search-none">
              No Amazon order ID contains “{searched}”. An order placed in the last few minutes appears after the next sync; check
              the ID, or look in{" "}
              <Link to={amazonListLink} className="text-ui-fg-interactive">
                Amazon orders
              </Link>
              .
            </Text>
          ) : (
            <>
              {matches.map((amazonOrder) => (
                <AmazonOrderMatch key={amazonOrder.id} amazonOrder={amazonOrder} />
              ))}
              {count > matches.length && (
                <Text size="xsmall" className="text-ui-fg-muted">
                  {count - matches.length} more Amazon order(s) match.{" "}
                  <Link to={amazonListLink} className="text-ui-fg-interactive">
                    Show all of them in Amazon orders
                  </Link>
                  .
                </Text>
              )}
            </>
          )}
        </div>
      )}
    </Container>
  )
}

function AmazonOrderMatch({ amazonOrder }: { amazonOrder: AmazonOrder }) {
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1" data-testid="amazon-order-search-match">
      <span className="font-mono txt-compact-small whitespace-nowrap">{amazonOrder.amazon_order_id}</span>
      <span className="text-ui-fg-muted txt-compact-xsmall whitespace-nowrap">{marketplaceName(amazonOrder.marketplace_id)}</span>
      <AmazonOrderStatusBadge status={amazonOrder.status} />
      {amazonOrder.order ? (
        <Link to={`/orders/${amazonOrder.order.id}`} className="text-ui-fg-interactive txt-compact-small-plus whitespace-nowrap">
          Open order #{amazonOrder.order.display_id}
        </Link>
      ) : (
        <>
          <ImportStateBadge state={amazonOrder.import_state} />
          <Text size="small" className="text-ui-fg-subtle">
            {notImportedSentence(amazonOrder)}{" "}
            <Link to={`/amazon?q=${encodeURIComponent(amazonOrder.amazon_order_id)}`} className="text-ui-fg-interactive">
              See it in Amazon orders
            </Link>
          </Text>
        </>
      )}
    </div>
  )
}

/** Why an Amazon order has no Medusa order (yet), in the words of the import where it has them. */
function notImportedSentence(amazonOrder: AmazonOrder): string {
  const reason = amazonOrder.attention_reason?.trim()
  if (amazonOrder.import_state === "needs_attention") return `Not imported yet: ${reason || "it needs your attention."}`
  if (amazonOrder.import_state === "skipped") return `Not imported: ${reason || "orders like this one are not turned into Medusa orders."}`
  if (amazonOrder.status === "PENDING" || amazonOrder.status === "PENDING_AVAILABILITY")
    return "Not imported yet: Amazon has not released the order for shipping; it becomes a Medusa order once Amazon does."
  return "Not imported yet: it becomes a Medusa order with the next sync."
}

export const config = defineWidgetConfig({
  zone: "order.list.before",
  id: "medusa-plugin-amazon:order-search",
})

export default AmazonOrderSearchWidget
