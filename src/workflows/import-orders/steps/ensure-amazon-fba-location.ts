import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  AMAZON_FBA_LOCATION_ID,
  AMAZON_FBA_LOCATION_NAME,
  IMPORTED_SHIPMENT_METADATA_KEY,
  MANUAL_FULFILLMENT_PROVIDER_ID,
} from "../mapping/imported-shipment"

export const ensureAmazonFbaLocationStepId = "ensure-amazon-fba-location"

function isUniqueViolation(error: unknown): boolean {
  const text = `${(error as { name?: string })?.name ?? ""} ${(error as { message?: string })?.message ?? ""} ${(error as { type?: string })?.type ?? ""}`
  return /unique|duplicate|already exists/i.test(text)
}

/**
 * The "Amazon FBA" stock location that FBA shipments are recorded at (the admin's fulfilment card names the
 * location; Amazon's warehouses are not the store's). Made once, with a fixed id: two workers creating it at the
 * same instant collide on the primary key and the loser reads the winner's; a location the merchant deleted is
 * restored. Linked to the manual fulfilment provider, as Medusa links every location to the providers shipping
 * from it. No inventory level is ever added to it, so no stock count of the store moves.
 * No compensation: the location is set-up shared by every import, not an effect of this run.
 */
export const ensureAmazonFbaLocationStep = createStep(ensureAmazonFbaLocationStepId, async (input: { needed: boolean }, { container }) => {
  if (!input.needed) return new StepResponse(null as string | null)
  const stockLocations = container.resolve(Modules.STOCK_LOCATION)
  const [existing] = await stockLocations.listStockLocations({ id: AMAZON_FBA_LOCATION_ID }, { select: ["id", "deleted_at"], withDeleted: true } as any)
  if (!existing) {
    try {
      await stockLocations.createStockLocations({
        id: AMAZON_FBA_LOCATION_ID,
        name: AMAZON_FBA_LOCATION_NAME,
        metadata: { [IMPORTED_SHIPMENT_METADATA_KEY]: true, note: "Amazon's fulfilment centres: FBA shipments are recorded here; it holds no stock of the store." },
      } as any)
    } catch (error) {
      if (!isUniqueViolation(error)) throw error
    }
  } else if ((existing as any).deleted_at) {
    await stockLocations.restoreStockLocations([AMAZON_FBA_LOCATION_ID])
  }

  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "stock_location", fields: ["id", "fulfillment_providers.id"], filters: { id: AMAZON_FBA_LOCATION_ID } })
  const linked = ((data[0] as any)?.fulfillment_providers ?? []).some((provider: { id: string } | null) => provider?.id === MANUAL_FULFILLMENT_PROVIDER_ID)
  if (!linked) {
    try {
      await container.resolve(ContainerRegistrationKeys.LINK).create({
        [Modules.STOCK_LOCATION]: { stock_location_id: AMAZON_FBA_LOCATION_ID },
        [Modules.FULFILLMENT]: { fulfillment_provider_id: MANUAL_FULFILLMENT_PROVIDER_ID },
      })
    } catch (error) {
      if (!isUniqueViolation(error)) throw error
    }
  }
  return new StepResponse(AMAZON_FBA_LOCATION_ID as string | null)
})
