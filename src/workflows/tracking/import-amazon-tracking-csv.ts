import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { parseTrackingCsvStep } from "./steps/parse-tracking-csv"
import { shipTrackingCsvPackagesStep } from "./steps/ship-tracking-csv-packages"

export type { TrackingImportRow } from "./steps/ship-tracking-csv-packages"

export type ImportAmazonTrackingCsvInput = { csv: string }

export const importAmazonTrackingCsvWorkflowId = "import-amazon-tracking-csv"

/**
 * The merchant's bulk tracking upload: one CSV line per package (or per SKU of a partial package) → Medusa
 * fulfillments and shipments → shipment confirmations to Amazon. Returns one result per line.
 */
export const importAmazonTrackingCsvWorkflow = createWorkflow(importAmazonTrackingCsvWorkflowId, (input: ImportAmazonTrackingCsvInput) => {
  const parsed = parseTrackingCsvStep(input)
  return new WorkflowResponse(shipTrackingCsvPackagesStep(parsed))
})
