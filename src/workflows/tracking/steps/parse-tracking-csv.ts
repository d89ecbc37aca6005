import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { groupTrackingLines, parseTrackingCsv, type RowError, type TrackingPackageGroup } from "../mapping/tracking-csv"

export type ParseTrackingCsvInput = { csv: string }

export type ParseTrackingCsvResult = { groups: TrackingPackageGroup[]; errors: RowError[] }

export const parseTrackingCsvStepId = "parse-tracking-csv"

/**
 * Reads the uploaded CSV into packages (lines of one order sharing a tracking number). Lines that cannot be read
 * become row errors and never stop the others; only a file that cannot be read at all (no header, not CSV) fails.
 */
export const parseTrackingCsvStep = createStep(parseTrackingCsvStepId, async (input: ParseTrackingCsvInput) => {
  const parsed = parseTrackingCsv(input.csv, new Date())
  if (!parsed.ok) throw new MedusaError(MedusaError.Types.INVALID_DATA, parsed.message)
  const grouped = groupTrackingLines(parsed.lines)
  return new StepResponse<ParseTrackingCsvResult>({ groups: grouped.groups, errors: [...parsed.errors, ...grouped.errors] })
})
