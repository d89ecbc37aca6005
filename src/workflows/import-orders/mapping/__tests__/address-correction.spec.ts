import type { AmazonAddress } from "../../../../modules/amazon/sp-api/types"
import { addressCorrection } from "../address-correction"

const amazonAddress = (overrides: Partial<AmazonAddress> = {}): AmazonAddress => ({
  name: "Jane Doe",
  companyName: null,
  addressLine1: "55 Elm Street",
  addressLine2: null,
  addressLine3: null,
  city: "Boston",
  districtOrCounty: null,
  stateOrRegion: "MA",
  municipality: null,
  postalCode: "02118",
  countryCode: "US",
  phone: null,
  addressType: null,
  extendedFields: null,
  ...overrides,
})

const medusaAddress = { first_name: "Jane Doe", address_1: "55 Elm Street", address_2: null, city: "Boston", province: "MA", postal_code: "02118", country_code: "us", phone: null, company: null }

describe("addressCorrection", () => {
  it("changes only the fields the buyer corrected, and remembers the old values", () => {
    expect(addressCorrection(medusaAddress, amazonAddress({ addressLine2: "Apt 5", postalCode: "02119" }))).toEqual({
      next: { address_2: "Apt 5", postal_code: "02119" },
      previous: { address_2: null, postal_code: "02118" },
    })
  })

  it("finds nothing to do when the addresses match", () => {
    expect(addressCorrection(medusaAddress, amazonAddress())).toBeNull()
  })

  it("never erases what Amazon stopped sharing (PII withheld later)", () => {
    expect(addressCorrection(medusaAddress, amazonAddress({ name: null, addressLine1: null }))).toBeNull()
  })

  it("never moves an order to another country, which Medusa refuses on placed orders", () => {
    expect(addressCorrection(medusaAddress, amazonAddress({ countryCode: "CA", city: "Toronto" }))).toBeNull()
  })
})

describe("address corrections are bounded like imported addresses", () => {
  it("cuts an over-long corrected street to the bound the import uses", () => {
    const { addressCorrection } = require("../address-correction")
    const { TEXT_BOUNDS } = require("../../../../utils/bounded-text")
    const correction = addressCorrection(
      { first_name: "Jane", address_1: "1 Main St", city: "Seattle", country_code: "us" },
      { name: "Jane", addressLine1: "x".repeat(5000), city: "Seattle", countryCode: "US" }
    )
    expect(correction.next.address_1).toHaveLength(TEXT_BOUNDS.short)
    expect(correction.previous.address_1).toBe("1 Main St")
  })
})
