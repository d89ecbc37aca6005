import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { AMAZON_MODULE } from "../../../../../modules/amazon"
import type AmazonModuleService from "../../../../../modules/amazon/service"
import { deleteAmazonAccountWorkflow } from "../../../../../workflows/accounts/delete-amazon-account"
import { updateAmazonAccountWorkflow } from "../../../../../workflows/accounts/update-amazon-account"
import { assertMarketplacesInRegion } from "../../../../../modules/amazon/sp-api/marketplaces"
import type { AdminUpdateAmazonAccountType } from "../../validators"

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const amazon: AmazonModuleService = req.scope.resolve(AMAZON_MODULE)
  const account = await amazon.retrieveAmazonAccount(req.params.id)
  res.json({ account: amazon.toPublicAccount(account) })
}

export async function POST(req: AuthenticatedMedusaRequest<AdminUpdateAmazonAccountType>, res: MedusaResponse) {
  const { region, marketplace_ids } = req.validatedBody
  if (region || marketplace_ids) {
    // Either half may change alone: the other half is the saved one.
    const saved = await req.scope.resolve<AmazonModuleService>(AMAZON_MODULE).retrieveAmazonAccount(req.params.id)
    assertMarketplacesInRegion(region ?? saved.region, marketplace_ids ?? (saved.marketplace_ids as string[]))
  }
  const { result } = await updateAmazonAccountWorkflow(req.scope).run({
    input: { ...(req.validatedBody as any), id: req.params.id },
  })
  res.json({ account: result })
}

export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  // Answers 404 for an account that does not exist, instead of "deleted" for nothing.
  const amazon: AmazonModuleService = req.scope.resolve(AMAZON_MODULE)
  await amazon.retrieveAmazonAccount(req.params.id)
  await deleteAmazonAccountWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "amazon_account", deleted: true })
}
