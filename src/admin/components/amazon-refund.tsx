import { Alert, Badge, Button, Drawer, Input, Label, Select, Text, Textarea, toast } from "@medusajs/ui"
import { useState } from "react"
import { errorMessage, type AmazonOrderItem } from "../lib/api"
import {
  REFUND_COMPONENT_TYPES,
  REFUND_REASON_OPTIONS,
  refundReasonLabel,
  useOrderRefunds,
  useRefundThroughAmazon,
  type FeedMessage,
  type RefundBody,
  type RefundComponentType,
  type RefundLineBody,
  type RefundReason,
} from "../lib/feeds-api"
import { formatDateTime } from "../lib/format"
import { AmazonReasonSelect } from "./amazon-reason-select"

const COMPONENT_LABELS: Record<RefundComponentType, string> = { Principal: "Item price", Tax: "Item tax", Shipping: "Shipping", ShippingTax: "Shipping tax" }

/**
 * Refunds of the order sent to Amazon: each one's state (waiting, refunded by Amazon, or refused with Amazon's
 * reason, in which case the Medusa refund is marked as not made) and the "Refund through Amazon" dialog.
 */
export function AmazonRefundSection({ orderId, amazonOrderId, items, refundable }: { orderId: string; amazonOrderId: string; items: AmazonOrderItem[]; refundable: boolean }) {
  const { data: refunds = [] } = useOrderRefunds(orderId)
  if (!refundable && !refunds.length) return null
  return (
    <div className="flex flex-col gap-y-3 px-6 py-4" data-testid="amazon-refunds">
      {refunds.map((refund) => (
        <RefundRow key={refund.id} refund={refund} />
      ))}
      {refundable && <RefundDrawer orderId={orderId} amazonOrderId={amazonOrderId} items={items} />}
    </div>
  )
}

function componentsText(refund: FeedMessage): string {
  return (refund.payload?.items ?? [])
    .map((item) => `item ${item.orderItemId}${item.quantity ? ` × ${item.quantity}` : ""}: ${item.components.map((c) => `${COMPONENT_LABELS[c.type as RefundComponentType] ?? c.type} ${c.amount}`).join(", ")}`)
    .join("; ")
}

function RefundRow({ refund }: { refund: FeedMessage }) {
  const what = `${refundReasonLabel(refund.cancel_reason)}, ${componentsText(refund)} ${refund.payload?.currency ?? ""}`
  if (refund.status === "rejected") {
    return (
      <Alert variant="error" data-testid="amazon-refund-rejected">
        Amazon did not make the refund of {formatDateTime(refund.created_at)} ({what}). {refund.error} The Medusa refund is marked “NOT REFUNDED BY
        AMAZON”: the buyer did not get this money back.
      </Alert>
    )
  }
  return (
    <div className="flex items-start justify-between gap-x-2" data-testid="amazon-refund">
      <Text size="small">
        Refund {formatDateTime(refund.created_at)}: {what}
      </Text>
      <Badge size="2xsmall" color={refund.status === "accepted" ? "green" : "orange"}>
        {refund.status === "accepted" ? "Refunded by Amazon" : "Waiting for Amazon"}
      </Badge>
    </div>
  )
}

type Mode = "whole_order" | "amount" | "lines"
type LineDraft = { quantity: string; amounts: Partial<Record<RefundComponentType, string>> }

function RefundDrawer({ orderId, amazonOrderId, items }: { orderId: string; amazonOrderId: string; items: AmazonOrderItem[] }) {
  const [open, setOpen] = useState(false)
  const [mode, setMode] = useState<Mode>("lines")
  const [reason, setReason] = useState<RefundReason | "">("")
  const [amount, setAmount] = useState("")
  const [note, setNote] = useState("")
  const [lines, setLines] = useState<Record<string, LineDraft>>({})
  const refund = useRefundThroughAmazon(orderId)

  const lineBodies: RefundLineBody[] = items
    .map((item) => {
      const draft = lines[item.order_item_id]
      if (!draft) return null
      const amounts = Object.fromEntries(Object.entries(draft.amounts).filter(([, value]) => value && value.trim()))
      const quantity = draft.quantity.trim() ? Number(draft.quantity) : undefined
      if (quantity === undefined && !Object.keys(amounts).length) return null
      return { order_item_id: item.order_item_id, ...(quantity !== undefined ? { quantity } : {}), ...(Object.keys(amounts).length ? { amounts } : {}) }
    })
    .filter((line): line is RefundLineBody => !!line)
  const ready = !!reason && (mode === "whole_order" || (mode === "amount" && !!amount.trim()) || (mode === "lines" && lineBodies.length > 0))

  const submit = async () => {
    if (!reason) return
    const base = { reason, ...(note.trim() ? { note: note.trim() } : {}) }
    const body: RefundBody =
      mode === "whole_order" ? { ...base, whole_order: true } : mode === "amount" ? { ...base, amount: amount.trim() } : { ...base, lines: lineBodies }
    try {
      const result = await refund.mutateAsync(body)
      toast.success(`Refund of ${result.refund.amount} recorded for order ${amazonOrderId}.`, { description: "Amazon receives it with the next feed and refunds the buyer." })
      setOpen(false)
      setLines({})
      setAmount("")
      setNote("")
    } catch (error) {
      toast.error(errorMessage(error))
    }
  }

  const setLine = (code: string, change: (draft: LineDraft) => LineDraft) =>
    setLines((current) => ({ ...current, [code]: change(current[code] ?? { quantity: "", amounts: {} }) }))

  return (
    <Drawer open={open} onOpenChange={setOpen}>
      <Drawer.Trigger asChild>
        <Button size="small" variant="secondary" className="self-start">
          Refund through Amazon
        </Button>
      </Drawer.Trigger>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>Refund order {amazonOrderId} through Amazon</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
          <Text size="small">
            Medusa records the refund now; Amazon refunds the buyer when it processes the next feed. Amazon refuses anything above what the buyer paid
            per line and price component, so the plugin refuses it first.
          </Text>
          <div className="flex flex-col gap-y-2">
            <Label htmlFor="amazon-refund-mode">What to refund</Label>
            <Select value={mode} onValueChange={(value) => setMode(value as Mode)}>
              <Select.Trigger id="amazon-refund-mode" aria-label="What to refund">
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                <Select.Item value="lines">Per line (quantity or amounts)</Select.Item>
                <Select.Item value="amount">An amount, shared over the lines</Select.Item>
                <Select.Item value="whole_order">Everything not refunded yet</Select.Item>
              </Select.Content>
            </Select>
          </div>
          {mode === "amount" && (
            <div className="flex flex-col gap-y-2">
              <Label htmlFor="amazon-refund-amount">Amount</Label>
              <Input id="amazon-refund-amount" inputMode="decimal" placeholder="12.50" value={amount} onChange={(event) => setAmount(event.target.value)} />
              <Text size="xsmall" className="text-ui-fg-subtle">
                Shared over what is still refundable per line and component, in proportion.
              </Text>
            </div>
          )}
          {mode === "lines" &&
            items.map((item) => {
              const draft = lines[item.order_item_id] ?? { quantity: "", amounts: {} }
              return (
                <div key={item.order_item_id} className="flex flex-col gap-y-2 rounded-md border p-3" data-testid="amazon-refund-line">
                  <Text size="small" weight="plus">
                    {item.title ?? item.seller_sku ?? item.order_item_id} <span className="text-ui-fg-subtle">× {item.quantity_ordered}</span>
                  </Text>
                  <div className="grid grid-cols-5 gap-2">
                    <div className="flex flex-col gap-y-1">
                      <Label size="xsmall" htmlFor={`amazon-refund-${item.order_item_id}-units`}>
                        Units
                      </Label>
                      <Input id={`amazon-refund-${item.order_item_id}-units`} size="small" inputMode="numeric" value={draft.quantity} onChange={(event) => setLine(item.order_item_id, (d) => ({ ...d, quantity: event.target.value }))} />
                    </div>
                    {REFUND_COMPONENT_TYPES.map((type) => (
                      <div key={type} className="flex flex-col gap-y-1">
                        <Label size="xsmall" htmlFor={`amazon-refund-${item.order_item_id}-${type}`}>
                          {COMPONENT_LABELS[type]}
                        </Label>
                        <Input
                          id={`amazon-refund-${item.order_item_id}-${type}`}
                          size="small"
                          inputMode="decimal"
                          value={draft.amounts[type] ?? ""}
                          onChange={(event) => setLine(item.order_item_id, (d) => ({ ...d, amounts: { ...d.amounts, [type]: event.target.value } }))}
                        />
                      </div>
                    ))}
                  </div>
                </div>
              )
            })}
          <AmazonReasonSelect id="amazon-refund-reason" ariaLabel="Refund reason" value={reason} options={REFUND_REASON_OPTIONS} onChange={setReason} />
          <div className="flex flex-col gap-y-2">
            <Label htmlFor="amazon-refund-note">Note (shown on the Medusa refund)</Label>
            <Textarea id="amazon-refund-note" value={note} onChange={(event) => setNote(event.target.value)} />
          </div>
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button size="small" variant="secondary">
              Close
            </Button>
          </Drawer.Close>
          <Button size="small" disabled={!ready} isLoading={refund.isPending} onClick={submit}>
            Refund
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
