import path from "node:path"
import { amazonIntegrationTestRunner } from "../helpers/medusa-runner"
import { createAdminHeaders } from "../helpers/admin"
import { accountForSimulator } from "../helpers/simulator-account"

// A store without an encryption key: medusa-config reads this before the runner boots the app (the runner's own
// `env` option is applied only after the config is read). Empty means "not set" for the test app.
const previousKey = process.env.AMAZON_CREDENTIALS_KEY
process.env.AMAZON_CREDENTIALS_KEY = ""

jest.setTimeout(240 * 1000)

amazonIntegrationTestRunner({
  cwd: path.join(__dirname, "../app"),
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let admin: { headers: Record<string, string> }
    afterAll(() => {
      if (previousKey === undefined) delete process.env.AMAZON_CREDENTIALS_KEY
      else process.env.AMAZON_CREDENTIALS_KEY = previousKey
    })
    beforeEach(async () => {
      admin = await createAdminHeaders(getContainer())
    })

    it("tells the admin before anyone types a secret", async () => {
      const { data } = await api.get("/admin/amazon/status", admin)
      expect(data.status.encryption_key_configured).toBe(false)
      expect(data.status.encryption_key_message).toMatch(/encryptionKey.*AMAZON_CREDENTIALS_KEY/)
    })

    it("answers creating an account with a 400 sentence saying what to set, never 500", async () => {
      const error = await api.post("/admin/amazon/accounts", accountForSimulator("http://127.0.0.1:9"), admin).catch((e: any) => e)
      expect(error.response.status).toBe(400)
      expect(error.response.data.message).toMatch(/no encryption key.*plugin option `encryptionKey`.*AMAZON_CREDENTIALS_KEY/)
      const listed = await api.get("/admin/amazon/accounts", admin)
      expect(listed.data.accounts).toEqual([])
    })
  },
})
