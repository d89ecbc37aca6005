// The simulator's mutable world: sellers, orders, issued tokens and the clock.
import { createHash } from "node:crypto"
import { toDate } from "./dates"
import { VendorStore } from "./vendor-store"
import { FeedStore } from "./feeds-api"
import { formatMinor } from "./money"
import { marketplaceOf, type Marketplace } from "./marketplaces"
import { SettlementLedger } from "./settlements"
import {
  SIM_ORDER_STATUSES,
  type SimAddress,
  type SimBuyer,
  type SimOrderItemSeed,
  type SimOrderSeed,
  type SimOrderSnapshot,
  type SimOrderStatus,
  type SimPackage,
  type SimSeller,
  type SimShipmentServiceLevelCategory,
} from "./types"

export const DEFAULT_SELLER: SimSeller = {
  clientId: "amzn1.application-oa2-client.sim",
  clientSecret: "sim-secret",
  refreshToken: "Atzr|sim-refresh-token",
  sellerId: "A1SIMSELLER0001",
  marketplaceIds: ["ATVPDKIKX0DER"],
}

export interface OrderItemState {
  orderItemId: string
  seed: SimOrderItemSeed
  quantityShipped: number
  /** Refunded so far through payment adjustment feeds, per price component, in minor units (positive = to the buyer). */
  refunded: Record<string, number>
  /** Net money given back for this line so far, in minor units. */
  refundedNet: number
}

export interface OrderState {
  id: string
  sellerId: string
  seed: SimOrderSeed
  marketplace: Marketplace
  currency: string
  status: SimOrderStatus
  purchaseDate: Date
  lastUpdated: Date
  items: OrderItemState[]
  packages: SimPackage[]
  buyer?: SimBuyer
  address?: SimAddress
  buyerCancelRequest?: { reason: string }
  /** Set when the seller cancelled the order through an acknowledgement feed: the reason per order item. */
  sellerCancellation?: { reasons: Record<string, string> }
  prime: boolean
  business: boolean
  premium: boolean
  preorder: boolean
  shipServiceLevel: string
  shipmentServiceLevelCategory: SimShipmentServiceLevelCategory
}

export interface AccessTokenGrant {
  kind: "access"
  /** null for grantless (client_credentials) tokens. */
  sellerId: string | null
  clientId: string
  expiresAt: number
}

export interface RestrictedResourceGrant {
  method: string
  /** Path as requested; `{name}` segments match any value (Amazon's "generic path"). */
  path: string
  dataElements: Set<string>
}

export interface RestrictedDataTokenGrant {
  kind: "rdt"
  sellerId: string
  resources: RestrictedResourceGrant[]
  expiresAt: number
}

const ORDER_ID_FORMAT = /^\d{3}-\d{7}-\d{7}$/

/**
 * Deep copy through JSON: everything here is JSON data (Dates become ISO strings, which every
 * SimDate field accepts). Unlike structuredClone, the copies belong to the caller's realm, so
 * jest matchers such as expect.any(Array) work on them.
 */
export function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T)
}

/** Same order id + line -> same 14-digit order item id, so seeds are reproducible. */
function generatedOrderItemId(orderId: string, index: number): string {
  const digest = createHash("sha256").update(`${orderId}#${index}`).digest()
  const number = digest.readBigUInt64BE(0) % 10n ** 14n
  return number.toString().padStart(14, "0")
}

function categoryFromServiceLevel(level: string): SimShipmentServiceLevelCategory {
  const normalized = level.toLowerCase().replace(/[^a-z]/g, "")
  if (normalized.includes("secondday") || normalized.includes("2day")) return "SecondDay"
  if (normalized.includes("nextday") || normalized.includes("oneday")) return "NextDay"
  if (normalized.includes("sameday")) return "SameDay"
  if (normalized.includes("expedited")) return "Expedited"
  if (normalized.includes("priority")) return "Priority"
  if (normalized.includes("freeeconomy")) return "FreeEconomy"
  if (normalized.includes("scheduled")) return "Scheduled"
  return "Standard"
}

export class SimState {
  readonly sellers = new Map<string, SimSeller>()
  readonly orders = new Map<string, OrderState>()
  readonly tokens = new Map<string, AccessTokenGrant | RestrictedDataTokenGrant>()
  /** Feed documents and feeds (Feeds API); processing delays are divided by the time scale. */
  readonly feedStore: FeedStore
  /** Settlements and the finances events they are made of. */
  readonly ledger: SettlementLedger = new SettlementLedger(this)
  readonly vendor: VendorStore = new VendorStore(() => this.now())
  private clockOffsetMs = 0

  constructor(
    private readonly clock: () => Date,
    timeScale = 1
  ) {
    this.feedStore = new FeedStore(timeScale)
    this.addSeller(DEFAULT_SELLER)
  }

  now(): Date {
    return new Date(this.clock().getTime() + this.clockOffsetMs)
  }

  /** Moves the simulator clock forward (e.g. past Amazon's 2-minute window) without waiting. */
  advanceTime(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`advanceTime expects a non-negative number of ms, got ${ms}`)
    this.clockOffsetMs += ms
  }

  resetClock(): void {
    this.clockOffsetMs = 0
  }

  addSeller(seller: SimSeller): void {
    for (const field of ["clientId", "clientSecret", "refreshToken", "sellerId"] as const) {
      if (typeof seller[field] !== "string" || seller[field] === "") throw new Error(`addSeller: ${field} is required`)
    }
    for (const marketplaceId of seller.marketplaceIds ?? []) {
      if (!marketplaceOf(marketplaceId)) throw new Error(`addSeller: unknown marketplace id ${marketplaceId}`)
    }
    this.sellers.set(seller.refreshToken, clone({ ...seller, marketplaceIds: seller.marketplaceIds ?? [] }))
  }

  defaultSellerId(): string {
    return DEFAULT_SELLER.sellerId
  }

  /** Adds orders; an order with an existing id is replaced. */
  seedOrders(seeds: SimOrderSeed[]): void {
    const prepared = seeds.map((seed) => this.prepareOrder(seed))
    for (const order of prepared) this.orders.set(order.id, order)
  }

  removeAllOrders(): void {
    this.orders.clear()
  }

  requireOrder(id: string): OrderState {
    const order = this.orders.get(id)
    if (!order) throw new Error(`Unknown order ${id}`)
    return order
  }

  setOrderStatus(id: string, status: SimOrderStatus): void {
    if (!SIM_ORDER_STATUSES.includes(status)) throw new Error(`Unknown status ${String(status)}; use one of ${SIM_ORDER_STATUSES.join(", ")}`)
    const order = this.requireOrder(id)
    order.status = status
    if (status === "SHIPPED") for (const item of order.items) item.quantityShipped = item.seed.quantity
    if (status === "PENDING" || status === "UNSHIPPED") for (const item of order.items) item.quantityShipped = 0
    if (status === "PARTIALLY_SHIPPED") ensurePartiallyShipped(order)
    order.lastUpdated = this.now()
  }

  updateAddress(id: string, address: Partial<SimAddress>): void {
    const order = this.requireOrder(id)
    const merged = { ...(order.address ?? {}), ...address } as SimAddress
    if (!merged.countryCode) throw new Error("updateAddress: countryCode is required")
    order.address = merged
    order.lastUpdated = this.now()
  }

  requestBuyerCancel(id: string, reason: string): void {
    const order = this.requireOrder(id)
    order.buyerCancelRequest = { reason }
    order.lastUpdated = this.now()
  }

  snapshot(order: OrderState): SimOrderSnapshot {
    return clone({
      seed: order.seed,
      status: order.status,
      lastUpdated: order.lastUpdated.toISOString(),
      items: order.items.map((item) => ({
        orderItemId: item.orderItemId,
        sku: item.seed.sku,
        quantity: item.seed.quantity,
        quantityShipped: item.quantityShipped,
        refunded: Object.fromEntries(Object.entries(item.refunded).map(([type, minor]) => [type, formatMinor(minor, order.currency)])),
      })),
      sellerCancellation: order.sellerCancellation,
      packages: order.packages,
      buyerCancelRequest: order.buyerCancelRequest,
      address: order.address,
    })
  }

  private prepareOrder(input: SimOrderSeed): OrderState {
    const seed = clone(input)
    const where = `order ${String(seed.id)}`
    if (typeof seed.id !== "string" || !ORDER_ID_FORMAT.test(seed.id)) throw new Error(`${where}: id must be an Amazon order id in 3-7-7 format`)
    const marketplace = marketplaceOf(seed.marketplaceId)
    if (!marketplace) throw new Error(`${where}: unknown marketplaceId ${seed.marketplaceId}`)
    if (!SIM_ORDER_STATUSES.includes(seed.status)) throw new Error(`${where}: unknown status ${String(seed.status)}`)
    if (seed.fulfilledBy !== "MERCHANT" && seed.fulfilledBy !== "AMAZON") throw new Error(`${where}: fulfilledBy must be MERCHANT or AMAZON`)
    if (!Array.isArray(seed.items) || seed.items.length === 0) throw new Error(`${where}: at least one item is required`)
    const purchaseDate = toDate(seed.purchaseDate)
    const lastUpdated = seed.lastUpdated ? toDate(seed.lastUpdated) : purchaseDate
    if (lastUpdated < purchaseDate) throw new Error(`${where}: lastUpdated is before purchaseDate`)

    const usedIds = new Set<string>()
    const items = seed.items.map((item, index): OrderItemState => {
      if (!Number.isInteger(item.quantity) || item.quantity < 1) throw new Error(`${where}: item ${item.sku} needs a positive integer quantity`)
      const orderItemId = item.orderItemId ?? generatedOrderItemId(seed.id, index)
      if (usedIds.has(orderItemId)) throw new Error(`${where}: duplicate orderItemId ${orderItemId}`)
      usedIds.add(orderItemId)
      const quantityShipped = item.quantityShipped ?? (seed.status === "SHIPPED" ? item.quantity : 0)
      if (quantityShipped < 0 || quantityShipped > item.quantity) throw new Error(`${where}: item ${item.sku} quantityShipped out of range`)
      return { orderItemId, seed: item, quantityShipped, refunded: {}, refundedNet: 0 }
    })

    const shipServiceLevel = seed.shipServiceLevel ?? (marketplace.countryCode === "US" ? "Std US D2D Dom" : "Std Domestic")
    const order: OrderState = {
      id: seed.id,
      sellerId: seed.sellerId ?? this.defaultSellerId(),
      seed,
      marketplace,
      currency: seed.currency ?? marketplace.currency,
      status: seed.status,
      purchaseDate,
      lastUpdated,
      items,
      packages: seededPackages(seed, items, where),
      buyer: seed.buyer,
      address: seed.address,
      buyerCancelRequest: seed.buyerCancelRequest,
      prime: Boolean(seed.prime || seed.businessPrime),
      business: Boolean(seed.business || seed.businessPrime),
      premium: Boolean(seed.premium),
      preorder: Boolean(seed.preorder),
      shipServiceLevel,
      shipmentServiceLevelCategory: seed.shipmentServiceLevelCategory ?? categoryFromServiceLevel(shipServiceLevel),
    }
    if (order.status === "PARTIALLY_SHIPPED") ensurePartiallyShipped(order)
    return order
  }
}

/** A PARTIALLY_SHIPPED order needs at least one shipped and one unshipped unit. */
function ensurePartiallyShipped(order: OrderState): void {
  const ordered = order.items.reduce((sum, item) => sum + item.seed.quantity, 0)
  if (ordered < 2) throw new Error(`order ${order.id}: a PARTIALLY_SHIPPED order needs at least two units`)
  const shipped = order.items.reduce((sum, item) => sum + item.quantityShipped, 0)
  if (shipped === 0) order.items[0].quantityShipped = order.items.length > 1 ? order.items[0].seed.quantity : 1
  else if (shipped === ordered) order.items[order.items.length - 1].quantityShipped -= 1
}

function seededPackages(seed: SimOrderSeed, items: OrderItemState[], where: string): SimPackage[] {
  if (!seed.packages?.length) return []
  if (seed.fulfilledBy !== "MERCHANT") throw new Error(`${where}: packages exist only for merchant-fulfilled orders`)
  return seed.packages.map((pkg, index) => {
    const shipDate = toDate(pkg.shipDate).toISOString()
    return {
      packageReferenceId: String(index + 1),
      carrierCode: pkg.carrierCode,
      ...(pkg.carrierName ? { carrierName: pkg.carrierName } : {}),
      ...(pkg.shippingMethod ? { shippingMethod: pkg.shippingMethod } : {}),
      trackingNumber: pkg.trackingNumber,
      shipDate,
      confirmedAt: shipDate,
      items: pkg.items.map((line) => {
        const item = items.find((candidate) => candidate.seed.sku === line.sku)
        if (!item) throw new Error(`${where}: package item ${line.sku} is not an item of the order`)
        if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > item.quantityShipped) {
          throw new Error(`${where}: package quantity of ${line.sku} must be between 1 and its quantityShipped`)
        }
        return { orderItemId: item.orderItemId, quantity: line.quantity }
      }),
    }
  })
}
