export * from "./import-vendor-purchase-orders"
export * from "./acknowledge-vendor-purchase-order"
export * from "./process-vendor-acknowledgements"
