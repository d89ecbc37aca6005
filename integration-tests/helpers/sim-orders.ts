import type { SimOrderSeed } from "../../simulator"

/** Seeds of Amazon orders for the simulator, shaped as the specs' store (helpers/seed-store.ts) sells them. */

export const US = "ATVPDKIKX0DER"
export const MINUTE = 60 * 1000

export type CatalogueEntry = { asin: string; title: string; unitPrice: number; unitTax: number }

/** The seeded store's products as Amazon lists them (same SKUs as the store). */
export const US_CATALOGUE: Record<string, CatalogueEntry> = {
  "AMZ-MUG-01": { asin: "B0CSIMMUG1", title: "Stoneware Coffee Mug 350 ml", unitPrice: 12.99, unitTax: 1.07 },
  "AMZ-TSHIRT-M": { asin: "B0CSIMTSHM", title: "Organic Cotton T-Shirt M", unitPrice: 19.99, unitTax: 1.65 },
  "AMZ-TSHIRT-S": { asin: "B0CSIMTSHS", title: "Organic Cotton T-Shirt S", unitPrice: 19.99, unitTax: 1.65 },
  "AMZ-POSTER-A2": { asin: "B0CSIMPOS2", title: "Mountain Sunrise Poster A2", unitPrice: 14.99, unitTax: 1.24 },
}

export type SeedLine = { sku: string; quantity: number } & Partial<SimOrderSeed["items"][number]>

/** Catalogue lines with their quantities (and any per-line extras such as shipping or units already shipped). */
export function catalogueItems(lines: SeedLine[], catalogue: Record<string, CatalogueEntry> = US_CATALOGUE): SimOrderSeed["items"] {
  return lines.map((line) => ({ ...catalogue[line.sku], ...line }))
}

/**
 * An FBM order of a US buyer, bought an hour before `now` (the simulator's clock) and last updated half an hour
 * before; `overrides` replaces any field.
 */
export function usOrderSeed(id: string, now: Date, items: SimOrderSeed["items"], overrides: Partial<SimOrderSeed> = {}): SimOrderSeed {
  return {
    id,
    marketplaceId: US,
    status: "UNSHIPPED",
    fulfilledBy: "MERCHANT",
    purchaseDate: new Date(now.getTime() - 60 * MINUTE).toISOString(),
    lastUpdated: new Date(now.getTime() - 30 * MINUTE).toISOString(),
    items,
    buyer: { name: "Jane Doe", email: `${id.replace(/-/g, "")}@marketplace.amazon.com` },
    address: { name: "Jane Doe", addressLine1: "55 Elm Street", city: "Boston", stateOrRegion: "MA", postalCode: "02118", countryCode: "US" },
    ...overrides,
  }
}

/** Reads until `done` says yes; the error names what was awaited and shows the last value read. */
export async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last seen: ${JSON.stringify(value)}`)
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}
