import { z } from "@medusajs/framework/zod"
import { createFindParams } from "@medusajs/medusa/api/utils/validators"

export const TRACKING_PUSH_STATES = ["waiting", "sent", "confirmed", "failed"] as const
export const PAYMENT_CAPTURE_STATES = ["captured", "failed", "not_needed"] as const

export const AdminListAmazonTrackingPushes = createFindParams({ limit: 20, offset: 0, order: "-created_at" }).merge(
  z.object({
    state: z.enum(TRACKING_PUSH_STATES).optional(),
    payment_capture_state: z.enum(PAYMENT_CAPTURE_STATES).optional(),
    order_id: z.string().trim().min(1).optional(),
    amazon_order_id: z.string().trim().min(1).optional(),
    account_id: z.string().trim().min(1).optional(),
  })
)
export type AdminListAmazonTrackingPushesType = z.infer<typeof AdminListAmazonTrackingPushes>

/** About 5 000 lines of a typical tracking file; larger files should be split. */
export const MAX_TRACKING_CSV_CHARACTERS = 1_000_000

export const AdminImportAmazonTracking = z
  .object({
    csv: z
      .string({ error: "Send the CSV file's text in the field “csv”." })
      .min(1, "The CSV file is empty. Upload a file with a header line and one line per package.")
      .max(MAX_TRACKING_CSV_CHARACTERS, "The CSV file is larger than 1 MB. Split it into smaller files."),
  })
  .strict()
export type AdminImportAmazonTrackingType = z.infer<typeof AdminImportAmazonTracking>
