/** The XML order feeds (cancellation, refund) and their processing report: pure, no I/O. */
export * from "./order-feeds"
export * from "./processing-report"
