import path from "node:path"
import { amazonIntegrationTestRunner } from "../helpers/medusa-runner"
import { startSimulator } from "../../simulator"
import { createAdminHeaders } from "../helpers/admin"
import { accountForSimulator, SIMULATOR_SELLER } from "../helpers/simulator-account"
import { captureProcessOutput } from "../helpers/capture-output"
import { expectTrafficConformsToAmazonModels } from "../helpers/conformance"

jest.setTimeout(240 * 1000)

const output = captureProcessOutput()

amazonIntegrationTestRunner({
  cwd: path.join(__dirname, "../app"),
  inApp: true,
  testSuite: ({ api, getContainer, dbConnection }) => {
    let simulator: Awaited<ReturnType<typeof startSimulator>>
    let admin: { headers: Record<string, string> }

    beforeAll(async () => {
      simulator = await startSimulator({ port: 0, timeScale: 1000 })
    })
    afterAll(async () => {
      await simulator?.close()
    })
    beforeEach(async () => {
      admin = await createAdminHeaders(getContainer())
      simulator.reset()
    })
    afterEach(() => {
      // Whatever each test made the plugin send must be exactly what Amazon's models allow.
      expectTrafficConformsToAmazonModels(simulator)
    })

    async function createAccount(overrides: Record<string, unknown> = {}) {
      const response = await api.post("/admin/amazon/accounts", accountForSimulator(simulator.url, overrides), admin)
      expect(response.status).toBe(201)
      return response.data.account
    }

    it("refuses anonymous requests", async () => {
      const error = await api.get("/admin/amazon/accounts").catch((e: any) => e)
      expect(error.response.status).toBe(401)
    })

    it("rejects an incomplete account with a sentence naming the missing setting", async () => {
      const { refresh_token, ...withoutToken } = accountForSimulator(simulator.url)
      const error = await api.post("/admin/amazon/accounts", withoutToken, admin).catch((e: any) => e)
      expect(error.response.status).toBe(400)
      expect(JSON.stringify(error.response.data)).toMatch(/refresh_token/)
    })

    it("stores credentials encrypted and never returns them", async () => {
      const account = await createAccount()
      expect(account).toMatchObject({ name: "Amazon US (simulator)", has_lwa_client_secret: true, has_refresh_token: true })
      const body = JSON.stringify(account)
      expect(body).not.toContain(SIMULATOR_SELLER.lwa_client_secret)
      expect(body).not.toContain(SIMULATOR_SELLER.refresh_token)
      expect(body).not.toMatch(/_encrypted/)

      const [row] = (
        await dbConnection.raw(`select lwa_client_secret_encrypted, refresh_token_encrypted from amazon_account where id = ?`, [account.id])
      ).rows
      expect(row.refresh_token_encrypted).toMatch(/^v1:/)
      expect(row.refresh_token_encrypted).not.toContain("sim-refresh-token")
      expect(row.lwa_client_secret_encrypted).not.toContain("sim-secret")

      const listed = await api.get("/admin/amazon/accounts", admin)
      expect(JSON.stringify(listed.data)).not.toContain(SIMULATOR_SELLER.refresh_token)
      const fetched = await api.get(`/admin/amazon/accounts/${account.id}`, admin)
      expect(fetched.data.account.id).toBe(account.id)
    })

    it("keeps saved secrets when an update leaves them blank", async () => {
      const account = await createAccount()
      const updated = await api.post(
        `/admin/amazon/accounts/${account.id}`,
        { name: "Amazon US", import_interval_minutes: 15, lwa_client_secret: "" },
        admin
      )
      expect(updated.data.account).toMatchObject({ name: "Amazon US", import_interval_minutes: 15, has_lwa_client_secret: true })
      const test = await api.post(`/admin/amazon/accounts/${account.id}/test-connection`, {}, admin)
      expect(test.data.sync_run.status).toBe("succeeded")
    })

    it("tests the connection against the simulator and records a sync run", async () => {
      const account = await createAccount()
      const response = await api.post(`/admin/amazon/accounts/${account.id}/test-connection`, {}, admin)
      expect(response.data.sync_run).toMatchObject({ kind: "connection_test", status: "succeeded" })
      expect(response.data.sync_run.message).toMatch(/Connected/)

      // Filtered by kind: the once-a-minute import job may also have run for this account meanwhile.
      const runs = await api.get(`/admin/amazon/sync-runs?account_id=${account.id}&kind=connection_test`, admin)
      expect(runs.data.count).toBe(1)
      expect(runs.data.sync_runs[0]).toMatchObject({ kind: "connection_test", status: "succeeded" })
      expect(runs.data.sync_runs[0].duration_ms).toBeGreaterThanOrEqual(0)

      const refreshed = await api.get(`/admin/amazon/accounts/${account.id}`, admin)
      expect(refreshed.data.account.last_connection_ok).toBe(true)

      // The simulator saw a token request and an SP-API call carrying Amazon's Host header.
      const paths = simulator.requests().map((r) => r.path)
      expect(paths).toContain("/auth/o2/token")
      expect(simulator.requests().some((r) => String(r.headers.host).startsWith("sellingpartnerapi-na.amazon.com"))).toBe(true)
    })

    it("explains a bad credential", async () => {
      const account = await createAccount({ lwa_client_secret: "wrong-secret" })
      const { data } = await api.post(`/admin/amazon/accounts/${account.id}/test-connection`, {}, admin)
      expect(data.sync_run.status).toBe("failed")
      expect(data.sync_run.message).toMatch(/credential|client secret|client ID/i)
      expect(data.sync_run.message).not.toContain("wrong-secret")
    })

    it("explains an unreachable endpoint", async () => {
      const account = await createAccount({ api_endpoint: "http://127.0.0.1:9", token_endpoint: "http://127.0.0.1:9/auth/o2/token" })
      const { data } = await api.post(`/admin/amazon/accounts/${account.id}/test-connection`, {}, admin)
      expect(data.sync_run.status).toBe("failed")
      expect(data.sync_run.message).toMatch(/reach/i)
      expect(data.sync_run.message).toMatch(/endpoint/i)
    })

    it("explains a 429 storm", async () => {
      const account = await createAccount()
      simulator.injectFault({ operation: "searchOrders", kind: "429", times: 50 })
      const { data } = await api.post(`/admin/amazon/accounts/${account.id}/test-connection`, {}, admin)
      expect(data.sync_run.status).toBe("failed")
      expect(data.sync_run.message).toMatch(/throttl/i)
    })

    it("explains a malformed answer", async () => {
      const account = await createAccount()
      simulator.injectFault({ operation: "searchOrders", kind: "malformed", times: 50 })
      const { data } = await api.post(`/admin/amazon/accounts/${account.id}/test-connection`, {}, admin)
      expect(data.sync_run.status).toBe("failed")
      expect(data.sync_run.message).toMatch(/not valid JSON|malformed|could not be read/i)
    })

    it("never writes a secret to the log or to any response", async () => {
      const account = await createAccount({ lwa_client_secret: "wrong-secret-xyz" })
      await api.post(`/admin/amazon/accounts/${account.id}/test-connection`, {}, admin)
      const everything = output.text()
      for (const secret of [SIMULATOR_SELLER.refresh_token, SIMULATOR_SELLER.lwa_client_secret, "wrong-secret-xyz"]) {
        expect(everything).not.toContain(secret)
      }
      for (const entry of simulator.requests()) {
        expect(JSON.stringify(entry.responseBody ?? "")).not.toContain(SIMULATOR_SELLER.refresh_token)
      }
    })
  },
})
