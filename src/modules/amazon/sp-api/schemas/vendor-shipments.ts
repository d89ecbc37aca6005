/**
 * Vendor Shipments API v1 shapes (vendorShipments.json), the part the ASN uses: SubmitShipmentConfirmations. The
 * request is strict (only what Amazon's model defines, required fields required), the answer loose.
 */
import { z } from "@medusajs/framework/zod"
import { isoDateTime } from "./common"

/** Amazon's Decimal: a string with no loss of precision. */
const decimal = z.string().regex(/^-?(0|([1-9]\d*))(\.\d+)?([eE][+-]?\d+)?$/, "expected a decimal such as \"12.5\"")

export const SHIPMENT_STRUCTURES = ["PalletizedAssortmentCase", "LooseAssortmentCase", "PalletOfItems", "PalletizedStandardCase", "LooseStandardCase", "MasterPallet", "MasterCase"] as const
export const CONTAINER_IDENTIFICATION_TYPES = ["SSCC", "AMZNCC", "GTIN", "BPS", "CID"] as const

const WeightSchema = z.strictObject({ unitOfMeasure: z.enum(["G", "Kg", "Oz", "Lb"]), value: decimal })
const VolumeSchema = z.strictObject({ unitOfMeasure: z.enum(["CuFt", "CuIn", "CuM", "CuY"]), value: decimal })
const DimensionsSchema = z.strictObject({ length: decimal, width: decimal, height: decimal, unitOfMeasure: z.enum(["In", "Ft", "Meter", "Yard"]) })
const PartySchema = z.strictObject({ partyId: z.string().min(1) })
const ItemQuantitySchema = z.strictObject({ amount: z.number().int(), unitOfMeasure: z.enum(["Cases", "Eaches"]), unitSize: z.number().int().optional() })
const ItemDetailsSchema = z.strictObject({
  purchaseOrderNumber: z.string().regex(/^[A-Za-z0-9]{8}$/, "expected Amazon's 8-character purchase order number").optional(),
  lotNumber: z.string().optional(),
  handlingCode: z.enum(["Oversized", "Fragile", "Food", "HandleWithCare"]).optional(),
})
const ContainerIdentificationSchema = z.strictObject({
  containerIdentificationType: z.enum(CONTAINER_IDENTIFICATION_TYPES),
  containerIdentificationNumber: z.string().min(1),
})
const ContainerItemSchema = z.strictObject({ itemReference: z.string().min(1), shippedQuantity: ItemQuantitySchema, itemDetails: ItemDetailsSchema.optional() })

export const ShipmentConfirmationSchema = z.strictObject({
  shipmentIdentifier: z.string().min(1),
  shipmentConfirmationType: z.enum(["Original", "Replace"]),
  shipmentType: z.enum(["TruckLoad", "LessThanTruckLoad", "SmallParcel"]).optional(),
  shipmentStructure: z.enum(SHIPMENT_STRUCTURES).optional(),
  transportationDetails: z
    .strictObject({
      carrierScac: z.string().optional(),
      carrierShipmentReferenceNumber: z.string().optional(),
      transportationMode: z.enum(["Road", "Air", "Ocean"]).optional(),
      billOfLadingNumber: z.string().optional(),
    })
    .optional(),
  amazonReferenceNumber: z.string().optional(),
  shipmentConfirmationDate: isoDateTime,
  shippedDate: isoDateTime.optional(),
  estimatedDeliveryDate: isoDateTime.optional(),
  sellingParty: PartySchema,
  shipFromParty: PartySchema,
  shipToParty: PartySchema,
  shipmentMeasurements: z
    .strictObject({ grossShipmentWeight: WeightSchema.optional(), shipmentVolume: VolumeSchema.optional(), cartonCount: z.number().int().optional(), palletCount: z.number().int().optional() })
    .optional(),
  shippedItems: z
    .array(
      z.strictObject({
        itemSequenceNumber: z.string().min(1),
        amazonProductIdentifier: z.string().optional(),
        vendorProductIdentifier: z.string().optional(),
        shippedQuantity: ItemQuantitySchema,
        itemDetails: ItemDetailsSchema.optional(),
      })
    )
    .min(1),
  cartons: z
    .array(
      z.strictObject({
        cartonIdentifiers: z.array(ContainerIdentificationSchema).optional(),
        cartonSequenceNumber: z.string().min(1),
        dimensions: DimensionsSchema.optional(),
        weight: WeightSchema.optional(),
        trackingNumber: z.string().optional(),
        items: z.array(ContainerItemSchema),
      })
    )
    .optional(),
  pallets: z
    .array(
      z.strictObject({
        palletIdentifiers: z.array(ContainerIdentificationSchema).min(1),
        tier: z.number().int().optional(),
        block: z.number().int().optional(),
        dimensions: DimensionsSchema.optional(),
        weight: WeightSchema.optional(),
        cartonReferenceDetails: z.strictObject({ cartonCount: z.number().int().optional(), cartonReferenceNumbers: z.array(z.string()) }).optional(),
        items: z.array(ContainerItemSchema).optional(),
      })
    )
    .optional(),
})
export type ShipmentConfirmation = z.infer<typeof ShipmentConfirmationSchema>

export const SubmitShipmentConfirmationsResponseSchema = z.looseObject({
  payload: z.looseObject({ transactionId: z.string().min(1) }),
})
