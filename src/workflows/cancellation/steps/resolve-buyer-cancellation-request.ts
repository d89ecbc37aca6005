import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"

export type ResolveBuyerCancellationRequestInput = { id: string; status: "accepted" | "declined"; feed_message_id?: string | null }

/** Answers an open buyer request once; a request answered already is refused with a sentence. */
export const resolveBuyerCancellationRequestStep = createStep(
  "resolve-buyer-cancellation-request",
  async (input: ResolveBuyerCancellationRequestInput, { container }) => {
    const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
    const resolved = await amazon.resolveBuyerCancellationRequest(input.id, input.status, input.feed_message_id ?? null)
    if (!resolved) {
      const [request] = await amazon.listAmazonCancellationRequests({ id: input.id }, { take: 1 })
      if (!request) throw new MedusaError(MedusaError.Types.NOT_FOUND, `The cancellation request ${input.id} was not found.`)
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `The buyer's cancellation request for Amazon order ${request.amazon_order_id} was answered already (${request.status}).`)
    }
    return new StepResponse({ id: input.id, status: input.status })
  }
)

/** Reads the open request (and refuses a closed one) before anything is queued. */
export const loadOpenBuyerCancellationRequestStep = createStep("load-open-buyer-cancellation-request", async (input: { id: string }, { container }) => {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  const [request] = await amazon.listAmazonCancellationRequests({ id: input.id }, { take: 1 })
  if (!request) throw new MedusaError(MedusaError.Types.NOT_FOUND, `The cancellation request ${input.id} was not found.`)
  if (request.status !== "open") {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `The buyer's cancellation request for Amazon order ${request.amazon_order_id} was answered already (${request.status}).`)
  }
  const [row] = await amazon.listAmazonOrders({ id: request.amazon_order_row_id }, { select: ["id"], take: 1 })
  if (!row) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Amazon order ${request.amazon_order_id} is no longer staged.`)
  return new StepResponse({ id: request.id, amazon_order_row_id: request.amazon_order_row_id, amazon_order_id: request.amazon_order_id })
})
