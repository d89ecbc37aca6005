import { Alert, Button, Container, Heading, StatusBadge, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { Link, useParams } from "react-router-dom"
import { errorMessage, useAmazonAccounts } from "../../../../../lib/api"
import { formatDate } from "../../../../../lib/format"
import {
  labelsUrl,
  useRefreshVendorShipment,
  useResolveVendorShipment,
  useSubmitVendorShipment,
  useVendorShipment,
  type ShipmentItem,
  type VendorShipmentFulfillment,
  type Weight,
} from "../../../../../lib/vendor-shipments-api"
import { containersText, formatSscc, SHIPMENT_STRUCTURE_LABELS, SHIPMENT_TYPE_LABELS, ShipmentStatusBadge, ShipmentTimeline } from "../../../../../components/vendor-shipment"

const weightText = (weight: Weight | null) => (weight ? `${weight.value} ${weight.unit}` : "–")

function ItemsText({ items }: { items: ShipmentItem[] }) {
  if (!items.length) return <span className="text-ui-fg-muted">–</span>
  return (
    <div className="flex flex-col">
      {items.map((item, index) => (
        <span key={index} className="whitespace-nowrap">
          PO {item.purchase_order_number} line {item.item_sequence_number} × {item.quantity}
        </span>
      ))}
    </div>
  )
}

/** The merchant's finding in Vendor Central, asked for when Amazon's answer to the ASN was lost. */
function ResolveUnknown({ id }: { id: string }) {
  const prompt = usePrompt()
  const resolve = useResolveVendorShipment(id)
  const record = async (amazonHasIt: boolean) => {
    const confirmed = await prompt(
      amazonHasIt
        ? {
            title: "Vendor Central shows this shipment?",
            description:
              "The shipment is recorded as accepted by Amazon and nothing is sent again. Its quantities become fulfilments of the POs' Medusa orders, so stock leaves the warehouse.",
            confirmText: "Amazon has it",
            cancelText: "Cancel",
            variant: "confirmation" as const,
          }
        : {
            title: "Vendor Central does not show this shipment?",
            description:
              "The ASN is sent to Amazon again with the same shipment number and SSCCs. If Amazon did get the first one, it would receive this shipment twice: only send it again if Vendor Central does not list it.",
            confirmText: "Send again",
            cancelText: "Cancel",
          }
    )
    if (!confirmed) return
    try {
      const { shipment } = await resolve.mutateAsync(amazonHasIt)
      toast.success(
        shipment.status === "accepted"
          ? "Recorded as accepted by Amazon; the POs' Medusa orders are fulfilled."
          : "Recorded as not at Amazon; the ASN is sent again."
      )
    } catch (failure) {
      toast.error(errorMessage(failure))
    }
  }
  return (
    <div className="flex flex-col gap-2" data-testid="vendor-shipment-resolve">
      <Text size="small">Look this shipment up in Vendor Central, then record what it shows:</Text>
      <div className="flex flex-wrap gap-2">
        <Button size="small" isLoading={resolve.isPending && resolve.variables === true} disabled={resolve.isPending} onClick={() => record(true)}>
          Amazon has it
        </Button>
        <Button size="small" variant="secondary" isLoading={resolve.isPending && resolve.variables === false} disabled={resolve.isPending} onClick={() => record(false)}>
          Send again
        </Button>
      </div>
    </div>
  )
}

/** Per PO, whether the shipped quantities became a fulfilment of its Medusa order. */
function MedusaOrders({ fulfillments }: { fulfillments: VendorShipmentFulfillment[] }) {
  return (
    <Container className="p-0" data-testid="vendor-shipment-orders">
      <div className="px-6 py-4">
        <Heading level="h2">Medusa orders</Heading>
        {!fulfillments.length && (
          <Text size="small" className="text-ui-fg-subtle">
            Once Amazon accepts the shipment, each PO's shipped quantities become a fulfilment of its Medusa order.
          </Text>
        )}
      </div>
      {!!fulfillments.length && (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>PO</Table.HeaderCell>
              <Table.HeaderCell>Medusa order</Table.HeaderCell>
              <Table.HeaderCell>Fulfilment</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {fulfillments.map((row) => (
              <Table.Row key={row.id} className="align-top" data-testid={`vendor-shipment-order-${row.purchase_order_number ?? row.purchase_order_id}`}>
                <Table.Cell className="py-2 font-medium">{row.purchase_order_number ?? row.purchase_order_id}</Table.Cell>
                <Table.Cell className="py-2">
                  {row.order_id ? (
                    <Link to={`/orders/${row.order_id}`} className="text-ui-fg-interactive">
                      Open order
                    </Link>
                  ) : (
                    <span className="text-ui-fg-muted">–</span>
                  )}
                </Table.Cell>
                <Table.Cell className="py-2">
                  {row.status === "done" ? (
                    <StatusBadge color="green" className="whitespace-nowrap">
                      Fulfilled{row.done_at ? ` · ${formatDate(row.done_at)}` : ""}
                    </StatusBadge>
                  ) : (
                    <Text size="small" className="text-ui-fg-subtle">{row.message ?? "Waiting to be fulfilled."}</Text>
                  )}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </Container>
  )
}

function VendorShipmentPage() {
  const { id = "" } = useParams()
  const { data, isLoading, error } = useVendorShipment(id)
  const submit = useSubmitVendorShipment(id)
  const refresh = useRefreshVendorShipment(id)
  const shipment = data?.shipment
  const accounts = useAmazonAccounts()
  const prefixLength = accounts.data?.accounts.find((account) => account.id === shipment?.account_id)?.gs1_company_prefix?.length
  if (isLoading) return <Container>Loading…</Container>
  if (error || !shipment) return <Container><Alert variant="error">{errorMessage(error)}</Alert></Container>

  const cartonsOn = (reference: string) => shipment.contents.pallets.find((pallet) => pallet.cartons.includes(reference))?.reference ?? null
  const waiting = ["pending", "sending", "processing"].includes(shipment.status)

  return (
    <div className="flex flex-col gap-4" data-testid="vendor-shipment-page">
      <Container className="flex flex-col gap-2">
        <Link to="/amazon/vendor/shipments" className="text-ui-fg-interactive txt-compact-small self-start">
          ← Vendor shipments
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <Heading level="h1">Shipment {shipment.shipment_identifier}</Heading>
          <ShipmentStatusBadge status={shipment.status} />
          <div className="ml-auto flex gap-2">
            <Button size="small" variant="secondary" asChild>
              <a href={labelsUrl(shipment.id)} download={`labels-${shipment.shipment_identifier}.pdf`} data-testid="vendor-shipment-labels">
                Download labels (PDF)
              </a>
            </Button>
            {waiting && (
              <Button
                size="small"
                variant="secondary"
                isLoading={refresh.isPending}
                onClick={() => refresh.mutate(undefined, { onError: (failure) => toast.error(errorMessage(failure)) })}
              >
                Refresh result
              </Button>
            )}
            {shipment.status === "ready" && (
              <Button
                size="small"
                isLoading={submit.isPending}
                onClick={() =>
                  submit.mutate(undefined, {
                    onSuccess: () => toast.success("The ASN is on its way to Amazon; its transaction result appears below."),
                    onError: (failure) => toast.error(errorMessage(failure)),
                  })
                }
              >
                Send to Amazon
              </Button>
            )}
          </div>
        </div>
        <Text size="small">
          From {shipment.ship_from_party_id} to Amazon FC <span className="font-medium">{shipment.ship_to_party_id}</span> · vendor code {shipment.selling_party_id} · POs {shipment.purchase_order_numbers.join(", ")}
        </Text>
        <Text size="small">
          {containersText(shipment.contents)} · {SHIPMENT_STRUCTURE_LABELS[shipment.shipment_structure] ?? shipment.shipment_structure} ·{" "}
          {shipment.shipment_type ? SHIPMENT_TYPE_LABELS[shipment.shipment_type] ?? shipment.shipment_type : "–"} · carrier {shipment.carrier_scac ?? "–"} · BOL {shipment.bill_of_lading_number ?? "–"}
        </Text>
        <Text size="small" className="text-ui-fg-subtle">
          Ships {formatDate(shipment.shipped_at)}{shipment.estimated_delivery_at ? ` · estimated delivery ${formatDate(shipment.estimated_delivery_at)}` : ""}
        </Text>
        {shipment.status === "ready" && (
          <Text size="small" className="text-ui-fg-subtle">Print the labels and put each on its pallet or carton, then send the ASN: Amazon matches what arrives against it.</Text>
        )}
      </Container>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <Container className="flex flex-col gap-3 lg:col-span-1" data-testid="vendor-shipment-status">
          <Heading level="h2">ASN status</Heading>
          <ShipmentTimeline shipment={shipment} />
          {shipment.transaction_id && (
            <Text size="xsmall" className="text-ui-fg-subtle">
              Transaction {shipment.transaction_id}
              {shipment.transaction_status ? ` · ${shipment.transaction_status}` : ""}
            </Text>
          )}
          {shipment.message && (
            <Alert
              variant={shipment.status === "failed" ? "error" : shipment.status === "accepted" ? "success" : shipment.status === "unknown" ? "warning" : "info"}
              data-testid="vendor-shipment-message"
            >
              {shipment.message}
            </Alert>
          )}
          {shipment.status === "unknown" && <ResolveUnknown id={shipment.id} />}
          {(shipment.errors ?? []).map((item, index) => (
            <Text key={index} size="small" className="text-ui-fg-error" data-testid="vendor-shipment-error">
              {item.code ? `${item.code}: ` : ""}
              {item.message}
              {item.details ? ` (${item.details})` : ""}
            </Text>
          ))}
        </Container>

        <Container className="p-0 lg:col-span-2">
          <div className="px-6 py-4">
            <Heading level="h2">Containers</Heading>
          </div>
          <Table data-testid="vendor-shipment-containers">
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Container</Table.HeaderCell>
                <Table.HeaderCell>SSCC</Table.HeaderCell>
                <Table.HeaderCell>Weight</Table.HeaderCell>
                <Table.HeaderCell>Contents</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {shipment.contents.pallets.map((pallet) => (
                <Table.Row key={`p-${pallet.reference}`} className="align-top" data-testid={`vendor-shipment-container-${pallet.reference}`}>
                  <Table.Cell className="py-2 font-medium">Pallet {pallet.reference}</Table.Cell>
                  <Table.Cell className="py-2 font-mono text-xs whitespace-nowrap">{formatSscc(pallet.sscc, prefixLength)}</Table.Cell>
                  <Table.Cell className="py-2">{weightText(pallet.weight)}</Table.Cell>
                  <Table.Cell className="py-2">{pallet.cartons.length ? `Cartons ${pallet.cartons.join(", ")}` : <ItemsText items={pallet.items} />}</Table.Cell>
                </Table.Row>
              ))}
              {shipment.contents.cartons.map((carton) => (
                <Table.Row key={`c-${carton.reference}`} className="align-top" data-testid={`vendor-shipment-container-${carton.reference}`}>
                  <Table.Cell className="py-2">
                    <div>Carton {carton.reference}</div>
                    {cartonsOn(carton.reference) && <Text size="xsmall" className="text-ui-fg-subtle">on pallet {cartonsOn(carton.reference)}</Text>}
                    {carton.tracking_number && <Text size="xsmall" className="text-ui-fg-subtle">tracking {carton.tracking_number}</Text>}
                  </Table.Cell>
                  <Table.Cell className="py-2 font-mono text-xs whitespace-nowrap">{formatSscc(carton.sscc, prefixLength)}</Table.Cell>
                  <Table.Cell className="py-2">{weightText(carton.weight)}</Table.Cell>
                  <Table.Cell className="py-2"><ItemsText items={carton.items} /></Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </Container>
      </div>

      <MedusaOrders fulfillments={shipment.fulfillments ?? []} />
    </div>
  )
}

export default VendorShipmentPage
