import { describeScaleFigures, runScaleScenario, scaleOptionsFromEnv } from "../integration-tests/scale/scenario"

const options = scaleOptionsFromEnv()
jest.setTimeout(options.importTimeoutMs * 3 + options.trackingTimeoutMs * 2 + 15 * 60 * 1000)

/** Issue 9's proof as numbers: 1 server + 2 workers on Redis, workers killed (see integration-tests/scale). */
it(`${options.orders} orders through 1 server + 2 workers on Redis, workers killed`, async () => {
  const figures = await runScaleScenario(options)
  for (const line of describeScaleFigures(figures)) console.log(line)
})
