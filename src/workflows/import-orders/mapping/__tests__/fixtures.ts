import type { AmazonOrder, AmazonOrderItem } from "../../../../modules/amazon/sp-api/types"
import type { ImportSettings, VariantForImport } from "../medusa-order-input"

export const US = "ATVPDKIKX0DER"
export const DE = "A1PA6795UKMFR9"
export const JP = "A1VC38T7YXB528"

export function amazonItem(overrides: Partial<AmazonOrderItem> = {}): AmazonOrderItem {
  return {
    orderItemId: "11111111111111",
    asin: "B000TEST01",
    sellerSku: "SKU-MUG",
    title: "Mug on Amazon",
    quantityOrdered: 1,
    quantityShipped: 0,
    unitPrice: "19.99",
    itemPrice: "19.99",
    itemTax: "1.65",
    shippingPrice: "4.99",
    shippingTax: "0.41",
    promotionDiscount: null,
    promotionDiscountTax: null,
    shippingDiscount: null,
    shippingDiscountTax: null,
    promotionIds: [],
    customization: null,
    gift: null,
    buyerRequestedCancel: false,
    cancelReason: null,
    ...overrides,
  }
}

export function amazonOrder(overrides: Partial<AmazonOrder> = {}): AmazonOrder {
  return {
    amazonOrderId: "111-0000001-0000001",
    marketplaceId: US,
    salesChannel: "Amazon.com",
    status: "UNSHIPPED",
    fulfillmentChannel: "FBM",
    purchaseDate: "2026-11-20T10:00:00Z",
    lastUpdateDate: "2026-11-20T10:05:00Z",
    currencyCode: "USD",
    orderTotal: "27.04",
    subtypes: ["PRIME"],
    shipServiceLevel: "Std US D2D Dom",
    earliestShipDate: null,
    latestShipDate: null,
    buyer: { email: "abc123@marketplace.amazon.com", name: "Jane Doe", companyName: null, purchaseOrderNumber: null },
    shippingAddress: {
      name: "Jane Doe",
      companyName: null,
      addressLine1: "1 Main St",
      addressLine2: null,
      addressLine3: null,
      city: "Seattle",
      districtOrCounty: null,
      stateOrRegion: "WA",
      municipality: null,
      postalCode: "98101",
      countryCode: "US",
      phone: null,
      addressType: "Residential",
      extendedFields: null,
    },
    buyerRequestedCancel: false,
    buyerCancelReason: null,
    items: [amazonItem()],
    source: "2026-01-01",
    ...overrides,
  }
}

export function variant(sku: string, overrides: Partial<VariantForImport> = {}): VariantForImport {
  return {
    id: `variant_${sku}`,
    sku,
    title: "Default",
    product: { id: `prod_${sku}`, title: `Product ${sku}`, handle: sku.toLowerCase(), thumbnail: null },
    manage_inventory: true,
    inventory_items: [{ inventory_item_id: `iitem_${sku}`, required_quantity: 1, location_ids: ["sloc_main"] }],
    ...overrides,
  }
}

export function settings(overrides: Partial<ImportSettings> = {}): ImportSettings {
  return {
    customerMode: "guest",
    regionByMarketplace: {},
    regions: [
      { id: "reg_us", currency_code: "usd" },
      { id: "reg_eu", currency_code: "eur" },
      { id: "reg_jp", currency_code: "jpy" },
    ],
    salesChannelId: "sc_amazon",
    shippingOptionId: "so_amazon",
    stockLocationId: null,
    variantsBySku: new Map([
      ["SKU-MUG", variant("SKU-MUG")],
      ["SKU-SHIRT", variant("SKU-SHIRT")],
    ]),
    ...overrides,
  }
}
