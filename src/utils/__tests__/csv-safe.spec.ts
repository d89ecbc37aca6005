import { csvCell, csvLine, looksLikeFormula, neutraliseFormula } from "../csv-safe"
import { boundFields, cutText } from "../bounded-text"

describe("CSV export cells", () => {
  it("neutralises cells a spreadsheet would evaluate", () => {
    expect(neutraliseFormula('=HYPERLINK("http://x","y")')).toBe(`'=HYPERLINK("http://x","y")`)
    expect(neutraliseFormula("+1+2")).toBe("'+1+2")
    expect(neutraliseFormula("-2+3")).toBe("'-2+3")
    expect(neutraliseFormula("@SUM(A1)")).toBe("'@SUM(A1)")
    expect(neutraliseFormula("\t=1")).toBe("'\t=1")
  })

  it("leaves ordinary text and plain numbers alone", () => {
    expect(neutraliseFormula("1Z999AA10123456784")).toBe("1Z999AA10123456784")
    expect(neutraliseFormula("-12.50")).toBe("-12.50")
    expect(neutraliseFormula("a=b")).toBe("a=b")
  })

  it("quotes cells with separators and neutralises inside the quotes", () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvLine(["a,b", 3, null, "=1"])).toBe(`"a,b",3,,'=1`)
  })

  it("recognises formula-looking values", () => {
    expect(looksLikeFormula("=1")).toBe(true)
    expect(looksLikeFormula("  @x")).toBe(true)
    expect(looksLikeFormula("1Z999")).toBe(false)
  })
})

describe("bounded text", () => {
  it("cuts on code points and names what was cut", () => {
    expect(cutText("😀😀😀", 2)).toEqual({ text: "😀😀", cut: true })
    expect(cutText("short", 10)).toEqual({ text: "short", cut: false })
    const { value, cutFields } = boundFields({ a: "x".repeat(300), b: "ok", c: null }, 255, "shipping_address.")
    expect(value.a).toHaveLength(255)
    expect(value.b).toBe("ok")
    expect(cutFields).toEqual(["shipping_address.a"])
  })
})
