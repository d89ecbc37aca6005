import { parseProcessingReport } from "../../feeds"
import { buildBatch, feedTimings, rejectionSentence } from "../feed-worker"

describe("feed worker", () => {
  it("scales Amazon's two minutes between feeds like every other rate", () => {
    expect(feedTimings(1).interval_ms).toBe(120_000)
    expect(feedTimings(100).interval_ms).toBe(1_200)
    expect(feedTimings(100, 500).interval_ms).toBe(5_000)
  })

  it("builds one acknowledgement per queued cancellation and remembers which row each MessageID is", () => {
    const built = buildBatch("POST_ORDER_ACKNOWLEDGEMENT_DATA", "A1SELLER", [
      { id: "amzfmsg_1", account_id: "a", feed_type: "x", amazon_order_id: "111-1111111-1111111", payload: { amazonOrderId: "111-1111111-1111111", items: [{ orderItemId: "11", cancelReason: "NoInventory" }] } },
      { id: "amzfmsg_2", account_id: "a", feed_type: "x", amazon_order_id: "111-2222222-2222222", payload: { amazonOrderId: "111-2222222-2222222", items: [{ orderItemId: "21", cancelReason: "BuyerCanceled" }, { orderItemId: "22", cancelReason: "BuyerCanceled" }] } },
    ])
    expect(built.message_ids).toEqual([1, 2])
    expect(built.refs).toEqual([
      { messageId: 1, amazonOrderId: "111-1111111-1111111", orderItemIds: ["11"], feed_message_id: "amzfmsg_1" },
      { messageId: 2, amazonOrderId: "111-2222222-2222222", orderItemIds: ["21", "22"], feed_message_id: "amzfmsg_2" },
    ])
    expect(built.content.match(/<CancelReason>BuyerCanceled<\/CancelReason>/g)).toHaveLength(2)
    expect(built.content).toContain("<MerchantIdentifier>A1SELLER</MerchantIdentifier>")
  })

  it("refuses a feed type it does not build", () => {
    expect(() => buildBatch("POST_ORDER_FULFILLMENT_DATA", "A1SELLER", [])).toThrow(/does not send POST_ORDER_FULFILLMENT_DATA/)
  })

  it("builds a payment adjustment feed from queued refunds, one Message each", () => {
    const payload = { amazonOrderId: "111-1234567-1234567", currency: "USD", items: [{ orderItemId: "100", adjustmentReason: "CustomerReturn", components: [{ type: "Principal", amount: "5.00" }] }] }
    const built = buildBatch("POST_PAYMENT_ADJUSTMENT_DATA", "A1SELLER", [
      { id: "amzfmsg_1", account_id: "acc", feed_type: "POST_PAYMENT_ADJUSTMENT_DATA", amazon_order_id: payload.amazonOrderId, payload },
      { id: "amzfmsg_2", account_id: "acc", feed_type: "POST_PAYMENT_ADJUSTMENT_DATA", amazon_order_id: payload.amazonOrderId, payload },
    ])
    expect(built.message_ids).toEqual([1, 2])
    expect(built.content.match(/<ActionType>Refund<\/ActionType>/g)).toHaveLength(2)
    expect(built.content).toContain('<Amount currency="USD">5.00</Amount>')
  })

  it("words Amazon's refusal for the merchant", () => {
    const report = parseProcessingReport(`<?xml version="1.0"?><AmazonEnvelope><Header><DocumentVersion>1.02</DocumentVersion><MerchantIdentifier>A</MerchantIdentifier></Header>
      <MessageType>ProcessingReport</MessageType><Message><MessageID>1</MessageID><ProcessingReport><DocumentTransactionID>1</DocumentTransactionID><StatusCode>Complete</StatusCode>
      <ProcessingSummary><MessagesProcessed>1</MessagesProcessed><MessagesSuccessful>0</MessagesSuccessful><MessagesWithError>1</MessagesWithError><MessagesWithWarning>0</MessagesWithWarning></ProcessingSummary>
      <Result><MessageID>1</MessageID><ResultCode>Error</ResultCode><ResultMessageCode>18102</ResultMessageCode><ResultDescription>The order has shipped.</ResultDescription></Result></ProcessingReport></Message></AmazonEnvelope>`)
    expect(rejectionSentence(report.results, false)).toBe("Amazon refused this: The order has shipped. (Amazon code 18102)")
    expect(rejectionSentence([], true)).toBe("Amazon did not process the feed document this message was in.")
  })
})
