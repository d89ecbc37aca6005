import type { MedusaContainer } from "@medusajs/framework/types"
import type { SeededStore } from "./seed-store"

/** The credentials the simulator's default seller accepts (see simulator/). */
export const SIMULATOR_SELLER = {
  lwa_client_id: "amzn1.application-oa2-client.sim",
  lwa_client_secret: "sim-secret",
  refresh_token: "Atzr|sim-refresh-token",
  marketplace_ids: ["ATVPDKIKX0DER"],
}

export function accountForSimulator(simulatorUrl: string, overrides: Record<string, unknown> = {}) {
  return {
    name: "Amazon US (simulator)",
    region: "na" as const,
    ...SIMULATOR_SELLER,
    api_endpoint: simulatorUrl,
    token_endpoint: `${simulatorUrl}/auth/o2/token`,
    ...overrides,
  }
}

/**
 * An Amazon account on the simulator whose orders land in the seeded store (its sales channel, shipping option and
 * stock location). The scheduled import is off, so nothing imports behind a test's back; tests import themselves.
 * Created through the built plugin's workflow, the same module instance the app uses.
 */
export async function createStoreAccount(
  container: MedusaContainer,
  simulatorUrl: string,
  store: Pick<SeededStore, "salesChannelId" | "shippingOptionId" | "stockLocationId">,
  overrides: Record<string, unknown> = {}
): Promise<{ id: string; name: string }> {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { createAmazonAccountWorkflow } = require("medusa-plugin-amazon/workflows")
  const { result } = await createAmazonAccountWorkflow(container).run({
    input: accountForSimulator(simulatorUrl, {
      import_orders: false,
      sales_channel_id: store.salesChannelId,
      shipping_option_id: store.shippingOptionId,
      stock_location_id: store.stockLocationId,
      ...overrides,
    }),
  })
  return result
}
