import { Readable } from "node:stream"
import { runInNewContext } from "node:vm"
import { setFlagsFromString } from "node:v8"
import { parseAmount, parseSettlementDate, readSettlementReport, SettlementFileError, type SettlementLine } from "../index"

const HEADER = [
  "settlement-id", "settlement-start-date", "settlement-end-date", "deposit-date", "total-amount", "currency", "transaction-type",
  "order-id", "merchant-order-id", "adjustment-id", "shipment-id", "marketplace-name", "amount-type", "amount-description", "amount",
  "fulfillment-id", "posted-date", "posted-date-time", "order-item-code", "merchant-order-item-id", "merchant-adjustment-item-id", "sku",
  "quantity-purchased", "promotion-id",
]

function tsv(rows: Record<string, string>[], header = HEADER): string {
  return [header.join("\t"), ...rows.map((row) => header.map((name) => row[name] ?? "").join("\t"))].join("\n") + "\n"
}

function streamOf(text: string, chunkSize = 7): Readable {
  const buffer = Buffer.from(text, "utf8")
  const chunks: Buffer[] = []
  for (let offset = 0; offset < buffer.length; offset += chunkSize) chunks.push(buffer.subarray(offset, offset + chunkSize))
  return Readable.from(chunks)
}

async function readAll(text: string) {
  const reader = await readSettlementReport(streamOf(text))
  const lines: SettlementLine[] = []
  for await (const line of reader.lines()) lines.push(line)
  return { summary: reader.summary, lines }
}

const line = (fields: Record<string, string>) => ({ "settlement-id": "12345678901", ...fields })

const US_FILE = tsv([
  line({ "settlement-start-date": "2026-03-01T00:00:00+00:00", "settlement-end-date": "2026-03-15T00:00:00+00:00", "deposit-date": "2026-03-17T00:00:00+00:00", "total-amount": "1,163.50", currency: "USD" }),
  line({ "transaction-type": "Order", "order-id": "111-1234567-1234567", "marketplace-name": "Amazon.com", "amount-type": "ItemPrice", "amount-description": "Principal", amount: "1,250.00", "fulfillment-id": "MFN", "posted-date": "2026-03-02", "posted-date-time": "2026-03-02 14:23:00 UTC", "order-item-code": "12345678901234", sku: "SKU-1", "quantity-purchased": "1" }),
  line({ "transaction-type": "Order", "order-id": "111-1234567-1234567", "amount-type": "ItemFees", "amount-description": "Commission", amount: "-46.51", "posted-date-time": "2026-03-02 14:23:00 UTC", sku: "SKU-1" }),
  line({ "transaction-type": "other-transaction", "amount-type": "other-transaction", "amount-description": "Subscription Fee", amount: "-39.99", "posted-date": "2026-03-03" }),
])

const DE_FILE = tsv([
  line({ "settlement-start-date": "01.03.2026 00:00:00 UTC", "settlement-end-date": "15.03.2026 00:00:00 UTC", "deposit-date": "17.03.2026 00:00:00 UTC", "total-amount": "148,06", currency: "EUR" }),
  line({ "transaction-type": "Order", "order-id": "302-1234567-1234567", "marketplace-name": "Amazon.de", "amount-type": "ItemPrice", "amount-description": "Principal", amount: "1.234,56", "posted-date": "02.03.2026", "posted-date-time": "02.03.2026 14:23:00 UTC", sku: "DE-1", "quantity-purchased": "2" }),
  line({ "transaction-type": "Order", "order-id": "302-1234567-1234567", "amount-type": "ItemFees", "amount-description": "Commission", amount: "-95,00", "posted-date": "02.03.2026" }),
  line({ "transaction-type": "Refund", "order-id": "302-7654321-7654321", "amount-type": "ItemPrice", "amount-description": "Principal", amount: "-1.234", "posted-date": "05.03.2026" }),
  line({ "transaction-type": "Refund", "order-id": "302-7654321-7654321", "amount-type": "ItemFees", "amount-description": "Commission", amount: "242,50", "posted-date": "05.03.2026" }),
])

describe("amounts in the marketplace's number format", () => {
  it.each([
    ["95,00", 2, 9500],
    ["1.234,56", 2, 123456],
    ["1,234.56", 2, 123456],
    ["-1.234.567,89", 2, -123456789],
    ["1,234", 2, 123400],
    ["1.234", 2, 123400],
    ["0.1", 2, 10],
    ["-0,00", 2, 0],
    ["1980", 0, 1980],
    ["1,980", 0, 1980],
    ["1.234", 3, 1234],
  ])("%s with %i decimals is %i minor units", (text, decimals, minor) => {
    expect(parseAmount(text, decimals, null).minor).toBe(minor)
  })

  it("keeps the exact decimal, which a float sum would not", () => {
    const values = ["0,10", "0,20"].map((text) => parseAmount(text, 2, ",").minor)
    expect(values.reduce((a, b) => a + b)).toBe(30)
    expect(parseAmount("-4,5", 2, null).decimal).toBe("-4.50")
  })

  it.each(["abc", "12,34,5", "1.2.3", "", "1,234.567", "--5", "5-", "1,23.45"])("refuses %p", (text) => {
    expect(() => parseAmount(text, 2, null)).toThrow(/not a number|more decimals/)
  })

  it("refuses a decimal mark that contradicts the file's", () => {
    expect(() => parseAmount("12.50", 2, ",")).toThrow(/uses "\." as decimal mark while the file uses ","/)
    // In a comma-decimal file "1.234" is thousands, in a dot-decimal one it would be three decimals.
    expect(parseAmount("1.234", 2, ",").minor).toBe(123400)
    expect(() => parseAmount("1.234", 2, ".")).toThrow(/more decimals/)
  })
})

describe("dates of settlement files", () => {
  it.each([
    ["2026-03-01T00:00:00+00:00", "2026-03-01T00:00:00.000Z"],
    ["2003-10-03T16:00:00-07:00", "2003-10-03T23:00:00.000Z"],
    ["2026-03-02 14:23:00 UTC", "2026-03-02T14:23:00.000Z"],
    ["2026-03-02", "2026-03-02T00:00:00.000Z"],
    ["02.03.2026", "2026-03-02T00:00:00.000Z"],
    ["02.03.2026 14:23:00 UTC", "2026-03-02T14:23:00.000Z"],
    ["2026-03-02T14:23:00Z", "2026-03-02T14:23:00.000Z"],
  ])("%s", (text, iso) => {
    expect(parseSettlementDate(text)?.toISOString()).toBe(iso)
  })

  it.each(["03/02/26", "31.02.2026", "2026-13-01", "yesterday"])("refuses %p", (text) => {
    expect(parseSettlementDate(text)).toBeNull()
  })
})

describe("readSettlementReport", () => {
  it("reads a US file: summary, lines by header name, exact amounts", async () => {
    const { summary, lines } = await readAll(US_FILE)
    expect(summary).toEqual({
      settlementId: "12345678901",
      startDate: "2026-03-01T00:00:00.000Z",
      endDate: "2026-03-15T00:00:00.000Z",
      depositDate: "2026-03-17T00:00:00.000Z",
      currency: "USD",
      totalAmount: "1163.50",
      totalAmountMinor: 116350,
      currencyDecimals: 2,
      line: 2,
    })
    expect(lines.map((entry) => [entry.line, entry.transactionType, entry.orderId, entry.amountType, entry.amountDescription, entry.amount])).toEqual([
      [3, "Order", "111-1234567-1234567", "ItemPrice", "Principal", "1250.00"],
      [4, "Order", "111-1234567-1234567", "ItemFees", "Commission", "-46.51"],
      [5, "other-transaction", null, "other-transaction", "Subscription Fee", "-39.99"],
    ])
    expect(lines[0]).toMatchObject({ postedDate: "2026-03-02T14:23:00.000Z", sku: "SKU-1", quantityPurchased: 1, fulfillmentId: "MFN", orderItemCode: "12345678901234" })
    expect(lines[2].postedDate).toBe("2026-03-03T00:00:00.000Z")
  })

  it("reads a DE file with comma decimals, thousands dots and dotted dates", async () => {
    const { summary, lines } = await readAll(DE_FILE)
    expect(summary).toMatchObject({ currency: "EUR", totalAmount: "148.06", depositDate: "2026-03-17T00:00:00.000Z" })
    expect(lines.map((entry) => entry.amountMinor)).toEqual([123456, -9500, -123400, 24250])
    expect(lines[0].postedDate).toBe("2026-03-02T14:23:00.000Z")
  })

  it("tolerates unknown columns, another column order and CRLF line ends, keeping unknown values", async () => {
    const header = ["amount", "transaction-type", "settlement-id", "currency", "total-amount", "x-new-column", "settlement-start-date", "settlement-end-date", "deposit-date", "order-id", "amount-type", "amount-description"]
    const text = tsv(
      [
        line({ "settlement-start-date": "2026-03-01", "settlement-end-date": "2026-03-15", "deposit-date": "", "total-amount": "10.00", currency: "GBP" }),
        line({ "transaction-type": "Order", "order-id": "202-1234567-1234567", "amount-type": "ItemPrice", "amount-description": "Principal", amount: "10.00", "x-new-column": "kept" }),
      ],
      header
    ).replace(/\n/g, "\r\n")
    const { summary, lines } = await readAll(text)
    expect(summary.depositDate).toBeNull()
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({ amount: "10.00", other: { "x-new-column": "kept" }, postedDate: null, sku: null })
  })

  async function failure(text: string): Promise<SettlementFileError> {
    try {
      await readAll(text)
    } catch (error) {
      expect(error).toBeInstanceOf(SettlementFileError)
      return error as SettlementFileError
    }
    throw new Error("the file was accepted")
  }

  it("rejects a truncated file, naming the line where it stops", async () => {
    const inTheMiddle = await failure(US_FILE.slice(0, US_FILE.indexOf("ItemFees") + 12))
    expect(inTheMiddle.message).toBe("Line 4 of the settlement report stops after 14 of its 24 columns: the file is cut off or damaged there.")
    expect(inTheMiddle.line).toBe(4)
    const inTheAmount = await failure(US_FILE.slice(0, US_FILE.indexOf("-46.51") + 5))
    expect(inTheAmount.message).toBe("The 2 amount lines of the settlement report add up to 1203.50 USD, its total-amount is 1163.50 USD: the file is cut off in line 4.")
    expect(inTheAmount.line).toBe(4)
    const withoutLastLine = US_FILE.split("\n").slice(0, 4).join("\n") + "\n"
    expect((await failure(withoutLastLine)).message).toMatch(/incomplete or damaged after line 4/)
    expect((await failure(US_FILE.split("\n")[0] + "\n")).message).toBe("The settlement report has a header but no settlement summary line: the file is cut off.")
    expect((await failure("")).message).toBe("The settlement report is empty: it has no header line.")
  })

  it("rejects a wrong header", async () => {
    const error = await failure(US_FILE.replace("amount-description", "description").replace("currency", "curr"))
    expect(error.message).toBe("Line 1 of the settlement report is not the header of a V2 settlement flat file: the columns currency, amount-description are missing.")
    expect(error.line).toBe(1)
  })

  it("rejects a non-numeric amount, naming the line", async () => {
    const error = await failure(US_FILE.replace("-46.51", "n/a"))
    expect(error.message).toBe('Line 4 of the settlement report has amount "n/a" is not a number.')
    expect(error.line).toBe(4)
    expect((await failure(US_FILE.replace("-46.51", ""))).message).toBe("Line 4 of the settlement report has no amount.")
  })

  it("rejects an unknown currency", async () => {
    const error = await failure(US_FILE.replace("\tUSD\t", "\tXYZ\t"))
    expect(error.message).toBe('Line 2 of the settlement report has currency "XYZ", which is not an ISO 4217 currency code.')
  })

  it("rejects lines of another settlement, a summary line with a transaction, a bad date and extra columns", async () => {
    expect((await failure(US_FILE.replace(/\n12345678901(\tOther|[^\n]*Subscription)/, "\n99999999999$1"))).message).toMatch(
      /Line 5 of the settlement report belongs to settlement "99999999999", not to 12345678901/
    )
    expect((await failure(US_FILE.replace("\tUSD\t", "\tUSD\tOrder"))).message).toMatch(/Line 2 of the settlement report should carry the settlement summary/)
    expect((await failure(US_FILE.replace("2026-03-02 14:23:00 UTC", "03/02/26"))).message).toBe(
      'Line 3 of the settlement report has posted-date-time "03/02/26", which is not a date.'
    )
    expect((await failure(US_FILE.replace("SKU-1\t1\t", "SKU-1\t1\t\textra\t"))).message).toMatch(/Line 3 of the settlement report has 26 columns, the header 24/)
  })

  describe("streaming", () => {
    const summaryRow = (total: string) =>
      line({ "settlement-start-date": "2026-03-01T00:00:00+00:00", "settlement-end-date": "2026-03-15T00:00:00+00:00", "deposit-date": "2026-03-17T00:00:00+00:00", "total-amount": total, currency: "EUR" })

    /** A settlement file of `count` lines, made as it is read: it never exists whole. */
    function generated(count: number, progress: { produced: number }): Readable {
      const perLine = ["Order", "", "", "", "Amazon.de", "ItemPrice", "Principal", "12,34", "AFN", "02.03.2026", "02.03.2026 14:23:00 UTC", "", "", "", "SKU", "1", ""]
      const totalMinor = 1234 * count
      const total = `${Math.floor(totalMinor / 100)},${String(totalMinor % 100).padStart(2, "0")}`
      function* lines() {
        yield HEADER.join("\t") + "\n" + HEADER.map((name) => summaryRow(total)[name as keyof ReturnType<typeof summaryRow>] ?? "").join("\t") + "\n"
        for (let index = 0; index < count; index += 500) {
          let chunk = ""
          for (let offset = index; offset < Math.min(count, index + 500); offset++) {
            const orderId = `302-${String(offset).padStart(7, "0")}-0000001`
            chunk += ["12345678901", "", "", "", "", "", perLine[0], orderId, ...perLine.slice(1)].join("\t") + "\n"
          }
          progress.produced += 500
          yield chunk
        }
      }
      return Readable.from(lines(), { objectMode: false, highWaterMark: 64 * 1024 })
    }

    it("yields lines while the file is still arriving", async () => {
      const progress = { produced: 0 }
      const reader = await readSettlementReport(generated(20_000, progress))
      let producedAtFirstLine = -1
      let count = 0
      for await (const _ of reader.lines()) {
        if (count === 0) producedAtFirstLine = progress.produced
        count++
      }
      expect(count).toBe(20_000)
      expect(producedAtFirstLine).toBeLessThan(20_000 / 2)
    })

    it("reads 100,000 lines with flat memory", async () => {
      setFlagsFromString("--expose-gc")
      const gc = runInNewContext("gc") as () => void
      const heapAfterGc = () => {
        gc()
        return process.memoryUsage().heapUsed
      }
      const reader = await readSettlementReport(generated(100_000, { produced: 0 }))
      const samples: number[] = []
      let count = 0
      let sum = 0
      for await (const entry of reader.lines()) {
        count++
        sum += entry.amountMinor
        if (count % 20_000 === 0) samples.push(heapAfterGc())
      }
      expect(count).toBe(100_000)
      expect(sum).toBe(123_400_000)
      // Holding the lines would grow the heap by tens of MB between the first and the last sample.
      const growth = Math.max(...samples) - samples[0]
      expect(growth).toBeLessThan(8 * 1024 * 1024)
    }, 60_000)
  })
})
