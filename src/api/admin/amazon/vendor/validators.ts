import { z } from "@medusajs/framework/zod"
import { createFindParams } from "@medusajs/medusa/api/utils/validators"
import { ACKNOWLEDGEMENT_CODES, REJECTION_REASONS } from "../../../../modules/amazon/sp-api"

export const AdminListVendorPurchaseOrders = createFindParams({ limit: 20, offset: 0, order: "-purchase_order_date" })
  .merge(
    z.object({
      q: z.string().trim().optional(),
      account_id: z.string().optional(),
      state: z.enum(["New", "Acknowledged", "Closed"]).optional(),
      changed_after_acknowledgement: z.preprocess((value) => (value === "true" ? true : value === "false" ? false : value), z.boolean()).optional(),
    })
  )
  .transform(({ q, ...rest }) => ({ ...rest, ...(q ? { purchase_order_number: { $ilike: `%${q}%` } } : {}) }))
export type AdminListVendorPurchaseOrdersType = z.infer<typeof AdminListVendorPurchaseOrders>

const optionalDate = z
  .string()
  .trim()
  .refine((value) => !Number.isNaN(Date.parse(value)), "Enter dates as 2026-12-24 or 2026-12-24T10:00:00Z.")
  .nullish()
  .or(z.literal("").transform(() => null))

export const AdminAcknowledgeVendorPurchaseOrder = z
  .object({
    lines: z
      .array(
        z.object({
          item_sequence_number: z.string().min(1),
          answers: z
            .array(
              z.object({
                code: z.enum(ACKNOWLEDGEMENT_CODES, { message: `Answer each quantity with ${ACKNOWLEDGEMENT_CODES.join(", ")}.` }),
                quantity: z.number().int("Quantities are whole numbers.").min(0, "Quantities cannot be negative."),
                rejection_reason: z.enum(REJECTION_REASONS, { message: `A rejection reason is one of ${REJECTION_REASONS.join(", ")}.` }).nullish(),
                scheduled_ship_date: optionalDate,
                scheduled_delivery_date: optionalDate,
              })
            )
            .min(1, "Give every line at least one answer."),
        })
      )
      .min(1, "Answer the lines of the purchase order."),
  })
  .strict()
export type AdminAcknowledgeVendorPurchaseOrderType = z.infer<typeof AdminAcknowledgeVendorPurchaseOrder>
