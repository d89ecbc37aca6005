import { expectedSettlement, SETTLEMENT_POSTING_MARGIN_MS } from "../unsettled-orders"

const DAY = 24 * 60 * 60 * 1000
const periods = [
  { id: "s1", settlement_id: "1001", currency_code: "USD", start_date: new Date("2026-11-01T00:00:00Z"), end_date: new Date("2026-11-15T00:00:00Z") },
  { id: "s2", settlement_id: "1002", currency_code: "USD", start_date: new Date("2026-11-15T00:00:00Z"), end_date: new Date("2026-11-29T00:00:00Z") },
  { id: "e1", settlement_id: "2001", currency_code: "EUR", start_date: new Date("2026-11-01T00:00:00Z"), end_date: new Date("2026-11-15T00:00:00Z") },
]

describe("the settlement that should pay a shipped order", () => {
  it("is the period of the order's currency that covers the shipment plus Amazon's posting margin", () => {
    expect(expectedSettlement({ currency_code: "usd", shipped_at: new Date("2026-11-05T10:00:00Z") }, periods)?.id).toBe("s1")
    expect(expectedSettlement({ currency_code: "EUR", shipped_at: new Date("2026-11-05T10:00:00Z") }, periods)?.id).toBe("e1")
  })

  it("is the next period for a shipment confirmed less than the margin before a period closed", () => {
    const justBefore = new Date(periods[0].end_date.getTime() - SETTLEMENT_POSTING_MARGIN_MS / 2)
    expect(expectedSettlement({ currency_code: "USD", shipped_at: justBefore }, periods)?.id).toBe("s2")
  })

  it("is none when the store has not imported the settlement of that time or currency", () => {
    expect(expectedSettlement({ currency_code: "USD", shipped_at: new Date(periods[1].end_date.getTime() + DAY) }, periods)).toBeNull()
    expect(expectedSettlement({ currency_code: "USD", shipped_at: new Date("2026-10-01T00:00:00Z") }, periods)).toBeNull()
    expect(expectedSettlement({ currency_code: "GBP", shipped_at: new Date("2026-11-05T10:00:00Z") }, periods)).toBeNull()
  })
})
