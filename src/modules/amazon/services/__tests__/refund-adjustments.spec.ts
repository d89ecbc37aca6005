import { AMAZON_REFUND_PLAN_METADATA_KEY, planOfRefund, type AmazonRefundPlan } from "../refund-adjustments"

describe("planOfRefund", () => {
  const plan = (id: string, amount: string): AmazonRefundPlan => ({ id, amount, reason: "PriceError", origin: "admin", items: [] })
  const plans = [plan("amzrefplan_old", "5.00"), plan("amzrefplan_new", "5.00")]

  it("takes the breakdown the refund names, not an older one of the same amount left by a dead process", () => {
    expect(planOfRefund(plans, { metadata: { [AMAZON_REFUND_PLAN_METADATA_KEY]: "amzrefplan_new" } })?.id).toBe("amzrefplan_new")
  })

  it("finds no breakdown when the named one is gone, so the rule plans the refund", () => {
    expect(planOfRefund(plans, { metadata: { [AMAZON_REFUND_PLAN_METADATA_KEY]: "amzrefplan_taken" } })).toBeNull()
  })

  it("gives a refund that names no breakdown (Medusa's Refund button) none, even one of the same amount", () => {
    expect(planOfRefund(plans, { metadata: null })).toBeNull()
  })
})
