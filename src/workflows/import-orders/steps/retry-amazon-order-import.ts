import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"

export type RetryAmazonOrderImportResult = {
  amazon_order_id: string
  import_state: "staged" | "imported" | "needs_attention" | "skipped"
  attention_reason: string | null
  order_id: string | null
  message: string
}

export const findStagedAmazonOrderStepId = "find-staged-amazon-order"

/** The staged row and its account, or a 404 sentence. */
export const findStagedAmazonOrderStep = createStep(findStagedAmazonOrderStepId, async (input: { id: string }, { container }) => {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  const [row] = await amazon.listAmazonOrders({ id: input.id }, { select: ["id", "amazon_order_id", "account_id"], take: 1 })
  if (!row) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `No staged Amazon order with id ${input.id} exists. Reload the Amazon orders list.`)
  }
  return new StepResponse({ id: row.id, account_id: (row as unknown as { account_id: string }).account_id })
})

export const describeAmazonOrderRetryStepId = "describe-amazon-order-retry"

/** What the retry achieved, as the merchant reads it. */
export const describeAmazonOrderRetryStep = createStep(describeAmazonOrderRetryStepId, async (input: { id: string }, { container }) => {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [after],
  } = await query.graph({
    entity: "amazon_order",
    fields: ["id", "amazon_order_id", "import_state", "attention_reason", "status", "order.id"],
    filters: { id: input.id },
  })
  const orderId: string | null = after.order?.id ?? null
  const result: RetryAmazonOrderImportResult = {
    amazon_order_id: after.amazon_order_id,
    import_state: after.import_state,
    attention_reason: after.attention_reason ?? null,
    order_id: orderId,
    message: orderId
      ? `Amazon order ${after.amazon_order_id} is imported.`
      : after.import_state === "needs_attention"
        ? `Amazon order ${after.amazon_order_id} still needs attention: ${after.attention_reason}`
        : after.import_state === "skipped"
          ? `Amazon order ${after.amazon_order_id} will not be imported: ${after.attention_reason ?? "it was cancelled, or FBA import is switched off."}`
          : `Amazon order ${after.amazon_order_id} is not ready to import yet (Amazon status ${after.status}); it is imported once Amazon releases it.`,
  }
  return new StepResponse(result)
})
