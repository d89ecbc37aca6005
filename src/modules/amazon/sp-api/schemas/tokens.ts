/**
 * Tokens API 2021-03-01 (tokens_2021-03-01.json) and the LWA access token.
 */
import { z } from "@medusajs/framework/zod"

export const RestrictedResourceSchema = z.object({
  method: z.enum(["GET", "PUT", "POST", "DELETE"]),
  /** e.g. "/orders/v0/orders/{orderId}/address" or a concrete order path. */
  path: z.string().startsWith("/"),
  /** For getOrder / getOrders / getOrderItems: "buyerInfo", "shippingAddress", "buyerTaxInformation". */
  dataElements: z.array(z.string().min(1)).optional(),
})

export const CreateRestrictedDataTokenRequestSchema = z.object({
  targetApplication: z.string().min(1).optional(),
  restrictedResources: z.array(RestrictedResourceSchema).min(1).max(50),
})

export const CreateRestrictedDataTokenResponseSchema = z.looseObject({
  restrictedDataToken: z.string().min(1),
  /** Lifetime in seconds (3600 today). */
  expiresIn: z.number().int().positive(),
})

/**
 * The access token the library stored after its LWA call. The library parses the LWA answer
 * itself; we still check that what it kept is a usable token before sending it anywhere.
 */
export const LwaAccessTokenSchema = z.string().min(1).regex(/^\S+$/, "must not contain whitespace")

export type RestrictedResource = z.infer<typeof RestrictedResourceSchema>
export type CreateRestrictedDataTokenResponse = z.infer<typeof CreateRestrictedDataTokenResponseSchema>
