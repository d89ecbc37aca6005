import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { importAmazonTrackingCsvWorkflow } from "../../../../workflows/tracking/import-amazon-tracking-csv"
import type { AdminImportAmazonTrackingType } from "../tracking/validators"

/**
 * Bulk tracking upload: `{ csv }` → one result per CSV line (`row` is the spreadsheet line number, the header
 * being line 1). A file that cannot be read at all is answered with 400 and a sentence saying what to fix.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminImportAmazonTrackingType>, res: MedusaResponse) {
  const { result: rows } = await importAmazonTrackingCsvWorkflow(req.scope).run({ input: { csv: req.validatedBody.csv } })
  res.json({
    rows,
    done: rows.filter((row) => row.status === "done").length,
    errors: rows.filter((row) => row.status === "error").length,
  })
}
