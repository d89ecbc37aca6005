import { MathBN } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"
import type { AmazonOrder, AmazonOrderItem } from "../../../modules/amazon/sp-api/types"
import { describeShippingAddressProblem, toMedusaAddress, type MedusaAddressInput } from "./address"
import { marketplaceName, pricesIncludeTax } from "../../../modules/amazon/sp-api/marketplaces"
import { boundFields, cutText, TEXT_BOUNDS } from "../../../utils/bounded-text"
import { decimal, isDecimalString, medusaLineTax, sumDecimals, toDecimalString } from "./money"

/** Code of the tax lines that carry the tax Amazon collected (Medusa must not recompute it). */
export const AMAZON_TAX_CODE = "AMAZON_TAX"
export const AMAZON_PROMOTION_CODE = "AMAZON_PROMOTION"

const money = z
  .string()
  .nullable()
  .refine((value) => value === null || value.trim() === "" || isDecimalString(value), { message: "is not an amount of money" })

/** The parts of our snapshot the import relies on; anything else may be missing without failing the order. */
const importableOrderSchema = z.object({
  amazonOrderId: z.string().min(1),
  marketplaceId: z.string().nullable(),
  status: z.string(),
  fulfillmentChannel: z.enum(["FBM", "FBA"]),
  purchaseDate: z.string().min(1),
  currencyCode: z.string().length(3, { message: "is not a three-letter currency code" }).nullable(),
  subtypes: z.array(z.string()),
  shipServiceLevel: z.string().nullable(),
  items: z
    .array(
      z.object({
        orderItemId: z.string().min(1),
        sellerSku: z.string().nullable(),
        title: z.string().nullable(),
        quantityOrdered: z.number().int().nonnegative(),
        unitPrice: money,
        itemPrice: money,
        itemTax: money,
        shippingPrice: money,
        shippingTax: money,
        promotionDiscount: money,
        promotionDiscountTax: money,
        shippingDiscount: money,
        shippingDiscountTax: money,
      })
    )
    .min(1, { message: "has no items" }),
})

export type VariantForImport = {
  id: string
  sku: string
  title: string | null
  product: { id: string; title: string; handle: string | null; thumbnail: string | null }
  manage_inventory: boolean
  inventory_items: Array<{ inventory_item_id: string; required_quantity: number; location_ids: string[] }>
}

export type RegionForImport = { id: string; currency_code: string; name?: string }

export type ImportSettings = {
  customerMode: "guest" | "create"
  regionByMarketplace: Record<string, string>
  regions: RegionForImport[]
  salesChannelId: string | null
  shippingOptionId: string | null
  /** Where FBM stock is reserved; null = the first location of the sales channel. */
  stockLocationId: string | null
  variantsBySku: Map<string, VariantForImport>
}

export type StockReservation = {
  amazon_order_item_id: string
  variant_id: string
  inventory_item_id: string
  location_id: string
  /** Units of the inventory item (order quantity × the variant's required quantity). */
  quantity: string
}

export type CustomerToFind = {
  email: string
  /** Guest mode: found or created by email alone, as Medusa's guest checkout does (`has_account: false`). */
  guest: boolean
  name: string | null
  company: string | null
  phone: string | null
  address: MedusaAddressInput | null
}

export type MedusaOrderDraft = {
  region_id: string
  currency_code: string
  sales_channel_id: string | null
  email: string | null
  status: "pending" | "completed"
  no_notification: true
  shipping_address?: MedusaAddressInput
  items: Array<{
    /** Chosen before creation (the order module keeps a given id), so nothing has to be read back to know it. */
    id?: string
    title: string
    subtitle: string | null
    thumbnail: string | null
    quantity: number
    unit_price: string
    is_tax_inclusive: boolean
    requires_shipping: boolean
    is_discountable: boolean
    product_id: string
    product_title: string
    product_handle: string | null
    variant_id: string
    variant_sku: string
    variant_title: string | null
    tax_lines: Array<{ code: string; rate: string; description: string }>
    adjustments: Array<{ code: string; amount: string; description: string; is_tax_inclusive: boolean }>
    metadata: Record<string, unknown>
  }>
  shipping_methods: Array<{
    name: string
    amount: string
    is_tax_inclusive: boolean
    shipping_option_id?: string
    data: Record<string, unknown>
    tax_lines: Array<{ code: string; rate: string; description: string }>
    /** Amounts before tax: the order module stores no is_tax_inclusive for shipping method adjustments. */
    adjustments: Array<{ code: string; amount: string; description: string }>
  }>
  metadata: Record<string, unknown>
}

export type OrderBuildResult =
  | {
      ok: true
      order: MedusaOrderDraft
      /** Present whenever Amazon shared the buyer's email: a guest customer, or a full one in "create" mode. */
      customer: CustomerToFind | null
      reservations: StockReservation[]
      /** FBM: the store's stock location the lines ship from, when one is known (none for unmanaged stock). */
      shipFromLocationId: string | null
      /** What the buyer paid on Amazon, as our lines add up (the Medusa order total must equal it). */
      buyerPaid: string
    }
  | { ok: false; reason: string }

function describeSchemaProblem(error: z.ZodError): string {
  const issue = error.issues[0]
  const where = issue.path.length ? issue.path.join(".") : "the order"
  return `Amazon sent this order in a shape the import cannot read (${where} ${issue.message}). Check the order in Seller Central; the import retries it when Amazon updates the order, or use Retry.`
}

export function resolveRegion(
  order: Pick<AmazonOrder, "marketplaceId" | "currencyCode">,
  settings: Pick<ImportSettings, "regionByMarketplace" | "regions">
): { region: RegionForImport } | { problem: string } {
  const currency = order.currencyCode?.toLowerCase() ?? null
  const where = marketplaceName(order.marketplaceId)
  if (!currency) {
    return { problem: `Amazon did not say which currency this order from ${where} is in, so it cannot be priced. Check the order in Seller Central and retry.` }
  }
  const configuredId = order.marketplaceId ? settings.regionByMarketplace[order.marketplaceId] : undefined
  if (configuredId) {
    const configured = settings.regions.find((region) => region.id === configuredId)
    if (!configured) {
      return { problem: `The region set for ${where} in the Amazon account settings no longer exists. Choose another region for ${where} and retry.` }
    }
    if (configured.currency_code.toLowerCase() !== currency) {
      return {
        problem: `The region set for ${where} uses ${configured.currency_code.toUpperCase()}, but this order is in ${currency.toUpperCase()}. Choose a ${currency.toUpperCase()} region for ${where} in the Amazon account settings and retry.`,
      }
    }
    return { region: configured }
  }
  const byCurrency = settings.regions.find((region) => region.currency_code.toLowerCase() === currency)
  if (!byCurrency) {
    return {
      problem: `No region of the store uses ${currency.toUpperCase()}, the currency of this order from ${where}. Create a ${currency.toUpperCase()} region (or map ${where} to one in the Amazon account settings) and retry.`,
    }
  }
  return { region: byCurrency }
}

/** The line total before promotions. itemPrice is authoritative; unitPrice × quantity only when it is missing. */
function lineGrossOf(item: AmazonOrderItem): ReturnType<typeof decimal> {
  if (item.itemPrice !== null && item.itemPrice.trim() !== "") return decimal(item.itemPrice)
  return MathBN.mult(decimal(item.unitPrice), item.quantityOrdered)
}

function customizationOf(item: AmazonOrderItem) {
  const url = item.customization?.url ?? null
  const text = item.customization?.text ?? null
  return url || text ? { url, text } : null
}

/** Snapshots staged before gift options were read carry none. */
function giftOf(item: AmazonOrderItem) {
  const message = item.gift?.message ? cutText(item.gift.message, TEXT_BOUNDS.long).text : null
  const wrapLevel = item.gift?.wrapLevel ?? null
  return message || wrapLevel ? { message, wrapLevel } : null
}

const SERVICE_LEVEL_LABELS: Record<string, string> = {
  STANDARD: "Standard",
  EXPEDITED: "Expedited",
  SECONDDAY: "Second Day",
  NEXTDAY: "Next Day",
  SAMEDAY: "Same Day",
  FREEECONOMY: "Free Economy",
  PRIORITY: "Priority",
  SCHEDULED: "Scheduled",
}

function serviceLevelLabel(level: string | null | undefined): string | null {
  if (!level) return null
  return SERVICE_LEVEL_LABELS[level.replace(/[^a-z]/gi, "").toUpperCase()] ?? null
}

/**
 * The shipping method is named after Amazon's service level category ("Amazon Expedited"), which both Orders API
 * versions share: 2026-01-01 sends only the category (EXPEDITED), v0 sends a marketplace-specific level
 * ("Std US D2D Dom") plus the category (ShipmentServiceLevelCategory), passed here as `serviceLevelCategory`.
 */
/**
 * What the order keeps as its service level has one shape for both API versions: 2026-01-01's category
 * (STANDARD, SECOND_DAY, …). v0 names the same categories in PascalCase ("SecondDay") beside a carrier-specific
 * level ("Std US D2D Dom") that 2026-01-01 does not have.
 */
export function serviceLevelCategoryOf(v0Category: string | null | undefined): string | null {
  const category = v0Category?.trim()
  if (!category) return null
  return category.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()
}

export function shippingMethodName(input: { shipServiceLevel: string | null; serviceLevelCategory?: string | null; fulfillmentChannel: "FBM" | "FBA" }): string {
  const label = serviceLevelLabel(input.shipServiceLevel) ?? serviceLevelLabel(input.serviceLevelCategory)
  if (label) return `Amazon ${label}`
  if (input.shipServiceLevel?.trim()) return cutText(input.shipServiceLevel.trim(), TEXT_BOUNDS.short).text
  return input.fulfillmentChannel === "FBA" ? "Fulfilled by Amazon" : "Amazon shipping"
}

/**
 * Builds the Medusa order for one Amazon order, or says in a sentence why it cannot be built yet.
 * Amounts are Amazon's: item prices, promotions and the tax Amazon collected are carried over so that
 * the Medusa order total equals what the buyer paid on Amazon.
 */
/** Amazon's snapshot carries prices, taxes and discounts as magnitudes; a negative one is bad data, not a refund. */
const AMOUNT_FIELDS = {
  unitPrice: "unit price",
  itemPrice: "item price",
  itemTax: "item tax",
  shippingPrice: "shipping price",
  shippingTax: "shipping tax",
  promotionDiscount: "promotion discount",
  promotionDiscountTax: "promotion discount tax",
  shippingDiscount: "shipping discount",
  shippingDiscountTax: "shipping discount tax",
} as const

function firstNegativeAmount(items: AmazonOrderItem[]) {
  for (const item of items) {
    for (const [key, field] of Object.entries(AMOUNT_FIELDS)) {
      const amount = item[key as keyof typeof AMOUNT_FIELDS]
      if (amount?.trim() && MathBN.lt(decimal(amount), 0)) return { item, field, amount: amount.trim() }
    }
  }
  return null
}

export function buildMedusaOrder(input: {
  order: AmazonOrder
  firstSeenAt: string
  settings: ImportSettings
  /** v0 only: ShipmentServiceLevelCategory of the raw order (see shippingMethodName). */
  serviceLevelCategory?: string | null
}): OrderBuildResult {
  const parsed = importableOrderSchema.safeParse(input.order)
  if (!parsed.success) return { ok: false, reason: describeSchemaProblem(parsed.error) }
  const { order, settings } = input

  const negative = firstNegativeAmount(order.items)
  if (negative) {
    return {
      ok: false,
      reason: `Amazon sent item ${negative.item.sellerSku ?? negative.item.orderItemId} with a negative ${negative.field} (${negative.amount}); the plugin does not turn that into a Medusa order whose total would be wrong. Check the order in Seller Central; the import retries it when Amazon updates the order, or use Retry.`,
    }
  }

  const zeroQuantity = order.items.find((item) => item.quantityOrdered === 0)
  if (zeroQuantity) {
    return {
      ok: false,
      reason: `Amazon sent item ${zeroQuantity.sellerSku ?? zeroQuantity.orderItemId} with quantity 0. Check the order in Seller Central (a line may have been cancelled); the import retries it when Amazon updates the order, or use Retry.`,
    }
  }

  const unpriced = order.items.find((item) => !item.itemPrice?.trim() && !item.unitPrice?.trim())
  if (unpriced) {
    return {
      ok: false,
      reason: `Amazon sent item ${unpriced.sellerSku ?? unpriced.orderItemId} without a price. Check the order in Seller Central; the import retries it when Amazon updates the order, or use Retry.`,
    }
  }

  const missingSku = order.items.find((item) => !item.sellerSku)
  if (missingSku) {
    return {
      ok: false,
      reason: `Amazon sent item ${missingSku.orderItemId} (${missingSku.title ?? "no title"}) without a seller SKU, so it cannot be matched to a product. Check the listing in Seller Central and retry.`,
    }
  }
  const unknownSkus = [...new Set(order.items.map((item) => item.sellerSku as string).filter((sku) => !settings.variantsBySku.has(sku)))]
  if (unknownSkus.length) {
    const named = unknownSkus.map((sku) => `"${sku}"`).join(", ")
    return {
      ok: false,
      reason: `No product variant has the SKU ${named}. Give the matching variant that SKU (or create the product) and retry the import.`,
    }
  }

  const resolved = resolveRegion(order, settings)
  if ("problem" in resolved) return { ok: false, reason: resolved.problem }
  const region = resolved.region

  const isFbm = order.fulfillmentChannel === "FBM"
  if (isFbm) {
    const addressProblem = describeShippingAddressProblem(order)
    if (addressProblem) return { ok: false, reason: addressProblem }
  }

  const reservations: StockReservation[] = []
  /** Where the FBM lines are stocked, hence where they ship from (the location reservations use). */
  let shipFromLocationId: string | null = settings.stockLocationId
  if (isFbm) {
    for (const item of order.items) {
      const variant = settings.variantsBySku.get(item.sellerSku as string)!
      if (!variant.manage_inventory) continue
      for (const inventoryItem of variant.inventory_items) {
        const locationId = settings.stockLocationId ?? inventoryItem.location_ids[0] ?? null
        if (!locationId || !inventoryItem.location_ids.includes(locationId)) {
          return {
            ok: false,
            reason: settings.stockLocationId
              ? `SKU "${variant.sku}" is not stocked at the stock location chosen for Amazon orders. Add an inventory level for it there (or choose another location in the Amazon account settings) and retry.`
              : `SKU "${variant.sku}" is not stocked at any location of the sales channel used for Amazon orders. Add an inventory level for it and retry.`,
          }
        }
        shipFromLocationId ??= locationId
        // Units the seller shipped before the import (outside Medusa) have left the warehouse already, and the
        // store's count was lowered by whoever shipped them: only the units still to ship are held for the order.
        const unshipped = Math.max(0, item.quantityOrdered - Math.min(item.quantityShipped ?? 0, item.quantityOrdered))
        if (!unshipped) continue
        reservations.push({
          amazon_order_item_id: item.orderItemId,
          variant_id: variant.id,
          inventory_item_id: inventoryItem.inventory_item_id,
          location_id: locationId,
          quantity: toDecimalString(MathBN.mult(inventoryItem.required_quantity, unshipped)),
        })
      }
    }
  }

  const taxInclusive = pricesIncludeTax(order.marketplaceId, order.currencyCode)
  const taxDescription = taxInclusive ? "VAT included in Amazon's price (collected by Amazon)" : "Tax collected by Amazon"
  let buyerPaid = MathBN.convert(0)

  const items: MedusaOrderDraft["items"] = order.items.map((item) => {
    const variant = settings.variantsBySku.get(item.sellerSku as string)!
    const gross = lineGrossOf(item)
    const discount = decimal(item.promotionDiscount)
    const discountTax = decimal(item.promotionDiscountTax)
    const tax = MathBN.sub(decimal(item.itemTax), discountTax)
    const net = MathBN.sub(gross, discount)
    buyerPaid = MathBN.add(buyerPaid, taxInclusive ? net : MathBN.add(net, tax))
    const { rate, adjustment } = medusaLineTax({ price: gross, tax: decimal(item.itemTax), discount, discountTax, taxInclusive })
    const customization = customizationOf(item)
    const gift = giftOf(item)
    return {
      title: variant.product.title,
      subtitle: variant.title,
      thumbnail: variant.product.thumbnail,
      quantity: item.quantityOrdered,
      // Derived from the line total so that unit price × quantity gives back exactly what Amazon charged.
      unit_price: toDecimalString(MathBN.div(gross, item.quantityOrdered)),
      is_tax_inclusive: taxInclusive,
      requires_shipping: true,
      is_discountable: false,
      product_id: variant.product.id,
      product_title: variant.product.title,
      product_handle: variant.product.handle,
      variant_id: variant.id,
      variant_sku: variant.sku,
      variant_title: variant.title,
      tax_lines: rate ? [{ code: AMAZON_TAX_CODE, rate, description: taxDescription }] : [],
      // Tax-inclusive in every marketplace: the amount is what the promotion took off the buyer's payment (see medusaLineTax).
      adjustments: adjustment
        ? [
            {
              code: item.promotionIds[0] ?? AMAZON_PROMOTION_CODE,
              amount: adjustment,
              description: item.promotionIds.length ? `Amazon promotion ${item.promotionIds.join(", ")}` : "Amazon promotion",
              is_tax_inclusive: true,
            },
          ]
        : [],
      metadata: {
        amazon_order_item_id: item.orderItemId,
        amazon_asin: item.asin,
        amazon_title: item.title,
        ...(customization ? { amazon_customization_url: customization.url, amazon_customization_text: customization.text } : {}),
        ...(gift ? { amazon_gift_message: gift.message, amazon_gift_wrap_level: gift.wrapLevel } : {}),
      },
    }
  })

  const shippingGross = sumDecimals(order.items.map((item) => item.shippingPrice))
  const shippingDiscount = sumDecimals(order.items.map((item) => item.shippingDiscount))
  const shippingGrossTax = sumDecimals(order.items.map((item) => item.shippingTax))
  const shippingDiscountTax = sumDecimals(order.items.map((item) => item.shippingDiscountTax))
  const shippingTax = MathBN.sub(shippingGrossTax, shippingDiscountTax)
  const shippingNet = MathBN.sub(shippingGross, shippingDiscount)
  buyerPaid = MathBN.add(buyerPaid, taxInclusive ? shippingNet : MathBN.add(shippingNet, shippingTax))
  const shipping = medusaLineTax({ price: shippingGross, tax: shippingGrossTax, discount: shippingDiscount, discountTax: shippingDiscountTax, taxInclusive })
  const shippingMethod: MedusaOrderDraft["shipping_methods"][number] = {
    name: shippingMethodName({
      shipServiceLevel: order.shipServiceLevel,
      serviceLevelCategory: input.serviceLevelCategory,
      fulfillmentChannel: order.fulfillmentChannel,
    }),
    amount: toDecimalString(shippingGross),
    is_tax_inclusive: taxInclusive,
    data: { amazon_ship_service_level: serviceLevelCategoryOf(input.serviceLevelCategory) ?? order.shipServiceLevel, amazon_fulfillment_channel: order.fulfillmentChannel },
    tax_lines: shipping.rate ? [{ code: AMAZON_TAX_CODE, rate: shipping.rate, description: taxDescription }] : [],
    adjustments: shipping.adjustmentBeforeTax
      ? [{ code: AMAZON_PROMOTION_CODE, amount: shipping.adjustmentBeforeTax, description: "Amazon shipping promotion" }]
      : [],
  }
  // FBA orders are shipped by Amazon; only the store's own shipping option can fulfil FBM orders.
  if (isFbm && settings.shippingOptionId) shippingMethod.shipping_option_id = settings.shippingOptionId

  const customizations = order.items
    .map((item) => ({ order_item_id: item.orderItemId, sku: item.sellerSku, ...customizationOf(item) }))
    .filter((entry) => entry.url || entry.text)

  const cutFields: string[] = []
  const bounded = (value: string | null | undefined, field: string, maximum: number = TEXT_BOUNDS.short) => {
    if (!value) return value ?? null
    const { text, cut } = cutText(value, maximum)
    if (cut) cutFields.push(field)
    return text
  }
  const mappedAddress = toMedusaAddress(order.shippingAddress)
  let shippingAddress = mappedAddress
  if (mappedAddress) {
    const { metadata, ...fields } = mappedAddress
    const boundedAddress = boundFields(fields, TEXT_BOUNDS.short, "shipping_address.")
    cutFields.push(...boundedAddress.cutFields)
    shippingAddress = { ...boundedAddress.value, metadata }
  }
  const email = order.buyer.email?.trim() || null
  if (email && email.length > 320) {
    return { ok: false, reason: `Amazon sent a buyer email address longer than 320 characters, which is not an email address. Check the order in Seller Central and retry.` }
  }
  const shipServiceLevel = bounded(serviceLevelCategoryOf(input.serviceLevelCategory) ?? order.shipServiceLevel, "ship_service_level")
  const purchaseOrderNumber = bounded(order.buyer.purchaseOrderNumber?.trim(), "purchase_order_number")
  const gifts = order.items
    .map((item) => ({ order_item_id: item.orderItemId, sku: item.sellerSku, gift: giftOf(item) }))
    .filter((entry) => entry.gift)
    .map(({ gift, ...entry }) => ({ ...entry, message: gift!.message, wrap_level: gift!.wrapLevel }))
  const boundedCustomizations = customizations.map((entry) => ({
    ...entry,
    text: typeof entry.text === "string" ? bounded(entry.text, `customization.${entry.order_item_id}`, TEXT_BOUNDS.long) : entry.text,
  }))
  const buyerName = bounded(order.buyer.name?.trim(), "buyer.name")
  const buyerCompany = bounded(order.buyer.companyName?.trim(), "buyer.company")
  const draft: MedusaOrderDraft = {
    region_id: region.id,
    currency_code: region.currency_code.toLowerCase(),
    sales_channel_id: settings.salesChannelId,
    email,
    // FBA orders were shipped by Amazon before we import them; FBM orders are the store's to ship.
    status: isFbm ? "pending" : "completed",
    no_notification: true,
    ...(shippingAddress ? { shipping_address: shippingAddress } : {}),
    items,
    shipping_methods: [shippingMethod],
    metadata: {
      amazon_order_id: order.amazonOrderId,
      amazon_marketplace_id: order.marketplaceId,
      amazon_sales_channel: order.salesChannel,
      amazon_fulfillment_channel: order.fulfillmentChannel,
      amazon_subtypes: [...order.subtypes],
      amazon_ship_service_level: shipServiceLevel,
      amazon_purchase_date: order.purchaseDate,
      amazon_first_seen_at: input.firstSeenAt,
      amazon_order_total: order.orderTotal,
      ...(purchaseOrderNumber ? { amazon_purchase_order_number: purchaseOrderNumber } : {}),
      ...(boundedCustomizations.length ? { amazon_customizations: boundedCustomizations } : {}),
      ...(gifts.length ? { amazon_gifts: gifts } : {}),
      // Amazon sent longer text than the store keeps: these fields were cut (Seller Central has the full text).
      ...(cutFields.length ? { amazon_cut_fields: cutFields } : {}),
    },
  }

  // Without the buyer's email (FBA orders without PII) there is no one to attach: no person is invented.
  const customer: CustomerToFind | null = !email
    ? null
    : settings.customerMode === "create"
      ? {
          email,
          guest: false,
          name: buyerName || shippingAddress?.first_name || null,
          company: buyerCompany || shippingAddress?.company || null,
          phone: shippingAddress?.phone ?? null,
          address: isFbm ? shippingAddress : null,
        }
      : { email, guest: true, name: null, company: null, phone: null, address: null }

  return { ok: true, order: draft, customer, reservations, shipFromLocationId: isFbm ? shipFromLocationId : null, buyerPaid: toDecimalString(buyerPaid) }
}
