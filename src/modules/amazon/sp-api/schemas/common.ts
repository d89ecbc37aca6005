/**
 * Building blocks shared by the response schemas.
 *
 * Policy for every schema in this folder: objects are loose (unknown extra fields pass through,
 * because Amazon adds fields without a new API version), but every field our mappers read is
 * checked for its exact type, so a changed answer fails loudly at the boundary instead of turning
 * into wrong orders further in. Optional fields accept null as well as absence: Amazon's sandbox
 * and several real answers send `"field": null`.
 */
import { z } from "@medusajs/framework/zod"

/** Money amounts stay strings; "24.99", "-5.00", "19940". */
export const decimalString = z.string().regex(/^-?\d+(\.\d+)?$/, "expected a decimal amount such as \"24.99\"")

export const currencyCode = z.string().regex(/^[A-Z]{3}$/, "expected an ISO 4217 currency code")

/** ISO 8601 timestamps; only checked to be parseable, Amazon varies the precision. */
export const isoDateTime = z
  .string()
  .refine((value) => value.length > 0 && !Number.isNaN(Date.parse(value)), "expected an ISO 8601 date-time")

/** Free text we copy as is. */
export const optionalText = z.string().nullish()

/** Amazon's ErrorList: `{ "errors": [{ code, message, details? }] }` on every non-2xx answer. */
export const AmazonErrorSchema = z.looseObject({
  code: z.string(),
  message: z.string().nullish(),
  details: z.string().nullish(),
})

export const ErrorListSchema = z.looseObject({
  errors: z.array(AmazonErrorSchema).nullish(),
})
