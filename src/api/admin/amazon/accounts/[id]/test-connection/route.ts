import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { testAmazonConnectionWorkflow } from "../../../../../../workflows/connection/test-amazon-connection"

export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { result } = await testAmazonConnectionWorkflow(req.scope).run({
    input: { account_id: req.params.id, trigger: "manual" },
  })
  res.json({ sync_run: result })
}
