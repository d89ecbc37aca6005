import { model } from "@medusajs/framework/utils"
import { AmazonAccount } from "./amazon-account"
import { AmazonOrderItem } from "./amazon-order-item"
import { AmazonTrackingPush } from "./amazon-tracking-push"

/**
 * Every Amazon order this plugin has seen, whether or not it became a Medusa order yet.
 * Unique per account + Amazon order id, so seeing an order again is an update, never a duplicate.
 * The Medusa order it became is reached through the amazon_order ↔ order link.
 */
export const AmazonOrder = model
  .define("amazon_order", {
    id: model.id({ prefix: "amzord" }).primaryKey(),
    amazon_order_id: model.text().searchable(),
    marketplace_id: model.text().nullable(),
    sales_channel_name: model.text().nullable(),
    status: model.text(),
    fulfillment_channel: model.enum(["FBM", "FBA"]),
    subtypes: model.array().default([]),
    is_prime: model.boolean().default(false),
    is_business: model.boolean().default(false),
    ship_service_level: model.text().nullable(),
    currency_code: model.text().nullable(),
    order_total: model.bigNumber().nullable(),
    buyer_email: model.text().nullable(),
    buyer_name: model.text().nullable(),
    /** When the buyer placed the order on Amazon. */
    purchase_date: model.dateTime(),
    /** When this plugin first saw the order. */
    first_seen_at: model.dateTime(),
    last_update_date: model.dateTime(),
    latest_ship_date: model.dateTime().nullable(),
    buyer_cancel_requested: model.boolean().default(false),
    buyer_cancel_reason: model.text().nullable(),
    has_customization: model.boolean().default(false),
    /**
     * staged: seen, not (yet) a Medusa order (e.g. PENDING, or FBA not shipped yet);
     * imported: a Medusa order exists; needs_attention: could not become one, see attention_reason;
     * skipped: will not become one (cancelled before import, FBA import off).
     */
    import_state: model.enum(["staged", "imported", "needs_attention", "skipped"]).default("staged"),
    attention_reason: model.text().nullable(),
    /**
     * The id the Medusa order gets, chosen and committed before the order is created: a run that finds an order
     * with this id completes it (link, reservations, order.placed) instead of creating a second one.
     */
    intended_order_id: model.text().nullable(),
    /** When order.placed was emitted for the Medusa order, so that it is emitted once. */
    order_placed_emitted_at: model.dateTime().nullable(),
    /** Our normalised snapshot (sp-api/types.ts AmazonOrder) and Amazon's raw answer. */
    snapshot: model.json(),
    raw: model.json().nullable(),
    account: model.belongsTo(() => AmazonAccount, { mappedBy: "orders" }),
    items: model.hasMany(() => AmazonOrderItem, { mappedBy: "order" }),
    tracking_pushes: model.hasMany(() => AmazonTrackingPush, { mappedBy: "amazon_order_row" }),
  })
  .cascades({ delete: ["items", "tracking_pushes"] })
  .indexes([
    { on: ["account_id", "amazon_order_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["import_state"] },
    { on: ["status"] },
    { on: ["purchase_date"] },
  ])
