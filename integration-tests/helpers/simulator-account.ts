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
