import type { AmazonOrder } from "../../../modules/amazon/sp-api/types"

export type ImportState = "staged" | "imported" | "needs_attention" | "skipped"

/**
 * What the import does with one staged Amazon order that has no Medusa order yet.
 * - create: it is ready to become a Medusa order;
 * - wait: keep it staged, a later status will make it ready (FBM PENDING, FBA not shipped yet);
 * - skip: it will not become a Medusa order (cancelled before import, FBA import switched off).
 */
export type ImportDecision =
  | { action: "create" }
  | { action: "wait" }
  | { action: "skip"; why: string }

export function decideImport(order: Pick<AmazonOrder, "status" | "fulfillmentChannel">, settings: { importFba: boolean }): ImportDecision {
  if (order.status === "CANCELLED") return { action: "skip", why: "Amazon cancelled the order before it was imported." }
  if (order.fulfillmentChannel === "FBA") {
    if (!settings.importFba) return { action: "skip", why: "Importing FBA orders is switched off for this account." }
    // Amazon ships FBA orders itself; they only mean something to the store once shipped.
    return order.status === "SHIPPED" ? { action: "create" } : { action: "wait" }
  }
  switch (order.status) {
    case "UNSHIPPED":
    case "PARTIALLY_SHIPPED":
    case "SHIPPED":
      return { action: "create" }
    case "UNFULFILLABLE":
      return { action: "skip", why: "Amazon marked the order unfulfillable." }
    default:
      // PENDING / PENDING_AVAILABILITY: payment not settled, the seller must not ship yet.
      return { action: "wait" }
  }
}

/** A Medusa order that exists for an Amazon order Amazon has since cancelled must be cancelled too. */
export function mustCancelMedusaOrder(amazonStatus: string, medusaOrderStatus: string | null | undefined): boolean {
  return amazonStatus === "CANCELLED" && !!medusaOrderStatus && !["canceled", "completed", "archived"].includes(medusaOrderStatus)
}
