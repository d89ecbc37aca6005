import { z } from "@medusajs/framework/zod"
import { createFindParams } from "@medusajs/medusa/api/utils/validators"
import { SHIPMENT_TYPES, WEIGHT_UNITS } from "../../../../../modules/amazon/vendor/shipments/build-shipment"

const weight = z.object({
  value: z.number({ message: "Weights are numbers." }).positive("Weights are more than 0."),
  unit: z.enum(WEIGHT_UNITS, { message: `Weigh in ${WEIGHT_UNITS.join(", ")}.` }),
})
const item = z.object({
  purchase_order_number: z.string().trim().min(1, "Name the purchase order of every item."),
  item_sequence_number: z.string().trim().min(1, "Name the PO line of every item."),
  quantity: z.number().int("Quantities are whole numbers of eaches."),
})
const optionalText = z.string().trim().nullish().transform((value) => value || null)
const optionalDate = optionalText.refine((value) => value === null || !Number.isNaN(Date.parse(value)), "Enter dates as 2026-12-24 or 2026-12-24T10:00:00Z.")

/** The shipment as packed; the rules between its parts are checked by the builder, which names the part. */
export const VendorShipmentBody = z
  .object({
    account_id: z.string().min(1, "Choose the vendor account the shipment is for."),
    shipment_identifier: optionalText,
    ship_to_party_id: optionalText,
    shipment_type: z.enum(SHIPMENT_TYPES, { message: `The shipment type is one of ${SHIPMENT_TYPES.join(", ")}.` }).nullish(),
    carrier_scac: optionalText.transform((value) => value?.toUpperCase() ?? null),
    bill_of_lading_number: optionalText,
    shipped_at: optionalDate,
    estimated_delivery_at: optionalDate,
    gross_weight: weight.nullish(),
    pallets: z
      .array(z.object({ reference: z.string().trim(), sscc: optionalText, weight: weight.nullish(), cartons: z.array(z.string().trim()).default([]), items: z.array(item).default([]) }))
      .default([]),
    cartons: z
      .array(z.object({ reference: z.string().trim(), sscc: optionalText, weight: weight.nullish(), tracking_number: optionalText, items: z.array(item).default([]) }))
      .default([]),
  })
  .strict()
export type VendorShipmentBodyType = z.infer<typeof VendorShipmentBody>

export const AdminListVendorShipments = createFindParams({ limit: 20, offset: 0, order: "-created_at" })
  .merge(
    z.object({
      account_id: z.string().optional(),
      status: z.enum(["ready", "pending", "sending", "processing", "accepted", "failed", "unknown"]).optional(),
      /** The shipments carrying parts of this PO (a PO page lists them). */
      purchase_order_number: z.string().trim().min(1).optional(),
    })
  )
  .transform(({ purchase_order_number, ...rest }) => ({ ...rest, ...(purchase_order_number ? { purchase_order_numbers: { $contains: [purchase_order_number] } } : {}) }))
export type AdminListVendorShipmentsType = z.infer<typeof AdminListVendorShipments>

export const VENDOR_SHIPMENT_FIELDS = [
  "id",
  "account_id",
  "shipment_identifier",
  "status",
  "selling_party_id",
  "ship_from_party_id",
  "ship_to_party_id",
  "shipment_structure",
  "shipment_type",
  "carrier_scac",
  "bill_of_lading_number",
  "shipped_at",
  "estimated_delivery_at",
  "purchase_order_numbers",
  "transaction_id",
  "transaction_status",
  "submitted_at",
  "result_at",
  "message",
  "errors",
  "contents",
  "created_at",
]

export const listVendorShipmentsQueryConfig = { defaults: VENDOR_SHIPMENT_FIELDS, allowed: VENDOR_SHIPMENT_FIELDS, isList: true }

export const AdminShippableVendorLines = z.object({ account_id: z.string({ message: "Choose the vendor account to ship from." }).min(1, "Choose the vendor account to ship from.") })
export type AdminShippableVendorLinesType = z.infer<typeof AdminShippableVendorLines>

export const ResolveVendorShipmentBody = z.object({ amazon_has_it: z.boolean() }).strict()
export type ResolveVendorShipmentBodyType = z.infer<typeof ResolveVendorShipmentBody>
