// Tests of the conformance validator itself (test-utils/conformance). The important ones prove
// that a WRONG shape is rejected: a validator that accepts everything would make the
// simulator's conformance suite worthless.
import {
  configuredModelsDir,
  describeConformance,
  expectConformantRequest,
  expectConformantResponse,
  findOperation,
  modelsDir,
  validateExchange,
  validateRequest,
  validateResponse,
} from "../../test-utils/conformance"

const validV0Order = {
  AmazonOrderId: "902-3159896-1390916",
  PurchaseDate: "2025-01-01T10:00:00Z",
  LastUpdateDate: "2025-01-01T11:00:00Z",
  OrderStatus: "Unshipped",
  FulfillmentChannel: "MFN",
  OrderTotal: { CurrencyCode: "USD", Amount: "19.99" },
  IsPrime: false,
  BuyerInfo: { BuyerEmail: "x@marketplace.amazon.com" },
}

const valid2026Order = {
  orderId: "902-3159896-1390916",
  createdTime: "2025-01-01T10:00:00Z",
  lastUpdatedTime: "2025-01-01T11:00:00Z",
  salesChannel: { channelName: "AMAZON", marketplaceId: "ATVPDKIKX0DER" },
  orderItems: [{ orderItemId: "12345678901234", quantityOrdered: 1, product: { sellerSku: "SKU-1" } }],
}

describe("conformance: locating the models", () => {
  const original = process.env.SP_API_MODELS_DIR
  afterEach(() => {
    if (original === undefined) delete process.env.SP_API_MODELS_DIR
    else process.env.SP_API_MODELS_DIR = original
  })

  it("reads the folder from SP_API_MODELS_DIR and reports null when it is absent", () => {
    process.env.SP_API_MODELS_DIR = "/definitely/not/here"
    expect(configuredModelsDir()).toBe("/definitely/not/here")
    expect(modelsDir()).toBeNull()
  })

  it("defaults to ../shared/sp-api-models beside the repository", () => {
    delete process.env.SP_API_MODELS_DIR
    expect(configuredModelsDir()).toMatch(/[\\/]shared[\\/]sp-api-models$/)
  })

  it("describeConformance registers one skipped test naming the missing folder", () => {
    process.env.SP_API_MODELS_DIR = "/definitely/not/here"
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined)
    const skipped: string[] = []
    const originalDescribe = global.describe
    const originalSkip = global.test.skip
    try {
      ;(global as any).describe = (_name: string, fn: () => void) => fn()
      ;(global.test as any).skip = (name: string) => skipped.push(name)
      describeConformance("anything", () => {
        throw new Error("the body must not run without models")
      })
    } finally {
      ;(global as any).describe = originalDescribe
      ;(global.test as any).skip = originalSkip
      warn.mockRestore()
    }
    expect(skipped).toEqual([
      "Amazon SP-API models not found at /definitely/not/here; set SP_API_MODELS_DIR to run conformance tests",
    ])
  })
})

describeConformance("conformance validator", () => {
  describe("finding operations", () => {
    it("matches path templates and prefers the most specific one", () => {
      expect(findOperation("GET", "/orders/2026-01-01/orders/902-1")?.operation.operationId).toBe("getOrder")
      expect(findOperation("GET", "/orders/2026-01-01/orders/902-1")?.operation.model.fileName).toBe("orders_2026-01-01.json")
      expect(findOperation("GET", "/orders/v0/orders/902-1/orderItems/buyerInfo")?.operation.operationId).toBe("getOrderItemsBuyerInfo")
      expect(findOperation("GET", "/orders/v0/orders/902-1")?.pathParams).toEqual({ orderId: "902-1" })
    })

    it("throws a clear error when no operation matches", () => {
      expect(() => validateRequest({ method: "GET", path: "/orders/v9/nothing" })).toThrow(/No operation in Amazon's SP-API models matches GET \/orders\/v9\/nothing/)
      expect(() => validateResponse({ method: "DELETE", path: "/orders/v0/orders", status: 200, body: {} })).toThrow(/No operation/)
    })
  })

  describe("requests", () => {
    it("accepts a valid searchOrders query with comma-separated arrays", () => {
      const result = validateRequest({
        method: "GET",
        path: "/orders/2026-01-01/orders",
        query: { createdAfter: "2025-01-01T00:00:00Z", includedData: "BUYER,RECIPIENT", maxResultsPerPage: "50", fulfilledBy: ["MERCHANT"] },
      })
      expect(result).toEqual({ operationId: "searchOrders", model: "orders_2026-01-01.json", errors: [] })
    })

    it("rejects wrong types, enum values, date formats, unknown and missing parameters", () => {
      const errors = validateRequest({
        method: "GET",
        path: "/orders/2026-01-01/orders?createdAfter=yesterday&maxResultsPerPage=ten&includedData=BUYER,SHOE_SIZE&colour=red",
      }).errors
      expect(errors).toEqual(
        expect.arrayContaining([
          'query.createdAfter must match format "date-time"',
          "query.maxResultsPerPage must be integer",
          expect.stringMatching(/^query\.includedData\[1\] must be one of \["BUYER"/),
          "query.colour is not a query parameter of searchOrders in Amazon's model",
        ])
      )
      expect(validateRequest({ method: "GET", path: "/orders/v0/orders", query: { CreatedAfter: "2025-01-01" } }).errors).toEqual([
        "query.MarketplaceIds is required",
      ])
    })

    it("checks array limits (maxItems) of list parameters", () => {
      const ids = Array.from({ length: 51 }, (_, i) => `M${i}`)
      const errors = validateRequest({ method: "GET", path: "/orders/v0/orders", query: { MarketplaceIds: ids, CreatedAfter: "2025-01-01" } }).errors
      expect(errors).toEqual(["query.MarketplaceIds must NOT have more than 50 items"])
    })

    it("validates the body against the body parameter, including additional properties", () => {
      const ok = validateRequest({
        method: "POST",
        path: "/orders/v0/orders/902-1/shipmentConfirmation",
        body: {
          marketplaceId: "ATVPDKIKX0DER",
          packageDetail: {
            packageReferenceId: "1",
            carrierCode: "UPS",
            trackingNumber: "1Z999",
            shipDate: "2025-01-02T10:00:00Z",
            orderItems: [{ orderItemId: "123", quantity: 1 }],
          },
        },
      })
      expect(ok.errors).toEqual([])
      const bad = validateRequest({
        method: "POST",
        path: "/orders/v0/orders/902-1/shipmentConfirmation",
        body: { marketplaceId: "ATVPDKIKX0DER", packageDetail: { carrierCode: "UPS", shipDate: "02/21/2022", orderItems: [{ orderItemId: "1", quantity: "1" }], colour: "red" } },
      })
      expect(bad.errors).toEqual(
        expect.arrayContaining([
          "body.packageDetail.packageReferenceId is required",
          "body.packageDetail.trackingNumber is required",
          'body.packageDetail.shipDate must match format "date-time"',
          "body.packageDetail.orderItems[0].quantity must be integer",
          `body.packageDetail has property "colour" that Amazon's model does not define`,
        ])
      )
      expect(validateRequest({ method: "POST", path: "/orders/v0/orders/902-1/shipmentConfirmation" }).errors).toEqual([
        "body is required by confirmShipment",
      ])
      expect(validateRequest({ method: "GET", path: "/orders/v0/orders/902-1", body: { a: 1 } }).errors).toEqual(["body: getOrder takes no request body"])
    })
  })

  describe("responses", () => {
    it("accepts correct shapes", () => {
      expect(validateResponse({ method: "GET", path: "/orders/v0/orders/902-1", status: 200, body: { payload: validV0Order } }).errors).toEqual([])
      expect(validateResponse({ method: "GET", path: "/orders/2026-01-01/orders/902-1", status: 200, body: { order: valid2026Order } }).errors).toEqual([])
      expect(validateResponse({ method: "POST", path: "/orders/v0/orders/902-1/shipmentConfirmation", status: 204, body: undefined }).errors).toEqual([])
      expect(
        validateResponse({ method: "GET", path: "/orders/2026-01-01/orders", status: 400, body: { errors: [{ code: "InvalidInput", message: "x", details: "" }] } }).errors
      ).toEqual([])
    })

    it("rejects a property that Amazon's model does not define (strict additionalProperties)", () => {
      const errors = validateResponse({
        method: "GET",
        path: "/orders/v0/orders/902-1",
        status: 200,
        body: { payload: { ...validV0Order, BuyerInfo: { BuyerEmail: "x", FavouriteColour: "blue" }, Sparkle: true } },
      }).errors
      expect(errors).toEqual([
        `response.payload has property "Sparkle" that Amazon's model does not define`,
        `response.payload.BuyerInfo has property "FavouriteColour" that Amazon's model does not define`,
      ])
    })

    it("rejects wrong types, enums, missing required fields and bad date-times", () => {
      const errors = validateResponse({
        method: "GET",
        path: "/orders/2026-01-01/orders/902-1",
        status: 200,
        body: {
          order: {
            ...valid2026Order,
            createdTime: "01/01/2025 10:00",
            fulfillment: { fulfillmentStatus: "Shipped" },
            orderItems: [{ orderItemId: 12345, product: {} }],
          },
        },
      }).errors
      expect(errors).toEqual(
        expect.arrayContaining([
          'response.order.createdTime must match format "date-time"',
          expect.stringMatching(/^response\.order\.fulfillment\.fulfillmentStatus must be one of \["PENDING_AVAILABILITY"/),
          "response.order.orderItems[0].orderItemId must be string",
          "response.order.orderItems[0].quantityOrdered is required",
        ])
      )
      // v0's IsBuyerRequestedCancel is a STRING in Amazon's model; a boolean is a drift.
      const v0Item = { ASIN: "B0", OrderItemId: "1", QuantityOrdered: 1, BuyerRequestedCancel: { IsBuyerRequestedCancel: true } }
      expect(
        validateResponse({ method: "GET", path: "/orders/v0/orders/902-1/orderItems", status: 200, body: { payload: { AmazonOrderId: "902-1", OrderItems: [v0Item] } } }).errors
      ).toEqual(["response.payload.OrderItems[0].BuyerRequestedCancel.IsBuyerRequestedCancel must be string"])
    })

    it("rejects undocumented status codes, bodies on 204 and invalid JSON", () => {
      expect(validateResponse({ method: "GET", path: "/orders/v0/orders/902-1", status: 418, body: {} }).errors[0]).toMatch(/status 418 is not a documented response of getOrder/)
      expect(validateResponse({ method: "POST", path: "/orders/v0/orders/902-1/shipmentConfirmation", status: 204, body: { ok: true } }).errors[0]).toMatch(
        /has no body in Amazon's model/
      )
      expect(validateResponse({ method: "GET", path: "/orders/v0/orders/902-1", status: 200, body: '{"payload":{"Amaz' }).errors[0]).toMatch(/not valid JSON/)
    })

    it("the expect* helpers fail with the list of differences", () => {
      expect(() => expectConformantResponse({ method: "GET", path: "/orders/v0/orders/902-1", status: 200, body: { payload: { ...validV0Order, Extra: 1 } } })).toThrow(
        /does not conform to Amazon's model \(operation getOrder\):\n {2}- response\.payload has property "Extra"/
      )
      expect(() => expectConformantRequest({ method: "GET", path: "/orders/v0/orders" })).toThrow(/query\.MarketplaceIds is required/)
      expect(() => expectConformantResponse({ method: "GET", path: "/orders/v0/orders/902-1", status: 200, body: { payload: validV0Order } })).not.toThrow()
    })
  })

  describe("recorded exchanges", () => {
    it("validates request and response halves and skips non-SP-API endpoints", () => {
      const result = validateExchange({
        method: "GET",
        path: "/orders/v0/orders",
        query: { MarketplaceIds: "ATVPDKIKX0DER", CreatedAfter: "2025-01-01T00:00:00Z", Bogus: "1" },
        status: 200,
        responseBody: { payload: { Orders: [{ ...validV0Order, OrderStatus: "Sent" }] } },
      })
      expect(result.operationId).toBe("getOrders")
      expect(result.errors).toEqual([
        "request query.Bogus is not a query parameter of getOrders in Amazon's model",
        expect.stringMatching(/^response\.payload\.Orders\[0\]\.OrderStatus must be one of/),
      ])
      expect(validateExchange({ method: "POST", path: "/auth/o2/token", status: 200, responseBody: {} })).toEqual({
        operationId: null,
        model: null,
        errors: [],
        skipped: "Login with Amazon (LWA) is not described by the SP-API models",
      })
    })
  })
})
