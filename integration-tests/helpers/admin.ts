import { generateJwtToken, Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"

export const TEST_JWT_SECRET = "test-jwt-secret"

/** Creates an admin user and returns request headers carrying its token, as Medusa's own tests do. */
export async function createAdminHeaders(container: MedusaContainer, email = "admin@amazon-plugin.test") {
  const userModule = container.resolve(Modules.USER)
  const authModule = container.resolve(Modules.AUTH)
  const [existing] = await userModule.listUsers({ email })
  const user = existing ?? (await userModule.createUsers({ email }))
  const authIdentity = await authModule.createAuthIdentities({
    provider_identities: [{ provider: "emailpass", entity_id: `${email}-${Date.now()}` }],
    app_metadata: { user_id: user.id },
  })
  const token = generateJwtToken(
    { actor_id: user.id, actor_type: "user", auth_identity_id: authIdentity.id, app_metadata: { user_id: user.id } },
    { secret: TEST_JWT_SECRET, expiresIn: "1d" }
  )
  return { headers: { authorization: `Bearer ${token}` } }
}
