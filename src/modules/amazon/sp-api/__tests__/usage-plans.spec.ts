/** The usage plans the client paces itself by are the ones in the "Usage Plan" tables of Amazon's models. */
import { describeConformance, findOperationById, usagePlanOf } from "../../../../../test-utils/conformance"
import { SP_API_OPERATIONS } from "../operations"

const MODEL_FILE: Record<string, string> = {
  "orders@v0": "ordersV0",
  "orders@2026-01-01": "orders_2026-01-01",
  "tokens@2021-03-01": "tokens_2021-03-01",
  "feeds@2021-06-30": "feeds_2021-06-30",
  "reports@2021-06-30": "reports_2021-06-30",
  "finances@2024-06-19": "finances_2024-06-19",
  "vendorOrders@v1": "vendorOrders",
  "vendorTransactionStatus@v1": "vendorTransactionStatus",
  "vendorShipments@v1": "vendorShipments",
}

describeConformance("client usage plans", () => {
  it.each(Object.values(SP_API_OPERATIONS).map((spec) => [spec.key, spec] as const))("%s", (_key, spec) => {
    const model = MODEL_FILE[`${spec.libraryEndpoint}@${spec.version}`]
    expect(model).toBeDefined()
    const operation = findOperationById(model, spec.amazonName)
    expect(operation).not.toBeNull()
    expect(usagePlanOf(operation!)).toEqual({ rate: spec.usagePlan.ratePerSecond, burst: spec.usagePlan.burst })
  })
})
