import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const AMAZON_VENDOR_SALES_CHANNEL_ID = "sc_amazon_vendor"
export const AMAZON_VENDOR_SALES_CHANNEL_NAME = "Amazon Vendor"

function isUniqueViolation(error: unknown): boolean {
  const text = `${(error as { name?: string })?.name ?? ""} ${(error as { message?: string })?.message ?? ""} ${(error as { type?: string })?.type ?? ""}`
  return /unique|duplicate|already exists/i.test(text)
}

export const ensureAmazonVendorSalesChannelStepId = "ensure-amazon-vendor-sales-channel"

/**
 * The "Amazon Vendor" sales channel vendor orders are placed in, so the store's reports and hooks can tell Amazon's
 * wholesale demand from its shop. Made once, with a fixed id (two workers making it at once collide on the key and
 * the loser reads the winner's; one the merchant deleted is restored), and linked to the stock locations the orders
 * reserve at, which Medusa's own order edits re-reserve from. Set-up shared by every order: no compensation.
 */
export const ensureAmazonVendorSalesChannelStep = createStep(ensureAmazonVendorSalesChannelStepId, async (input: { stock_location_ids: string[] }, { container }) => {
  const salesChannels = container.resolve(Modules.SALES_CHANNEL)
  const [existing] = await salesChannels.listSalesChannels({ id: AMAZON_VENDOR_SALES_CHANNEL_ID }, { select: ["id", "deleted_at"], withDeleted: true } as any)
  if (!existing) {
    try {
      await salesChannels.createSalesChannels({
        id: AMAZON_VENDOR_SALES_CHANNEL_ID,
        name: AMAZON_VENDOR_SALES_CHANNEL_NAME,
        description: "Purchase orders Amazon retail placed with your Vendor Central account (accepted quantities, at cost).",
      } as any)
    } catch (error) {
      if (!isUniqueViolation(error)) throw error
    }
  } else if ((existing as any).deleted_at) {
    await salesChannels.restoreSalesChannels([AMAZON_VENDOR_SALES_CHANNEL_ID])
  }
  if (input.stock_location_ids.length) {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "sales_channel", fields: ["id", "stock_locations.id"], filters: { id: AMAZON_VENDOR_SALES_CHANNEL_ID } })
    const linked = new Set(((data[0] as any)?.stock_locations ?? []).filter(Boolean).map((location: { id: string }) => location.id))
    const link = container.resolve(ContainerRegistrationKeys.LINK)
    for (const locationId of input.stock_location_ids.filter((id) => !linked.has(id))) {
      try {
        await link.create({ [Modules.SALES_CHANNEL]: { sales_channel_id: AMAZON_VENDOR_SALES_CHANNEL_ID }, [Modules.STOCK_LOCATION]: { stock_location_id: locationId } })
      } catch (error) {
        if (!isUniqueViolation(error)) throw error
      }
    }
  }
  return new StepResponse(AMAZON_VENDOR_SALES_CHANNEL_ID)
})
