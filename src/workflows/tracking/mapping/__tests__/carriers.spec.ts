import { carrierFromName, carrierFromProviderId, carrierFromTrackingUrl, resolveCarrier } from "../carriers"

describe("carrier mapping", () => {
  it.each([
    ["UPS", "UPS"],
    ["ups", "UPS"],
    ["U.S.P.S.", "USPS"],
    ["Fed Ex", "FedEx"],
    ["DHL Express", "DHL"],
    ["DHL eCommerce", "DHL eCommerce"],
    ["royal mail", "Royal Mail"],
    ["Royal-Mail", "Royal Mail"],
    ["DPD Local", "DPD"],
    ["Canada Post", "Canada Post"],
  ])("names Amazon knows: %s → %s", (name, code) => {
    expect(carrierFromName(name)).toEqual({ carrierCode: code })
  })

  it("sends any other carrier as Other with the name as the merchant wrote it", () => {
    expect(carrierFromName("  Speedy Couriers Ltd ")).toEqual({ carrierCode: "Other", carrierName: "Speedy Couriers Ltd" })
  })

  it("does not accept 'Other' or an empty text as a carrier name", () => {
    expect(carrierFromName("Other")).toBeNull()
    expect(carrierFromName("   ")).toBeNull()
  })

  it("reads carrier providers and ignores providers that are not carriers", () => {
    expect(carrierFromProviderId("ups_ups")).toEqual({ carrierCode: "UPS" })
    expect(carrierFromProviderId("royal-mail_rm24")).toEqual({ carrierCode: "Royal Mail" })
    expect(carrierFromProviderId("manual_manual")).toBeNull()
    expect(carrierFromProviderId("shipstation_shipstation")).toBeNull()
    expect(carrierFromProviderId(null)).toBeNull()
  })

  it("recognises carriers by the host of the tracking URL, including subdomains, and ignores look-alikes", () => {
    expect(carrierFromTrackingUrl("https://www.royalmail.com/track-your-item#/tracking-results/AB123456789GB")).toEqual({ carrierCode: "Royal Mail" })
    expect(carrierFromTrackingUrl("https://tools.usps.com/go/TrackConfirmAction?tLabels=9400")).toEqual({ carrierCode: "USPS" })
    expect(carrierFromTrackingUrl("https://notups.com/track")).toBeNull()
    expect(carrierFromTrackingUrl("not a url")).toBeNull()
  })

  it("prefers what the merchant named over the provider, the URL and the number", () => {
    expect(resolveCarrier({ named: "DPD", providerId: "ups_ups", trackingUrl: "https://www.fedex.com/x", trackingNumber: "1Z999AA10123456784" })).toEqual({ carrierCode: "DPD" })
    expect(resolveCarrier({ providerId: "manual_manual", trackingUrl: "https://www.fedex.com/fedextrack/?trknbr=1", trackingNumber: "1" })).toEqual({ carrierCode: "FedEx" })
    expect(resolveCarrier({ providerId: "manual_manual", trackingNumber: "1Z999AA10123456784" })).toEqual({ carrierCode: "UPS" })
    expect(resolveCarrier({ providerId: "manual_manual", trackingNumber: "123456" })).toBeNull()
  })
})
