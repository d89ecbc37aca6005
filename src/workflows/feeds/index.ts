export * from "./process-amazon-feeds"
