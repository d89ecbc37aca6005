/**
 * Cells of CSV files the plugin exports (settlements and later) are opened in spreadsheets, which execute a cell
 * that starts with = + - @ (or a tab / carriage return before one) as a formula, e.g. =HYPERLINK(...). Such a cell is
 * written with a leading apostrophe, which spreadsheets show as text and do not evaluate.
 */
const FORMULA_START = /^[=+\-@\t\r]/

/** Plain numbers such as -12.50 stay numbers: they cannot be formulas. */
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/

export function neutraliseFormula(value: string): string {
  if (!FORMULA_START.test(value) || PLAIN_NUMBER.test(value)) return value
  return `'${value}`
}

/** One CSV cell (RFC 4180 quoting) with formulas neutralised. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return ""
  const text = typeof value === "string" ? neutraliseFormula(value) : String(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvLine(values: Array<string | number | boolean | null | undefined>): string {
  return values.map(csvCell).join(",")
}

/** Looks like a spreadsheet formula (used to refuse such values where they are not allowed at all). */
export function looksLikeFormula(value: string): boolean {
  return FORMULA_START.test(value.trimStart()) || FORMULA_START.test(value)
}
