import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { retryAmazonOrderImportWorkflow } from "../../../../../../workflows/import-orders/retry-amazon-order-import"
import { AMAZON_ORDER_DETAIL_FIELDS } from "../../query"

/** Imports a parked ("needs attention") Amazon order again, e.g. after the merchant fixed a SKU. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await retryAmazonOrderImportWorkflow(req.scope).run({ input: { id: req.params.id } })
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "amazon_order", fields: AMAZON_ORDER_DETAIL_FIELDS, filters: { id: req.params.id } })
  res.json({ amazon_order: data[0] })
}
