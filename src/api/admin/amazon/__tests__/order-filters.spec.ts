import { AdminListAmazonOrders } from "../validators"

describe("Amazon → Orders subtype filter", () => {
  it("finds Business Prime orders under BUSINESS and under PRIME, through the flags every implying tag sets", () => {
    expect(AdminListAmazonOrders.parse({ subtype: "BUSINESS" })).toMatchObject({ is_business: true })
    expect(AdminListAmazonOrders.parse({ subtype: "PRIME" })).toMatchObject({ is_prime: true })
    expect(AdminListAmazonOrders.parse({ subtype: "BUSINESS" })).not.toHaveProperty("subtypes")
  })

  it("matches the other tags as tags", () => {
    expect(AdminListAmazonOrders.parse({ subtype: "BUSINESS_PRIME" })).toMatchObject({ subtypes: { $contains: ["BUSINESS_PRIME"] } })
    expect(AdminListAmazonOrders.parse({ subtype: "NEXT_DAY" })).toMatchObject({ subtypes: { $contains: ["NEXT_DAY"] } })
    expect(AdminListAmazonOrders.parse({})).not.toHaveProperty("is_business")
  })
})
