// Amazon retail's side of a vendor relationship: purchase orders (New → Acknowledged → Closed) that Amazon
// places, changes (reduced or zeroed quantities, purchaseOrderChangedDate) and closes, and the asynchronous
// transactions that acknowledgements become (Processing → Success / Failure with errors).
import { randomUUID } from "node:crypto"
import { formatAmazonDate, HOUR_MS } from "./dates"

export type SimPoState = "New" | "Acknowledged" | "Closed"
export type SimAcknowledgementCode = "Accepted" | "Backordered" | "Rejected"

export interface SimPurchaseOrderItemSeed {
  asin?: string
  vendorProductId?: string
  quantity: number
  unitOfMeasure?: "Eaches" | "Cases"
  unitSize?: number
  /** Absent: the line carries only a list price (Amazon's model makes each of the two conditional). */
  netCost?: string
  listPrice?: string
  backOrderAllowed?: boolean
}

export interface SimPurchaseOrderSeed {
  /** 8 characters; generated when absent. */
  purchaseOrderNumber?: string
  vendorCode?: string
  shipToPartyId?: string
  buyingPartyId?: string
  /** Default: one hour before the simulator's now. */
  purchaseOrderDate?: string | Date
  purchaseOrderType?: "RegularOrder" | "ConsignedOrder" | "NewProductIntroduction" | "RushOrder"
  currency?: string
  /** "ship" (default) or "delivery" window, from 3 to 10 days after the order. */
  windowKind?: "ship" | "delivery"
  items: SimPurchaseOrderItemSeed[]
}

export interface SimPoItem extends SimPurchaseOrderItemSeed {
  itemSequenceNumber: string
  /** What Amazon first ordered; `quantity` is what it orders now. */
  originalQuantity: number
  cancellations: Array<{ at: Date; cancelledQuantity: number }>
  /** The last accepted answer for the line. */
  acknowledged?: Array<{ code: SimAcknowledgementCode; quantity: number }>
  rejectedOnce: boolean
  /** Eaches confirmed shipped by ASNs Amazon took. */
  shippedEaches?: number
}

export interface SimPurchaseOrder {
  number: string
  state: SimPoState
  vendorCode: string
  shipToPartyId: string
  buyingPartyId: string
  placedAt: Date
  changedAt?: Date
  stateChangedAt: Date
  type: string
  currency: string
  windowKind: "ship" | "delivery"
  window: string
  items: SimPoItem[]
}

export interface SimVendorTransaction {
  transactionId: string
  receivedAt: Date
  /** Before this instant the transaction reads Processing. */
  settlesAt: Date
  outcome: "Success" | "Failure"
  errors: Array<{ code: string; message: string; details?: string }>
  /** What the transaction carried (the acknowledgements or shipment confirmations as received). */
  body: unknown
  kind?: "acknowledgement" | "shipmentConfirmation"
  apply: () => void
  applied: boolean
}

export const DEFAULT_VENDOR_CODE = "SIMVC"

/** The programmatic controls of the vendor side, reached as `simulator.vendor`. */
export class VendorStore {
  readonly purchaseOrders = new Map<string, SimPurchaseOrder>()
  readonly transactions = new Map<string, SimVendorTransaction>()
  /** shipmentIdentifier → when Amazon took it (Amazon refuses one used in the last 365 days). */
  readonly shipmentIdentifiers = new Map<string, Date>()
  /** SSCCs of the containers of ASNs Amazon took. */
  readonly usedSsccs = new Set<string>()
  /** How long (simulated time) an acknowledgement reads Processing before it succeeds or fails. */
  processingMs = 1000
  private sequence = 0

  constructor(private readonly now: () => Date) {}

  seedPurchaseOrders(seeds: SimPurchaseOrderSeed[]): SimPurchaseOrder[] {
    return seeds.map((seed) => {
      const placedAt = seed.purchaseOrderDate ? new Date(seed.purchaseOrderDate) : new Date(this.now().getTime() - HOUR_MS)
      const number = seed.purchaseOrderNumber ?? `SIM${String(++this.sequence).padStart(5, "0")}`
      if (number.length !== 8) throw new Error(`Purchase order numbers are 8 characters, got "${number}"`)
      const start = new Date(placedAt.getTime() + 3 * 24 * HOUR_MS)
      const end = new Date(placedAt.getTime() + 10 * 24 * HOUR_MS)
      const po: SimPurchaseOrder = {
        number,
        state: "New",
        vendorCode: seed.vendorCode ?? DEFAULT_VENDOR_CODE,
        shipToPartyId: seed.shipToPartyId ?? "ABE2",
        buyingPartyId: seed.buyingPartyId ?? "AMAZON",
        placedAt,
        stateChangedAt: placedAt,
        type: seed.purchaseOrderType ?? "RegularOrder",
        currency: seed.currency ?? "USD",
        windowKind: seed.windowKind ?? "ship",
        window: `${formatAmazonDate(start)}--${formatAmazonDate(end)}`,
        items: seed.items.map((item, index) => ({
          ...item,
          itemSequenceNumber: String(index + 1),
          originalQuantity: item.quantity,
          cancellations: [],
          rejectedOnce: false,
        })),
      }
      this.purchaseOrders.set(number, po)
      return po
    })
  }

  requirePurchaseOrder(number: string): SimPurchaseOrder {
    const po = this.purchaseOrders.get(number)
    if (!po) throw new Error(`Unknown purchase order ${number}`)
    return po
  }

  /** Amazon reduces (or zeroes: the line is cancelled) ordered quantities, as it does after placing a PO. */
  changeQuantities(number: string, quantities: Record<string, number>): SimPurchaseOrder {
    const po = this.requirePurchaseOrder(number)
    const at = this.now()
    for (const [sequence, quantity] of Object.entries(quantities)) {
      const item = po.items.find((candidate) => candidate.itemSequenceNumber === sequence)
      if (!item) throw new Error(`Purchase order ${number} has no line ${sequence}`)
      if (quantity > item.quantity || quantity < 0) throw new Error(`Amazon only reduces quantities: line ${sequence} has ${item.quantity}`)
      item.cancellations.push({ at, cancelledQuantity: item.quantity - quantity })
      item.quantity = quantity
    }
    po.changedAt = at
    if (po.items.every((item) => item.quantity === 0)) this.setState(po, "Closed")
    return po
  }

  close(number: string): SimPurchaseOrder {
    const po = this.requirePurchaseOrder(number)
    this.setState(po, "Closed")
    return po
  }

  setState(po: SimPurchaseOrder, state: SimPoState): void {
    if (po.state === state) return
    po.state = state
    po.stateChangedAt = this.now()
  }

  /** Records a transaction; its effect on the POs applies once it has finished processing, if it succeeded. */
  addTransaction(body: unknown, errors: SimVendorTransaction["errors"], apply: () => void, kind: SimVendorTransaction["kind"] = "acknowledgement"): SimVendorTransaction {
    const receivedAt = this.now()
    const transaction: SimVendorTransaction = {
      transactionId: randomUUID(),
      receivedAt,
      settlesAt: new Date(receivedAt.getTime() + this.processingMs),
      outcome: errors.length ? "Failure" : "Success",
      errors,
      body,
      apply,
      applied: false,
      kind,
    }
    this.transactions.set(transaction.transactionId, transaction)
    return transaction
  }

  /** Finishes the transactions whose processing time has passed. */
  settle(): void {
    const now = this.now().getTime()
    for (const transaction of this.transactions.values()) {
      if (transaction.applied || transaction.settlesAt.getTime() > now) continue
      transaction.applied = true
      if (transaction.outcome === "Success") transaction.apply()
    }
  }

  /** The acknowledgements received so far, in arrival order (what Amazon got, for tests). */
  receivedAcknowledgements(): Array<{ transactionId: string; receivedAt: string; body: unknown; outcome: string }> {
    return [...this.transactions.values()]
      .filter((t) => t.kind !== "shipmentConfirmation")
      .map((t) => ({ transactionId: t.transactionId, receivedAt: t.receivedAt.toISOString(), body: t.body, outcome: t.outcome }))
  }

  /** The ASNs received so far, in arrival order, with their outcome and errors (what Amazon got, for tests). */
  receivedShipmentConfirmations(): Array<{ transactionId: string; receivedAt: string; body: any; outcome: string; errors: SimVendorTransaction["errors"] }> {
    return [...this.transactions.values()]
      .filter((t) => t.kind === "shipmentConfirmation")
      .map((t) => ({ transactionId: t.transactionId, receivedAt: t.receivedAt.toISOString(), body: t.body, outcome: t.outcome, errors: t.errors }))
  }

  clear(): void {
    this.purchaseOrders.clear()
    this.transactions.clear()
    this.shipmentIdentifiers.clear()
    this.usedSsccs.clear()
  }
}
