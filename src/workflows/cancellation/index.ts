export * from "./cancel-amazon-order"
