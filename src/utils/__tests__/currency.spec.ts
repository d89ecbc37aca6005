import { currencyDecimals, currencyDigits } from "../currency"

describe("currency decimals", () => {
  it("knows the minor unit of the currencies Amazon marketplaces use", () => {
    expect(currencyDecimals("USD")).toBe(2)
    expect(currencyDecimals("JPY")).toBe(0)
    expect(currencyDecimals("KWD")).toBe(3)
    expect(currencyDigits("eur")).toBe(2)
    expect(currencyDigits("jpy")).toBe(0)
  })

  it("refuses codes the runtime does not know in the strict form and assumes two decimals in the lenient one", () => {
    expect(currencyDecimals("XYZ1")).toBeNull()
    expect(currencyDecimals("usd")).toBeNull()
    expect(currencyDigits("QQQ")).toBe(2)
  })
})
