// Shipped orders in three currencies for the settlement and finances tests.
import type { SimOrderSeed } from "../index"
import { DE, JP, US } from "./helpers"

export function shippedOrders(now: Date): SimOrderSeed[] {
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000).toISOString()
  return [
    {
      id: "111-7770001-0000001",
      marketplaceId: US,
      status: "SHIPPED",
      fulfilledBy: "MERCHANT",
      purchaseDate: hoursAgo(30),
      lastUpdated: hoursAgo(20),
      items: [
        { sku: "AMZ-MUG-01", asin: "B0CSIMMUG1", title: "Mug", quantity: 2, unitPrice: 12.99, unitTax: 1.07, shippingPrice: 4.99, promotionDiscount: 2, promotionIds: ["PLM-MUG-2"] },
      ],
    },
    {
      id: "111-7770002-0000002",
      marketplaceId: US,
      status: "SHIPPED",
      fulfilledBy: "AMAZON",
      purchaseDate: hoursAgo(28),
      lastUpdated: hoursAgo(10),
      items: [{ sku: "AMZ-TSHIRT-S", asin: "B0CSIMTS01", title: "T-Shirt", quantity: 1, unitPrice: 1499.0, unitTax: 123.67 }],
    },
    {
      id: "111-7770003-0000003",
      marketplaceId: US,
      status: "UNSHIPPED",
      fulfilledBy: "MERCHANT",
      purchaseDate: hoursAgo(5),
      items: [{ sku: "AMZ-MUG-01", asin: "B0CSIMMUG1", title: "Mug", quantity: 1, unitPrice: 12.99 }],
    },
    {
      id: "302-7770004-0000004",
      marketplaceId: DE,
      status: "SHIPPED",
      fulfilledBy: "MERCHANT",
      purchaseDate: hoursAgo(26),
      lastUpdated: hoursAgo(12),
      items: [
        { sku: "AMZ-POSTER-A2", asin: "B0CSIMPST2", title: "Poster", quantity: 1, unitPrice: 1234.56, unitTax: 197.11, shippingPrice: 4.9, shippingTax: 0.78 },
        { sku: "AMZ-MUG-01", asin: "B0CSIMMUG1", title: "Tasse", quantity: 3, unitPrice: 9.95, unitTax: 1.59 },
      ],
    },
    {
      id: "503-7770005-0000005",
      marketplaceId: JP,
      status: "SHIPPED",
      fulfilledBy: "AMAZON",
      purchaseDate: hoursAgo(25),
      lastUpdated: hoursAgo(11),
      items: [{ sku: "AMZ-MUG-01", asin: "B0CSIMMUG1", title: "マグカップ", quantity: 1, unitPrice: 1980, unitTax: 180 }],
    },
  ]
}
