export * from "./cancel-amazon-order"
export * from "./accept-buyer-cancellation-request"
export * from "./decline-buyer-cancellation-request"
