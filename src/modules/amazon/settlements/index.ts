/**
 * Amazon settlements: reading the V2 settlement flat file. Pure code, no Medusa and no network.
 */
export { readSettlementReport, SettlementFileError } from "./parse-settlement-report"
export type { SettlementLine, SettlementReportReader, SettlementSummary } from "./parse-settlement-report"
export { parseAmount, currencyDecimals, formatMinor, AmountFormatError } from "./amounts"
export type { DecimalMark, ParsedAmount } from "./amounts"
export { parseSettlementDate } from "./dates"
