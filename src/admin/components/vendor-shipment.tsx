import { StatusBadge, Text } from "@medusajs/ui"
import { formatDateTime } from "../lib/format"
import type { VendorShipment, VendorShipmentStatus } from "../lib/vendor-shipments-api"

type BadgeColor = "grey" | "blue" | "green" | "red" | "orange"

export const SHIPMENT_STATUS: Record<VendorShipmentStatus, { color: BadgeColor; label: string }> = {
  ready: { color: "grey", label: "Ready to send" },
  pending: { color: "blue", label: "Waiting to be sent" },
  sending: { color: "blue", label: "Sending" },
  processing: { color: "blue", label: "Amazon is processing" },
  accepted: { color: "green", label: "Accepted by Amazon" },
  failed: { color: "red", label: "Refused by Amazon" },
  unknown: { color: "orange", label: "Unknown — check Vendor Central" },
}

export function ShipmentStatusBadge({ status }: { status: VendorShipmentStatus }) {
  const { color, label } = SHIPMENT_STATUS[status] ?? { color: "grey", label: status }
  return (
    <StatusBadge color={color} className="whitespace-nowrap">
      {label}
    </StatusBadge>
  )
}

/** "2 pallets, 5 cartons". */
export function containersText(contents: VendorShipment["contents"] | null | undefined): string {
  const pallets = contents?.pallets?.length ?? 0
  const cartons = contents?.cartons?.length ?? 0
  const parts = [pallets ? `${pallets} pallet${pallets === 1 ? "" : "s"}` : null, cartons ? `${cartons} carton${cartons === 1 ? "" : "s"}` : null].filter(Boolean)
  return parts.length ? parts.join(", ") : "–"
}

/** "(00) 0 0614141 000000001 7": grouped as the label prints it (extension, company prefix, serial, check digit). */
export function formatSscc(sscc: string, prefixLength?: number | null): string {
  const digits = sscc.replace(/^00(?=\d{18}$)/, "")
  if (digits.length !== 18) return sscc
  if (!prefixLength) return `(00) ${digits}`
  return `(00) ${digits[0]} ${digits.slice(1, 1 + prefixLength)} ${digits.slice(1 + prefixLength, 17)} ${digits[17]}`
}

export const SHIPMENT_TYPE_LABELS: Record<string, string> = {
  LessThanTruckLoad: "Less than truckload (LTL)",
  TruckLoad: "Truckload (FTL)",
  SmallParcel: "Small parcel",
}

// Amazon's shipmentStructure values, as the merchant packed them.
export const SHIPMENT_STRUCTURE_LABELS: Record<string, string> = {
  PalletizedStandardCase: "Pallets of single-product cartons",
  PalletizedAssortmentCase: "Pallets of mixed cartons",
  LooseStandardCase: "Single-product cartons, no pallets",
  LooseAssortmentCase: "Mixed cartons, no pallets",
  PalletOfItems: "Pallets of loose items",
}

const STEPS: Array<{ status: VendorShipmentStatus; label: string; hint: string }> = [
  { status: "ready", label: "Built", hint: "SSCCs assigned, labels printable; nothing sent yet." },
  { status: "pending", label: "Queued", hint: "The intent to send is recorded." },
  { status: "sending", label: "Sending", hint: "One worker is sending the ASN." },
  { status: "processing", label: "Amazon processing", hint: "Amazon took the ASN and answers with its transaction result." },
]

const FINAL_STEPS: Record<"accepted" | "failed" | "unknown", { label: string; hint: string }> = {
  accepted: { label: "Accepted by Amazon", hint: "Amazon's transaction result." },
  failed: { label: "Refused by Amazon", hint: "Amazon's transaction result." },
  unknown: { label: "Unknown — check Vendor Central", hint: "Amazon's answer to the ASN never arrived; Vendor Central shows whether Amazon has it." },
}

/**
 * ready → pending → sending → processing → accepted / failed, with the times the shipment records. A shipment whose
 * answer was lost ends after sending: it never reached "Amazon processing" as far as we know, and neither did one the
 * merchant later found in Vendor Central.
 */
export function ShipmentTimeline({ shipment }: { shipment: VendorShipment }) {
  const order: VendorShipmentStatus[] = ["ready", "pending", "sending", "processing", "accepted"]
  const final = shipment.status === "failed" || shipment.status === "unknown" ? shipment.status : "accepted"
  // Accepted without a transaction: the merchant recorded it from Vendor Central after the answer was lost.
  const recordedFromVendorCentral = shipment.status === "accepted" && !shipment.transaction_id
  const before = final === "unknown" || recordedFromVendorCentral ? STEPS.filter((step) => step.status !== "processing") : STEPS
  const reached = final !== "accepted" || recordedFromVendorCentral ? before.length : order.indexOf(shipment.status)
  const last = recordedFromVendorCentral ? { label: FINAL_STEPS.accepted.label, hint: "Found in Vendor Central and recorded by the merchant." } : FINAL_STEPS[final]
  const steps: typeof STEPS = [...before, { status: final, ...last }]
  const time = (status: VendorShipmentStatus) =>
    status === "ready" ? shipment.created_at : status === "processing" ? shipment.submitted_at : status === "accepted" || status === "failed" || status === "unknown" ? shipment.result_at : null
  return (
    <ol className="flex flex-col gap-0" data-testid="vendor-shipment-timeline">
      {steps.map((step, index) => {
        const done = index <= reached
        const current = index === reached
        const dot = !done ? "bg-ui-tag-neutral-border" : step.status === "failed" ? "bg-ui-tag-red-icon" : step.status === "unknown" ? "bg-ui-tag-orange-icon" : step.status === "accepted" ? "bg-ui-tag-green-icon" : "bg-ui-tag-blue-icon"
        return (
          <li key={step.status} className="flex gap-3" data-testid={`vendor-shipment-step-${step.status}`} data-reached={done ? "true" : "false"}>
            <div className="flex flex-col items-center">
              <span className={`mt-1 h-2.5 w-2.5 shrink-0 rounded-full ${dot} ${current ? "ring-ui-border-interactive ring-2 ring-offset-1" : ""}`} />
              {index < steps.length - 1 && <span className={`w-px flex-1 ${index < reached ? "bg-ui-fg-muted" : "bg-ui-border-base"}`} />}
            </div>
            <div className="pb-3">
              <Text size="small" weight={current ? "plus" : "regular"} className={done ? "" : "text-ui-fg-muted"}>
                {step.label}
                {done && time(step.status) ? <span className="text-ui-fg-subtle"> · {formatDateTime(time(step.status))}</span> : null}
              </Text>
              <Text size="xsmall" className="text-ui-fg-subtle">{step.hint}</Text>
            </div>
          </li>
        )
      })}
    </ol>
  )
}
