import { Alert, Button, Checkbox, Container, Heading, Input, Label, Select, Table, Text, toast } from "@medusajs/ui"
import { useEffect, useMemo, useRef, useState } from "react"
import { Link, useNavigate, useSearchParams } from "react-router-dom"
import { errorMessage, useAmazonAccounts } from "../../../../../lib/api"
import { formatShortDateTime } from "../../../../../lib/format"
import {
  SHIPMENT_TYPES,
  useCreateVendorShipment,
  useShippablePurchaseOrders,
  validateVendorShipment,
  WEIGHT_UNITS,
  type ShippableLine,
  type ShippablePurchaseOrder,
  type VendorShipmentType,
  type WeightUnit,
} from "../../../../../lib/vendor-shipments-api"
import { SHIPMENT_TYPE_LABELS } from "../../../../../components/vendor-shipment"
import { lineKeyOf, nextReference, placeProblems, toBody, type Draft, type DraftCarton, type DraftItem, type DraftPallet } from "../../../../../lib/shipment-draft"

/**
 * The shipment builder: pallets → cartons → items as the merchant packs them. Every change is checked by the
 * server's own rules (POST validate, debounced) and each problem is shown beside the pallet, carton or PO line it
 * names; the shipment can be saved only as the server last found it valid.
 */

const VALIDATE_DELAY_MS = 400

let nextKey = 0
const newKey = () => `k${++nextKey}`
const today = () => new Date().toISOString().slice(0, 10)

function emptyDraft(): Draft {
  return { poNumbers: [], shipmentType: "LessThanTruckLoad", scac: "", bol: "", shippedAt: today(), deliveryAt: "", grossWeight: "", unit: "Kg", pallets: [], cartons: [] }
}

function Problems({ problems, testId }: { problems?: string[]; testId?: string }) {
  if (!problems?.length) return null
  return (
    <div className="flex flex-col gap-1" data-testid={testId}>
      {problems.map((problem) => (
        <Text key={problem} size="xsmall" className="text-ui-fg-error" data-testid="vendor-shipment-problem">
          {problem}
        </Text>
      ))}
    </div>
  )
}

const countText = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`

function lineLabel(line: ShippableLine) {
  return `${line.purchase_order_number} · line ${line.item_sequence_number} · ${line.vendor_product_id ?? line.asin ?? "–"}`
}

function ItemRows({ items, lines, owner, onChange }: { items: DraftItem[]; lines: ShippableLine[]; owner: string; onChange: (items: DraftItem[]) => void }) {
  const update = (key: string, patch: Partial<DraftItem>) => onChange(items.map((item) => (item.key === key ? { ...item, ...patch } : item)))
  return (
    <div className="flex flex-col gap-2">
      {items.map((item, index) => (
        <div key={item.key} className="flex flex-wrap items-center gap-2" data-testid="vendor-shipment-item">
          <Select value={item.line} onValueChange={(value) => update(item.key, { line: value })}>
            <Select.Trigger className="w-96" aria-label={`PO line of item ${index + 1} in ${owner}`}>
              <Select.Value placeholder="Choose the PO line" />
            </Select.Trigger>
            <Select.Content>
              {lines.map((line) => (
                <Select.Item key={lineKeyOf(line)} value={lineKeyOf(line)}>
                  {lineLabel(line)}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
          <Input className="w-24" type="number" min={1} aria-label={`Quantity of item ${index + 1} in ${owner}`} value={item.quantity} onChange={(e) => update(item.key, { quantity: e.target.value })} />
          <Text size="xsmall" className="text-ui-fg-subtle">eaches</Text>
          <Button size="small" variant="transparent" onClick={() => onChange(items.filter((entry) => entry.key !== item.key))}>
            Remove item
          </Button>
        </div>
      ))}
    </div>
  )
}

function VendorShipmentBuilderPage() {
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const accounts = useAmazonAccounts()
  const vendorAccounts = (accounts.data?.accounts ?? []).filter((account) => account.kind === "vendor")
  const [accountId, setAccountId] = useState<string | undefined>(params.get("account_id") ?? undefined)
  useEffect(() => {
    if (!accountId && vendorAccounts.length) setAccountId(vendorAccounts[0].id)
  }, [accountId, vendorAccounts.length])
  const shippable = useShippablePurchaseOrders(accountId)
  const purchaseOrders = shippable.data?.purchase_orders ?? []
  const [draft, setDraft] = useState<Draft>(emptyDraft)
  const prefilled = useRef(false)

  // "Ship this PO": the PO's lines with eaches left, one carton each, on one pallet.
  useEffect(() => {
    const wanted = params.get("purchase_order")
    if (prefilled.current || !wanted || !shippable.data) return
    prefilled.current = true
    const po = purchaseOrders.find((entry) => entry.purchase_order_number === wanted)
    if (!po) return
    const pallet: DraftPallet = { key: newKey(), reference: "P1", weight: "", items: [] }
    const cartons = po.lines
      .filter((line) => line.left_eaches > 0)
      .map((line, index) => ({ key: newKey(), reference: `C${index + 1}`, pallet: pallet.key, weight: "", tracking: "", items: [{ key: newKey(), line: lineKeyOf(line), quantity: String(line.left_eaches) }] }))
    setDraft((current) => ({ ...current, poNumbers: [po.purchase_order_number], pallets: [pallet], cartons }))
  }, [shippable.data])

  const selectedPos = purchaseOrders.filter((po) => draft.poNumbers.includes(po.purchase_order_number))
  const fc = selectedPos[0]?.ship_to_party_id ?? null
  const lines = selectedPos.flatMap((po) => po.lines)
  const packed = useMemo(() => {
    const totals = new Map<string, number>()
    for (const container of [...draft.pallets, ...draft.cartons])
      for (const item of container.items) totals.set(item.line, (totals.get(item.line) ?? 0) + (Number(item.quantity) || 0))
    return totals
  }, [draft])

  const body = useMemo(() => (accountId ? toBody(accountId, draft) : null), [accountId, draft])
  const bodyJson = JSON.stringify(body)
  const [checked, setChecked] = useState<{ json: string; problems: string[] } | null>(null)
  const sequence = useRef(0)
  useEffect(() => {
    if (!body || (!draft.pallets.length && !draft.cartons.length)) {
      sequence.current++
      setChecked(null)
      return
    }
    const mine = ++sequence.current
    const timer = setTimeout(() => {
      validateVendorShipment(body)
        .then((result) => {
          if (mine !== sequence.current) return
          setChecked({ json: bodyJson, problems: result.problems })
        })
        .catch((failure) => {
          if (mine !== sequence.current) return
          // A 400 from the body's own schema (e.g. a weight that is not a number) is a problem of the shipment too.
          setChecked({ json: bodyJson, problems: [errorMessage(failure)] })
        })
    }, VALIDATE_DELAY_MS)
    return () => clearTimeout(timer)
  }, [bodyJson])
  const current = checked?.json === bodyJson
  const problems = checked?.problems ?? []
  const placed = placeProblems(problems, draft)
  const create = useCreateVendorShipment()
  const [saveError, setSaveError] = useState<string | null>(null)

  const set = (patch: Partial<Draft>) => setDraft((previous) => ({ ...previous, ...patch }))
  const defaultItem = (): DraftItem[] => {
    const line = lines.find((entry) => entry.left_eaches - (packed.get(lineKeyOf(entry)) ?? 0) > 0) ?? lines[0]
    if (!line) return []
    return [{ key: newKey(), line: lineKeyOf(line), quantity: String(Math.max(1, line.left_eaches - (packed.get(lineKeyOf(line)) ?? 0))) }]
  }
  const addPallet = () => set({ pallets: [...draft.pallets, { key: newKey(), reference: nextReference("P", draft.pallets.map((p) => p.reference)), weight: "", items: [] }] })
  const addCarton = (palletKey: string | null) =>
    set({ cartons: [...draft.cartons, { key: newKey(), reference: nextReference("C", draft.cartons.map((c) => c.reference)), pallet: palletKey, weight: "", tracking: "", items: defaultItem() }] })
  const updatePallet = (key: string, patch: Partial<DraftPallet>) => set({ pallets: draft.pallets.map((pallet) => (pallet.key === key ? { ...pallet, ...patch } : pallet)) })
  const updateCarton = (key: string, patch: Partial<DraftCarton>) => set({ cartons: draft.cartons.map((carton) => (carton.key === key ? { ...carton, ...patch } : carton)) })
  const removePallet = (key: string) => set({ pallets: draft.pallets.filter((pallet) => pallet.key !== key), cartons: draft.cartons.filter((carton) => carton.pallet !== key) })
  const togglePo = (po: ShippablePurchaseOrder, on: boolean) => {
    const numbers = on ? [...draft.poNumbers, po.purchase_order_number] : draft.poNumbers.filter((number) => number !== po.purchase_order_number)
    // Items of a PO taken out of the shipment go with it.
    const keep = (items: DraftItem[]) => items.filter((item) => numbers.includes(item.line.split("#")[0]))
    set({ poNumbers: numbers, pallets: draft.pallets.map((p) => ({ ...p, items: keep(p.items) })), cartons: draft.cartons.map((c) => ({ ...c, items: keep(c.items) })) })
  }

  const save = () => {
    if (!body) return
    setSaveError(null)
    create.mutate(body, {
      onSuccess: ({ shipment }) => {
        toast.success(`Shipment ${shipment.shipment_identifier} saved with its SSCCs; print the labels, then send it to Amazon.`)
        navigate(`/amazon/vendor/shipments/${shipment.id}`)
      },
      onError: (failure) => setSaveError(errorMessage(failure)),
    })
  }

  const renderCarton = (carton: DraftCarton) => (
    <div key={carton.key} className="bg-ui-bg-base shadow-elevation-card-rest flex flex-col gap-2 rounded-lg p-3" data-testid={`vendor-carton-${carton.reference}`}>
      <div className="flex flex-wrap items-center gap-2">
        <Text size="small" weight="plus">Carton</Text>
        <Input className="w-24" aria-label={`Name of carton ${carton.reference}`} value={carton.reference} onChange={(e) => updateCarton(carton.key, { reference: e.target.value })} />
        <Input className="w-28" type="number" min={0} step="any" placeholder={`Weight (${draft.unit})`} aria-label={`Weight of carton ${carton.reference}`} value={carton.weight} onChange={(e) => updateCarton(carton.key, { weight: e.target.value })} />
        <Text size="xsmall" className="text-ui-fg-subtle">{draft.unit}</Text>
        {draft.shipmentType === "SmallParcel" && (
          <Input className="w-44" placeholder="Tracking number" aria-label={`Tracking number of carton ${carton.reference}`} value={carton.tracking} onChange={(e) => updateCarton(carton.key, { tracking: e.target.value })} />
        )}
        <Select value={carton.pallet ?? "none"} onValueChange={(value) => updateCarton(carton.key, { pallet: value === "none" ? null : value })}>
          <Select.Trigger className="w-40" aria-label={`Pallet of carton ${carton.reference}`}>
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            <Select.Item value="none">No pallet</Select.Item>
            {draft.pallets.map((pallet) => (
              <Select.Item key={pallet.key} value={pallet.key}>
                On pallet {pallet.reference}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
        <div className="ml-auto flex gap-1">
          <Button size="small" variant="secondary" onClick={() => updateCarton(carton.key, { items: [...carton.items, ...defaultItem()] })} disabled={!lines.length}>
            Add item
          </Button>
          <Button size="small" variant="transparent" onClick={() => set({ cartons: draft.cartons.filter((entry) => entry.key !== carton.key) })}>
            Remove carton
          </Button>
        </div>
      </div>
      <ItemRows items={carton.items} lines={lines} owner={`carton ${carton.reference}`} onChange={(items) => updateCarton(carton.key, { items })} />
      <Problems problems={placed.cartons.get(carton.key)} testId={`vendor-carton-problems-${carton.reference}`} />
    </div>
  )
  const looseCartons = draft.cartons.filter((carton) => !carton.pallet || !draft.pallets.some((pallet) => pallet.key === carton.pallet))

  return (
    <div className="flex flex-col gap-4" data-testid="vendor-shipment-builder">
      <Container className="flex flex-col gap-4">
        <Link to="/amazon/vendor/shipments" className="text-ui-fg-interactive txt-compact-small self-start">
          ← Vendor shipments
        </Link>
        <div>
          <Heading level="h1">Build a shipment</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            One shipment goes from your warehouse to one Amazon fulfilment centre and may carry parts of several purchase orders. Pack it here as it is packed on the floor: the ASN and the labels are made from exactly this.
          </Text>
        </div>
        {vendorAccounts.length > 1 && (
          <div className="flex flex-col gap-1">
            <Label size="small">Vendor account</Label>
            <Select value={accountId} onValueChange={(value) => { setAccountId(value); setDraft(emptyDraft()) }}>
              <Select.Trigger className="w-80" aria-label="Vendor account">
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                {vendorAccounts.map((account) => (
                  <Select.Item key={account.id} value={account.id}>
                    {account.name}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select>
          </div>
        )}
        {!accounts.isLoading && !vendorAccounts.length && (
          <Alert variant="warning">
            No Vendor Central account yet; add one in <Link to="/settings/amazon" className="text-ui-fg-interactive">Settings → Amazon</Link>.
          </Alert>
        )}
        <div className="flex flex-col gap-2">
          <Label size="small" weight="plus">Purchase orders</Label>
          {shippable.error && <Alert variant="error">{errorMessage(shippable.error)}</Alert>}
          {shippable.data && params.get("purchase_order") && !purchaseOrders.some((po) => po.purchase_order_number === params.get("purchase_order")) && (
            <Alert variant="info">Purchase order {params.get("purchase_order")} has nothing left to ship: every accepted each is in a shipment already.</Alert>
          )}
          {shippable.data && !purchaseOrders.length && (
            <Text size="small" className="text-ui-fg-subtle">No acknowledged purchase order has eaches left to ship.</Text>
          )}
          <div className="flex flex-col gap-1" data-testid="vendor-shipment-pos">
            {purchaseOrders.map((po) => {
              const checkedPo = draft.poNumbers.includes(po.purchase_order_number)
              const otherFc = !checkedPo && fc !== null && po.ship_to_party_id !== fc
              const left = po.lines.reduce((sum, line) => sum + line.left_eaches, 0)
              return (
                <div key={po.id} className="flex items-center gap-2">
                  <Checkbox id={`po-${po.id}`} checked={checkedPo} disabled={otherFc} onCheckedChange={(value) => togglePo(po, value === true)} />
                  <Label htmlFor={`po-${po.id}`} size="small" className={otherFc ? "text-ui-fg-muted" : ""}>
                    {po.purchase_order_number} · to {po.ship_to_party_id ?? "–"} · {left} eaches left
                    {po.window_start ? ` · ${po.window_kind === "delivery" ? "deliver" : "ship"} ${formatShortDateTime(po.window_start)} – ${formatShortDateTime(po.window_end)}` : ""}
                  </Label>
                  {otherFc && <Text size="xsmall" className="text-ui-fg-subtle">goes to another FC; ship it separately</Text>}
                </div>
              )
            })}
          </div>
          {fc && <Text size="small">Ship to Amazon FC <span className="font-medium">{fc}</span></Text>}
        </div>
      </Container>

      <Container className="grid grid-cols-1 gap-4 md:grid-cols-3">
        <div className="flex flex-col gap-1">
          <Label size="small">Shipment type</Label>
          <Select value={draft.shipmentType} onValueChange={(value) => set({ shipmentType: value as VendorShipmentType })}>
            <Select.Trigger aria-label="Shipment type">
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              {SHIPMENT_TYPES.map((type) => (
                <Select.Item key={type} value={type}>
                  {SHIPMENT_TYPE_LABELS[type]}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
        </div>
        <div className="flex flex-col gap-1">
          <Label size="small" htmlFor="carrier-scac">Carrier SCAC</Label>
          <Input id="carrier-scac" placeholder="e.g. ABFS" value={draft.scac} onChange={(e) => set({ scac: e.target.value.toUpperCase() })} />
          <Problems problems={placed.fields.get("scac")} />
        </div>
        <div className="flex flex-col gap-1">
          <Label size="small" htmlFor="bill-of-lading">Bill of lading (BOL)</Label>
          <Input id="bill-of-lading" value={draft.bol} onChange={(e) => set({ bol: e.target.value })} />
          <Problems problems={placed.fields.get("bol")} />
        </div>
        <div className="flex flex-col gap-1">
          <Label size="small" htmlFor="shipped-at">Ship date</Label>
          <Input id="shipped-at" type="date" value={draft.shippedAt} onChange={(e) => set({ shippedAt: e.target.value })} />
        </div>
        <div className="flex flex-col gap-1">
          <Label size="small" htmlFor="delivery-at">Estimated delivery</Label>
          <Input id="delivery-at" type="date" value={draft.deliveryAt} onChange={(e) => set({ deliveryAt: e.target.value })} />
        </div>
        <div className="flex flex-col gap-1">
          <Label size="small" htmlFor="gross-weight">Gross weight</Label>
          <div className="flex gap-2">
            <Input id="gross-weight" type="number" min={0} step="any" value={draft.grossWeight} onChange={(e) => set({ grossWeight: e.target.value })} />
            <Select value={draft.unit} onValueChange={(value) => set({ unit: value as WeightUnit })}>
              <Select.Trigger className="w-24" aria-label="Weight unit">
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                {WEIGHT_UNITS.map((unit) => (
                  <Select.Item key={unit} value={unit}>
                    {unit}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select>
          </div>
        </div>
      </Container>

      {lines.length > 0 && (
        <Container className="p-0">
          <div className="px-6 py-4">
            <Heading level="h2">Lines to ship</Heading>
          </div>
          <Table data-testid="vendor-shipment-lines">
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>PO · line</Table.HeaderCell>
                <Table.HeaderCell>Product</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Accepted</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Already shipped</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Left</Table.HeaderCell>
                <Table.HeaderCell className="text-right">In this shipment</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {lines.map((line) => {
                const inShipment = packed.get(lineKeyOf(line)) ?? 0
                const lineProblems = placed.lines.get(lineKeyOf(line))
                return (
                  <Table.Row key={lineKeyOf(line)} className="align-top" data-testid={`vendor-shipment-line-${line.purchase_order_number}-${line.item_sequence_number}`}>
                    <Table.Cell className="py-2">{line.purchase_order_number} · {line.item_sequence_number}</Table.Cell>
                    <Table.Cell className="py-2">
                      <div>{line.vendor_product_id ?? "–"}</div>
                      <Text size="xsmall" className="text-ui-fg-subtle">ASIN {line.asin ?? "–"}</Text>
                      {lineProblems && <div className="max-w-[520px] whitespace-normal"><Problems problems={lineProblems} /></div>}
                    </Table.Cell>
                    <Table.Cell className="py-2 text-right">{line.accepted_eaches}</Table.Cell>
                    <Table.Cell className="py-2 text-right">{line.shipped_eaches}</Table.Cell>
                    <Table.Cell className="py-2 text-right">{line.left_eaches}</Table.Cell>
                    <Table.Cell className={`py-2 text-right ${inShipment > line.left_eaches ? "text-ui-fg-error font-medium" : ""}`}>{inShipment}</Table.Cell>
                  </Table.Row>
                )
              })}
            </Table.Body>
          </Table>
        </Container>
      )}

      <Container className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <div>
            <Heading level="h2">Packing</Heading>
            <Text size="small" className="text-ui-fg-subtle">Cartons on pallets, cartons alone, or pallets of loose items. SSCCs are assigned when you save.</Text>
          </div>
          <div className="flex gap-2">
            <Button size="small" variant="secondary" onClick={addPallet} disabled={!lines.length}>
              Add pallet
            </Button>
            <Button size="small" variant="secondary" onClick={() => addCarton(null)} disabled={!lines.length}>
              Add carton
            </Button>
          </div>
        </div>
        {!draft.pallets.length && !draft.cartons.length && (
          <Text size="small" className="text-ui-fg-subtle">{lines.length ? "Nothing packed yet: add a pallet or a carton." : "Choose the purchase orders first."}</Text>
        )}
        {draft.pallets.map((pallet) => (
          <div key={pallet.key} className="bg-ui-bg-subtle border-ui-border-base flex flex-col gap-3 rounded-lg border p-3" data-testid={`vendor-pallet-${pallet.reference}`}>
            <div className="flex flex-wrap items-center gap-2">
              <Text size="small" weight="plus">Pallet</Text>
              <Input className="w-24" aria-label={`Name of pallet ${pallet.reference}`} value={pallet.reference} onChange={(e) => updatePallet(pallet.key, { reference: e.target.value })} />
              <Input className="w-28" type="number" min={0} step="any" placeholder={`Weight (${draft.unit})`} aria-label={`Weight of pallet ${pallet.reference}`} value={pallet.weight} onChange={(e) => updatePallet(pallet.key, { weight: e.target.value })} />
              <Text size="xsmall" className="text-ui-fg-subtle">{draft.unit}</Text>
              <Text size="xsmall" className="text-ui-fg-subtle">· {countText(draft.cartons.filter((carton) => carton.pallet === pallet.key).length, "carton")}</Text>
              <div className="ml-auto flex gap-1">
                <Button size="small" variant="secondary" onClick={() => addCarton(pallet.key)}>
                  Add carton
                </Button>
                <Button size="small" variant="secondary" onClick={() => updatePallet(pallet.key, { items: [...pallet.items, ...defaultItem()] })} disabled={!lines.length}>
                  Add loose item
                </Button>
                <Button size="small" variant="transparent" onClick={() => removePallet(pallet.key)}>
                  Remove pallet
                </Button>
              </div>
            </div>
            <Problems problems={placed.pallets.get(pallet.key)} testId={`vendor-pallet-problems-${pallet.reference}`} />
            {pallet.items.length > 0 && <ItemRows items={pallet.items} lines={lines} owner={`pallet ${pallet.reference}`} onChange={(items) => updatePallet(pallet.key, { items })} />}
            <div className="flex flex-col gap-2 pl-4">{draft.cartons.filter((carton) => carton.pallet === pallet.key).map(renderCarton)}</div>
          </div>
        ))}
        {looseCartons.length > 0 && (
          <div className="flex flex-col gap-2">
            {draft.pallets.length > 0 && <Text size="small" weight="plus">Cartons not on a pallet</Text>}
            {looseCartons.map(renderCarton)}
          </div>
        )}
      </Container>

      <Container className="flex flex-col gap-2">
        <Problems problems={placed.general} testId="vendor-shipment-general-problems" />
        {saveError && <Alert variant="error" data-testid="vendor-shipment-save-error">{saveError}</Alert>}
        <div className="flex items-center justify-end gap-3">
          <Text size="small" data-testid="vendor-shipment-validation" className={current && !problems.length ? "text-ui-fg-interactive" : "text-ui-fg-subtle"}>
            {!body || (!draft.pallets.length && !draft.cartons.length)
              ? "Pack something to check it."
              : !current
                ? "Checking…"
                : problems.length
                  ? `${problems.length} problem${problems.length === 1 ? "" : "s"} to fix before saving.`
                  : "Amazon's rules are met: ready to save."}
          </Text>
          <Button onClick={save} isLoading={create.isPending} disabled={!current || problems.length > 0}>
            Save shipment
          </Button>
        </div>
      </Container>
    </div>
  )
}

export default VendorShipmentBuilderPage
