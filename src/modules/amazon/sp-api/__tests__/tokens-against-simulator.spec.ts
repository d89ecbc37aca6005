/**
 * Token lifetimes against the simulator, whose clock can jump: an hour later both the LWA access token and a
 * Restricted Data Token have expired at "Amazon", and a v0 page must carry on instead of failing as a missing role.
 */
import { DEFAULT_SELLER, demoOrders, startSimulator, type Simulator } from "../../../../../simulator"
import { createSpApiClient } from "../client"
import { closeIdleSpApiConnections } from "../endpoint-agent"
import { RateLimiter } from "../rate-limiter"

const US = "ATVPDKIKX0DER"
const HOUR_MS = 60 * 60 * 1000

describe("tokens against the simulator", () => {
  let simulator: Simulator

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, timeScale: 1000 })
    simulator.seedOrders(demoOrders({ now: simulator.now() }))
  })
  afterAll(async () => {
    closeIdleSpApiConnections()
    await simulator.close()
  })

  it("renews an expired restricted data token and access token and reads the buyer data", async () => {
    const client = createSpApiClient(
      {
        region: "na",
        clientId: DEFAULT_SELLER.clientId,
        clientSecret: DEFAULT_SELLER.clientSecret,
        refreshToken: DEFAULT_SELLER.refreshToken,
        endpoint: simulator.url,
        tokenEndpoint: `${simulator.url}/auth/o2/token`,
        accountKey: "simulator-token-lifetimes",
      },
      { timeScale: 1000, rateLimiter: new RateLimiter({ timeScale: 1000 }) }
    )
    const { restrictedDataToken } = await client.createRestrictedDataToken([
      { method: "GET", path: "/orders/v0/orders", dataElements: ["buyerInfo", "shippingAddress"] },
    ])
    const lastUpdatedAfter = new Date(simulator.now().getTime() - 30 * 24 * HOUR_MS)
    const before = await client.getOrdersV0({ marketplaceIds: [US], lastUpdatedAfter, restrictedDataToken })
    expect(before.orders.some((order) => order.ShippingAddress?.AddressLine1)).toBe(true)

    simulator.advanceTime(HOUR_MS + 60_000)
    const after = await client.getOrdersV0({ marketplaceIds: [US], lastUpdatedAfter, restrictedDataToken })

    expect(after.orders.map((order) => order.AmazonOrderId)).toEqual(before.orders.map((order) => order.AmazonOrderId))
    expect(after.orders.some((order) => order.ShippingAddress?.AddressLine1)).toBe(true)
    const requests = simulator.requests()
    // Amazon refused the old RDT once; the page call was repeated with a new one.
    expect(requests.filter((request) => request.path === "/orders/v0/orders").map((request) => request.status)).toEqual([200, 403, 200])
    // One RDT and one LWA token at the start, and one of each again after the hour.
    expect(requests.filter((request) => /restrictedDataToken$/.test(request.path) && request.status === 200)).toHaveLength(2)
    expect(requests.filter((request) => /auth\/o2\/token$/.test(request.path) && request.status === 200)).toHaveLength(2)
  })
})
