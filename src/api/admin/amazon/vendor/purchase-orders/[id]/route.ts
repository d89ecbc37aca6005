import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { VENDOR_PO_DETAIL_FIELDS } from "../query"

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "amazon_vendor_purchase_order", fields: VENDOR_PO_DETAIL_FIELDS, filters: { id: req.params.id } })
  if (!data.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `No vendor purchase order with id ${req.params.id}.`)
  const po = data[0] as any
  po.lines = [...(po.lines ?? [])].sort((a: any, b: any) => Number(a.item_sequence_number) - Number(b.item_sequence_number))
  po.acknowledgements = [...(po.acknowledgements ?? [])].sort((a: any, b: any) => +new Date(b.created_at) - +new Date(a.created_at))
  res.json({ purchase_order: po })
}
