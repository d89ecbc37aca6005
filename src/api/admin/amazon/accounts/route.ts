import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { AMAZON_MODULE } from "../../../../modules/amazon"
import type AmazonModuleService from "../../../../modules/amazon/service"
import { createAmazonAccountWorkflow } from "../../../../workflows/accounts/create-amazon-account"
import { assertMarketplacesInRegion } from "../../../../modules/amazon/sp-api/marketplaces"
import type { AdminCreateAmazonAccountType } from "../validators"

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const amazon: AmazonModuleService = req.scope.resolve(AMAZON_MODULE)
  const accounts = await amazon.listAmazonAccounts({}, { order: { created_at: "ASC" } })
  res.json({ accounts: accounts.map((account) => amazon.toPublicAccount(account)) })
}

export async function POST(req: AuthenticatedMedusaRequest<AdminCreateAmazonAccountType>, res: MedusaResponse) {
  assertMarketplacesInRegion(req.validatedBody.region, req.validatedBody.marketplace_ids)
  const { result } = await createAmazonAccountWorkflow(req.scope).run({ input: req.validatedBody as any })
  res.status(201).json({ account: result })
}
