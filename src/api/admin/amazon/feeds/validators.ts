import { z } from "@medusajs/framework/zod"
import { createFindParams } from "@medusajs/medusa/api/utils/validators"
import { ADJUSTMENT_REASONS, CANCEL_REASONS } from "../../../../modules/amazon/feeds"

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

const refundAmount = z
  .union([z.string(), z.number()])
  .transform((value) => String(value).trim())
  .pipe(
    z
      .string()
      .regex(/^\d+(\.\d{1,2})?$/, "Enter the amount as a positive number with at most two decimals, such as 12.50.")
      .refine((value) => Number(value) > 0, "The amount must be greater than zero.")
  )

const AdminRefundAmazonLine = z
  .strictObject({
    order_item_id: z.string().regex(/^\d{1,20}$/, "An Amazon order item code is digits only.").optional(),
    line_item_id: z.string().min(1).optional(),
    quantity: z.number().int("Refund whole units.").positive("The quantity must be at least 1.").optional(),
    amounts: z
      .strictObject({ Principal: refundAmount.optional(), Shipping: refundAmount.optional(), Tax: refundAmount.optional(), ShippingTax: refundAmount.optional() })
      .optional(),
  })
  .refine((line) => !!line.order_item_id !== !!line.line_item_id, "Name each line by its Amazon order item code or its Medusa line id (one of them).")
  .refine((line) => line.quantity !== undefined || Object.values(line.amounts ?? {}).some((value) => value !== undefined), "Give each line a quantity or an amount for at least one price component.")

/** The plugin's refund dialog: the whole order, an amount (shared by the documented rule), or a breakdown per line. */
export const AdminRefundAmazonOrder = z
  .strictObject({
    whole_order: z.literal(true).optional(),
    amount: refundAmount.optional(),
    lines: z.array(AdminRefundAmazonLine).min(1, "List at least one line.").optional(),
    reason: z.enum(ADJUSTMENT_REASONS, { message: `Choose one of Amazon's refund reasons: ${ADJUSTMENT_REASONS.join(", ")}.` }),
    note: z.string().trim().max(500, "Keep the note under 500 characters.").optional(),
  })
  .refine(
    (body) => [body.whole_order, body.amount, body.lines].filter((value) => value !== undefined).length === 1,
    "Refund either the whole order, an amount, or a list of lines (exactly one of whole_order, amount, lines)."
  )
export type AdminRefundAmazonOrderType = z.infer<typeof AdminRefundAmazonOrder>
