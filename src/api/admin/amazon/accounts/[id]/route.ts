import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
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
  const { region, marketplace_ids, vendor_codes } = req.validatedBody
  if (region || marketplace_ids || vendor_codes) {
    // Either half may change alone: the other half is the saved one.
    const saved = await req.scope.resolve<AmazonModuleService>(AMAZON_MODULE).retrieveAmazonAccount(req.params.id)
    if (saved.kind === "vendor" && vendor_codes && !vendor_codes.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "Enter at least one vendor code (Vendor Central → Settings → Account information).")
    }
    if (saved.kind !== "vendor" && marketplace_ids && !marketplace_ids.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "Choose at least one marketplace.")
    }
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
