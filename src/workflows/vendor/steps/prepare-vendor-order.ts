import { ContainerRegistrationKeys, generateEntityId, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AMAZON_MODULE } from "../../../modules/amazon"
import type AmazonModuleService from "../../../modules/amazon/service"
import type { OrderAcknowledgement } from "../../../modules/amazon/sp-api"
import { acceptedEachesByLine, buyingPartyEmail, orderQuantitiesFor } from "../../../modules/amazon/vendor/vendor-order-quantities"
import type { MedusaAddressInput } from "../../import-orders/mapping/address"
import type { CustomerToFind } from "../../import-orders/mapping/medusa-order-input"

/** Metadata key on each Medusa line item: the PO line it carries. */
export const VENDOR_LINE_METADATA_KEY = "amazon_vendor_line_id"

/** What a Medusa line item of a PO line carries: the line it is, and Amazon's identifiers and cost source. */
export function vendorItemMetadata(line: { id: string; item_sequence_number: string; asin?: string | null; vendor_product_id?: string | null; cost_source: string }) {
  return {
    [VENDOR_LINE_METADATA_KEY]: line.id,
    amazon_vendor_item_sequence_number: line.item_sequence_number,
    amazon_asin: line.asin ?? null,
    amazon_vendor_product_id: line.vendor_product_id ?? null,
    amazon_cost_source: line.cost_source,
  }
}

/** Amazon buys at cost: the PO's net cost, or its list price where Amazon sent none (line.cost_source says which). */
export function vendorUnitPrice(line: { cost?: unknown }) {
  return line.cost === null || line.cost === undefined ? 0 : String(line.cost)
}

export type VendorOrderReservation = { line_id: string; variant_id: string; inventory_item_id: string; location_id: string; quantity: number }

export type PreparedVendorOrder = {
  purchase_order_id: string
  purchase_order_number: string
  order_id: string
  /** The order exists already (a run that died made it): it is completed, not created again. */
  exists: boolean
  placed_emitted: boolean
  customer: CustomerToFind
  stock_location_ids: string[]
  reservations: VendorOrderReservation[]
  /** The order module's input, without the sales channel and customer (known only later in the workflow). */
  draft: Record<string, any> | null
}

type AmazonParty = { partyId?: string; address?: Record<string, string | undefined> } | null | undefined

function shipToAddress(party: AmazonParty, partyId: string | null): MedusaAddressInput {
  const address = party?.address ?? {}
  return {
    first_name: null,
    last_name: null,
    company: address.name ?? (partyId ? `Amazon ${partyId}` : "Amazon"),
    address_1: address.addressLine1 ?? null,
    address_2: address.addressLine2 ?? null,
    city: address.city ?? null,
    province: address.stateOrRegion ?? null,
    postal_code: address.postalOrZipCode ?? null,
    country_code: address.countryCode?.toLowerCase() ?? null,
    phone: address.phone ?? null,
    metadata: { amazon_ship_to_party_id: partyId },
  }
}

function lineName(line: { item_sequence_number: string; asin?: string | null; vendor_product_id?: string | null }) {
  return `Line ${line.item_sequence_number} (${[line.asin ? `ASIN ${line.asin}` : null, line.vendor_product_id].filter(Boolean).join(", ")})`
}

export const prepareVendorOrderStepId = "prepare-amazon-vendor-order"

/**
 * Reads what the PO's order needs (the PO and its lines, the acknowledgement Amazon took, the matched variants with
 * their stock, the region of the PO's currency) and builds the order, or says in a sentence why it cannot be made
 * yet. Writes nothing.
 */
export const prepareVendorOrderStep = createStep(prepareVendorOrderStepId, async (input: { purchase_order_id: string; acknowledgement_id: string }, { container }) => {
  const amazon: AmazonModuleService = container.resolve(AMAZON_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const po = (await amazon.retrieveAmazonVendorPurchaseOrder(input.purchase_order_id, { relations: ["lines", "account"] })) as any
  const acknowledgement = await amazon.retrieveAmazonVendorAcknowledgement(input.acknowledgement_id)
  const accepted = acceptedEachesByLine(acknowledgement.payload as unknown as OrderAcknowledgement)
  const lines = [...(po.lines ?? [])].sort((a: any, b: any) => Number(a.item_sequence_number) - Number(b.item_sequence_number))
  const quantities = orderQuantitiesFor(lines, accepted)
  const account = po.account
  const exists = !!po.order_id && (await container.resolve(Modules.ORDER).listOrders({ id: po.order_id }, { select: ["id"] })).length > 0
  const prepared: PreparedVendorOrder = {
    purchase_order_id: po.id,
    purchase_order_number: po.purchase_order_number,
    order_id: po.order_id ?? generateEntityId(undefined, "order"),
    exists,
    placed_emitted: !!po.order_placed_emitted_at,
    customer: {
      email: buyingPartyEmail(po.buying_party_id, po.selling_party_id),
      guest: false,
      name: null,
      company: `Amazon (buying party ${po.buying_party_id ?? "unknown"})`,
      phone: null,
      address: null,
    },
    stock_location_ids: [],
    reservations: [],
    draft: null,
  }
  const wanted = lines.filter((line: any) => (quantities.get(line.id) ?? 0) > 0)
  const unmatched = wanted.filter((line: any) => !line.variant_id)
  if (unmatched.length) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `${unmatched.map(lineName).join(", ")} ${unmatched.length === 1 ? "is" : "are"} accepted but matched to no product variant, so no Medusa order can carry ${unmatched.length === 1 ? "it" : "them"}. Give the variant the vendor product id as its SKU or barcode and import again.`
    )
  }
  const { data: variants } = wanted.length
    ? await query.graph({
        entity: "product_variant",
        fields: ["id", "sku", "title", "manage_inventory", "product.id", "product.title", "product.handle", "product.thumbnail", "inventory_items.inventory_item_id", "inventory_items.required_quantity", "inventory_items.inventory.location_levels.location_id"],
        filters: { id: wanted.map((line: any) => line.variant_id) },
      })
    : { data: [] as any[] }
  const variantById = new Map((variants as any[]).map((variant) => [variant.id, variant]))
  const locationIds = new Set<string>()
  for (const line of wanted) {
    const variant = variantById.get(line.variant_id)
    if (!variant) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `${lineName(line)} is matched to a variant that no longer exists. Import the purchase order again to match it anew.`)
    if (!variant.manage_inventory) continue
    for (const link of variant.inventory_items ?? []) {
      const stocked: string[] = (link.inventory?.location_levels ?? []).map((level: { location_id: string }) => level.location_id)
      const locationId = account.stock_location_id ?? stocked[0] ?? null
      if (!locationId || !stocked.includes(locationId)) {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          account.stock_location_id
            ? `SKU "${variant.sku}" (${lineName(line)}) is not stocked at the stock location chosen for this vendor account. Add an inventory level for it there (or choose another location in Settings → Amazon).`
            : `SKU "${variant.sku}" (${lineName(line)}) is not stocked anywhere. Add an inventory level for it.`
        )
      }
      locationIds.add(locationId)
      prepared.reservations.push({
        line_id: line.id,
        variant_id: variant.id,
        inventory_item_id: link.inventory_item_id,
        location_id: locationId,
        quantity: Number(link.required_quantity ?? 1) * quantities.get(line.id)!,
      })
    }
  }
  if (account.stock_location_id) locationIds.add(account.stock_location_id)
  prepared.stock_location_ids = [...locationIds]
  if (exists) return new StepResponse(prepared)
  if (!wanted.length) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Purchase order ${po.purchase_order_number} has no accepted quantity left, so there is no Medusa order to make.`)
  }

  const currency = (po.currency_code ?? "").toLowerCase()
  const regions = await container.resolve(Modules.REGION).listRegions({}, { select: ["id", "currency_code"], take: null })
  const region = regions.find((candidate) => candidate.currency_code.toLowerCase() === currency)
  if (!region) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      currency
        ? `No region of the store uses ${currency.toUpperCase()}, the currency of purchase order ${po.purchase_order_number}. Create a ${currency.toUpperCase()} region; the order is made at the next sync.`
        : `Amazon did not say which currency purchase order ${po.purchase_order_number} is in, so it cannot be priced.`
    )
  }
  const shipTo = shipToAddress((po.raw as any)?.orderDetails?.shipToParty, po.ship_to_party_id ?? null)
  prepared.draft = {
    id: prepared.order_id,
    region_id: region.id,
    currency_code: currency,
    status: "pending",
    // Amazon's buying party is not a person the store writes to.
    no_notification: true,
    shipping_address: shipTo,
    items: wanted.map((line: any) => {
      const variant = variantById.get(line.variant_id)
      return {
        title: variant.product?.title ?? variant.title ?? line.vendor_product_id,
        subtitle: variant.title ?? null,
        thumbnail: variant.product?.thumbnail ?? null,
        quantity: quantities.get(line.id)!,
        unit_price: vendorUnitPrice(line),
        is_tax_inclusive: false,
        requires_shipping: true,
        is_discountable: false,
        product_id: variant.product?.id,
        product_title: variant.product?.title,
        product_handle: variant.product?.handle ?? null,
        variant_id: variant.id,
        variant_sku: variant.sku,
        variant_title: variant.title ?? null,
        metadata: vendorItemMetadata(line),
      }
    }),
    shipping_methods: [
      {
        name: po.window_kind === "delivery" ? "Amazon Vendor delivery" : "Amazon Vendor pickup/ship window",
        amount: 0,
        is_tax_inclusive: false,
        ...(account.shipping_option_id ? { shipping_option_id: account.shipping_option_id } : {}),
        data: { amazon_ship_to_party_id: po.ship_to_party_id ?? null, window_start: po.window_start ?? null, window_end: po.window_end ?? null },
      },
    ],
    metadata: {
      amazon_vendor_purchase_order_id: po.id,
      amazon_vendor_purchase_order_number: po.purchase_order_number,
      amazon_vendor_account_id: account.id,
      amazon_buying_party_id: po.buying_party_id ?? null,
      amazon_ship_to_party_id: po.ship_to_party_id ?? null,
      amazon_purchase_order_type: po.purchase_order_type ?? null,
    },
  }
  return new StepResponse(prepared)
})
