import type { AmazonOrder } from "../sp-api/types"

/** One order as read from Amazon: our normalised snapshot plus Amazon's raw answer, kept for support. */
export type FetchedAmazonOrder = { order: AmazonOrder; raw: unknown }

/**
 * An order Amazon sent that could not be turned into a snapshot (malformed). What little we could read is kept,
 * so that it can be parked for the merchant instead of being silently dropped.
 */
export type UnreadableAmazonOrder = {
  amazon_order_id: string | null
  last_update_date: string | null
  purchase_date: string | null
  fulfillment_channel: "FBM" | "FBA" | null
  status: string | null
  message: string
  raw: unknown
}

export type AmazonOrderPage = {
  orders: FetchedAmazonOrder[]
  unreadable: UnreadableAmazonOrder[]
  next_token: string | null
  /** Where Amazon ended the window (its clock, two minutes before the request). */
  last_updated_before: string | null
  api_calls: number
  /** Things worth telling the merchant that did not stop any order (e.g. unreadable customization). */
  problems: ImportProblem[]
}

export type ImportProblem = { message: string; amazon_order_id?: string }
