export * from "./refund-amazon-order"
