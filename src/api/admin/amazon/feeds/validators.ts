import { z } from "@medusajs/framework/zod"
import { createFindParams } from "@medusajs/medusa/api/utils/validators"
import { CANCEL_REASONS } from "../../../../modules/amazon/feeds"

export const AdminListAmazonFeeds = createFindParams({ limit: 20, offset: 0, order: "-created_at" }).merge(
  z.object({
    account_id: z.string().optional(),
    status: z.enum(["claimed", "uploaded", "creating", "submitted", "done", "fatal", "cancelled"]).optional(),
  })
)
export type AdminListAmazonFeedsType = z.infer<typeof AdminListAmazonFeeds>

export const AdminCancelAmazonOrder = z.object({
  reason: z.enum(CANCEL_REASONS, { message: `Choose one of Amazon's cancellation reasons: ${CANCEL_REASONS.join(", ")}.` }),
  zero_stock: z.boolean().optional(),
})
export type AdminCancelAmazonOrderType = z.infer<typeof AdminCancelAmazonOrder>

export const AdminListBuyerCancellationRequests = createFindParams({ limit: 50, offset: 0, order: "respond_by" }).merge(
  z.object({ status: z.enum(["open", "accepted", "declined", "closed"]).optional().default("open") })
)
export type AdminListBuyerCancellationRequestsType = z.infer<typeof AdminListBuyerCancellationRequests>
