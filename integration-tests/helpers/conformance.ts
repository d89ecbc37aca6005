import { expectConformantExchanges, modelsDir, modelsMissingMessage } from "../../test-utils/conformance"
import type { Simulator } from "../../simulator"

/**
 * Every request the plugin sent to the simulator, and every answer it got, checked against Amazon's official
 * models. Exchanges whose answer was a fault we injected on purpose (malformed JSON, 429, 500) are left out:
 * they are deliberately not Amazon's shape. Without the models folder this says so and checks nothing.
 */
export function expectTrafficConformsToAmazonModels(simulator: Simulator) {
  if (!modelsDir()) {
    console.warn(`${modelsMissingMessage()} — the plugin's SP-API traffic was not checked.`)
    return
  }
  const exchanges = simulator.requests().filter((entry) => !entry.fault)
  expectConformantExchanges(exchanges)
  return exchanges.length
}
