export * from "./push-amazon-tracking"
export * from "./retry-due-amazon-tracking-pushes"
export * from "./retry-amazon-tracking-push"
export * from "./import-amazon-tracking-csv"
