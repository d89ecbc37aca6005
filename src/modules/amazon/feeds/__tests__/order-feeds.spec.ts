import { XMLParser } from "fast-xml-parser"
import {
  buildOrderAcknowledgementFeed,
  buildPaymentAdjustmentFeed,
  CANCEL_REASONS,
  FeedInputError,
  mapReportToMessages,
  parseProcessingReport,
  ProcessingReportError,
} from ".."

const ORDER = "111-1234567-1234567"
const OTHER = "222-7654321-7654321"
const read = (xml: string) =>
  new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", parseTagValue: false, isArray: (name) => ["Message", "Item", "AdjustedItem", "Component"].includes(name) }).parse(xml)

describe("order acknowledgement feed (cancellation)", () => {
  it("cancels each order with StatusCode Failure and the reason of every item, one message per order", () => {
    const built = buildOrderAcknowledgementFeed({
      merchantIdentifier: "A1SELLER",
      cancellations: [
        { amazonOrderId: ORDER, items: [{ orderItemId: "00000000000001", cancelReason: "NoInventory" }, { orderItemId: "00000000000002", cancelReason: "NoInventory" }] },
        { amazonOrderId: OTHER, items: [{ orderItemId: "00000000000003", cancelReason: "BuyerCanceled" }] },
      ],
    })
    expect(built.feedType).toBe("POST_ORDER_ACKNOWLEDGEMENT_DATA")
    expect(built.messages).toEqual([
      { messageId: 1, amazonOrderId: ORDER, orderItemIds: ["00000000000001", "00000000000002"] },
      { messageId: 2, amazonOrderId: OTHER, orderItemIds: ["00000000000003"] },
    ])
    const envelope = read(built.xml).AmazonEnvelope
    expect(envelope.Header).toEqual({ DocumentVersion: "1.01", MerchantIdentifier: "A1SELLER" })
    expect(envelope.MessageType).toBe("OrderAcknowledgement")
    expect(envelope.Message[0]).toEqual({
      MessageID: "1",
      OrderAcknowledgement: {
        AmazonOrderID: ORDER,
        StatusCode: "Failure",
        Item: [
          { AmazonOrderItemCode: "00000000000001", CancelReason: "NoInventory" },
          { AmazonOrderItemCode: "00000000000002", CancelReason: "NoInventory" },
        ],
      },
    })
    expect(envelope.Message[1].OrderAcknowledgement.Item[0].CancelReason).toBe("BuyerCanceled")
  })

  it("knows Amazon's ten cancel reasons and refuses any other, an empty item list and a bad order ID", () => {
    expect(CANCEL_REASONS).toHaveLength(10)
    const base = { merchantIdentifier: "A1SELLER", cancellations: [{ amazonOrderId: ORDER, items: [{ orderItemId: "1", cancelReason: "NoInventory" as const }] }] }
    expect(() => buildOrderAcknowledgementFeed({ ...base, cancellations: [{ amazonOrderId: ORDER, items: [{ orderItemId: "1", cancelReason: "OutOfStock" as never }] }] })).toThrow(FeedInputError)
    expect(() => buildOrderAcknowledgementFeed({ ...base, cancellations: [{ amazonOrderId: ORDER, items: [] }] })).toThrow(/every item/)
    expect(() => buildOrderAcknowledgementFeed({ ...base, cancellations: [{ amazonOrderId: "12345", items: base.cancellations[0].items }] })).toThrow(/Amazon order ID/)
    expect(() => buildOrderAcknowledgementFeed({ ...base, merchantIdentifier: " " })).toThrow(/merchant identifier/)
  })

  it("escapes text so that no value can change the document's structure", () => {
    const built = buildOrderAcknowledgementFeed({
      merchantIdentifier: "A1</MerchantIdentifier><Evil>",
      cancellations: [{ amazonOrderId: ORDER, items: [{ orderItemId: "1", cancelReason: "GeneralAdjustment" }] }],
    })
    expect(read(built.xml).AmazonEnvelope.Header.MerchantIdentifier).toBe("A1</MerchantIdentifier><Evil>")
    expect(built.xml).not.toContain("<Evil>")
  })
})

describe("payment adjustment feed (refund)", () => {
  it("writes ActionType Refund and each line's components with the order's currency; charges to the buyer are negative", () => {
    const built = buildPaymentAdjustmentFeed({
      merchantIdentifier: "A1SELLER",
      refunds: [
        {
          amazonOrderId: ORDER,
          currency: "EUR",
          items: [
            {
              orderItemId: "00000000000001",
              adjustmentReason: "CustomerReturn",
              components: [
                { type: "Principal", amount: "24.99" },
                { type: "Shipping", amount: "4.9" },
                { type: "RestockingFee", amount: "2" },
              ],
              quantity: 1,
            },
          ],
        },
      ],
    })
    expect(built.feedType).toBe("POST_PAYMENT_ADJUSTMENT_DATA")
    const message = read(built.xml).AmazonEnvelope.Message[0]
    expect(read(built.xml).AmazonEnvelope.MessageType).toBe("OrderAdjustment")
    expect(message.OrderAdjustment.AmazonOrderID).toBe(ORDER)
    expect(message.OrderAdjustment.ActionType).toBe("Refund")
    expect(message.OrderAdjustment.AdjustedItem[0]).toEqual({
      AmazonOrderItemCode: "00000000000001",
      AdjustmentReason: "CustomerReturn",
      ItemPriceAdjustments: {
        Component: [
          { Type: "Principal", Amount: { "@_currency": "EUR", "#text": "24.99" } },
          { Type: "Shipping", Amount: { "@_currency": "EUR", "#text": "4.90" } },
          { Type: "RestockingFee", Amount: { "@_currency": "EUR", "#text": "-2.00" } },
        ],
      },
      Quantity: "1",
    })
  })

  it("refuses amounts that are not positive decimals, unknown reasons or components, and refunds that charge more than they give", () => {
    const refund = (components: Array<{ type: string; amount: string }>, adjustmentReason = "CustomerReturn") => () =>
      buildPaymentAdjustmentFeed({
        merchantIdentifier: "A1SELLER",
        refunds: [{ amazonOrderId: ORDER, currency: "USD", items: [{ orderItemId: "1", adjustmentReason: adjustmentReason as never, components: components as never }] }],
      })
    expect(refund([{ type: "Principal", amount: "-5.00" }])).toThrow(/positive amount/)
    expect(refund([{ type: "Principal", amount: "0" }])).toThrow(/greater than zero/)
    expect(refund([{ type: "Principal", amount: "1.999" }])).toThrow(/two decimals/)
    expect(refund([{ type: "Principal", amount: "5" }], "BecauseISaidSo")).toThrow(FeedInputError)
    expect(refund([{ type: "Bribe", amount: "5" }])).toThrow(FeedInputError)
    expect(refund([{ type: "Principal", amount: "5" }, { type: "Principal", amount: "1" }])).toThrow(/twice/)
    expect(refund([{ type: "Principal", amount: "1.00" }, { type: "RestockingFee", amount: "1.00" }])).toThrow(/more than it charges/)
    expect(refund([{ type: "Principal", amount: "1.01" }, { type: "RestockingFee", amount: "1.00" }])).not.toThrow()
  })
})

function report(results: string, summary = { processed: 2, successful: 1, withError: 1, withWarning: 0 }): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<AmazonEnvelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="amzn-envelope.xsd">
  <Header><DocumentVersion>1.02</DocumentVersion><MerchantIdentifier>A1SELLER</MerchantIdentifier></Header>
  <MessageType>ProcessingReport</MessageType>
  <Message>
    <MessageID>1</MessageID>
    <ProcessingReport>
      <DocumentTransactionID>50001000001</DocumentTransactionID>
      <StatusCode>Complete</StatusCode>
      <ProcessingSummary>
        <MessagesProcessed>${summary.processed}</MessagesProcessed>
        <MessagesSuccessful>${summary.successful}</MessagesSuccessful>
        <MessagesWithError>${summary.withError}</MessagesWithError>
        <MessagesWithWarning>${summary.withWarning}</MessagesWithWarning>
      </ProcessingSummary>
      ${results}
    </ProcessingReport>
  </Message>
</AmazonEnvelope>`
}

describe("processing report", () => {
  const messages = [
    { messageId: 1, amazonOrderId: ORDER, orderItemIds: ["00000000000001"] },
    { messageId: 2, amazonOrderId: OTHER, orderItemIds: ["00000000000002", "00000000000003"] },
  ]

  it("reads the summary counts and each Result, and maps results to the message, order and lines they concern", () => {
    const parsed = parseProcessingReport(
      Buffer.from(
        report(`<Result>
        <MessageID>2</MessageID>
        <ResultCode>Error</ResultCode>
        <ResultMessageCode>18021</ResultMessageCode>
        <ResultDescription>The quantities you provided for order id (${OTHER}) were larger than the quantities that could be fulfilled.</ResultDescription>
        <AdditionalInfo><AmazonOrderID>${OTHER}</AmazonOrderID></AdditionalInfo>
      </Result>`)
      )
    )
    expect(parsed).toEqual({
      documentTransactionId: "50001000001",
      statusCode: "Complete",
      summary: { processed: 2, successful: 1, withError: 1, withWarning: 0 },
      results: [
        {
          messageId: 2,
          resultCode: "Error",
          resultMessageCode: "18021",
          resultDescription: `The quantities you provided for order id (${OTHER}) were larger than the quantities that could be fulfilled.`,
          amazonOrderId: OTHER,
          amazonOrderItemCode: null,
        },
      ],
    })
    const outcome = mapReportToMessages(parsed, messages)
    expect(outcome.documentErrors).toEqual([])
    expect(outcome.messages.map((message) => [message.messageId, message.amazonOrderId, message.orderItemIds, message.outcome, message.errors.map((e) => e.resultMessageCode)])).toEqual([
      [1, ORDER, ["00000000000001"], "accepted", []],
      [2, OTHER, ["00000000000002", "00000000000003"], "rejected", ["18021"]],
    ])
  })

  it("keeps warnings apart from errors: a message with only a warning was applied", () => {
    const parsed = parseProcessingReport(
      report(`<Result><MessageID>1</MessageID><ResultCode>Warning</ResultCode><ResultMessageCode>99001</ResultMessageCode><ResultDescription>Note</ResultDescription></Result>`, {
        processed: 2,
        successful: 2,
        withError: 0,
        withWarning: 1,
      })
    )
    const outcome = mapReportToMessages(parsed, messages)
    expect(outcome.messages.map((message) => [message.outcome, message.warnings.length])).toEqual([
      ["accepted", 1],
      ["accepted", 0],
    ])
  })

  it("treats an error of MessageID 0 as about the whole document: every message is rejected", () => {
    const parsed = parseProcessingReport(
      report(`<Result><MessageID>0</MessageID><ResultCode>Error</ResultCode><ResultMessageCode>5000</ResultMessageCode><ResultDescription>XML Parsing Error at Line 22, Column 28</ResultDescription></Result>`, {
        processed: 0,
        successful: 0,
        withError: 1,
        withWarning: 0,
      })
    )
    const outcome = mapReportToMessages(parsed, messages)
    expect(outcome.documentErrors.map((error) => error.resultMessageCode)).toEqual(["5000"])
    expect(outcome.messages.every((message) => message.outcome === "rejected")).toBe(true)
  })

  it("keeps codes and IDs as text and refuses what is not a processing report", () => {
    const parsed = parseProcessingReport(
      report(`<Result><MessageID>1</MessageID><ResultCode>Error</ResultCode><ResultMessageCode>00042</ResultMessageCode><ResultDescription>x</ResultDescription></Result>`)
    )
    expect(parsed.results[0].resultMessageCode).toBe("00042")
    const emptyInfo = parseProcessingReport(
      report(`<Result><MessageID>1</MessageID><ResultCode>Error</ResultCode><ResultMessageCode>1</ResultMessageCode><AdditionalInfo/></Result>`)
    )
    expect(emptyInfo.results[0]).toMatchObject({ amazonOrderId: null, resultDescription: null })
    expect(() => parseProcessingReport("<AmazonEnvelope><MessageType>ProcessingReport</MessageType>")).toThrow(ProcessingReportError)
    expect(() => parseProcessingReport(report("").replace("ProcessingReport</MessageType>", "OrderAdjustment</MessageType>"))).toThrow(/MessageType/)
    expect(() => parseProcessingReport(report("").replace("<MessagesProcessed>2", "<MessagesProcessed>two"))).toThrow(/whole number/)
  })
})
