// Realistic seed orders for demos and tests. SKUs match the variants the demo store creates.
import { HOUR_MS, MINUTE_MS } from "./dates"
import type { SimAddress, SimOrderSeed } from "./types"

export const DEMO_SKUS = ["AMZ-TSHIRT-S", "AMZ-TSHIRT-M", "AMZ-MUG-01", "AMZ-CUSTOM-MUG", "AMZ-POSTER-A2"] as const

const US = "ATVPDKIKX0DER"
const DE = "A1PA6795UKMFR9"
const JP = "A1VC38T7YXB528"

const TSHIRT_S = { sku: "AMZ-TSHIRT-S", asin: "B0CSIMTS01", title: "Organic Cotton T-Shirt – Size S" }
const TSHIRT_M = { sku: "AMZ-TSHIRT-M", asin: "B0CSIMTM02", title: "Organic Cotton T-Shirt – Size M" }
const MUG = { sku: "AMZ-MUG-01", asin: "B0CSIMMUG1", title: "Stoneware Coffee Mug 350 ml" }
const CUSTOM_MUG = { sku: "AMZ-CUSTOM-MUG", asin: "B0CSIMCMG1", title: "Personalized Engraved Mug" }
const POSTER = { sku: "AMZ-POSTER-A2", asin: "B0CSIMPST2", title: "Mountain Sunrise Poster A2" }

const SEATTLE: SimAddress = {
  name: "Michael O'Connor",
  addressLine1: "1200 2nd Ave",
  addressLine2: "Apt 804",
  city: "Seattle",
  stateOrRegion: "WA",
  postalCode: "98101",
  countryCode: "US",
  phone: "+1 206-555-0142",
  addressType: "Residential",
}

export interface DemoOrdersOptions {
  /** Orders are placed in the hours before this time (default: now). */
  now?: Date
}

/**
 * About a dozen orders covering the cases a seller meets: FBM pending/unshipped/partially
 * shipped, Prime, Business, Business Prime, SecondDay/Premium, Amazon Custom, FBA without PII,
 * a buyer cancellation request, a cancelled order, Unicode names, VAT-inclusive EU prices and JPY.
 * Every order was last updated at least 10 minutes before `now`, so Amazon's 2-minute
 * freshness rule does not hide any of them.
 */
export function demoOrders(options: DemoOrdersOptions = {}): SimOrderSeed[] {
  const now = (options.now ?? new Date()).getTime()
  const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR_MS).toISOString()
  const updated = (minutesAgo: number) => new Date(now - minutesAgo * MINUTE_MS).toISOString()

  return [
    {
      id: "111-5550101-0000001",
      marketplaceId: US,
      status: "PENDING",
      fulfilledBy: "MERCHANT",
      purchaseDate: at(0.5),
      lastUpdated: updated(20),
      items: [{ ...TSHIRT_M, quantity: 1, unitPrice: 19.99, unitTax: 1.65 }],
      buyer: { name: "Jane Doe", email: "jdoe7x2k@marketplace.amazon.com" },
      address: { name: "Jane Doe", addressLine1: "55 Elm Street", city: "Boston", stateOrRegion: "MA", postalCode: "02118", countryCode: "US", addressType: "Residential" },
    },
    {
      id: "111-5550102-0000002",
      marketplaceId: US,
      status: "UNSHIPPED",
      fulfilledBy: "MERCHANT",
      purchaseDate: at(26),
      lastUpdated: updated(24 * 60),
      items: [
        { ...TSHIRT_S, quantity: 2, unitPrice: 19.99, unitTax: 1.65, shippingPrice: 4.99, shippingTax: 0.41 },
        { ...MUG, quantity: 1, unitPrice: 12.99, unitTax: 1.07, promotionDiscount: 2.0, promotionIds: ["PLM-SUMMER-MUG-2"] },
        { ...POSTER, quantity: 1, unitPrice: 14.99, unitTax: 1.24 },
      ],
      buyer: { name: "Michael O'Connor", email: "mocon9q1v@marketplace.amazon.com" },
      address: SEATTLE,
    },
    {
      id: "111-5550103-0000003",
      marketplaceId: US,
      status: "UNSHIPPED",
      fulfilledBy: "MERCHANT",
      purchaseDate: at(20),
      lastUpdated: updated(19 * 60),
      prime: true,
      shipServiceLevel: "Std US D2D Dom",
      items: [{ ...MUG, quantity: 2, unitPrice: 12.99, unitTax: 1.07 }],
      buyer: { name: "Priya Raman", email: "praman4d8s@marketplace.amazon.com" },
      address: { name: "Priya Raman", addressLine1: "801 Congress Ave", city: "Austin", stateOrRegion: "TX", postalCode: "78701", countryCode: "US", phone: "+1 512-555-0187", addressType: "Residential" },
    },
    {
      id: "111-5550104-0000004",
      marketplaceId: US,
      status: "UNSHIPPED",
      fulfilledBy: "MERCHANT",
      purchaseDate: at(18),
      lastUpdated: updated(17 * 60),
      business: true,
      items: [{ ...TSHIRT_M, quantity: 10, unitPrice: 17.99, unitTax: 1.48 }],
      buyer: { name: "Dana Whitfield", email: "dwhitf2p0a@marketplace.amazon.com", companyName: "Acme Robotics LLC", purchaseOrderNumber: "PO-2024-0815" },
      address: {
        name: "Dana Whitfield",
        companyName: "Acme Robotics LLC",
        addressLine1: "400 Industrial Pkwy",
        addressLine2: "Dock 3",
        city: "Columbus",
        stateOrRegion: "OH",
        postalCode: "43215",
        countryCode: "US",
        phone: "+1 614-555-0110",
        addressType: "Commercial",
      },
    },
    {
      id: "111-5550105-0000005",
      marketplaceId: US,
      status: "UNSHIPPED",
      fulfilledBy: "MERCHANT",
      purchaseDate: at(16),
      lastUpdated: updated(15 * 60),
      businessPrime: true,
      items: [{ ...POSTER, quantity: 3, unitPrice: 14.99, unitTax: 1.24 }],
      buyer: { name: "Carlos Mendes", email: "cmend8z3t@marketplace.amazon.com", companyName: "Mendes Architecture Studio", purchaseOrderNumber: "MAS-7781" },
      address: {
        name: "Carlos Mendes",
        companyName: "Mendes Architecture Studio",
        addressLine1: "77 Market St",
        addressLine2: "Suite 1200",
        city: "San Francisco",
        stateOrRegion: "CA",
        postalCode: "94105",
        countryCode: "US",
        phone: "+1 415-555-0199",
        addressType: "Commercial",
      },
    },
    {
      id: "111-5550106-0000006",
      marketplaceId: US,
      status: "UNSHIPPED",
      fulfilledBy: "MERCHANT",
      purchaseDate: at(10),
      lastUpdated: updated(9 * 60),
      premium: true,
      shipServiceLevel: "SecondDay",
      items: [{ ...TSHIRT_S, quantity: 1, unitPrice: 19.99, unitTax: 1.65, shippingPrice: 9.99, shippingTax: 0.82 }],
      buyer: { name: "Aiko Tanaka", email: "atanak5m2r@marketplace.amazon.com" },
      address: { name: "Aiko Tanaka", addressLine1: "2100 Lake Shore Dr", city: "Chicago", stateOrRegion: "IL", postalCode: "60616", countryCode: "US", phone: "+1 312-555-0123", addressType: "Residential" },
    },
    {
      id: "111-5550107-0000007",
      marketplaceId: US,
      status: "UNSHIPPED",
      fulfilledBy: "MERCHANT",
      purchaseDate: at(8),
      lastUpdated: updated(7 * 60),
      items: [
        {
          ...CUSTOM_MUG,
          quantity: 1,
          unitPrice: 24.99,
          unitTax: 2.06,
          customization: { text: "Happy 30th, Sam! ☕ — love, Alex" },
          giftMessage: "Happy birthday! Can't wait to celebrate.",
          giftWrapLevel: "Classic",
        },
      ],
      buyer: { name: "Alex Rivera", email: "arivera3k9@marketplace.amazon.com" },
      address: { name: "Sam Rivera", addressLine1: "19 Pine Hill Rd", city: "Portland", stateOrRegion: "OR", postalCode: "97205", countryCode: "US", phone: "+1 503-555-0166", addressType: "Residential" },
    },
    {
      // FBA: Amazon ships it and shares no buyer PII with the seller.
      id: "111-5550108-0000008",
      marketplaceId: US,
      status: "SHIPPED",
      fulfilledBy: "AMAZON",
      purchaseDate: at(72),
      lastUpdated: updated(48 * 60),
      prime: true,
      shipServiceLevel: "Expedited",
      items: [{ ...TSHIRT_M, quantity: 1, unitPrice: 19.99, unitTax: 1.65 }],
      address: { city: "Denver", stateOrRegion: "CO", postalCode: "80202", countryCode: "US" },
    },
    {
      id: "111-5550109-0000009",
      marketplaceId: US,
      status: "UNSHIPPED",
      fulfilledBy: "MERCHANT",
      purchaseDate: at(5),
      lastUpdated: updated(60),
      buyerCancelRequest: { reason: "Order created by mistake" },
      items: [{ ...MUG, quantity: 1, unitPrice: 12.99, unitTax: 1.07 }],
      buyer: { name: "Emily Chen", email: "echen0w7d@marketplace.amazon.com" },
      address: { name: "Emily Chen", addressLine1: "350 5th Ave", city: "New York", stateOrRegion: "NY", postalCode: "10118", countryCode: "US", phone: "+1 212-555-0177", addressType: "Residential" },
    },
    {
      id: "111-5550110-0000010",
      marketplaceId: US,
      status: "CANCELLED",
      fulfilledBy: "MERCHANT",
      purchaseDate: at(30),
      lastUpdated: updated(28 * 60),
      buyerCancelRequest: { reason: "Found a better price" },
      items: [{ ...POSTER, quantity: 1, unitPrice: 14.99, unitTax: 1.24 }],
      buyer: { name: "Robert Smith", email: "rsmith6f4h@marketplace.amazon.com" },
      address: { name: "Robert Smith", addressLine1: "12 Ocean Blvd", city: "Miami", stateOrRegion: "FL", postalCode: "33139", countryCode: "US", addressType: "Residential" },
    },
    {
      // Germany: prices include 19 % VAT; ItemTax is the VAT contained in ItemPrice.
      id: "302-5550111-0000011",
      marketplaceId: DE,
      status: "UNSHIPPED",
      fulfilledBy: "MERCHANT",
      purchaseDate: at(12),
      lastUpdated: updated(11 * 60),
      shipServiceLevel: "Std DE Dom",
      items: [{ ...TSHIRT_S, title: "Bio-Baumwoll-T-Shirt – Größe S", quantity: 1, unitPrice: 24.99, unitTax: 3.99, shippingPrice: 4.99, shippingTax: 0.8 }],
      buyer: { name: "Jürgen Groß", email: "jgross2b5n@marketplace.amazon.de" },
      address: {
        name: "Jürgen Groß",
        addressLine1: "Königstraße 12",
        addressLine2: "3. OG",
        city: "München",
        stateOrRegion: "Bayern",
        postalCode: "80331",
        countryCode: "DE",
        phone: "+49 89 5550123",
        addressType: "Residential",
      },
    },
    {
      id: "302-5550112-0000012",
      marketplaceId: DE,
      status: "PARTIALLY_SHIPPED",
      fulfilledBy: "MERCHANT",
      purchaseDate: at(40),
      lastUpdated: updated(30 * 60),
      shipServiceLevel: "Std DE Dom",
      items: [
        { ...TSHIRT_M, title: "Bio-Baumwoll-T-Shirt – Größe M", quantity: 2, quantityShipped: 2, unitPrice: 24.99, unitTax: 3.99 },
        { ...POSTER, title: "Poster Bergsonnenaufgang A2", quantity: 1, unitPrice: 19.99, unitTax: 3.19, promotionDiscount: 2.0, promotionDiscountTax: 0.32, promotionIds: ["DE-POSTER-2EUR"] },
      ],
      buyer: { name: "Zoë Ångström-Łukasiewicz", email: "zangst8c1x@marketplace.amazon.de" },
      address: {
        name: "Zoë Ångström-Łukasiewicz",
        addressLine1: "Straße des 17. Juni 135",
        city: "Berlin",
        stateOrRegion: "Berlin",
        postalCode: "10623",
        countryCode: "DE",
        addressType: "Residential",
      },
    },
    {
      // Japan: yen has no minor unit; prices include 10 % consumption tax.
      id: "503-5550113-0000013",
      marketplaceId: JP,
      status: "UNSHIPPED",
      fulfilledBy: "MERCHANT",
      purchaseDate: at(6),
      lastUpdated: updated(5 * 60),
      shipServiceLevel: "Std JP Dom",
      items: [{ ...MUG, title: "陶器のマグカップ 350ml", quantity: 1, unitPrice: 1980, unitTax: 180, shippingPrice: 550, shippingTax: 50 }],
      buyer: { name: "山田 太郎", email: "tyamada1q@marketplace.amazon.co.jp" },
      address: {
        name: "山田 太郎",
        addressLine1: "千代田区丸の内1-9-1",
        addressLine2: "グラントウキョウ 101号室",
        city: "千代田区",
        stateOrRegion: "東京都",
        postalCode: "100-0005",
        countryCode: "JP",
        phone: "03-5550-0123",
        addressType: "Residential",
      },
    },
  ]
}

export interface BulkOrdersOptions {
  count: number
  /** Newest order time (default now − 10 minutes); orders are one minute apart going back. */
  newest?: Date
  marketplaceId?: string
  /** Prefix of the first order-id block (3 digits, default "114"). */
  idPrefix?: string
}

/** Many simple unshipped FBM orders, e.g. to exercise pagination. Ids are distinct and stable. */
export function bulkOrders(options: BulkOrdersOptions): SimOrderSeed[] {
  const newest = (options.newest ?? new Date(Date.now() - 10 * MINUTE_MS)).getTime()
  const prefix = options.idPrefix ?? "114"
  return Array.from({ length: options.count }, (_, index): SimOrderSeed => {
    const time = new Date(newest - (options.count - 1 - index) * MINUTE_MS).toISOString()
    return {
      id: `${prefix}-${String(1000000 + index).padStart(7, "0")}-${String(9000000 + index).padStart(7, "0")}`,
      marketplaceId: options.marketplaceId ?? US,
      status: "UNSHIPPED",
      fulfilledBy: "MERCHANT",
      purchaseDate: time,
      items: [{ ...(index % 2 === 0 ? TSHIRT_S : MUG), quantity: 1 + (index % 3), unitPrice: 19.99, unitTax: 1.65 }],
      buyer: { name: `Bulk Buyer ${index}`, email: `bulk${index}@marketplace.amazon.com` },
      address: { name: `Bulk Buyer ${index}`, addressLine1: `${index + 1} Test Street`, city: "Seattle", stateOrRegion: "WA", postalCode: "98101", countryCode: "US" },
    }
  })
}
