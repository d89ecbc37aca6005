import { buildSscc, formatSscc, gs1CheckDigit, gs1PrefixProblem, normalizeSscc, ssccCapacity, ssccProblem } from "../sscc"

describe("SSCC-18", () => {
  it("computes GS1 mod-10 check digits of known-good SSCCs", () => {
    // GS1's own example and a real carton label.
    expect(gs1CheckDigit("09528765432101234")).toBe(6)
    expect(gs1CheckDigit("50478744063891855")).toBe(4)
    expect(gs1CheckDigit("00614141123456789")).toBe(0)
    expect(ssccProblem("00504787440638918554")).toBeNull()
    expect(ssccProblem("(00)095287654321012346")).toBeNull()
    expect(ssccProblem("095287654321012346")).toBeNull()
  })

  it("refuses a wrong check digit and malformed codes with a sentence", () => {
    expect(ssccProblem("00504787440638918555")).toMatch(/check digit 5, but its digits need 4/)
    expect(ssccProblem("0050478744063891855")).toMatch(/needs 18 digits/)
    expect(ssccProblem("00ABCDEFGHIJKLMNOPQR")).toMatch(/not an SSCC/)
    expect(normalizeSscc("(00) 0952 8765 4321 0123 46")).toBe("00095287654321012346")
  })

  it("builds 00 + extension + prefix + serial + check digit from a counter value", () => {
    expect(buildSscc("0614141", 0)).toBe(`0000614141000000000${gs1CheckDigit("00614141000000000")}`)
    const first = buildSscc("0614141", 1)
    expect(first).toMatch(/^00\d{18}$/)
    expect(first.slice(2, 19)).toBe("00614141000000001")
    expect(ssccProblem(first)).toBeNull()
    // The serial part of a 7-digit prefix has 9 digits; beyond it the extension digit counts on.
    expect(buildSscc("0614141", 1_000_000_000).slice(2, 19)).toBe("10614141000000000")
    expect(() => buildSscc("0614141", ssccCapacity("0614141"))).toThrow(/no SSCC serial number/)
    expect(formatSscc(first, 7)).toBe(`(00) 0 0614141 000000001 ${first[19]}`)
  })

  it("numbers every serial differently and validly", () => {
    const seen = new Set<string>()
    for (let n = 0; n < 2000; n++) {
      const sscc = buildSscc("95012345", n)
      expect(ssccProblem(sscc)).toBeNull()
      seen.add(sscc)
    }
    expect(seen.size).toBe(2000)
  })

  it("checks the company prefix", () => {
    expect(gs1PrefixProblem(null)).toMatch(/no GS1 company prefix/)
    expect(gs1PrefixProblem("12AB45")).toMatch(/not 6 to 12 digits/)
    expect(gs1PrefixProblem("0614141")).toBeNull()
  })
})
