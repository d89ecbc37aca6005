import {
  absDecimal,
  addDecimal,
  compareDecimal,
  divideDecimalExactly,
  isDecimalString,
  isZeroDecimal,
  multiplyDecimal,
  negateDecimal,
  subtractDecimal,
  sumDecimals,
} from "../money"

describe("money (decimal strings)", () => {
  it("adds without floating-point error", () => {
    expect(addDecimal("0.1", "0.2")).toBe("0.3")
    expect(addDecimal("19.99", "1.65")).toBe("21.64")
    expect(addDecimal("24.99", "1")).toBe("25.99")
  })

  it("keeps zero-decimal currencies (JPY) whole", () => {
    expect(addDecimal("19940", "60")).toBe("20000")
    expect(subtractDecimal("19940", "5980")).toBe("13960")
    expect(sumDecimals(["5980", "13960"])).toBe("19940")
    expect(multiplyDecimal("6980", 2)).toBe("13960")
  })

  it("subtracts into negatives and back", () => {
    expect(subtractDecimal("2.00", "2.50")).toBe("-0.50")
    expect(subtractDecimal("-0.50", "-0.50")).toBe("0.00")
    expect(addDecimal("-2.00", "2.00")).toBe("0.00")
  })

  it("sums lists and says null for no data", () => {
    expect(sumDecimals(["1.65", "0.41", "0.005"])).toBe("2.065")
    expect(sumDecimals([])).toBeNull()
  })

  it("negates and takes absolute values", () => {
    expect(negateDecimal("3.99")).toBe("-3.99")
    expect(negateDecimal("-3.99")).toBe("3.99")
    expect(absDecimal("-2.00")).toBe("2.00")
    expect(absDecimal("0")).toBe("0")
  })

  it("divides only when exact", () => {
    expect(divideDecimalExactly("49.98", 2)).toBe("24.99")
    expect(divideDecimalExactly("19940", 2)).toBe("9970")
    expect(divideDecimalExactly("10.00", 3)).toBeNull()
    expect(divideDecimalExactly("19941", 2)).toBeNull()
    expect(divideDecimalExactly("0.00", 0)).toBeNull()
  })

  it("compares and recognises zero regardless of scale", () => {
    expect(compareDecimal("1.10", "1.1")).toBe(0)
    expect(compareDecimal("-1", "0.01")).toBe(-1)
    expect(compareDecimal("100", "99.999")).toBe(1)
    expect(isZeroDecimal("0.00")).toBe(true)
    expect(isZeroDecimal("-0.00")).toBe(true)
  })

  it("handles amounts beyond Number precision", () => {
    expect(addDecimal("9007199254740993.01", "0.01")).toBe("9007199254740993.02")
  })

  it("rejects what is not a decimal amount", () => {
    expect(isDecimalString("1e3")).toBe(false)
    expect(isDecimalString("12,50")).toBe(false)
    expect(isDecimalString("-0.5")).toBe(true)
    expect(() => addDecimal("abc", "1")).toThrow(TypeError)
    expect(() => multiplyDecimal("1.00", 1.5)).toThrow(TypeError)
  })
})
