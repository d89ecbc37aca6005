import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { crashPoint } from "../../../utils/crash-point"

export const findReservedLineItemsStepId = "find-reserved-amazon-line-items"

/** Line items that have a reservation already (made by a run that died before finishing), so none is reserved twice. */
export const findReservedLineItemsStep = createStep(findReservedLineItemsStepId, async (lineItemIds: string[], { container }) => {
  crashPoint("after-links")
  if (!lineItemIds.length) return new StepResponse([] as string[])
  const reservations = await container
    .resolve(Modules.INVENTORY)
    .listReservationItems({ line_item_id: lineItemIds }, { select: ["id", "line_item_id"], take: null })
  return new StepResponse([...new Set(reservations.map((reservation) => reservation.line_item_id).filter((id): id is string => !!id))])
})
