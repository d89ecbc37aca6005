import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createMedusaOrdersFromAmazonWorkflow } from "./create-medusa-orders-from-amazon"
import { amazonOrderImportLockKey, IMPORT_LOCK_WAIT_SECONDS } from "./import-amazon-orders"
import { describeAmazonOrderRetryStep, findStagedAmazonOrderStep } from "./steps/retry-amazon-order-import"

/** id: the staged amazon_order row (prefix amzord_), as listed in admin. */
export type RetryAmazonOrderImportInput = { id: string }

export const retryAmazonOrderImportWorkflowId = "retry-amazon-order-import"

/**
 * Tries again to turn one staged Amazon order into a Medusa order, from its stored snapshot (after the merchant
 * fixed what its attention reason said, e.g. gave a variant the missing SKU). Takes the same lock as the
 * import, so a retry and a running import never both create it.
 */
export const retryAmazonOrderImportWorkflow = createWorkflow(retryAmazonOrderImportWorkflowId, (input: RetryAmazonOrderImportInput) => {
  const row = findStagedAmazonOrderStep(input)
  const lockKey = transform({ row }, ({ row }) => amazonOrderImportLockKey(row.account_id))
  acquireLockStep({ key: lockKey, timeout: IMPORT_LOCK_WAIT_SECONDS, ttl: IMPORT_LOCK_WAIT_SECONDS })
  createMedusaOrdersFromAmazonWorkflow.runAsStep({
    input: transform({ row }, ({ row }) => ({ account_id: row.account_id, staging_ids: [row.id] })),
  })
  releaseLockStep({ key: lockKey })
  return new WorkflowResponse(describeAmazonOrderRetryStep(transform({ row }, ({ row }) => ({ id: row.id }))))
})
