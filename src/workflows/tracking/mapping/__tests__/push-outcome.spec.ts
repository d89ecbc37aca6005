import { decideAfterFailure, MAX_PUSH_ATTEMPTS, rejectionMessage, retryDelayMs, shippedStatus } from "../push-outcome"

const NOW = new Date("2026-11-23T12:00:00.000Z")
const ORDER = "111-0000000-0000001"

function rejected(message: string) {
  return { code: "AMAZON_REJECTED", transient: false, httpStatus: 400, merchantMessage: "Amazon rejected", errors: [{ code: "InvalidInput", message }] }
}

describe("what happens after a failed confirmation", () => {
  it("backs off 1, 2, 4 … minutes up to 6 hours", () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000])
    expect(retryDelayMs(30)).toBe(6 * 60 * 60 * 1000)
  })

  it("retries transient failures with the next attempt time, and stops after the last attempt", () => {
    const failure = { code: "SERVER_ERROR", transient: true, merchantMessage: "The Selling Partner API kept failing for confirmShipment (HTTP 500) after 4 retries; this is on Amazon's side and usually temporary — the next sync retries." }
    const first = decideAfterFailure(ORDER, failure, 1, NOW)
    expect(first).toMatchObject({ next: "retry", code: "SERVER_ERROR", next_attempt_at: new Date("2026-11-23T12:01:00.000Z") })
    expect(first.message).toBe(
      "The Selling Partner API kept failing for confirmShipment (HTTP 500) after 4 retries; this is on Amazon's side and usually temporary. The confirmation for order 111-0000000-0000001 is retried automatically (attempt 2 of 12 at 2026-11-23T12:01:00.000Z)."
    )
    const last = decideAfterFailure(ORDER, failure, MAX_PUSH_ATTEMPTS, NOW)
    expect(last).toMatchObject({ next: "stop", next_attempt_at: null })
    expect(last.message).toMatch(/no longer retried on its own.*Retry it from the Amazon tracking list/)
  })

  it("keeps retrying when the account settings are broken, so pushes go out once they are fixed", () => {
    expect(decideAfterFailure(ORDER, { code: "AUTH_FAILED", transient: false, merchantMessage: "Amazon rejected the refresh token." }, 1, NOW).next).toBe("retry")
  })

  it("stops at Amazon's refusals and says what to fix", () => {
    const cases: Array<[string, string, RegExp]> = [
      [`Order ${ORDER} is canceled and cannot be shipped.`, "ORDER_CANCELLED", /was cancelled on Amazon .*Do not send the parcel/],
      [`Order ${ORDER} is already shipped.`, "ORDER_ALREADY_SHIPPED", /already fully shipped/],
      ["Quantity 3 for order item 1 exceeds the 1 unit(s) left to ship.", "QUANTITY_ABOVE_UNSHIPPED", /correct the fulfillment in Medusa, then retry/],
      [`Order item 99 does not belong to order ${ORDER}.`, "ITEM_NOT_ON_AMAZON_ORDER", /not part of order/],
      [`packageReferenceId 1 was already used for order ${ORDER}.`, "PACKAGE_ALREADY_CONFIRMED", /earlier attempt probably reached Amazon/],
      ["Something new.", "AMAZON_REJECTED", /\(Amazon said: InvalidInput: Something new\)\. Correct what Amazon names/],
    ]
    for (const [amazonSays, code, sentence] of cases) {
      const decision = decideAfterFailure(ORDER, rejected(amazonSays), 1, NOW)
      expect(decision).toMatchObject({ next: "stop", code, next_attempt_at: null })
      expect(decision.message).toMatch(sentence)
      expect(decision.message).toMatch(/\.$/)
    }
  })

  it("names Amazon's own words in the refusal", () => {
    expect(rejectionMessage(ORDER, rejected("Order item 99 does not belong to order X.")).message).toContain("(Amazon said: InvalidInput: Order item 99 does not belong to order X).")
  })

  it("derives the Amazon order status from shipped quantities", () => {
    expect(shippedStatus([{ quantity_ordered: 2, quantity_shipped: 0 }])).toBeNull()
    expect(shippedStatus([{ quantity_ordered: 2, quantity_shipped: 1 }])).toBe("PARTIALLY_SHIPPED")
    expect(shippedStatus([{ quantity_ordered: 2, quantity_shipped: 2 }, { quantity_ordered: 1, quantity_shipped: 0 }])).toBe("PARTIALLY_SHIPPED")
    expect(shippedStatus([{ quantity_ordered: 2, quantity_shipped: 2 }, { quantity_ordered: 1, quantity_shipped: 1 }])).toBe("SHIPPED")
  })
})
