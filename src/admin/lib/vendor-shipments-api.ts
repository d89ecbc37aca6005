import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "./sdk"

// Shapes of the plugin's vendor shipment admin API (src/api/admin/amazon/vendor/shipments). Dates arrive as ISO strings.

export const SHIPMENT_STATUSES = ["ready", "pending", "sending", "processing", "accepted", "failed", "unknown"] as const
export type VendorShipmentStatus = (typeof SHIPMENT_STATUSES)[number]
export const SHIPMENT_TYPES = ["LessThanTruckLoad", "TruckLoad", "SmallParcel"] as const
export type VendorShipmentType = (typeof SHIPMENT_TYPES)[number]
export const WEIGHT_UNITS = ["Kg", "Lb", "G", "Oz"] as const
export type WeightUnit = (typeof WEIGHT_UNITS)[number]

export type Weight = { value: number; unit: WeightUnit }
export type ShipmentItem = { purchase_order_number: string; item_sequence_number: string; quantity: number }

export type StoredPallet = { reference: string; sscc: string; weight: Weight | null; cartons: string[]; items: ShipmentItem[] }
export type StoredCarton = { reference: string; sscc: string; weight: Weight | null; tracking_number: string | null; items: ShipmentItem[] }

export type VendorShipment = {
  id: string
  account_id: string
  shipment_identifier: string
  status: VendorShipmentStatus
  selling_party_id: string
  ship_from_party_id: string
  ship_to_party_id: string
  shipment_structure: string
  shipment_type: string | null
  carrier_scac: string | null
  bill_of_lading_number: string | null
  shipped_at: string
  estimated_delivery_at: string | null
  purchase_order_numbers: string[]
  contents: { pallets: StoredPallet[]; cartons: StoredCarton[] }
  transaction_id: string | null
  transaction_status: string | null
  submitted_at: string | null
  result_at: string | null
  message: string | null
  errors: Array<{ code?: string; message: string; details?: string }> | null
  created_at: string
}

/** Per PO of the shipment: whether its shipped quantities became a fulfilment of the PO's Medusa order. */
export type VendorShipmentFulfillment = {
  id: string
  purchase_order_id: string
  purchase_order_number: string | null
  order_id: string | null
  status: "pending" | "done"
  fulfillment_id: string | null
  done_at: string | null
  /** Why the fulfilment is still waiting (e.g. the order has no shipping option). */
  message: string | null
}

export type VendorShipmentDetail = VendorShipment & { fulfillments: VendorShipmentFulfillment[] }

/** The ShipmentInput the builder sends (validate and create take the same body). */
export type VendorShipmentBody = {
  account_id: string
  shipment_type: VendorShipmentType
  carrier_scac: string | null
  bill_of_lading_number: string | null
  shipped_at: string | null
  estimated_delivery_at: string | null
  gross_weight: Weight | null
  pallets: Array<{ reference: string; weight: Weight | null; cartons: string[]; items: ShipmentItem[] }>
  cartons: Array<{ reference: string; weight: Weight | null; tracking_number: string | null; items: ShipmentItem[] }>
}

export type ShippableLine = {
  purchase_order_number: string
  item_sequence_number: string
  asin: string | null
  vendor_product_id: string | null
  accepted_eaches: number
  shipped_eaches: number
  left_eaches: number
}
export type ShippablePurchaseOrder = {
  id: string
  purchase_order_number: string
  ship_to_party_id: string | null
  window_kind: "ship" | "delivery" | null
  window_start: string | null
  window_end: string | null
  lines: ShippableLine[]
}

export type VendorShipmentFilters = { limit: number; offset: number; status?: VendorShipmentStatus; account_id?: string; purchase_order_number?: string }

const inFlight = (status: VendorShipmentStatus | undefined) => status === "pending" || status === "sending" || status === "processing"

export function useVendorShipments(filters: VendorShipmentFilters) {
  const query = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined && value !== ""))
  return useQuery({
    queryKey: ["amazon", "vendor-shipments", query],
    queryFn: () => sdk.client.fetch<{ shipments: VendorShipment[]; count: number }>("/admin/amazon/vendor/shipments", { query }),
    placeholderData: keepPreviousData,
  })
}

export function useVendorShipment(id: string) {
  return useQuery({
    queryKey: ["amazon", "vendor-shipment", id],
    queryFn: () => sdk.client.fetch<{ shipment: VendorShipmentDetail }>(`/admin/amazon/vendor/shipments/${id}`),
    // While the ASN is on its way, or its POs' orders are being fulfilled, the page moves on without a reload.
    refetchInterval: (query) => {
      const shipment = query.state.data?.shipment
      const fulfilling = shipment?.status === "accepted" && (shipment.fulfillments ?? []).some((row) => row.status !== "done")
      return inFlight(shipment?.status) || fulfilling ? 5000 : false
    },
  })
}

export function useShippablePurchaseOrders(accountId: string | undefined) {
  return useQuery({
    queryKey: ["amazon", "vendor-shippable", accountId],
    queryFn: () => sdk.client.fetch<{ purchase_orders: ShippablePurchaseOrder[] }>("/admin/amazon/vendor/shippable", { query: { account_id: accountId } }),
    enabled: !!accountId,
  })
}

/** Amazon's rules checked on the shipment as packed; nothing is stored. */
export function validateVendorShipment(body: VendorShipmentBody) {
  return sdk.client.fetch<{ valid: boolean; problems: string[] }>("/admin/amazon/vendor/shipments/validate", { method: "POST", body })
}

export function useCreateVendorShipment() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: VendorShipmentBody) => sdk.client.fetch<{ shipment: VendorShipment }>("/admin/amazon/vendor/shipments", { method: "POST", body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["amazon"] }),
  })
}

function useShipmentAction(id: string, action: "submit" | "refresh") {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => sdk.client.fetch<{ shipment: VendorShipment }>(`/admin/amazon/vendor/shipments/${id}/${action}`, { method: "POST" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["amazon"] }),
  })
}

/** What the merchant found in Vendor Central for a shipment whose arrival at Amazon is unknown. */
export function useResolveVendorShipment(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (amazonHasIt: boolean) =>
      sdk.client.fetch<{ shipment: VendorShipment }>(`/admin/amazon/vendor/shipments/${id}/resolve`, { method: "POST", body: { amazon_has_it: amazonHasIt } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["amazon"] }),
  })
}

export const useSubmitVendorShipment = (id: string) => useShipmentAction(id, "submit")
export const useRefreshVendorShipment = (id: string) => useShipmentAction(id, "refresh")

/** The labels PDF; the admin's session cookie authorises the plain link. */
export const labelsUrl = (id: string) => `${(import.meta.env.VITE_BACKEND_URL || "").replace(/\/$/, "")}/admin/amazon/vendor/shipments/${id}/labels.pdf`
