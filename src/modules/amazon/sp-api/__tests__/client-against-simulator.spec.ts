/**
 * The real client (library + EndpointAgent + rate limiter + zod + mappers) against the plugin's
 * SP-API simulator (/simulator), which answers in Amazon's exact shapes and enforces its rules.
 */
import { DEFAULT_SELLER, demoOrders, startSimulator, type Simulator } from "../../../../../simulator"
import { createSpApiClient, type SpApiClient } from "../client"
import { closeIdleSpApiConnections } from "../endpoint-agent"
import { mapOrder2026 } from "../mappers/orders-2026"
import { mapOrderV0 } from "../mappers/orders-v0"
import { RateLimiter } from "../rate-limiter"
import type { AmazonOrder } from "../types"

const US = "ATVPDKIKX0DER"
const DAY_MS = 24 * 60 * 60 * 1000

describe("SP-API client against the simulator", () => {
  let simulator: Simulator
  let client: SpApiClient
  const logLines: string[] = []

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, timeScale: 1000 })
    simulator.seedOrders(demoOrders({ now: simulator.now() }))
    const record = (message: string) => logLines.push(message)
    client = createSpApiClient(
      {
        region: "na",
        clientId: DEFAULT_SELLER.clientId,
        clientSecret: DEFAULT_SELLER.clientSecret,
        refreshToken: DEFAULT_SELLER.refreshToken,
        endpoint: simulator.url,
        tokenEndpoint: `${simulator.url}/auth/o2/token`,
        accountKey: "simulator-seller",
      },
      { timeScale: 1000, rateLimiter: new RateLimiter({ timeScale: 1000 }), logger: { info: record, warn: record, error: record } }
    )
  })

  afterAll(async () => {
    closeIdleSpApiConnections()
    await simulator.close()
  })

  const since = () => new Date(simulator.now().getTime() - 30 * DAY_MS)

  async function ordersFrom2026(): Promise<AmazonOrder[]> {
    const mapped: AmazonOrder[] = []
    // Amazon wants the very same filters on every page, so the window is fixed once.
    const lastUpdatedAfter = since()
    let paginationToken: string | undefined
    do {
      const page = await client.searchOrders({ lastUpdatedAfter, marketplaceIds: [US], maxResultsPerPage: 4, paginationToken })
      mapped.push(...page.orders.map(mapOrder2026))
      paginationToken = page.nextToken ?? undefined
    } while (paginationToken)
    return mapped
  }

  async function ordersFromV0(): Promise<AmazonOrder[]> {
    const mapped: AmazonOrder[] = []
    const lastUpdatedAfter = since()
    let nextToken: string | undefined
    do {
      const page = await client.getOrdersV0({ marketplaceIds: [US], lastUpdatedAfter, maxResultsPerPage: 4, nextToken })
      for (const order of page.orders) {
        mapped.push(mapOrderV0({ order, items: await client.getAllOrderItemsV0(order.AmazonOrderId) }))
      }
      nextToken = page.nextToken ?? undefined
    } while (nextToken)
    return mapped
  }

  it("reads the same orders through searchOrders (2026-01-01) and getOrders + getOrderItems (v0)", async () => {
    const [from2026, fromV0] = [await ordersFrom2026(), await ordersFromV0()]
    const seededUsIds = demoOrders({ now: simulator.now() })
      .filter((seed) => seed.marketplaceId === US)
      .map((seed) => seed.id)
      .sort()
    expect(from2026.map((order) => order.amazonOrderId).sort()).toEqual(seededUsIds)
    expect(fromV0.map((order) => order.amazonOrderId).sort()).toEqual(seededUsIds)

    // Both APIs describe the same orders; the normalised facts must agree.
    const byId = new Map(from2026.map((order) => [order.amazonOrderId, order]))
    for (const v0 of fromV0) {
      const other = byId.get(v0.amazonOrderId)!
      expect({ id: v0.amazonOrderId, status: v0.status, channel: v0.fulfillmentChannel, subtypes: v0.subtypes }).toEqual({
        id: other.amazonOrderId,
        status: other.status,
        channel: other.fulfillmentChannel,
        subtypes: other.subtypes,
      })
      expect(v0.items.map((item) => [item.orderItemId, item.sellerSku, item.quantityOrdered, item.buyerRequestedCancel])).toEqual(
        other.items.map((item) => [item.orderItemId, item.sellerSku, item.quantityOrdered, item.buyerRequestedCancel])
      )
      v0.items.forEach((item, index) => {
        // v0 leaves prices out of Pending orders; where it has them they must match.
        if (item.itemPrice !== null) expect([item.itemPrice, item.itemTax]).toEqual([other.items[index].itemPrice, other.items[index].itemTax])
      })
    }
  })

  it("gets Amazon Custom data through getOrderItems with a restricted data token", async () => {
    const customOrder = (await ordersFrom2026()).find((order) => order.items.some((item) => item.customization))
    expect(customOrder).toBeDefined()
    const orderId = customOrder!.amazonOrderId

    const withoutToken = await client.getAllOrderItemsV0(orderId)
    expect(withoutToken.some((item) => item.BuyerInfo?.BuyerCustomizedInfo?.CustomizedURL)).toBe(false)

    const { restrictedDataToken } = await client.createRestrictedDataToken([
      { method: "GET", path: `/orders/v0/orders/${orderId}/orderItems`, dataElements: ["buyerInfo"] },
    ])
    const single = mapOrder2026(await client.getOrder2026(orderId))
    expect(single.items.find((item) => item.customization)?.customization?.url).toMatch(/^https?:\/\//)

    const items = await client.getAllOrderItemsV0(orderId, restrictedDataToken)
    const mapped = mapOrderV0({ order: await client.getOrderV0(orderId), items })
    expect(mapped.items.find((item) => item.customization)?.customization?.url).toMatch(/^https?:\/\//)
    expect(logLines.join("\n")).not.toContain(restrictedDataToken)
  })

  it("rides out injected 429 and 500 faults with its retry policy", async () => {
    simulator.injectFault({ operation: "searchOrders", kind: "429", times: 1 })
    simulator.injectFault({ operation: "getOrderItems", kind: "500", times: 2 })
    const page = await client.searchOrders({ lastUpdatedAfter: since(), marketplaceIds: [US], maxResultsPerPage: 1 })
    const items = await client.getOrderItemsV0(page.orders[0].orderId)
    expect(items.items.length).toBeGreaterThan(0)
    expect(logLines.some((line) => /searchOrders: HTTP 429/.test(line))).toBe(true)
    expect(logLines.some((line) => /getOrderItems: HTTP 500/.test(line))).toBe(true)
  })

  it("reports an injected malformed answer as MALFORMED_RESPONSE", async () => {
    simulator.injectFault({ operation: "getOrders", kind: "malformed", times: 1 })
    await expect(client.getOrdersV0({ marketplaceIds: [US], lastUpdatedAfter: since() })).rejects.toMatchObject({
      code: "MALFORMED_RESPONSE",
      operation: "getOrders",
    })
  })

  it("passes the connection test and rejects wrong credentials", async () => {
    await expect(client.testConnection()).resolves.toEqual({ ok: true, marketplaces: [US] })
    const wrong = createSpApiClient(
      {
        region: "na",
        clientId: DEFAULT_SELLER.clientId,
        clientSecret: "not-the-secret",
        refreshToken: DEFAULT_SELLER.refreshToken,
        endpoint: simulator.url,
        tokenEndpoint: `${simulator.url}/auth/o2/token`,
      },
      { timeScale: 1000 }
    )
    await expect(wrong.testConnection()).resolves.toEqual({
      ok: false,
      code: "AUTH_FAILED",
      message: "Amazon rejected the app credentials (invalid_client). Check the LWA client ID and client secret in Settings → Amazon.",
    })
  })
})
