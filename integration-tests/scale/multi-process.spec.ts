import { describeScaleFigures, runScaleScenario, scaleOptionsFromEnv, type ScaleFigures } from "./scenario"

const options = scaleOptionsFromEnv()
jest.setTimeout(options.importTimeoutMs * 3 + options.trackingTimeoutMs * 2 + 15 * 60 * 1000)

/**
 * Issue 9, point 6: one Medusa server and two workers on Medusa's Redis modules and one database; Amazon with
 * faults on; a worker killed with SIGKILL twice during the import and once during the shipment confirmations.
 * AMAZON_SCALE_ORDERS (default 2000) and AMAZON_SCALE_SHIPPED (default 300) size the run.
 */
describe(`${options.orders} Amazon orders through 1 server + 2 workers on Redis, workers killed`, () => {
  let figures: ScaleFigures

  beforeAll(async () => {
    figures = await runScaleScenario(options)
    for (const line of describeScaleFigures(figures)) console.log(line)
  })

  it("makes exactly one Medusa order, with one link, per Amazon order", () => {
    expect({
      medusaOrders: figures.medusaOrders,
      duplicatedAmazonOrders: figures.duplicatedAmazonOrders,
      linkRows: figures.linkRows,
      medusaOrdersWithoutLink: figures.medusaOrdersWithoutLink,
      amazonOrdersWithMoreThanOneLink: figures.amazonOrdersWithMoreThanOneLink,
      stagedNotImported: figures.stagedNotImported,
    }).toEqual({
      medusaOrders: options.orders,
      duplicatedAmazonOrders: 0,
      linkRows: options.orders,
      medusaOrdersWithoutLink: 0,
      amazonOrdersWithMoreThanOneLink: 0,
      stagedNotImported: 0,
    })
    expect(figures.kills.filter((kill) => kill.phase === "import")).toHaveLength(2)
  })

  it("leaves no import run running once the workers are back", () => {
    expect(figures.importRunsByStatus.running ?? 0).toBe(0)
  })

  it("confirms every shipped package to Amazon exactly once", () => {
    expect(figures.kills.filter((kill) => kill.phase === "tracking")).toHaveLength(1)
    expect(figures.ordersNotConfirmedExactlyOnce).toBe(0)
    expect(figures.trackingPushesByState).toEqual({ confirmed: options.shipped })
  })

  it("answers no 429 beyond the injected ones: the processes share Amazon's rate", () => {
    expect(figures.throttled429s).toBe(0)
  })
})
