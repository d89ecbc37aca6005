/**
 * Feeds API 2021-06-30 (feeds_2021-06-30.json): requests we send and answers we accept.
 */
import { z } from "@medusajs/framework/zod"
import { isoDateTime } from "./common"

/** The feed types the plugin sends; both are XML order feeds. */
export const ORDER_FEED_TYPES = ["POST_ORDER_ACKNOWLEDGEMENT_DATA", "POST_PAYMENT_ADJUSTMENT_DATA"] as const
export type OrderFeedType = (typeof ORDER_FEED_TYPES)[number]

/** What Amazon's XML order feeds are uploaded as; the upload must repeat it exactly. */
export const XML_FEED_CONTENT_TYPE = "text/xml; charset=UTF-8"

export const FEED_PROCESSING_STATUSES = ["CANCELLED", "DONE", "FATAL", "IN_PROGRESS", "IN_QUEUE"] as const
export type FeedProcessingStatus = (typeof FEED_PROCESSING_STATUSES)[number]

const identifier = z.string().trim().min(1)

export const CreateFeedDocumentRequestSchema = z.strictObject({
  contentType: z.string().min(1),
})

export const CreateFeedDocumentResponseSchema = z.looseObject({
  feedDocumentId: identifier,
  url: z.string().min(1),
})

export const CreateFeedRequestSchema = z.strictObject({
  feedType: z.enum(ORDER_FEED_TYPES),
  marketplaceIds: z.array(identifier).min(1).max(25),
  inputFeedDocumentId: identifier,
  feedOptions: z.record(z.string(), z.string()).optional(),
})

export const CreateFeedResponseSchema = z.looseObject({
  feedId: identifier,
})

export const FeedSchema = z.looseObject({
  feedId: identifier,
  feedType: z.string().min(1),
  marketplaceIds: z.array(z.string()).nullish(),
  createdTime: isoDateTime,
  processingStatus: z.enum(FEED_PROCESSING_STATUSES),
  processingStartTime: isoDateTime.nullish(),
  processingEndTime: isoDateTime.nullish(),
  resultFeedDocumentId: z.string().min(1).nullish(),
})

export const GetFeedsResponseSchema = z.looseObject({
  feeds: z.array(FeedSchema),
  nextToken: z.string().nullish(),
})

export const FeedDocumentSchema = z.looseObject({
  feedDocumentId: identifier,
  url: z.string().min(1),
  compressionAlgorithm: z.enum(["GZIP"]).nullish(),
})

export type CreateFeedRequest = z.infer<typeof CreateFeedRequestSchema>
export type Feed = z.infer<typeof FeedSchema>
export type FeedDocument = z.infer<typeof FeedDocumentSchema>
