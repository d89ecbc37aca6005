import { assertMarketplacesInRegion } from "../marketplaces"

describe("assertMarketplacesInRegion", () => {
  it("accepts marketplaces of the account's region and marketplaces Amazon has not told us about", () => {
    expect(() => assertMarketplacesInRegion("na", ["ATVPDKIKX0DER", "A2EUQ1WTGCTBG2"])).not.toThrow()
    expect(() => assertMarketplacesInRegion("eu", ["A1PA6795UKMFR9", "A1F83G8C2ARO7P"])).not.toThrow()
    expect(() => assertMarketplacesInRegion("fe", ["A1VC38T7YXB528", "AXXXXXXXXXXXX1"])).not.toThrow()
  })

  it("refuses a marketplace of another region with a sentence naming it and what to do", () => {
    expect(() => assertMarketplacesInRegion("na", ["ATVPDKIKX0DER", "A1PA6795UKMFR9"])).toThrow(
      /^Amazon\.de \(Europe\) is not in the account's region North America\. Choose the region .*\.$/
    )
    expect(() => assertMarketplacesInRegion("eu", ["A1VC38T7YXB528", "ATVPDKIKX0DER"])).toThrow(/Amazon\.co\.jp \(Far East\), Amazon\.com \(North America\) are not/)
  })
})
