import { Alert, Badge, Button, Container, Heading, Input, Select, StatusBadge, Table, Text, toast } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { Link, useNavigate, useParams } from "react-router-dom"
import { errorMessage } from "../../../../lib/api"
import { formatDateTime } from "../../../../lib/format"
import {
  formatCost,
  REJECTION_REASON_LABELS,
  REJECTION_REASONS,
  useAcknowledgeVendorPurchaseOrder,
  useVendorPurchaseOrder,
  type AcknowledgementAnswerInput,
  type AcknowledgementCode,
  type RejectionReason,
  type VendorAcknowledgement,
  type VendorPurchaseOrderDetail,
  type VendorPurchaseOrderLine,
} from "../../../../lib/vendor-api"
import { deadlineText, PurchaseOrderStateBadge } from "../../../../components/vendor-purchase-order"
import { containersText, ShipmentStatusBadge } from "../../../../components/vendor-shipment"
import { useVendorShipments } from "../../../../lib/vendor-shipments-api"

function PurchaseOrderShipments({ purchaseOrderNumber }: { purchaseOrderNumber: string }) {
  const { data } = useVendorShipments({ limit: 50, offset: 0, purchase_order_number: purchaseOrderNumber })
  const shipments = data?.shipments ?? []
  return (
    <Container className="flex flex-col gap-3" data-testid="vendor-po-shipments">
      <Heading level="h2">Shipments</Heading>
      {!shipments.length && <Text size="small" className="text-ui-fg-subtle">Nothing shipped against this purchase order yet.</Text>}
      {shipments.map((shipment) => (
        <div key={shipment.id} className="flex flex-wrap items-center gap-2">
          <ShipmentStatusBadge status={shipment.status} />
          <Link to={`/amazon/vendor/shipments/${shipment.id}`} className="text-ui-fg-interactive txt-compact-small">
            {shipment.shipment_identifier}
          </Link>
          <Text size="small" className="text-ui-fg-subtle">
            {containersText(shipment.contents)} · to {shipment.ship_to_party_id} · {shipment.submitted_at ? `sent ${formatDateTime(shipment.submitted_at)}` : "not sent yet"}
          </Text>
        </div>
      ))}
    </Container>
  )
}

type Answers = Record<string, AcknowledgementAnswerInput[]>

// Amazon's purchaseOrderType values.
const PURCHASE_ORDER_TYPES: Record<string, string> = {
  RegularOrder: "Regular order",
  ConsignedOrder: "Consigned order",
  NewProductIntroduction: "New product introduction",
  RushOrder: "Rush order",
}

const ACK_STATUS: Record<VendorAcknowledgement["status"], { color: "grey" | "blue" | "green" | "red"; label: string }> = {
  pending: { color: "grey", label: "Waiting to be sent" },
  sending: { color: "blue", label: "Sending" },
  processing: { color: "blue", label: "Amazon is processing" },
  accepted: { color: "green", label: "Accepted by Amazon" },
  failed: { color: "red", label: "Refused" },
}

/** The last answers sent, or every line accepted in full. */
function initialAnswers(po: VendorPurchaseOrderDetail): Answers {
  const last = po.acknowledgements.find((ack) => ack.status !== "failed")?.answers?.lines ?? []
  return Object.fromEntries(
    po.lines.map((line) => {
      const previous = last.find((entry) => entry.item_sequence_number === line.item_sequence_number)?.answers
      return [line.item_sequence_number, previous?.length ? previous : [{ code: line.rejected_once ? "Rejected" : "Accepted", quantity: line.ordered_quantity, rejection_reason: line.rejected_once ? "TemporarilyUnavailable" : null }]]
    })
  )
}

function quantityText(line: VendorPurchaseOrderLine): string {
  return line.unit_of_measure === "Cases" ? `${line.ordered_quantity} cases × ${line.unit_size ?? 1} = ${line.ordered_eaches} eaches` : `${line.ordered_quantity} eaches`
}

function LineAnswers({ line, answers, onChange }: { line: VendorPurchaseOrderLine; answers: AcknowledgementAnswerInput[]; onChange: (next: AcknowledgementAnswerInput[]) => void }) {
  const update = (index: number, patch: Partial<AcknowledgementAnswerInput>) => onChange(answers.map((answer, i) => (i === index ? { ...answer, ...patch } : answer)))
  const total = answers.reduce((sum, answer) => sum + (Number.isFinite(answer.quantity) ? answer.quantity : 0), 0)
  return (
    <div className="flex flex-col gap-2" data-testid={`vendor-line-answers-${line.item_sequence_number}`}>
      {answers.map((answer, index) => (
        <div key={index} className="flex flex-wrap items-center gap-2">
          <Select value={answer.code} onValueChange={(code) => update(index, { code: code as AcknowledgementCode, rejection_reason: code === "Rejected" ? answer.rejection_reason ?? "TemporarilyUnavailable" : null })}>
            <Select.Trigger className="w-32" aria-label={`Answer ${index + 1} of line ${line.item_sequence_number}`}>
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              <Select.Item value="Accepted" disabled={line.rejected_once}>Accepted</Select.Item>
              <Select.Item value="Backordered" disabled={!line.is_back_order_allowed || line.rejected_once}>Backordered</Select.Item>
              <Select.Item value="Rejected">Rejected</Select.Item>
            </Select.Content>
          </Select>
          <Input className="w-20" type="number" min={0} aria-label="Quantity" value={String(answer.quantity)} onChange={(e) => update(index, { quantity: Number(e.target.value) })} />
          {answer.code === "Rejected" && (
            <Select value={answer.rejection_reason ?? ""} onValueChange={(reason) => update(index, { rejection_reason: reason as RejectionReason })}>
              <Select.Trigger className="w-56" aria-label="Rejection reason">
                <Select.Value placeholder="Reason" />
              </Select.Trigger>
              <Select.Content>
                {REJECTION_REASONS.map((reason) => (
                  <Select.Item key={reason} value={reason}>
                    {REJECTION_REASON_LABELS[reason]}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select>
          )}
          {answer.code !== "Rejected" && (
            <Input
              className="w-36"
              type="date"
              aria-label="Scheduled ship date"
              value={answer.scheduled_ship_date?.slice(0, 10) ?? ""}
              onChange={(e) => update(index, { scheduled_ship_date: e.target.value || null })}
            />
          )}
          {answers.length > 1 && (
            <Button size="small" variant="transparent" onClick={() => onChange(answers.filter((_, i) => i !== index))}>
              Remove
            </Button>
          )}
        </div>
      ))}
      <div className="flex items-center gap-2">
        <Button size="small" variant="secondary" onClick={() => onChange([...answers, { code: line.is_back_order_allowed ? "Backordered" : "Rejected", quantity: 0, rejection_reason: line.is_back_order_allowed ? null : "TemporarilyUnavailable" }])}>
          Split
        </Button>
        <Text size="xsmall" className={total === line.ordered_quantity ? "text-ui-fg-subtle" : "text-ui-fg-error"}>
          {total} of {line.ordered_quantity} answered
        </Text>
      </div>
    </div>
  )
}

function VendorPurchaseOrderPage() {
  const { id = "" } = useParams()
  const navigate = useNavigate()
  const { data, isLoading, error } = useVendorPurchaseOrder(id)
  const acknowledge = useAcknowledgeVendorPurchaseOrder(id)
  const po = data?.purchase_order
  const [answers, setAnswers] = useState<Answers>({})
  const [sendError, setSendError] = useState<string | null>(null)
  useEffect(() => {
    if (po) setAnswers(initialAnswers(po))
    // Only when another PO is opened or an answer was recorded; not on every poll.
  }, [po?.id, po?.acknowledgements.length])

  if (isLoading) return <Container>Loading…</Container>
  if (error || !po) return <Container><Alert variant="error">{errorMessage(error)}</Alert></Container>
  const inFlight = po.acknowledgements.some((ack) => ["pending", "sending", "processing"].includes(ack.status))

  const send = () => {
    setSendError(null)
    const lines = po.lines.filter((line) => line.ordered_quantity > 0).map((line) => ({ item_sequence_number: line.item_sequence_number, answers: answers[line.item_sequence_number] ?? [] }))
    acknowledge.mutate(lines, {
      onSuccess: () => toast.success("Acknowledgement sent to Amazon; its result appears below."),
      onError: (failure) => setSendError(errorMessage(failure)),
    })
  }

  return (
    <div className="flex flex-col gap-4">
      <Container className="flex flex-col gap-2">
        <Link to="/amazon/vendor" className="text-ui-fg-interactive txt-compact-small self-start">
          ← Vendor purchase orders
        </Link>
        <div className="flex items-center gap-3">
          <Heading level="h1">Purchase order {po.purchase_order_number}</Heading>
          <PurchaseOrderStateBadge po={po} />
          {po.purchase_order_type && <Badge size="2xsmall">{PURCHASE_ORDER_TYPES[po.purchase_order_type] ?? po.purchase_order_type}</Badge>}
          {po.state !== "Closed" && po.acknowledgements.some((ack) => ack.status === "accepted") && (
            <Button size="small" variant="secondary" className="ml-auto" onClick={() => navigate(`/amazon/vendor/shipments/new?account_id=${po.account_id}&purchase_order=${encodeURIComponent(po.purchase_order_number)}`)}>
              Ship this PO
            </Button>
          )}
        </div>
        <Text size="small">
          Ordered {formatDateTime(po.purchase_order_date)} · ship to {po.ship_to_party_id ?? "–"} · {po.window_kind === "delivery" ? "delivery" : "ship"} window {formatDateTime(po.window_start)} – {formatDateTime(po.window_end)}
        </Text>
        <Text size="small" weight="plus">Cost total {formatCost(po.cost_total, po.currency_code)}</Text>
        <Text size="small" data-testid="vendor-po-deadline">Acknowledgement: {deadlineText(po)}. Amazon wants every line answered within 24 hours of the order; an unanswered line counts as rejected.</Text>
        {po.medusa_order ? (
          <Text size="small" data-testid="vendor-po-order">
            Accepted quantities: <Link to={`/orders/${po.medusa_order.id}`} className="text-ui-fg-interactive">Medusa order #{po.medusa_order.display_id}</Link> (sales channel Amazon Vendor, at cost)
          </Text>
        ) : (
          !po.order_note && <Text size="small" className="text-ui-fg-subtle">The accepted quantities become a Medusa order once Amazon has taken the acknowledgement.</Text>
        )}
        {po.order_note && <Alert variant="warning" data-testid="vendor-po-order-note">{po.order_note}</Alert>}
        {po.changed_after_acknowledgement && <Alert variant="warning">{po.change_note}</Alert>}
      </Container>

      <Container className="p-0">
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Line</Table.HeaderCell>
              <Table.HeaderCell>Product</Table.HeaderCell>
              <Table.HeaderCell>Ordered</Table.HeaderCell>
              <Table.HeaderCell>Cost</Table.HeaderCell>
              <Table.HeaderCell className="whitespace-nowrap">In stock</Table.HeaderCell>
              <Table.HeaderCell>Answer</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {po.lines.map((line) => (
              <Table.Row key={line.id} className="align-top">
                <Table.Cell className="py-3">{line.item_sequence_number}</Table.Cell>
                <Table.Cell className="py-3">
                  <div>{line.vendor_product_id ?? "–"}</div>
                  <Text size="xsmall" className="text-ui-fg-subtle">ASIN {line.asin ?? "–"}{line.variant_sku ? ` · variant ${line.variant_sku}` : ""}</Text>
                  {line.match_note && <Text size="xsmall" className="text-ui-fg-error">{line.match_note}</Text>}
                </Table.Cell>
                <Table.Cell className="py-3">
                  {quantityText(line)}
                  {!line.is_back_order_allowed && <Text size="xsmall" className="text-ui-fg-subtle">No backorders</Text>}
                </Table.Cell>
                <Table.Cell className="py-3">
                  {formatCost(line.cost, line.currency_code)}
                  {line.cost_note && <Text size="xsmall" className="text-ui-fg-subtle">{line.cost_note}</Text>}
                </Table.Cell>
                <Table.Cell className="py-3">{line.available_quantity ?? "–"}</Table.Cell>
                <Table.Cell className="py-3">
                  {line.ordered_quantity === 0 ? (
                    <Text size="small">Cancelled by Amazon</Text>
                  ) : (
                    <LineAnswers line={line} answers={answers[line.item_sequence_number] ?? []} onChange={(next) => setAnswers({ ...answers, [line.item_sequence_number]: next })} />
                  )}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
        <div className="flex flex-col gap-2 px-6 py-4">
          {sendError && <Alert variant="error" data-testid="vendor-ack-error">{sendError}</Alert>}
          <div className="flex justify-end">
            <Button onClick={send} isLoading={acknowledge.isPending} disabled={inFlight || po.state === "Closed"}>
              {po.acknowledged_at ? "Send updated acknowledgement" : "Send acknowledgement"}
            </Button>
          </div>
        </div>
      </Container>

      <Container className="flex flex-col gap-3">
        <Heading level="h2">Acknowledgements</Heading>
        {!po.acknowledgements.length && <Text size="small" className="text-ui-fg-subtle">Not answered yet.</Text>}
        {po.acknowledgements.map((ack) => (
          <div key={ack.id} className="flex flex-col gap-1" data-testid="vendor-acknowledgement">
            <div className="flex items-center gap-2">
              <StatusBadge color={ACK_STATUS[ack.status].color}>{ACK_STATUS[ack.status].label}</StatusBadge>
              <Text size="small">{formatDateTime(ack.submitted_at ?? ack.created_at)}</Text>
              {ack.transaction_id && <Text size="xsmall" className="text-ui-fg-subtle">transaction {ack.transaction_id}</Text>}
            </div>
            {ack.message && <Text size="small">{ack.message}</Text>}
            {(ack.errors ?? []).map((item, index) => (
              <Text key={index} size="small" className="text-ui-fg-error">{item.message}</Text>
            ))}
          </div>
        ))}
      </Container>

      <PurchaseOrderShipments purchaseOrderNumber={po.purchase_order_number} />
    </div>
  )
}

export default VendorPurchaseOrderPage
