import { decideImport, mustCancelMedusaOrder } from "../import-decision"
import { importWindow, isImportDue, nextWatermark, OVERLAP_MS, windowEnd } from "../import-window"
import { isNewerOrSame, stagingOrderFields } from "../../../../modules/amazon/order-import/staging-row"
import { amazonItem, amazonOrder } from "./fixtures"

describe("decideImport", () => {
  it.each([
    ["FBM", "PENDING", "wait"],
    ["FBM", "PENDING_AVAILABILITY", "wait"],
    ["FBM", "UNSHIPPED", "create"],
    ["FBM", "PARTIALLY_SHIPPED", "create"],
    ["FBM", "SHIPPED", "create"],
    ["FBM", "CANCELLED", "skip"],
    ["FBA", "PENDING", "wait"],
    ["FBA", "UNSHIPPED", "wait"],
    ["FBA", "SHIPPED", "create"],
    ["FBA", "CANCELLED", "skip"],
  ] as const)("%s %s → %s", (channel, status, action) => {
    expect(decideImport({ fulfillmentChannel: channel, status }, { importFba: true }).action).toBe(action)
  })

  it("FBA import switched off skips shipped FBA orders and says why", () => {
    expect(decideImport({ fulfillmentChannel: "FBA", status: "SHIPPED" }, { importFba: false })).toEqual({
      action: "skip",
      why: "Importing FBA orders is switched off for this account.",
    })
  })

  it("cancels a linked Medusa order only while it can still be cancelled", () => {
    expect(mustCancelMedusaOrder("CANCELLED", "pending")).toBe(true)
    expect(mustCancelMedusaOrder("CANCELLED", "canceled")).toBe(false)
    expect(mustCancelMedusaOrder("CANCELLED", "completed")).toBe(false)
    expect(mustCancelMedusaOrder("UNSHIPPED", "pending")).toBe(false)
  })
})

describe("import window and watermark", () => {
  const now = new Date("2026-11-20T12:00:00Z")

  it("starts an overlap before the watermark; a first run looks back a week", () => {
    expect(importWindow("2026-11-20T11:00:00Z", now).lastUpdatedAfter).toBe(new Date(Date.parse("2026-11-20T11:00:00Z") - OVERLAP_MS).toISOString())
    expect(importWindow(null, now).lastUpdatedAfter).toBe("2026-11-13T12:00:00.000Z")
  })

  it("never starts within Amazon's last two minutes, even with a watermark in the future", () => {
    expect(Date.parse(importWindow("2026-11-21T00:00:00Z", now).lastUpdatedAfter)).toBeLessThanOrEqual(now.getTime() - 2 * 60 * 1000)
  })

  it("ends where Amazon said, else three minutes before the request", () => {
    expect(windowEnd("2026-11-20T11:58:00Z", now).toISOString()).toBe("2026-11-20T11:58:00.000Z")
    expect(windowEnd(null, now).toISOString()).toBe("2026-11-20T11:57:00.000Z")
  })

  it("does not move past an order that could not be stored, nor backwards", () => {
    const end = new Date("2026-11-20T11:58:00Z")
    expect(nextWatermark({ previous: null, end, unstoredLastUpdates: [] })).toEqual(end)
    expect(nextWatermark({ previous: null, end, unstoredLastUpdates: ["2026-11-20T11:30:00Z"] })?.toISOString()).toBe("2026-11-20T11:29:59.999Z")
    expect(nextWatermark({ previous: "2026-11-20T11:00:00Z", end, unstoredLastUpdates: [null] })).toEqual(new Date("2026-11-20T11:00:00Z"))
    expect(nextWatermark({ previous: "2026-11-20T11:59:00Z", end, unstoredLastUpdates: [] })).toEqual(new Date("2026-11-20T11:59:00Z"))
  })

  it("a scheduled run is due once the account's interval has passed", () => {
    expect(isImportDue({ intervalMinutes: 5, lastStartedAt: null, now })).toBe(true)
    expect(isImportDue({ intervalMinutes: 5, lastStartedAt: "2026-11-20T11:57:00Z", now })).toBe(false)
    expect(isImportDue({ intervalMinutes: 5, lastStartedAt: "2026-11-20T11:55:10Z", now })).toBe(true)
    expect(isImportDue({ intervalMinutes: 30, lastStartedAt: "2026-11-20T11:40:00Z", now })).toBe(false)
  })
})

describe("staging rows", () => {
  it("carries subtypes and the Prime/Business flags", () => {
    const fields = stagingOrderFields(amazonOrder({ subtypes: ["BUSINESS_PRIME", "SECOND_DAY"], items: [amazonItem({ customization: { url: null, text: "Hi" } })] }), { any: "raw" })
    expect(fields).toEqual(expect.objectContaining({ subtypes: ["BUSINESS_PRIME", "SECOND_DAY"], is_prime: true, is_business: true, has_customization: true, raw: { any: "raw" } }))
  })

  it("an older copy never overwrites a newer one", () => {
    expect(isNewerOrSame("2026-11-20T10:00:00Z", new Date("2026-11-20T10:05:00Z"))).toBe(false)
    expect(isNewerOrSame("2026-11-20T10:05:00Z", new Date("2026-11-20T10:05:00Z"))).toBe(true)
  })
})

describe("Amazon Custom ZIP", () => {
  const { deflateRawSync } = require("node:zlib")
  const { customizationTextFromZip } = require("../../../../modules/amazon/order-import/customization")
  const { zipSingleFile, customizationDocument } = require("../../../../../simulator/customization-zip")

  it("reads the buyer's text from a stored ZIP (simulator) ", () => {
    const zip = zipSingleFile("1234.json", Buffer.from(JSON.stringify(customizationDocument("1234", "Happy 30th, Sam! ☕"))))
    expect(customizationTextFromZip(zip)).toBe("Happy 30th, Sam! ☕")
  })

  it("reads a deflated ZIP, as Amazon sends them", () => {
    const content = Buffer.from(JSON.stringify({ customizationData: { children: [{ inputValue: "Für Oma" }] } }))
    const stored = zipSingleFile("x.json", content)
    const deflated = deflateRawSync(content)
    // Same archive, with the entry deflated (method 8) and sizes/offsets rewritten.
    const local = Buffer.from(stored.subarray(0, 30))
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(deflated.length, 18)
    const name = Buffer.from("x.json")
    const central = Buffer.from(stored.subarray(30 + name.length + content.length, 30 + name.length + content.length + 46))
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(deflated.length, 20)
    const end = Buffer.from(stored.subarray(stored.length - 22))
    end.writeUInt32LE(30 + name.length + deflated.length, 16)
    const zip = Buffer.concat([local, name, deflated, central, name, end])
    expect(customizationTextFromZip(zip)).toBe("Für Oma")
  })

  it("refuses what is not a ZIP", () => {
    expect(() => customizationTextFromZip(Buffer.from("<html>expired</html>"))).toThrow("not a ZIP")
  })
})
