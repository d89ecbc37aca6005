import { updateOrderWorkflow } from "@medusajs/medusa/core-flows"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { AmazonOrder } from "../../../modules/amazon/sp-api/types"
import { addressCorrection, type AddressFields } from "../mapping/address-correction"
import type { ImportProblem } from "../types"

export const applyAmazonAddressCorrectionsStepId = "apply-amazon-address-corrections"

/** Who the order change is recorded for in the admin's activity. */
const AMAZON_IMPORT_ACTOR = "amazon-order-import"

type Correction = { order_id: string; amazon_order_id: string; previous: AddressFields }

/**
 * Amazon lets buyers correct the delivery address until the order ships. The warehouse ships to the Medusa
 * order's address, so a correction seen on an imported, not yet shipped FBM order is applied to it through
 * Medusa's own updateOrderWorkflow (which records the change and emits order.updated for the store's ERP).
 */
export const applyAmazonAddressCorrectionsStep = createStep(
  applyAmazonAddressCorrectionsStepId,
  async (input: { staging_ids: string[] }, { container }) => {
    const corrected: Correction[] = []
    const problems: ImportProblem[] = []
    if (!input.staging_ids.length) return new StepResponse({ corrected: [] as string[], problems }, corrected)
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "amazon_order",
      fields: ["id", "amazon_order_id", "fulfillment_channel", "status", "import_state", "snapshot", "order.id", "order.status", "order.shipping_address.*"],
      filters: { id: input.staging_ids, import_state: "imported", fulfillment_channel: "FBM", status: ["UNSHIPPED", "PARTIALLY_SHIPPED"] },
    })
    for (const row of data as any[]) {
      const order = row.order
      if (!order || order.status === "canceled") continue
      const correction = addressCorrection(order.shipping_address ?? null, (row.snapshot as AmazonOrder).shippingAddress)
      if (!correction) continue
      try {
        await updateOrderWorkflow(container).run({
          input: { id: order.id, user_id: AMAZON_IMPORT_ACTOR, shipping_address: correction.next as any },
        })
        corrected.push({ order_id: order.id, amazon_order_id: row.amazon_order_id, previous: correction.previous })
      } catch (error) {
        problems.push({
          amazon_order_id: row.amazon_order_id,
          message: `The buyer corrected the delivery address on Amazon, but the Medusa order could not be updated (${(error as Error).message}). Update the address of the Medusa order by hand before shipping.`,
        })
      }
    }
    return new StepResponse({ corrected: corrected.map((c) => c.amazon_order_id), problems }, corrected)
  },
  async (corrected, { container }) => {
    for (const { order_id, previous } of corrected ?? []) {
      await updateOrderWorkflow(container).run({ input: { id: order_id, user_id: AMAZON_IMPORT_ACTOR, shipping_address: previous as any } })
    }
  }
)
