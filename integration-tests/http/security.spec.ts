import http from "node:http"
import type { AddressInfo } from "node:net"
import path from "node:path"
import { amazonIntegrationTestRunner } from "../helpers/medusa-runner"
import { startSimulator } from "../../simulator"
import { createAdminHeaders } from "../helpers/admin"
import { accountForSimulator, SIMULATOR_SELLER } from "../helpers/simulator-account"

jest.setTimeout(240 * 1000)

/** A server of "the attacker's": it records every request it receives, headers and body. */
async function startCaptureServer(host: string) {
  const received: string[] = []
  const server = http.createServer((request, response) => {
    let body = ""
    request.on("data", (chunk) => (body += chunk))
    request.on("end", () => {
      received.push(`${request.method} ${request.url}\n${JSON.stringify(request.headers)}\n${body}`)
      response.writeHead(200, { "content-type": "application/json" })
      response.end(JSON.stringify({ access_token: "Atza|captured", token_type: "bearer", expires_in: 3600 }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  const port = (server.address() as AddressInfo).port
  return {
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

function expectNoSecretIn(received: string[]) {
  const everything = received.join("\n")
  expect(everything).not.toContain(SIMULATOR_SELLER.lwa_client_secret)
  expect(everything).not.toContain(encodeURIComponent(SIMULATOR_SELLER.refresh_token))
  expect(everything).not.toContain(SIMULATOR_SELLER.refresh_token)
}

amazonIntegrationTestRunner({
  cwd: path.join(__dirname, "../app"),
  inApp: true,
  testSuite: ({ api, getContainer, dbConnection }) => {
    let simulator: Awaited<ReturnType<typeof startSimulator>>
    // 127.0.0.2 is this machine too, but not a host the test app allows (it allows 127.0.0.1 and localhost).
    let capture: Awaited<ReturnType<typeof startCaptureServer>>
    let admin: { headers: Record<string, string> }

    beforeAll(async () => {
      simulator = await startSimulator({ port: 0, timeScale: 1000 })
      capture = await startCaptureServer("0.0.0.0")
    })
    afterAll(async () => {
      await simulator?.close()
      await capture?.close()
    })
    beforeEach(async () => {
      admin = await createAdminHeaders(getContainer())
      simulator.reset()
      capture.received.length = 0
    })

    async function createAccount(overrides: Record<string, unknown> = {}) {
      const response = await api.post("/admin/amazon/accounts", accountForSimulator(simulator.url, overrides), admin)
      expect(response.status).toBe(201)
      return response.data.account
    }

    async function refused(request: Promise<unknown>) {
      const error = await request.then(
        () => {
          throw new Error("expected the request to be refused")
        },
        (e: any) => e
      )
      return { status: error.response?.status, message: String(error.response?.data?.message ?? "") }
    }

    describe("endpoints that receive credentials", () => {
      it("refuses a token endpoint on a host the store does not allow, and nothing is sent to it", async () => {
        const account = await createAccount()
        const { status, message } = await refused(
          api.post(`/admin/amazon/accounts/${account.id}`, { token_endpoint: `http://127.0.0.2:${capture.port}/token` }, admin)
        )
        expect(status).toBe(400)
        expect(message).toMatch(/allowedEndpointHosts/)

        await api.post(`/admin/amazon/accounts/${account.id}/test-connection`, {}, admin)
        expect(capture.received).toEqual([])
        const saved = await api.get(`/admin/amazon/accounts/${account.id}`, admin)
        expect(saved.data.account.token_endpoint).toBe(`${simulator.url}/auth/o2/token`)
        expect(saved.data.account.has_refresh_token).toBe(true)
      })

      it("clears the saved secrets when only the token endpoint changes, so Test connection sends none to it", async () => {
        const account = await createAccount()
        const updated = await api.post(
          `/admin/amazon/accounts/${account.id}`,
          { token_endpoint: `http://localhost:${capture.port}/token` },
          admin
        )
        expect(updated.data.account).toMatchObject({ has_lwa_client_secret: false, has_refresh_token: false })

        const { data } = await api.post(`/admin/amazon/accounts/${account.id}/test-connection`, {}, admin)
        expect(data.sync_run.status).toBe("failed")
        expect(data.sync_run.message).toMatch(/no saved credentials/)
        expectNoSecretIn(capture.received)
        expect(capture.received).toEqual([])
      })

      it("keeps secrets typed in the same request that changes the endpoint", async () => {
        const account = await createAccount({ api_endpoint: null, token_endpoint: null })
        const updated = await api.post(
          `/admin/amazon/accounts/${account.id}`,
          {
            api_endpoint: simulator.url,
            token_endpoint: `${simulator.url}/auth/o2/token`,
            lwa_client_secret: SIMULATOR_SELLER.lwa_client_secret,
            refresh_token: SIMULATOR_SELLER.refresh_token,
          },
          admin
        )
        expect(updated.data.account).toMatchObject({ has_lwa_client_secret: true, has_refresh_token: true })
        const { data } = await api.post(`/admin/amazon/accounts/${account.id}/test-connection`, {}, admin)
        expect(data.sync_run.status).toBe("succeeded")
      })

      it("does not treat the same endpoint sent back unchanged as a change", async () => {
        const account = await createAccount()
        const updated = await api.post(
          `/admin/amazon/accounts/${account.id}`,
          { name: "Renamed", api_endpoint: account.api_endpoint, token_endpoint: account.token_endpoint },
          admin
        )
        expect(updated.data.account).toMatchObject({ name: "Renamed", has_lwa_client_secret: true, has_refresh_token: true })
      })

      it("refuses file:, ftp: and Amazon look-alike hosts with a sentence saying what is allowed and where", async () => {
        for (const token_endpoint of ["file:///etc/passwd", "ftp://127.0.0.1/token"]) {
          const { status, message } = await refused(api.post("/admin/amazon/accounts", accountForSimulator(simulator.url, { token_endpoint }), admin))
          expect(status).toBe(400)
          expect(message).toMatch(/https:\/\//)
        }
        const { status, message } = await refused(
          api.post("/admin/amazon/accounts", accountForSimulator(simulator.url, { api_endpoint: "https://sellingpartnerapi-na.amazon.com.attacker.example" }), admin)
        )
        expect(status).toBe(400)
        expect(message).toMatch(/not one of Amazon's hosts.*allowedEndpointHosts/)
      })

      it("refuses to hand saved credentials to an endpoint the store no longer allows", async () => {
        const account = await createAccount()
        // As if the store's allowed hosts had shrunk after the account was saved.
        await dbConnection.raw(`update amazon_account set token_endpoint = ? where id = ?`, [
          `http://127.0.0.2:${capture.port}/token`,
          account.id,
        ])
        const { data } = await api.post(`/admin/amazon/accounts/${account.id}/test-connection`, {}, admin)
        expect(data.sync_run.status).toBe("failed")
        expect(data.sync_run.message).toMatch(/was not sent its credentials.*allowedEndpointHosts/)
        expect(capture.received).toEqual([])
      })
    })

    describe("configuration status", () => {
      it("says the encryption key is configured and which other hosts are allowed", async () => {
        const { data } = await api.get("/admin/amazon/status", admin)
        // The status also reports the payment provider (amazon-payment.spec.ts checks that part).
        expect(data.status).toMatchObject({
          encryption_key_configured: true,
          encryption_key_message: null,
          allowed_endpoint_hosts: ["127.0.0.1", "localhost"],
        })
      })
    })

    describe("tracking CSV upload", () => {
      it("refuses formula-looking tracking numbers, invalid UTF-8 and control characters, naming each line", async () => {
        // Bytes that are not UTF-8, as a spreadsheet saved in Latin-1 produces them, decoded the way the upload is.
        const latin1Carrier = Buffer.from([0x44, 0x48, 0x4c, 0xe9]).toString("utf8")
        const csv = [
          "order,carrier,tracking number",
          '111-4000000-0000011,UPS,"=HYPERLINK(""http://evil.example"",""Track"")"',
          "111-4000000-0000012,UPS,@SUM(A1)",
          `111-4000000-0000013,${latin1Carrier},1Z999AA10123456784`,
          "111-4000000-0000014,UPS,1Z999\u0007AA1",
        ].join("\n")
        const response = await api.post("/admin/amazon/tracking-imports", { csv }, admin)
        expect(response.data).toMatchObject({ done: 0, errors: 4 })
        const byRow = Object.fromEntries(response.data.rows.map((row: any) => [row.row, row.message]))
        expect(byRow[2]).toMatch(/spreadsheet formula/)
        expect(byRow[3]).toMatch(/spreadsheet formula/)
        expect(byRow[4]).toMatch(/carrier contains characters that are not valid UTF-8/)
        expect(byRow[5]).toMatch(/control or invisible characters/)
        const stored = await dbConnection.raw(`select count(*)::int as count from amazon_tracking_push`)
        expect(stored.rows[0].count).toBe(0)
      })
    })

    describe("malformed ids", () => {
      const bad = ["does-not-exist", "%00", "'%20or%201=1--", "x".repeat(600)]
      const routes = (id: string): Array<[string, string]> => [
        ["get", `/admin/amazon/accounts/${id}`],
        ["post", `/admin/amazon/accounts/${id}`],
        ["delete", `/admin/amazon/accounts/${id}`],
        ["post", `/admin/amazon/accounts/${id}/sync`],
        ["post", `/admin/amazon/accounts/${id}/test-connection`],
        ["get", `/admin/amazon/orders/${id}`],
        ["post", `/admin/amazon/orders/${id}/retry`],
        ["post", `/admin/amazon/tracking/${id}/retry`],
        ["get", `/admin/orders/${id}/amazon`],
      ]

      it("answer 400 or 404 (or an empty result), never 500", async () => {
        const failures: string[] = []
        for (const id of bad) {
          for (const [method, url] of routes(id)) {
            const response = await (method === "get" || method === "delete"
              ? (api as any)[method](url, admin)
              : (api as any)[method](url, method === "post" && url.endsWith(id) ? { name: "x" } : {}, admin)
            ).catch((e: any) => e.response)
            const status = response?.status
            if (!(status === 400 || status === 404 || (status === 200 && method === "get" && url.startsWith("/admin/orders/")))) {
              failures.push(`${method.toUpperCase()} ${url.slice(0, 80)} → ${status} ${JSON.stringify(response?.data).slice(0, 160)}`)
            }
          }
        }
        expect(failures).toEqual([])
      })
    })
  },
})
