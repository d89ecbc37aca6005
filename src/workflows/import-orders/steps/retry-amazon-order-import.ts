import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"
import { createMedusaOrdersFromAmazonWorkflow } from "../create-medusa-orders-from-amazon"
import { amazonOrderImportLockKey, IMPORT_LOCK_WAIT_SECONDS } from "./import-amazon-order-pages"

export type RetryAmazonOrderImportResult = {
  amazon_order_id: string
  import_state: "staged" | "imported" | "needs_attention" | "skipped"
  attention_reason: string | null
  order_id: string | null
  message: string
}

export const retryAmazonOrderImportStepId = "retry-amazon-order-import"

/**
 * Tries again to turn one staged Amazon order into a Medusa order, from its stored snapshot (after the merchant
 * fixed what its attention reason said, e.g. gave a variant the missing SKU). Takes the same lock as the
 * import, so a retry and a running import never both create it.
 */
export const retryAmazonOrderImportStep = createStep(retryAmazonOrderImportStepId, async (input: { id: string }, { container }) => {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  const [row] = await amazon.listAmazonOrders({ id: input.id }, { select: ["id", "amazon_order_id", "account_id"], take: 1 })
  if (!row) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `No staged Amazon order with id ${input.id} exists. Reload the Amazon orders list.`)
  }
  const accountId = (row as unknown as { account_id: string }).account_id
  const locking = container.resolve(Modules.LOCKING)
  await locking.execute(
    amazonOrderImportLockKey(accountId),
    async () => {
      await createMedusaOrdersFromAmazonWorkflow(container).run({ input: { account_id: accountId, staging_ids: [row.id] } })
    },
    { timeout: IMPORT_LOCK_WAIT_SECONDS }
  )
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [after],
  } = await query.graph({
    entity: "amazon_order",
    fields: ["id", "amazon_order_id", "import_state", "attention_reason", "status", "order.id"],
    filters: { id: row.id },
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
