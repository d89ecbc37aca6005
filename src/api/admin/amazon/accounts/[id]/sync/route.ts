import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { importAmazonOrdersWorkflow } from "../../../../../../workflows/import-orders/import-amazon-orders"

/** "Sync now": imports the account's Amazon orders at once, whatever its interval. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { result } = await importAmazonOrdersWorkflow(req.scope).run({
    input: { account_id: req.params.id, trigger: "manual" },
  })
  res.json({ sync_run: result.run, ran: result.ran, reason: result.reason })
}
