import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"
import { availableAtLocation, matchVendorLine, type VariantCandidate } from "../../../modules/amazon/vendor/variant-match"

export const matchVendorLinesToVariantsStepId = "match-amazon-vendor-lines-to-variants"

type LineMatch = { id: string; variant_id: string | null; variant_sku: string | null; available_quantity: number | null; match_note: string | null }

/**
 * Matches the lines of the given POs to Medusa variants (by vendor product id as SKU, then barcode / EAN / UPC)
 * and records the stock available beside each line, at the account's stock location when it has one.
 */
export const matchVendorLinesToVariantsStep = createStep(
  matchVendorLinesToVariantsStepId,
  async (input: { account_id: string; purchase_order_ids: string[] }, { container }) => {
    if (!input.purchase_order_ids.length) return new StepResponse({ matched: 0 }, [] as LineMatch[])
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const account = await amazon.retrieveAmazonAccount(input.account_id, { select: ["id", "stock_location_id"] })
    const lines = await amazon.listAmazonVendorPurchaseOrderLines({ purchase_order_id: input.purchase_order_ids }, { take: null })
    const identifiers = [...new Set(lines.map((line) => line.vendor_product_id).filter((id): id is string => !!id))]
    const candidates: VariantCandidate[] = []
    if (identifiers.length) {
      const fields = ["id", "sku", "barcode", "ean", "upc", "manage_inventory", "inventory_items.required_quantity", "inventory_items.inventory.location_levels.*"]
      const seen = new Set<string>()
      for (const filter of [{ sku: identifiers }, { barcode: identifiers }, { ean: identifiers }, { upc: identifiers }]) {
        const { data } = await query.graph({ entity: "product_variant", fields, filters: filter as any })
        for (const variant of data as any[]) {
          if (seen.has(variant.id)) continue
          seen.add(variant.id)
          candidates.push({
            id: variant.id,
            sku: variant.sku ?? null,
            barcodes: [variant.barcode, variant.ean, variant.upc].filter(Boolean),
            available: variant.manage_inventory === false ? null : availableAtLocation(variant.inventory_items ?? [], account.stock_location_id ?? null),
          })
        }
      }
    }
    const previous: LineMatch[] = []
    const updates: LineMatch[] = []
    for (const line of lines) {
      const match = matchVendorLine(line.vendor_product_id ?? null, candidates)
      const next = { id: line.id, ...match }
      if (line.variant_id === next.variant_id && line.available_quantity === next.available_quantity && line.match_note === next.match_note) continue
      previous.push({ id: line.id, variant_id: line.variant_id ?? null, variant_sku: line.variant_sku ?? null, available_quantity: line.available_quantity ?? null, match_note: line.match_note ?? null })
      updates.push(next)
    }
    if (updates.length) await amazon.updateAmazonVendorPurchaseOrderLines(updates)
    return new StepResponse({ matched: updates.length }, previous)
  },
  async (previous, { container }) => {
    if (!previous?.length) return
    await container.resolve<AmazonModuleService>(AMAZON_MODULE).updateAmazonVendorPurchaseOrderLines(previous)
  }
)
