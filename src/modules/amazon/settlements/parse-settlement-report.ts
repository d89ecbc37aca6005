/**
 * Streamed reading of Amazon's settlement report, GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2: a tab-separated
 * file with a header row, then one row with the settlement's summary (settlement-id, start, end, deposit date,
 * total-amount, currency), then one row per amount (Order/ItemPrice/Principal, Order/ItemFees/Commission, Refund
 * rows, other-transaction rows, …).
 *
 * Columns are found by their header name, so the columns real files carry beyond the documented ones (and any
 * order of them) are fine; what a line carries in unknown columns is kept in `other`. The file is read as it
 * arrives: lines are yielded while later bytes are still on the way, and nothing keeps earlier lines, so a
 * 100,000-line file takes no more memory than a short one.
 *
 * The last check needs the whole file: the amounts of all lines must add up to the summary's total-amount. A file
 * cut off in transit fails it, so a consumer stores nothing of a report until its lines were read to the end.
 * Every problem of the file is a SettlementFileError whose message names the line; an error of the source (e.g.
 * the SpApiError of a download that broke off) comes out as it is.
 */
import { pipeline, Transform, type Readable } from "node:stream"
import { parse } from "csv-parse"
import { AmountFormatError, currencyDecimals, formatMinor, parseAmount, type DecimalMark } from "./amounts"
import { parseSettlementDate } from "./dates"

export class SettlementFileError extends Error {
  constructor(
    message: string,
    /** 1-based line of the file (the header is line 1); null when the file as a whole is wrong. */
    readonly line: number | null
  ) {
    super(message)
    this.name = "SettlementFileError"
  }
}

export type SettlementSummary = {
  settlementId: string
  /** ISO 8601 instants. */
  startDate: string
  endDate: string
  depositDate: string | null
  currency: string
  /** Plain decimal with the currency's decimals ("1847.32"); what Amazon pays out (negative: charged). */
  totalAmount: string
  totalAmountMinor: number
  /** Decimals of the currency (2 for EUR, 0 for JPY). */
  currencyDecimals: number
  line: number
}

export type SettlementLine = {
  /** Line of the file, for messages and for telling apart lines that are otherwise the same. */
  line: number
  settlementId: string
  transactionType: string
  orderId: string | null
  merchantOrderId: string | null
  adjustmentId: string | null
  shipmentId: string | null
  marketplaceName: string | null
  amountType: string | null
  amountDescription: string | null
  /** Plain decimal with the currency's decimals, whatever the file's number format ("-4.50"). */
  amount: string
  amountMinor: number
  fulfillmentId: string | null
  /** ISO 8601 instant from posted-date-time, else posted-date. */
  postedDate: string | null
  orderItemCode: string | null
  merchantOrderItemId: string | null
  merchantAdjustmentItemId: string | null
  sku: string | null
  quantityPurchased: number | null
  promotionId: string | null
  /** Non-empty values of columns this parser does not know, by header name. */
  other: Record<string, string>
}

export type SettlementReportReader = {
  summary: SettlementSummary
  /** The amount lines, once; throws a SettlementFileError at the first bad line or when the total does not add up. */
  lines(): AsyncGenerator<SettlementLine>
  /** Stops reading and releases the source (when the consumer gives up early). */
  close(): void
}

const REQUIRED_COLUMNS = [
  "settlement-id",
  "settlement-start-date",
  "settlement-end-date",
  "deposit-date",
  "total-amount",
  "currency",
  "transaction-type",
  "order-id",
  "amount-type",
  "amount-description",
  "amount",
] as const

const KNOWN_COLUMNS = new Set<string>([
  ...REQUIRED_COLUMNS,
  "merchant-order-id",
  "adjustment-id",
  "shipment-id",
  "marketplace-name",
  "fulfillment-id",
  "posted-date",
  "posted-date-time",
  "order-item-code",
  "merchant-order-item-id",
  "merchant-adjustment-item-id",
  "sku",
  "quantity-purchased",
  "promotion-id",
])

type Row = { values: string[]; line: number }

/**
 * Opens a settlement report: reads up to its summary row and resolves with it and the reader of its lines.
 * `source` is the document's bytes (e.g. streamDocument of the SP-API client), UTF-8, unpacked.
 */
export async function readSettlementReport(source: Readable | AsyncIterable<Buffer | string>): Promise<SettlementReportReader> {
  let lastByte: number | null = null
  const tracker = new Transform({
    transform(chunk: Buffer | string, _encoding, callback) {
      const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk
      if (buffer.length > 0) lastByte = buffer[buffer.length - 1]
      callback(null, buffer)
    },
  })
  const parser = parse({ delimiter: "\t", quote: false, bom: true, relax_column_count: true, skip_empty_lines: true, info: true, record_delimiter: ["\r\n", "\n"] })
  const parsed = pipeline(source as Readable, tracker, parser, () => undefined)
  const iterator = (parsed as AsyncIterable<{ record: string[]; info: { lines: number } }>)[Symbol.asyncIterator]()

  async function next(): Promise<Row | null> {
    let result: IteratorResult<{ record: string[]; info: { lines: number } }>
    try {
      result = await iterator.next()
    } catch (error) {
      if (error instanceof SettlementFileError) throw error
      // A failing source (a download that broke off) is not a fault of the file: its own error goes on unchanged.
      const code = (error as { code?: unknown })?.code
      if (!(typeof code === "string" && code.startsWith("CSV_"))) throw error
      const where = (error as { lines?: number })?.lines
      throw new SettlementFileError(
        `The settlement report could not be read${where ? ` at line ${where}` : ""}: ${(error as Error)?.message ?? String(error)}.`,
        typeof where === "number" ? where : null
      )
    }
    if (result.done) return null
    return { values: result.value.record, line: result.value.info.lines }
  }

  const close = () => {
    parser.destroy()
    ;(source as Readable).destroy?.()
  }

  try {
    const header = await next()
    if (!header) throw new SettlementFileError("The settlement report is empty: it has no header line.", null)
    const columns = header.values.map((name) => name.trim().toLowerCase())
    const index = new Map<string, number>()
    columns.forEach((name, position) => {
      if (name && !index.has(name)) index.set(name, position)
    })
    const missing = REQUIRED_COLUMNS.filter((name) => !index.has(name))
    if (missing.length > 0) {
      throw new SettlementFileError(
        `Line 1 of the settlement report is not the header of a V2 settlement flat file: the column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} ${missing.length > 1 ? "are" : "is"} missing.`,
        1
      )
    }
    const unknownColumns = columns.map((name, position) => [name, position] as const).filter(([name]) => name && !KNOWN_COLUMNS.has(name))

    const cell = (row: Row, name: string): string => {
      const position = index.get(name)
      return position === undefined ? "" : (row.values[position] ?? "").trim()
    }
    const checkWidth = (row: Row) => {
      if (row.values.length > columns.length) {
        throw new SettlementFileError(`Line ${row.line} of the settlement report has ${row.values.length} columns, the header ${columns.length}.`, row.line)
      }
    }
    const date = (row: Row, name: string, required: boolean): string | null => {
      const text = cell(row, name)
      if (!text) {
        if (required) throw new SettlementFileError(`Line ${row.line} of the settlement report has no ${name}.`, row.line)
        return null
      }
      const parsedDate = parseSettlementDate(text)
      if (!parsedDate) throw new SettlementFileError(`Line ${row.line} of the settlement report has ${name} "${text}", which is not a date.`, row.line)
      return parsedDate.toISOString()
    }

    const first = await next()
    if (!first) throw new SettlementFileError("The settlement report has a header but no settlement summary line: the file is cut off.", 2)
    checkWidth(first)
    if (cell(first, "transaction-type") || !cell(first, "total-amount")) {
      throw new SettlementFileError(
        `Line ${first.line} of the settlement report should carry the settlement summary (settlement-id, dates, total-amount, currency) and no transaction.`,
        first.line
      )
    }
    const settlementId = cell(first, "settlement-id")
    if (!/^\d{1,20}$/.test(settlementId)) {
      throw new SettlementFileError(`Line ${first.line} of the settlement report has settlement-id "${settlementId}", which is not Amazon's numeric settlement id.`, first.line)
    }
    const currency = cell(first, "currency").toUpperCase()
    const knownDecimals = currencyDecimals(currency)
    if (knownDecimals === null) {
      throw new SettlementFileError(`Line ${first.line} of the settlement report has currency "${cell(first, "currency")}", which is not an ISO 4217 currency code.`, first.line)
    }
    const decimals: number = knownDecimals
    let mark: DecimalMark | null = null
    const amount = (row: Row, name: string) => {
      try {
        const value = parseAmount(cell(row, name), decimals, mark)
        mark = mark ?? value.mark
        return value
      } catch (error) {
        if (!(error instanceof AmountFormatError)) throw error
        const text = cell(row, name)
        throw new SettlementFileError(
          text ? `Line ${row.line} of the settlement report has ${name} ${error.message}.` : `Line ${row.line} of the settlement report has no ${name}.`,
          row.line
        )
      }
    }
    const total = amount(first, "total-amount")
    const summary: SettlementSummary = {
      settlementId,
      startDate: date(first, "settlement-start-date", true)!,
      endDate: date(first, "settlement-end-date", true)!,
      depositDate: date(first, "deposit-date", false),
      currency,
      totalAmount: total.decimal,
      totalAmountMinor: total.minor,
      currencyDecimals: decimals,
      line: first.line,
    }
    if (Date.parse(summary.endDate) < Date.parse(summary.startDate)) {
      throw new SettlementFileError(`Line ${first.line} of the settlement report ends its settlement before it starts.`, first.line)
    }

    const optional = (row: Row, name: string) => cell(row, name) || null
    let consumed = false

    function readLine(row: Row): SettlementLine {
      checkWidth(row)
      const lineSettlementId = cell(row, "settlement-id")
      if (lineSettlementId !== settlementId) {
        throw new SettlementFileError(
          `Line ${row.line} of the settlement report belongs to settlement "${lineSettlementId}", not to ${settlementId} of its summary.`,
          row.line
        )
      }
      const lineCurrency = cell(row, "currency").toUpperCase()
      if (lineCurrency && lineCurrency !== currency) {
        throw new SettlementFileError(`Line ${row.line} of the settlement report is in ${lineCurrency}, its settlement in ${currency}.`, row.line)
      }
      const transactionType = cell(row, "transaction-type")
      if (!transactionType) throw new SettlementFileError(`Line ${row.line} of the settlement report has no transaction-type.`, row.line)
      const value = amount(row, "amount")
      const quantityText = cell(row, "quantity-purchased")
      if (quantityText && !/^\d+$/.test(quantityText)) {
        throw new SettlementFileError(`Line ${row.line} of the settlement report has quantity-purchased "${quantityText}", which is not a whole number.`, row.line)
      }
      const other: Record<string, string> = {}
      for (const [name, position] of unknownColumns) {
        const text = (row.values[position] ?? "").trim()
        if (text) other[name] = text
      }
      return {
        line: row.line,
        settlementId,
        transactionType,
        orderId: optional(row, "order-id"),
        merchantOrderId: optional(row, "merchant-order-id"),
        adjustmentId: optional(row, "adjustment-id"),
        shipmentId: optional(row, "shipment-id"),
        marketplaceName: optional(row, "marketplace-name"),
        amountType: optional(row, "amount-type"),
        amountDescription: optional(row, "amount-description"),
        amount: value.decimal,
        amountMinor: value.minor,
        fulfillmentId: optional(row, "fulfillment-id"),
        postedDate: date(row, "posted-date-time", false) ?? date(row, "posted-date", false),
        orderItemCode: optional(row, "order-item-code"),
        merchantOrderItemId: optional(row, "merchant-order-item-id"),
        merchantAdjustmentItemId: optional(row, "merchant-adjustment-item-id"),
        sku: optional(row, "sku"),
        quantityPurchased: quantityText ? Number(quantityText) : null,
        promotionId: optional(row, "promotion-id"),
        other,
      }
    }

    async function* lines(): AsyncGenerator<SettlementLine> {
      if (consumed) throw new Error("The lines of a settlement report can be read once.")
      consumed = true
      let sum = 0
      let count = 0
      let lastLine = first!.line
      try {
        for (let row = await next(); row; row = await next()) {
          lastLine = row.line
          let parsedLine: SettlementLine
          try {
            parsedLine = readLine(row)
          } catch (error) {
            // A line that stops short of the header's columns and is wrong is most likely where the file was cut.
            if (error instanceof SettlementFileError && row.values.length < columns.length) {
              throw new SettlementFileError(
                `Line ${row.line} of the settlement report stops after ${row.values.length} of its ${columns.length} columns: the file is cut off or damaged there.`,
                row.line
              )
            }
            throw error
          }
          sum += parsedLine.amountMinor
          if (!Number.isSafeInteger(sum)) throw new SettlementFileError(`Line ${row.line} of the settlement report makes the total too large to add up exactly.`, row.line)
          count++
          yield parsedLine
        }
        if (sum !== summary.totalAmountMinor) {
          const cutOff = lastByte !== null && lastByte !== 0x0a && lastByte !== 0x0d
          throw new SettlementFileError(
            `The ${count} amount lines of the settlement report add up to ${formatMinor(sum, decimals)} ${currency}, its total-amount is ${summary.totalAmount} ${currency}: ` +
              (cutOff ? `the file is cut off in line ${lastLine}.` : `the file is incomplete or damaged after line ${lastLine}.`),
            lastLine
          )
        }
      } finally {
        close()
      }
    }

    return { summary, lines, close }
  } catch (error) {
    close()
    throw error
  }
}
