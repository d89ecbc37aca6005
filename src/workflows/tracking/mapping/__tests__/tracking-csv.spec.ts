import { groupTrackingLines, parseShipDate, parseTrackingCsv } from "../tracking-csv"

const NOW = new Date("2026-11-23T15:00:00.000Z")

describe("tracking CSV", () => {
  it("reads lines by header name, whatever their order and spelling, with spreadsheet row numbers", () => {
    const withoutOrderColumn = "\uFEFFTracking Number,Carrier\n1Z999AA10123456784,UPS\n"
    expect(parseTrackingCsv(withoutOrderColumn, NOW)).toMatchObject({ ok: false, message: expect.stringContaining('no "order (Amazon order id or order number)" column') })

    const parsed = parseTrackingCsv(
      [
        "\uFEFFTracking Number,carrier,Amazon Order ID,Ship Date,SKU,Qty",
        "1Z999AA10123456784,UPS,111-1234567-1234567,2026-11-22,,",
        '"RM 123 GB","Royal Mail",#1042,2026-11-23T09:30:00Z,MUG,2',
        "",
      ].join("\r\n"),
      NOW
    )
    expect(parsed).toEqual({
      ok: true,
      errors: [],
      lines: [
        { row: 2, order: { kind: "amazon", amazon_order_id: "111-1234567-1234567" }, carrier: "UPS", tracking_number: "1Z999AA10123456784", ship_date: "2026-11-22T12:00:00.000Z", sku: null, quantity: null },
        { row: 3, order: { kind: "display", display_id: 1042 }, carrier: "Royal Mail", tracking_number: "RM 123 GB", ship_date: "2026-11-23T09:30:00.000Z", sku: "MUG", quantity: 2 },
      ],
    })
  })

  it("reports each bad line with its reason and keeps the good ones", () => {
    const parsed = parseTrackingCsv(
      [
        "order,carrier,tracking_number,ship_date,sku,quantity",
        "111-1234567-1234567,UPS,1Z1,,,",
        "ABC,UPS,1Z2,,,",
        "111-1234567-7654321,,1Z3,,,",
        "111-1234567-7654321,UPS,,,,",
        "111-1234567-7654321,UPS,1Z4,23/11/2026,,",
        "111-1234567-7654321,UPS,1Z5,2026-11-30,,",
        "111-1234567-7654321,UPS,1Z6,,,2",
        "111-1234567-7654321,UPS,1Z7,,MUG,0",
      ].join("\n"),
      NOW
    )
    if (!parsed.ok) throw new Error(parsed.message)
    expect(parsed.lines.map((line) => line.row)).toEqual([2])
    expect(parsed.errors.map((error) => [error.row, error.message])).toEqual([
      [3, expect.stringContaining('"ABC" is neither an Amazon order id')],
      [4, expect.stringContaining("The carrier is empty")],
      [5, expect.stringContaining("The tracking number is empty")],
      [6, expect.stringContaining('The ship date "23/11/2026" is not a date')],
      [7, expect.stringContaining("is in the future")],
      [8, expect.stringContaining("A quantity needs the SKU")],
      [9, expect.stringContaining('The quantity "0" is not a whole number of at least 1')],
    ])
    expect(parsed.errors[1]).toMatchObject({ amazon_order_id: "111-1234567-7654321" })
  })

  it("refuses files that are not CSV or have no package lines", () => {
    expect(parseTrackingCsv('order,carrier,tracking\n"111-1234567-1234567,UPS,1Z', NOW)).toMatchObject({ ok: false, message: expect.stringMatching(/^The file is not valid CSV .*upload it again\.$/) })
    expect(parseTrackingCsv("order,carrier,tracking number\n", NOW)).toMatchObject({ ok: false, message: expect.stringContaining("no packages") })
    expect(parseTrackingCsv("", NOW)).toMatchObject({ ok: false, message: expect.stringContaining("The file is empty") })
  })

  it("treats a bare ship date as noon UTC of that day, or now if that is still ahead", () => {
    expect(parseShipDate("2026-11-20", NOW)?.toISOString()).toBe("2026-11-20T12:00:00.000Z")
    expect(parseShipDate("2026-11-23", new Date("2026-11-23T08:00:00Z"))?.toISOString()).toBe("2026-11-23T08:00:00.000Z")
    expect(parseShipDate("2026-02-30", NOW)).toBeNull()
  })

  it("groups lines of one order and tracking number into one package, and refuses contradictory groups", () => {
    const parsed = parseTrackingCsv(
      [
        "order,carrier,tracking number,sku,quantity",
        "111-1234567-1234567,UPS,1ZA,MUG,1",
        "111-1234567-1234567,UPS,1za,SHIRT,",
        "111-1234567-1234567,UPS,1ZB,,",
        "111-1234567-7654321,UPS,1ZC,MUG,1",
        "111-1234567-7654321,DHL,1ZC,SHIRT,1",
        "111-1234567-1111111,UPS,1ZD,MUG,1",
        "111-1234567-1111111,UPS,1ZD,,",
      ].join("\n"),
      NOW
    )
    if (!parsed.ok) throw new Error(parsed.message)
    const { groups, errors } = groupTrackingLines(parsed.lines)
    expect(groups).toEqual([
      { rows: [2, 3], order: { kind: "amazon", amazon_order_id: "111-1234567-1234567" }, carrier: "UPS", tracking_number: "1ZA", ship_date: null, skus: [{ sku: "MUG", quantity: 1 }, { sku: "SHIRT", quantity: null }] },
      { rows: [4], order: { kind: "amazon", amazon_order_id: "111-1234567-1234567" }, carrier: "UPS", tracking_number: "1ZB", ship_date: null, skus: null },
    ])
    expect(errors.map((error) => error.row)).toEqual([5, 6, 7, 8])
    expect(errors[0].message).toContain("different carriers")
    expect(errors[2].message).toContain("only some name a SKU")
  })
})

describe("tracking CSV — only printable tracking numbers and carriers", () => {
  const NOW_ = new Date("2026-11-23T15:00:00Z")
  const header = "order,carrier,tracking number\n"

  function rowErrors(body: string) {
    const parsed = parseTrackingCsv(header + body, NOW_)
    if (!parsed.ok) throw new Error(parsed.message)
    return parsed
  }

  it("refuses formula-looking tracking numbers, naming the line", () => {
    const parsed = rowErrors(
      [
        '111-1234567-1234567,UPS,"=HYPERLINK(""http://evil.example"",""track"")"',
        "111-1234567-1234568,UPS,+1Z999",
        "111-1234567-1234569,UPS,-1Z999",
        "111-1234567-1234570,UPS,@SUM(A1)",
        "111-1234567-1234571,UPS,1Z999AA10123456784",
      ].join("\n")
    )
    expect(parsed.errors.map((error) => error.row)).toEqual([2, 3, 4, 5])
    expect(parsed.errors[0].message).toMatch(/spreadsheet formula/)
    expect(parsed.lines.map((line) => line.tracking_number)).toEqual(["1Z999AA10123456784"])
  })

  it("refuses invalid UTF-8 and control characters in tracking numbers and carriers", () => {
    const invalidUtf8 = Buffer.from([0x31, 0x5a, 0xff, 0xfe, 0x39]).toString("utf8")
    const parsed = rowErrors(
      [
        `111-1234567-1234567,UPS,${invalidUtf8}`,
        "111-1234567-1234568,UPS,1Z\u0007999",
        "111-1234567-1234569,U\u0000PS,1Z999",
        "111-1234567-1234570,UPS,1Z\u202E999",
        `111-1234567-1234571,${"\uD800"}DHL,1Z999`,
      ].join("\n")
    )
    expect(parsed.lines).toEqual([])
    expect(parsed.errors.map((error) => error.row)).toEqual([2, 3, 4, 5, 6])
    expect(parsed.errors[0].message).toMatch(/not valid UTF-8/)
    expect(parsed.errors[1].message).toMatch(/control or invisible characters/)
    expect(parsed.errors[2].message).toMatch(/carrier contains control/)
    expect(parsed.errors[4].message).toMatch(/carrier contains characters that are not valid UTF-8/)
  })

  it("keeps carriers with ordinary punctuation and accents", () => {
    const parsed = rowErrors("111-1234567-1234567,Colissimo / La Poste (Île-de-France),8R00000000001")
    expect(parsed.errors).toEqual([])
    expect(parsed.lines[0].carrier).toBe("Colissimo / La Poste (Île-de-France)")
  })
})
