import {
  isSpApiError,
  mapOrder2026,
  mapOrderV0,
  type Order2026,
  type OrderItemV0,
  type OrderV0,
  type SpApiClient,
} from "../sp-api"
import { customizationTextFromZip } from "./customization"
import type { AmazonOrderPage, FetchedAmazonOrder, ImportProblem, UnreadableAmazonOrder } from "./types"

/** Which page of an account's changed orders to read: the window start and Amazon's pagination token. */
export type OrderPageRequest = { window: { lastUpdatedAfter: string }; next_token: string | null }

const PAGE_SIZE = 100

/** PII of v0 orders comes only with a Restricted Data Token; one token (valid 1 h) covers the page's calls. */
const V0_RESTRICTED_RESOURCES = [
  { method: "GET" as const, path: "/orders/v0/orders", dataElements: ["buyerInfo", "shippingAddress"] },
  { method: "GET" as const, path: "/orders/v0/orders/{orderId}/orderItems", dataElements: ["buyerInfo"] },
]

function errorText(error: unknown): string {
  const message = (error as Error)?.message ?? String(error)
  return message.replace(/^Amazon order \S+ cannot be imported: /, "")
}

function channel2026(order: Order2026): "FBM" | "FBA" | null {
  const fulfilledBy = order.fulfillment?.fulfilledBy
  return fulfilledBy === "AMAZON" ? "FBA" : fulfilledBy === "MERCHANT" ? "FBM" : null
}

/** One page of Orders API 2026-01-01: a single searchOrders call brings up to 100 complete orders. */
async function readPage2026(client: SpApiClient, account: { marketplace_ids: string[] }, input: OrderPageRequest): Promise<AmazonOrderPage> {
  const response = await client.searchOrders({
    // No lastUpdatedBefore: Amazon applies "two minutes before now" by its own clock and tells us (see import-window).
    lastUpdatedAfter: input.window.lastUpdatedAfter,
    marketplaceIds: account.marketplace_ids,
    maxResultsPerPage: PAGE_SIZE,
    ...(input.next_token ? { paginationToken: input.next_token } : {}),
  })
  const orders: FetchedAmazonOrder[] = []
  const unreadable: UnreadableAmazonOrder[] = []
  for (const raw of response.orders) {
    try {
      orders.push({ order: mapOrder2026(raw), raw })
    } catch (error) {
      unreadable.push({
        amazon_order_id: raw.orderId ?? null,
        last_update_date: raw.lastUpdatedTime ?? null,
        purchase_date: raw.createdTime ?? null,
        fulfillment_channel: channel2026(raw),
        status: raw.fulfillment?.fulfillmentStatus ?? null,
        message: errorText(error),
        raw,
      })
    }
  }
  for (const bad of response.unreadableOrders) {
    const fields = (bad.raw ?? {}) as { fulfillment?: { fulfilledBy?: unknown; fulfillmentStatus?: unknown } }
    unreadable.push({
      amazon_order_id: bad.orderId,
      last_update_date: bad.lastUpdatedTime,
      purchase_date: bad.createdTime,
      fulfillment_channel: fields.fulfillment?.fulfilledBy === "AMAZON" ? "FBA" : fields.fulfillment?.fulfilledBy === "MERCHANT" ? "FBM" : null,
      status: typeof fields.fulfillment?.fulfillmentStatus === "string" ? fields.fulfillment.fulfillmentStatus : null,
      message: bad.problem,
      raw: bad.raw,
    })
  }
  return { orders, unreadable, next_token: response.nextToken, last_updated_before: response.lastUpdatedBefore, api_calls: 1, problems: [] }
}

/**
 * One page of the v0 fallback: getOrders (with a Restricted Data Token for address and buyer when the app has
 * the PII role), then getOrderItems per order.
 */
async function readPageV0(client: SpApiClient, account: { marketplace_ids: string[] }, input: OrderPageRequest): Promise<AmazonOrderPage> {
  let apiCalls = 0
  let restrictedDataToken: string | undefined
  try {
    apiCalls += 1
    restrictedDataToken = (await client.createRestrictedDataToken(V0_RESTRICTED_RESOURCES)).restrictedDataToken
  } catch (error) {
    // Without the PII role Amazon refuses the token: the orders still import, without buyer and address.
    if (!(isSpApiError(error) && error.code === "ACCESS_DENIED")) throw error
  }
  apiCalls += 1
  const response = await client.getOrdersV0({
    marketplaceIds: account.marketplace_ids,
    lastUpdatedAfter: input.window.lastUpdatedAfter,
    maxResultsPerPage: PAGE_SIZE,
    ...(input.next_token ? { nextToken: input.next_token } : {}),
    ...(restrictedDataToken ? { restrictedDataToken } : {}),
  })
  const orders: FetchedAmazonOrder[] = []
  const unreadable: UnreadableAmazonOrder[] = []
  for (const order of response.orders as OrderV0[]) {
    const items: OrderItemV0[] = []
    let itemsToken: string | undefined
    do {
      apiCalls += 1
      const page = await client.getOrderItemsV0(order.AmazonOrderId, itemsToken, restrictedDataToken)
      items.push(...page.items)
      itemsToken = page.nextToken ?? undefined
    } while (itemsToken)
    try {
      orders.push({ order: mapOrderV0({ order, items }), raw: { order, items } })
    } catch (error) {
      unreadable.push({
        amazon_order_id: order.AmazonOrderId ?? null,
        last_update_date: order.LastUpdateDate ?? null,
        purchase_date: order.PurchaseDate ?? null,
        fulfillment_channel: order.FulfillmentChannel === "AFN" ? "FBA" : order.FulfillmentChannel === "MFN" ? "FBM" : null,
        status: order.OrderStatus ?? null,
        message: errorText(error),
        raw: { order, items },
      })
    }
  }
  for (const bad of response.unreadableOrders) {
    const fields = (bad.raw ?? {}) as { FulfillmentChannel?: unknown; OrderStatus?: unknown }
    unreadable.push({
      amazon_order_id: bad.amazonOrderId,
      last_update_date: bad.lastUpdateDate,
      purchase_date: bad.purchaseDate,
      fulfillment_channel: fields.FulfillmentChannel === "AFN" ? "FBA" : fields.FulfillmentChannel === "MFN" ? "FBM" : null,
      status: typeof fields.OrderStatus === "string" ? fields.OrderStatus : null,
      message: bad.problem,
      raw: bad.raw,
    })
  }
  return { orders, unreadable, next_token: response.nextToken, last_updated_before: response.lastUpdatedBefore, api_calls: apiCalls, problems: [] }
}

/**
 * Amazon Custom orders only link to a ZIP with the buyer's text; the packer needs the text itself, so it is
 * read here and put on the item, downloaded through the SP-API boundary. A download that fails keeps the link on
 * the order and is reported on the run, the order still imports.
 */
async function readCustomizationTexts(client: SpApiClient, orders: FetchedAmazonOrder[]): Promise<ImportProblem[]> {
  const problems: ImportProblem[] = []
  for (const { order } of orders) {
    for (const item of order.items) {
      const url = item.customization?.url
      if (!url || item.customization?.text) continue
      try {
        item.customization = { url, text: customizationTextFromZip(await client.downloadDocument(url)) }
      } catch (error) {
        problems.push({
          amazon_order_id: order.amazonOrderId,
          message: `The Amazon Custom details of item ${item.sellerSku ?? item.orderItemId} could not be read (${(error as Error).message}); the order links to them instead. Open the link before packing.`,
        })
      }
    }
  }
  return problems
}

/** One page of orders changed in the window, through the account's Orders API version, customization texts included. */
export async function readOrderPage(
  client: SpApiClient,
  account: { marketplace_ids: string[]; orders_api_version: string },
  input: OrderPageRequest
): Promise<AmazonOrderPage> {
  const page = account.orders_api_version === "v0" ? await readPageV0(client, account, input) : await readPage2026(client, account, input)
  page.problems.push(...(await readCustomizationTexts(client, page.orders)))
  return page
}
