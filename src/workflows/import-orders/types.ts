
export type { AmazonOrderPage, FetchedAmazonOrder, ImportProblem, UnreadableAmazonOrder } from "../../modules/amazon/order-import/types"

export type PageCounts = {
  orders_seen: number
  orders_created: number
  orders_updated: number
  orders_parked: number
  orders_cancelled: number
}
